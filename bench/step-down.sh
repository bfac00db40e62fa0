#!/usr/bin/env bash
# What a leadership transfer costs writers: a dev cluster of three node processes, `clavis bench
# --op create-key` through every node, once undisturbed and once while leadership is handed over
# (POST /v1/cluster/step-down) every INTERVAL seconds.
# Usage: bench/step-down.sh [DURATION_SECONDS] [CONCURRENCY]      e.g. bench/step-down.sh 30 16
# WARMUP (default 60) sets the seconds of unmeasured load first, INTERVAL (default 5) the time
# between transfers. Prints one JSON line per run: {run, transfers, opsPerSec, p99Ms, p999Ms,
# maxMs, errors}, and the time each transfer took as seen by its caller.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
DURATION="${1:-30}"
CONCURRENCY="${2:-16}"
WARMUP="${WARMUP:-60}"
INTERVAL="${INTERVAL:-5}"

WORK="$(mktemp -d)"
start_dev_cluster 3
FIRST="${CLAVIS_SERVER%%,*}"
VAULT="$("$ROOT/bin/clavis" vault create bench -o json | field id)"
echo "step-down: 3 nodes, $CONCURRENCY writers, ${WARMUP}s warm-up, ${DURATION}s per run," \
  "a transfer every ${INTERVAL}s in the second run" >&2
"$ROOT/bin/clavis" bench --op create-key --vault "$VAULT" --concurrency "$CONCURRENCY" \
  --duration "$WARMUP" --warmup 0 -o json >/dev/null

# One run of creations for DURATION seconds: prints its JSON line, with $2 as its transfers.
run() {
  local name="$1" transfers="$2"
  "$ROOT/bin/clavis" bench --op create-key --vault "$VAULT" --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --warmup 0 -o json \
    | tee "$WORK/$name.json" \
    | tr -d '\n ' \
    | sed 's/.*"ops":\([0-9]*\),"errors":\([0-9]*\),"opsPerSec":\([0-9.]*\),.*"p99Ms":\([0-9.]*\),"p999Ms":\([0-9.]*\),"maxMs":\([0-9.]*\).*"errorsByCode":\({[^}]*}\).*/{"run":"'"$name"'","transfers":'"$transfers"',"opsPerSec":\3,"p99Ms":\4,"p999Ms":\5,"maxMs":\6,"errors":\2,"errorsByCode":\7}/'
  echo
}

run undisturbed 0

TRANSFERS="$WORK/transfers"
: >"$TRANSFERS"
(
  sleep "$INTERVAL"
  end=$((SECONDS + DURATION - INTERVAL))
  while [ "$SECONDS" -lt "$end" ]; do
    curl -s -o "$WORK/transfer.json" -w '%{http_code} %{time_total}\n' --cacert "$CLAVIS_CACERT" \
      -H "Authorization: Bearer $CLAVIS_TOKEN" -X POST "$FIRST/v1/cluster/step-down" \
      >>"$TRANSFERS" || true # a failed call is recorded by -w as HTTP 000
    sleep "$INTERVAL"
  done
) &
STEPPER=$!
trap 'kill $STEPPER $DEV 2>/dev/null; wait $DEV 2>/dev/null || true; rm -rf "$WORK"' EXIT
line="$(run step-down N)"
wait $STEPPER
echo "${line/\"transfers\":N/\"transfers\":$(awk '$1 == 200' "$TRANSFERS" | wc -l)}"
awk '{printf "transfer: HTTP %s in %.0f ms\n", $1, $2 * 1000}' "$TRANSFERS" >&2
sed -n 's/.*"firstError" *: *"\([^"]*\)".*/first error: \1/p' "$WORK/step-down.json" >&2
