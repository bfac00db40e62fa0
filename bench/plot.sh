#!/usr/bin/env bash
# Throughput and p99 latency against concurrency, as a PNG, from the measurements that
# bench/rest-wrk.sh and bench/replicated-writes.sh append to SWEEP_TSV.
# Usage: bench/plot.sh TSV TITLE OUT.png OPERATION...
#   e.g. bench/plot.sh sweep.tsv "REST encrypt, 1 KiB, one node" docs/images/encrypt.png encrypt nginx
# Needs gnuplot (apt-get install gnuplot-nox).
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,6p' "$0" >&2; exit 2; }
TSV="$1" TITLE="$2" OUT="$3"
shift 3
command -v gnuplot >/dev/null || { echo "plot: needs gnuplot (apt-get install gnuplot-nox)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PLOTS=()
for op in "$@"; do
  awk -v op="$op" '$1 == op {print $2, $3, $4}' "$TSV" | sort -n >"$WORK/$op.dat"
  [ -s "$WORK/$op.dat" ] || { echo "plot: no $op measurements in $TSV" >&2; exit 1; }
  PLOTS+=("\"$WORK/$op.dat\" using 1:2 with linespoints lw 2 pt 7 title \"$op: throughput\"")
  PLOTS+=("\"$WORK/$op.dat\" using 1:3 axes x1y2 with linespoints lw 2 pt 5 dt 2 title \"$op: p99 latency\"")
done
PLOT="$(printf '%s, ' "${PLOTS[@]}")"
gnuplot <<GP
set terminal pngcairo size 900,520 font "DejaVu Sans,11"
set output "$OUT"
set title "$TITLE"
set logscale x 2
set xlabel "requests in flight (connections or workers)"
set ylabel "throughput (per second)"
set y2label "p99 latency (ms)"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set grid xtics ytics
set key top left
plot ${PLOT%, }
GP
echo "$OUT"
