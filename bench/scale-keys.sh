#!/usr/bin/env bash
# How a node's costs grow with its number of keys: one dev node (-Xmx1g) gets AES-256 keys
# created over REST (`clavis bench --op create-key`, 64 workers) in rounds; at each checkpoint
# it prints one JSON line with the creation rate of the last round, random key lookups (wrk
# GETs of /v1/keys/{id} spread over 10,000 keys taken from across the vault), disk and heap.
# At the end the node is restarted: time to ready, heap after start and the encrypt rate.
# Usage: bench/scale-keys.sh [CHECKPOINT...]   (default: 10000 100000 1000000)
# Needs wrk and curl. Takes about 10 minutes for 1,000,000 keys on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
CHECKPOINTS=("${@}")
[ ${#CHECKPOINTS[@]} -gt 0 ] || CHECKPOINTS=(10000 100000 1000000)
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
JAVA_HOME_FOUND="$("$ROOT/bin/find-jdk")"
JCMD="$JAVA_HOME_FOUND/bin/jcmd"

WORK="$(mktemp -d)"
NODE=""
trap '[ -n "$NODE" ] && kill $NODE 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
start_node() {
  rm -f "$WORK/data/dev.json"
  CLAVIS_JAVA_OPTS="-Xmx1g" "$ROOT/bin/clavis" dev --data "$WORK/data" --api-port 0 \
    --cluster-port 0 --kmip-port 0 >>"$WORK/node.log" 2>&1 &
  NODE=$!
  wait_for_dev_json "$WORK/data/dev.json" "$WORK/node.log"
  CLAVIS_SERVER="$(field api <"$WORK/data/dev.json")"
  CLAVIS_TOKEN="$(field token <"$WORK/data/dev.json")"
  export CLAVIS_SERVER CLAVIS_TOKEN CLAVIS_CACERT="$WORK/data/tls/ca.pem"
  JVM="$(field pid <"$WORK/data/dev.json")"
  [ -n "$JVM" ] || JVM=$NODE
}
heap_mb() { # used heap after a full GC, in MB
  "$JCMD" "$JVM" GC.run >/dev/null
  "$JCMD" "$JVM" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024); exit}}'
}
disk_mb() { du -sm "$WORK/data" | cut -f1; }
lookups() { # random GETs over 10,000 keys; ids are random, so the first ones listed are spread
  # over the whole creation history. Prints "req/s p99".
  vault_key_ids "$VAULT" "$WORK/ids.txt"
  cat >"$WORK/get.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids.txt") do ids[#ids + 1] = line end
wrk.headers["Authorization"] = "Bearer $CLAVIS_TOKEN"
request = function() return wrk.format("GET", "/v1/keys/" .. ids[math.random(#ids)]) end
LUA
  wrk -t2 -c64 -d10s --latency -s "$WORK/get.lua" "$CLAVIS_SERVER" | wrk_summary |
    awk '{print $1, $3}'
}

start_node
VAULT="$("$ROOT/bin/clavis" vault create scale -o json | field id)"
KEYS=0
RATE=2000
for target in "${CHECKPOINTS[@]}"; do
  ROUND_OPS=0
  ROUND_SECS=0
  while [ "$KEYS" -lt "$target" ]; do
    secs=$(( (target - KEYS) / RATE + 1 ))
    [ "$secs" -gt 60 ] && secs=60
    [ "$secs" -lt 3 ] && secs=3
    read -r ops errors < <("$ROOT/bin/clavis" bench --op create-key --vault "$VAULT" \
      --concurrency 64 --duration "$secs" --warmup 0 -o json | bench_counts) || true
    [ "${errors:-}" = 0 ] || { echo "bench: creating keys failed (${errors:-no report} errors)" >&2; exit 1; }
    KEYS=$((KEYS + ops))
    ROUND_OPS=$((ROUND_OPS + ops))
    ROUND_SECS=$((ROUND_SECS + secs))
    RATE=$(( ops / secs > 100 ? ops / secs : 100 ))
    echo "  $KEYS keys, $((ops / secs)) creations/s" >&2
  done
  read -r get_rate get_p99 < <(lookups)
  printf '{"keys":%d,"createPerSec":%d,"randomGetPerSec":%s,"randomGetP99":"%s","diskMB":%d,"heapAfterGcMB":%d}\n' \
    "$KEYS" $((ROUND_OPS / ROUND_SECS)) "$get_rate" "$get_p99" "$(disk_mb)" "$(heap_mb)"
done

# Restart: time until the node is unsealed and serving, heap, then encrypt at full speed.
kill "$NODE"
wait "$NODE" 2>/dev/null || true
started=$(date +%s.%N)
start_node
ready=$(date +%s.%N)
AES="$("$ROOT/bin/clavis" key create after-restart --vault "$VAULT" --algorithm AES_256 -o json | field id)"
PLAINTEXT="$(head -c 1024 /dev/urandom | base64 -w0)"
cat >"$WORK/encrypt.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"plaintext":"$PLAINTEXT"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $CLAVIS_TOKEN"
LUA
heap_start="$(heap_mb)"
wrk -t2 -c64 -d5s -s "$WORK/encrypt.lua" "$CLAVIS_SERVER/v1/keys/$AES/encrypt" >/dev/null
read -r enc_rate _ enc_p99 _ < <(wrk -t2 -c64 -d15s --latency -s "$WORK/encrypt.lua" \
  "$CLAVIS_SERVER/v1/keys/$AES/encrypt" | wrk_summary)
printf '{"restart":{"keys":%d,"secondsToReady":%.1f,"heapAfterStartMB":%d,"encryptPerSec":%s,"encryptP99":"%s","heapMax":"1g"}}\n' \
  "$KEYS" "$(awk -v a="$started" -v b="$ready" 'BEGIN {print b - a}')" "$heap_start" "$enc_rate" "$enc_p99"
