#!/usr/bin/env bash
# Replicated key creation: a dev cluster of NODES node processes on this machine, and
# `clavis bench --op create-key` through the SDK (every node in --server) at each concurrency.
# Usage: bench/replicated-writes.sh [DURATION_SECONDS] [CONCURRENCY...]
#   e.g. bench/replicated-writes.sh 15 16 64 256
# NODES (default 3) sets the cluster size; WARMUP (default 90) the seconds of unmeasured load
# with 64 workers before any measurement (three fresh JVMs sharing two cores keep their
# JIT compilers busy for a minute or more); CLAVIS_DEV_OPTS adds options to `clavis dev`.
# Every worker sends to node1 (the SDK's preferred node; the first leader) unless SPREAD=1: then
# workers prefer each node in turn (`clavis bench --spread`), and followers pass writes on.
# Prints one JSON line per concurrency: {concurrency, opsPerSec, p50Ms, p99Ms, errors}; with
# SWEEP_TSV=FILE each is also appended to FILE as "replicated-create concurrency ops/s p99-ms"
# (for bench/plot.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
DURATION="${1:-15}"
shift || true
LEVELS=("${@:-64}")
[ ${#LEVELS[@]} -gt 0 ] || LEVELS=(64)
NODES="${NODES:-3}"
WARMUP="${WARMUP:-90}"

SPREAD_OPTION=()
[ "${SPREAD:-0}" = 1 ] && SPREAD_OPTION=(--spread)

WORK="$(mktemp -d)"
start_dev_cluster "$NODES"
VAULT="$("$ROOT/bin/clavis" vault create bench -o json | field id)"
echo "replicated key creation: $NODES nodes ($CLAVIS_SERVER), ${WARMUP}s warm-up," \
  "${DURATION}s per level" >&2
"$ROOT/bin/clavis" bench --op create-key --vault "$VAULT" --concurrency 64 \
  --duration "$WARMUP" --warmup 0 "${SPREAD_OPTION[@]}" -o json >/dev/null
for c in "${LEVELS[@]}"; do
  line="$("$ROOT/bin/clavis" bench --op create-key --vault "$VAULT" --concurrency "$c" \
    --duration "$DURATION" --warmup 5 "${SPREAD_OPTION[@]}" -o json \
    | tr -d '\n ' \
    | sed 's/.*"ops":\([0-9]*\),"errors":\([0-9]*\),"opsPerSec":\([0-9.]*\),"p50Ms":\([0-9.]*\),"p99Ms":\([0-9.]*\).*/{"concurrency":'"$c"',"opsPerSec":\3,"p50Ms":\4,"p99Ms":\5,"errors":\2}/')"
  echo "$line"
  if [ -n "${SWEEP_TSV:-}" ]; then
    echo "$line" | sed 's/.*"opsPerSec":\([0-9.]*\),"p50Ms":[0-9.]*,"p99Ms":\([0-9.]*\).*/replicated-create '"$c"' \1 \2/' >>"$SWEEP_TSV"
  fi
done
