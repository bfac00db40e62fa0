#!/usr/bin/env bash
# Throughput and p99 latency against concurrency, as a PNG, from the measurements that
# bench/rest-wrk.sh and bench/replicated-writes.sh append to SWEEP_TSV.
# Usage: bench/plot.sh TSV OPERATION TITLE OUT.png
#   e.g. bench/plot.sh sweep.tsv encrypt "REST encrypt, 1 KiB, one node" docs/images/encrypt.png
# Needs gnuplot (apt-get install gnuplot-nox).
set -euo pipefail
[ $# -eq 4 ] || { sed -n '2,6p' "$0" >&2; exit 2; }
TSV="$1" OP="$2" TITLE="$3" OUT="$4"
command -v gnuplot >/dev/null || { echo "plot: needs gnuplot (apt-get install gnuplot-nox)" >&2; exit 1; }
DATA="$(mktemp)"
trap 'rm -f "$DATA"' EXIT
awk -v op="$OP" '$1 == op {print $2, $3, $4}' "$TSV" | sort -n >"$DATA"
[ -s "$DATA" ] || { echo "plot: no $OP measurements in $TSV" >&2; exit 1; }
gnuplot <<GP
set terminal pngcairo size 900,520 font "DejaVu Sans,11"
set output "$OUT"
set title "$TITLE"
set logscale x 2
set xlabel "requests in flight (connections / workers)"
set ylabel "throughput (per second)"
set y2label "p99 latency (ms)"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set grid xtics ytics
set key top left
plot "$DATA" using 1:2 with linespoints lw 2 pt 7 title "throughput", \
     "$DATA" using 1:3 axes x1y2 with linespoints lw 2 pt 5 dt 2 title "p99 latency"
GP
echo "$OUT"
