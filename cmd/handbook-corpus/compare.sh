#!/usr/bin/env bash
# Times `handbook build` against Hugo on the same synthetic corpora, as BENCHMARKS.md
# reports: full builds into an empty destination, the tools run alternately (the first
# tool of each round rotates), one untimed warm-up run of each, then RUNS timed runs;
# wall time, CPU time (user + sys) and peak RSS from GNU time; medians per size and tool.
#
# Run from the repository root:
#
#   bash cmd/handbook-corpus/compare.sh
#   RUNS=7 SIZES="1000 10000" HUGOS="hugo /tmp/hugo-latest/bin/hugo" bash cmd/handbook-corpus/compare.sh
#   CORPUS_FLAGS="-shape realistic" bash cmd/handbook-corpus/compare.sh
#
# CORPUS_FLAGS are given to handbook-corpus as they are (shape flags such as
# "-shape realistic" or "-principles 50 -questions 0.7"; see its doc), so the comparison
# can be run on any shape of corpus; the summary names them.
#
# Needs: Go, GNU time (/usr/bin/time, Debian package "time"), and each Hugo binary named in
# HUGOS (default: hugo on PATH, e.g. Debian's package). HANDBOOK_BIN times a handbook
# binary built earlier instead of building ./cmd/handbook. Results go to
# $WORK/results.tsv (one line per run) and $WORK/summary.md (the medians).
#
# Sites are written under $WORK on disk, each run into a new folder, all removed once a
# size is done: removing a large site just before the next run makes the next run's file
# creation much slower on some disks, which would be measured instead of the tools.
# DEST_ROOT=/dev/shm writes them to memory instead (each removed after its run), which
# measures the tools without the disk.
#
# On a shared machine, each run first waits (up to QUIET_WAIT seconds, default 120) until
# the CPUs have been less than QUIET percent busy (default 10) for a second; the busy
# share seen just before the run is recorded with it.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 10000 50000"}
HUGOS=${HUGOS:-hugo}
SEED=${SEED:-1}
WORK=${WORK:-/tmp/handbook-bench}
TIME=${TIME:-/usr/bin/time}
DEST_ROOT=${DEST_ROOT:-$WORK}
CORPUS_FLAGS=${CORPUS_FLAGS:-}

mkdir -p "$WORK"
if [ -n "${HANDBOOK_BIN:-}" ]; then
  cp "$HANDBOOK_BIN" "$WORK/handbook"
else
  go build -o "$WORK/handbook" ./cmd/handbook
fi
go build -o "$WORK/handbook-corpus" ./cmd/handbook-corpus

# tool names: "handbook" and one per Hugo binary, "hugo-<version>"
tools=(handbook)
declare -A hugo_bin
for h in $HUGOS; do
  v=$("$h" version | grep -o 'v0\.[0-9]*\.[0-9]*' | head -1)
  tools+=("hugo-$v")
  hugo_bin["hugo-$v"]=$h
done

results="$WORK/results.tsv"
printf 'pages\ttool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kb\thtml_pages\tbusy_before_pct\n' > "$results"

busy() { # percent of the CPUs' time not idle over the next second
  local a b
  read -r -a a < /proc/stat
  sleep 1
  read -r -a b < /proc/stat
  local total=0 idle=$(((b[4] + b[5]) - (a[4] + a[5])))
  for k in 1 2 3 4 5 6 7 8; do total=$((total + b[k] - a[k])); done
  echo $((total > 0 ? 100 * (total - idle) / total : 0))
}

wait_quiet() { # prints the busy share when the machine is quiet, or after QUIET_WAIT s
  local start=$SECONDS pct
  while pct=$(busy) && [ "$pct" -gt "${QUIET:-10}" ] && [ $((SECONDS - start)) -lt "${QUIET_WAIT:-120}" ]; do :; done
  echo "$pct"
}

run_tool() { # size tool run -> appends a line to results
  local n=$1 tool=$2 run=$3 dest="$DEST_ROOT/out-$2-$1-$3"
  sync
  local quiet
  quiet=$(wait_quiet)
  if [ "$tool" = handbook ]; then
    "$TIME" -f '%e %U %S %M' -o "$WORK/time.txt" \
      "$WORK/handbook" build --strict --source "$WORK/corpus-$n" --dest "$dest" > /dev/null
  else
    "$TIME" -f '%e %U %S %M' -o "$WORK/time.txt" \
      "${hugo_bin[$tool]}" --quiet --minify -s "$WORK/hugo-$n" -d "$dest"
  fi
  local pages
  pages=$(find "$dest" -name '*.html' | wc -l)
  if [ "$DEST_ROOT" != "$WORK" ]; then rm -rf "$dest"; fi
  read -r wall user sys rss < "$WORK/time.txt"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$run" "$wall" "$user" "$sys" "$rss" "$pages" "$quiet" >> "$results"
  echo "  $n $tool run $run: ${wall}s wall, $(echo "$user $sys" | awk '{print $1+$2}')s CPU, $((rss / 1024)) MB, $pages pages (CPUs ${quiet}% busy before)"
}

for n in $SIZES; do
  echo "== $n pages"
  # shellcheck disable=SC2086 # CORPUS_FLAGS are words on purpose
  "$WORK/handbook-corpus" -pages "$n" -seed "$SEED" -out "$WORK/corpus-$n" -hugo "$WORK/hugo-$n" -force $CORPUS_FLAGS
  for tool in "${tools[@]}"; do run_tool "$n" "$tool" 0; done # warm-up, not counted
  for run in $(seq 1 "$RUNS"); do
    k=${#tools[@]}
    for j in $(seq 0 $((k - 1))); do
      run_tool "$n" "${tools[$(((run + j) % k))]}" "$run"
    done
  done
  for tool in "${tools[@]}"; do rm -rf "$DEST_ROOT/out-$tool-$n-"*; done
done

# Medians of the timed runs (run > 0).
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
{
  echo "Corpus: handbook-corpus -seed $SEED ${CORPUS_FLAGS:-(default shape)}"
  echo
  echo "| pages | tool | wall (s) | CPU user+sys (s) | peak RSS (MB) | pages/s (wall) | runs |"
  echo "|---:|---|---:|---:|---:|---:|---:|"
  for n in $SIZES; do
    for tool in "${tools[@]}"; do
      sel() { awk -F'\t' -v n="$n" -v t="$tool" 'NR > 1 && $1 == n && $2 == t && $3 > 0' "$results"; }
      wall=$(sel | cut -f4 | median)
      cpu=$(sel | awk -F'\t' '{print $5 + $6}' | median)
      rss=$(sel | cut -f7 | median)
      runs=$(sel | wc -l)
      pages=$(sel | head -1 | cut -f8)
      awk -v n="$n" -v t="$tool" -v w="$wall" -v c="$cpu" -v r="$rss" -v p="$pages" -v k="$runs" \
        'BEGIN {printf "| %d | %s | %.2f | %.2f | %.0f | %.0f | %d |\n", n, t, w, c, r/1024, p/w, k}'
    done
  done
} | tee "$WORK/summary.md"
