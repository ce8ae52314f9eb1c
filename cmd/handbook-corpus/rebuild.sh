#!/usr/bin/env bash
# Times `handbook build` into a new folder (fresh) against the same build into the folder
# the previous build wrote (same), as BENCHMARKS.md reports: RUNS rounds, each one fresh
# and one same-folder build of every binary named, in turn, so that all meet the same
# load; wall time and CPU time (user + sys) from GNU time, and the load average before
# each run; medians per binary and kind.
#
# Run from the repository root:
#
#   bash cmd/handbook-corpus/rebuild.sh
#   RUNS=7 PAGES=10000 BINS="/tmp/handbook-before /tmp/handbook-after" bash cmd/handbook-corpus/rebuild.sh
#
# Needs: Go and GNU time (/usr/bin/time, Debian package "time"). BINS defaults to a
# binary built from ./cmd/handbook. Results go to $WORK/results.tsv (one line per run) and
# $WORK/summary.md (the medians).
#
# Each binary's same-folder destination is built twice, untimed, before the first round,
# so that every timed rebuild finds what a rebuild in use finds: the previous site, and
# whatever the build before left beside it. Fresh sites are kept until the end (and the
# caches flushed with sync before each run): removing a large site just before a run
# makes that run's file creation slower on some disks, which would be measured instead.
# Sites are written under $WORK, on disk: put it on the disk to measure, not on tmpfs.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
PAGES=${PAGES:-10000}
WORK=${WORK:-/tmp/handbook-rebuild}
mkdir -p "$WORK"
if [ -z "${BINS:-}" ]; then
  go build -o "$WORK/handbook" ./cmd/handbook
  BINS="$WORK/handbook"
fi
corpus="$WORK/corpus-$PAGES"
[ -d "$corpus" ] || go run ./cmd/handbook-corpus -pages "$PAGES" -out "$corpus" >/dev/null

results="$WORK/results.tsv"
printf 'binary\tkind\trun\twall_s\tcpu_s\tload1\n' >"$results"
i=0
for bin in $BINS; do
  i=$((i + 1))
  rm -rf "$WORK/out$i"
  mkdir -p "$WORK/out$i"
  for _ in 1 2; do "$bin" build --strict --source "$corpus" --dest "$WORK/out$i/same" >/dev/null 2>&1; done
done

# timed BIN N KIND DEST RUN: one build, appended to results.tsv.
timed() {
  sync
  sleep 2
  local load wall user sys
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$WORK/time.txt" -f '%e %U %S' "$1" build --strict --source "$corpus" --dest "$4" >/dev/null 2>&1
  read -r wall user sys <"$WORK/time.txt"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$3" "$5" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$load" | tee -a "$results"
}

for run in $(seq 1 "$RUNS"); do
  i=0
  for bin in $BINS; do
    i=$((i + 1))
    timed "$bin" "$i" fresh "$WORK/out$i/fresh$run" "$run"
    timed "$bin" "$i" same "$WORK/out$i/same" "$run"
  done
done

# median FILTER COLUMN: the median of a column over the runs the awk filter selects.
median() {
  awk -F'\t' "NR > 1 && $1 { print \$$2 }" "$results" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
{
  echo "| binary | fresh: wall / CPU | same folder: wall / CPU | same/fresh (wall) | load average (1 min) |"
  echo "|---|---|---|---|---|"
  for bin in $BINS; do
    fw=$(median "\$1 == \"$bin\" && \$2 == \"fresh\"" 4)
    fc=$(median "\$1 == \"$bin\" && \$2 == \"fresh\"" 5)
    sw=$(median "\$1 == \"$bin\" && \$2 == \"same\"" 4)
    sc=$(median "\$1 == \"$bin\" && \$2 == \"same\"" 5)
    load=$(awk -F'\t' -v b="$bin" 'NR > 1 && $1 == b { print $6 }' "$results" | sort -g | sed -n '1p;$p' | paste -sd- -)
    echo "| $(basename "$bin") | $fw s / $fc s | $sw s / $sc s | $(awk -v s="$sw" -v f="$fw" 'BEGIN { printf "%.2f", s / f }') | $load |"
  done
} | tee "$WORK/summary.md"
for i in $(seq 1 "$(echo "$BINS" | wc -w)"); do rm -rf "$WORK/out$i"; done
