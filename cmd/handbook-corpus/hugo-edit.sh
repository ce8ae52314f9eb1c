#!/usr/bin/env bash
# Hugo's rebuild time after a one-file edit, for comparison with the dev server's
# save-to-reload benchmark (BenchmarkSaveToReload). It runs `hugo server` on a copy of a
# Hugo site written by handbook-corpus -hugo, appends a sentence to one principle's
# source EDITS times, each once the previous rebuild is done, and prints Hugo's own
# "Total in N ms" line of every rebuild.
#
#   HUGO=/path/to/hugo SITE=/tmp/handbook-bench/hugo-10000 EDITS=7 bash cmd/handbook-corpus/hugo-edit.sh
set -euo pipefail
HUGO=${HUGO:-hugo}
SITE=${SITE:-/tmp/handbook-bench/hugo-10000}
EDITS=${EDITS:-7}
PORT=${PORT:-1414}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$SITE" "$work/site"
name=$(ls "$work/site/content/principles" | grep -v _index | head -1)
file="$work/site/content/principles/$name/_index.md"
log="$work/server.log"
"$HUGO" server -s "$work/site" --bind 127.0.0.1 --port "$PORT" > "$log" 2>&1 &
pid=$!
waitfor() { # pattern count: waits until the log holds count lines matching pattern
  local deadline=$((SECONDS + 600))
  until [ "$(grep -c "$1" "$log" || true)" -ge "$2" ]; do
    [ $SECONDS -lt $deadline ] || { echo "hugo did not log $1" >&2; cat "$log" >&2; exit 1; }
    sleep 0.2
  done
}
waitfor "Web Server is available" 1
for i in $(seq 1 "$EDITS"); do
  before=$(grep -c "Total in" "$log" || true)
  echo "Edited sentence number $i." >> "$file"
  waitfor "Total in" $((before + 1))
  sleep 1
done
grep -E "Built in|Total in" "$log"
