#!/usr/bin/env bash
# Crypto traffic over many keys while other keys are being created: one dev node, KEYS AES-256
# keys (default 10000), then wrk encrypting 1 KiB under a random one of them (64 connections),
# first alone and then while `clavis bench --op create-key` (WRITERS workers, default 8) creates
# keys in the same vault. Prints, for each phase, encrypt req/s, p99 and non-2xx answers,
# creations/s and failures, and the key record cache's hit ratio over the phase (from /metrics):
# a creation must not cost the encrypt traffic its cached keys.
# Usage: bench/mixed-load.sh [DURATION_SECONDS]   (default 15)   Needs wrk and curl.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
DURATION="${1:-15}"
KEYS="${KEYS:-10000}"
WRITERS="${WRITERS:-8}"
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }

WORK="$(mktemp -d)"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait "${PIDS[@]}" 2>/dev/null; rm -rf "$WORK"' EXIT
CLAVIS_JAVA_OPTS="-Xmx1g" "$ROOT/bin/clavis" dev --data "$WORK/data" --api-port 0 \
  --cluster-port 0 --kmip-port 0 >"$WORK/node.log" 2>&1 &
PIDS+=($!)
wait_for_dev_json "$WORK/data/dev.json" "$WORK/node.log"
CLAVIS_SERVER="$(field api <"$WORK/data/dev.json")"
CLAVIS_TOKEN="$(field token <"$WORK/data/dev.json")"
export CLAVIS_SERVER CLAVIS_TOKEN CLAVIS_CACERT="$WORK/data/tls/ca.pem"
VAULT="$("$ROOT/bin/clavis" vault create mixed -o json | field id)"

create_keys() { # $1 = workers, $2 = seconds, $3 = warm-up seconds; prints "created errors"
  { "$ROOT/bin/clavis" bench --op create-key --vault "$VAULT" --concurrency "$1" \
    --duration "$2" --warmup "${3:-0}" -o json || true; } | bench_counts
}
created=0
while [ "$created" -lt "$KEYS" ]; do
  read -r ops errors < <(create_keys 64 5) || true
  [ "${ops:-0}" -gt 0 ] && [ "$errors" = 0 ] ||
    { echo "bench: creating keys failed (${errors:-no report} errors)" >&2; exit 1; }
  created=$((created + ops))
done
echo "  $created keys" >&2
vault_key_ids "$VAULT" "$WORK/ids.txt" "$KEYS"

PLAINTEXT="$(head -c 1024 /dev/urandom | base64 -w0)"
cat >"$WORK/encrypt.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids.txt") do ids[#ids + 1] = line end
wrk.method = "POST"
wrk.body = '{"plaintext":"$PLAINTEXT"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $CLAVIS_TOKEN"
request = function() return wrk.format(nil, "/v1/keys/" .. ids[math.random(#ids)] .. "/encrypt") end
LUA
cache() { # prints "hits misses" of the key record cache
  curl -s --cacert "$CLAVIS_CACERT" -H "Authorization: Bearer $CLAVIS_TOKEN" \
    "$CLAVIS_SERVER/metrics" |
    awk '/^clavis_key_cache_hits_total/ {h=$2} /^clavis_key_cache_misses_total/ {m=$2} END {printf "%d %d\n", h, m}'
}
encrypt() { # $1 = seconds; prints "req/s p50 p99 non-2xx"
  wrk -t2 -c64 -d"$1"s --latency -s "$WORK/encrypt.lua" "$CLAVIS_SERVER" | wrk_summary
}
encrypt 10 >/dev/null # warm-up: the JIT, and every key's record and material cached

phase() { # $1 = name, $2 = writers (0: none)
  local h0 m0 h1 m1 rate p99 bad writes=0 werr=0
  read -r h0 m0 < <(cache)
  if [ "$2" -gt 0 ]; then
    # The writers count after 3 s of their own warm-up and wrk starts about then (their JVM's
    # start-up shifts their window by a second or so).
    create_keys "$2" "$DURATION" 3 >"$WORK/writes" &
    PIDS+=($!)
    sleep 3
  fi
  read -r rate _ p99 bad < <(encrypt "$DURATION") || true
  [ -n "${rate:-}" ] || { echo "bench: the encrypt run failed" >&2; exit 1; }
  if [ "$2" -gt 0 ]; then
    wait "${PIDS[-1]}" || true
    unset 'PIDS[-1]'
    read -r writes werr <"$WORK/writes" ||
      { echo "bench: the creating workers gave no report" >&2; exit 1; }
  fi
  read -r h1 m1 < <(cache)
  printf '{"phase":"%s","encryptPerSec":%s,"encryptP99":"%s","encryptErrors":%d,"creationsPerSec":%d,"creationErrors":%d,"recordCacheHitRatio":%s}\n' \
    "$1" "$rate" "$p99" "$bad" $((writes / DURATION)) "$werr" \
    "$(awk -v h=$((h1 - h0)) -v m=$((m1 - m0)) 'BEGIN {printf "%.4f", (h + m > 0) ? h / (h + m) : 0}')"
}
phase "encrypt alone" 0
phase "encrypt while creating keys" "$WRITERS"
