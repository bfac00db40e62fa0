#!/usr/bin/env bash
# REST throughput of a single dev node, measured with wrk on the same machine, for every hot path
# (encrypt, decrypt, generate-data-key, HMAC, ECDSA P-256 sign) and Clavis's own static reply.
# Usage: bench/rest-wrk.sh [DURATION_SECONDS] [CONNECTIONS[,CONNECTIONS...]] [OPERATION...]
#   OPERATION: health encrypt decrypt generate-data-key mac sign jdk-sign nginx nginx-io (default:
#   all; jdk-sign and nginx last so that they run while the node is idle). jdk-sign is the JDK's raw
#   ECDSA P-256 signing rate on two threads (JMH), the reference for sign. rsa-decrypt (only when
#   named) decrypts a 32-byte key under an RSA-2048 key (OAEP). encrypt-batch and decrypt-batch
#   (only when named) encrypt or decrypt BATCH_ITEMS (default 32) items of 1 KiB a request and
#   also print items/s.
#   Several connection counts (e.g. 1,4,16,64,256) run each operation at each; with SWEEP_TSV=FILE
#   every measurement is also appended to FILE as "operation connections req/s p99-ms" (for
#   bench/plot.sh).
# Needs wrk (apt-get install wrk). Starts its own dev node on free ports in a temp dir;
# CLAVIS_DEV_OPTS adds options to `clavis dev` (e.g. --audit-fail-open). WARMUP=SECONDS (default
# 5) is the wrk run before each measurement; the first operation after the node starts also gets
# FIRST_WARMUP=SECONDS (default 30) so that it is not measured while the JIT is still compiling.
# With nginx installed (apt-get install nginx) it also measures, in the same run and with the
# node's own TLS certificate, nginx answering a fixed 300-byte JSON, and prints each Clavis
# figure as a ratio of it. nginx-io is nginx doing the I/O of an encrypt request without the rest:
# it reads the same 1 KiB-plaintext POST, answers a fixed JSON as long as Clavis's encrypt answer
# and writes an access log line per request (buffered 16 KiB); Clavis's operations are printed as
# ratios of it too. Each line: name, req/s, p50, p99 (wrk's latency distribution).
# CPU_PER_REQUEST=1 adds the CPU time each measured request cost the server (the node's JVM, or
# nginx's workers) and wrk, user and kernel apart, from /proc/PID/stat over the measured run.
# PROFILE=DIR profiles the node during each measured Clavis run with async-profiler (fetched from
# Maven Central the first time) and writes DIR/OPERATION.html (a flame graph) and
# DIR/OPERATION.collapsed (one stack a line, for scripts): with kernel frames (event=cpu) where
# kernel.perf_event_paranoid is 1 or lower, else Java and native frames only (event=itimer); x86-64
# Linux only. The profiler costs about 3 µs a request (a fifth of encrypt's CPU), so those runs'
# figures are lower.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
DURATION="${1:-15}"
CONNECTIONS="${2:-64}"
shift 2 2>/dev/null || shift $#
OPS=("${@}")
[ ${#OPS[@]} -gt 0 ] || OPS=(health encrypt decrypt generate-data-key mac sign jdk-sign nginx nginx-io)
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }

WORK="$(mktemp -d)"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait "${PIDS[@]}" 2>/dev/null; rm -rf "$WORK"' EXIT
# shellcheck disable=SC2086
"$ROOT/bin/clavis" dev --data "$WORK/data" --api-port 0 --cluster-port 0 --kmip-port 0 \
  ${CLAVIS_DEV_OPTS:-} >"$WORK/node.log" 2>&1 &
PIDS+=($!)
NODE_PID=$! # bin/clavis execs the JVM
wait_for_dev_json "$WORK/data/dev.json" "$WORK/node.log"

API="$(field api <"$WORK/data/dev.json")"
CLAVIS_TOKEN="$(field token <"$WORK/data/dev.json")"
export CLAVIS_SERVER=$API CLAVIS_CACERT="$WORK/data/tls/ca.pem" CLAVIS_TOKEN
VAULT="$("$ROOT/bin/clavis" vault create bench -o json | field id)"
AES="$("$ROOT/bin/clavis" key create aes --vault "$VAULT" --algorithm AES_256 -o json | field id)"
HMAC="$("$ROOT/bin/clavis" key create hmac --vault "$VAULT" --algorithm HMAC_SHA256 -o json | field id)"
EC="$("$ROOT/bin/clavis" key create ec --vault "$VAULT" --algorithm EC_P256 -o json | field id)"
PLAINTEXT="$(head -c 1024 /dev/urandom | base64 -w0)"
CIPHERTEXT="$("$ROOT/bin/clavis" encrypt -k "$AES" --plaintext-base64 "$PLAINTEXT" -o json | field ciphertext)"
if [[ " ${OPS[*]} " == *" rsa-decrypt "* ]]; then
  RSA="$("$ROOT/bin/clavis" key create rsa --vault "$VAULT" --algorithm RSA_2048 -o json | field id)"
  RSA_CIPHERTEXT="$("$ROOT/bin/clavis" encrypt -k "$RSA" --plaintext-base64 "$(head -c 32 /dev/urandom | base64 -w0)" -o json | field ciphertext)"
fi

script() { # $1 = file, $2 = JSON body
  cat >"$WORK/$1.lua" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $CLAVIS_TOKEN"
LUA
}
script encrypt "{\"plaintext\":\"$PLAINTEXT\"}"
script decrypt "{\"ciphertext\":\"$CIPHERTEXT\"}"
script generate-data-key "{}"
script mac "{\"message\":\"$PLAINTEXT\"}"
[ -z "${RSA_CIPHERTEXT:-}" ] || script rsa-decrypt "{\"ciphertext\":\"$RSA_CIPHERTEXT\"}"
script sign "{\"message\":\"$PLAINTEXT\",\"algorithm\":\"ECDSA_SHA256\"}"
BATCH_ITEMS="${BATCH_ITEMS:-32}"
batch_body() { # $1 = field, $2 = value: {"items":[{field: value}, ...]} with BATCH_ITEMS items
  printf '{"items":['
  for ((i = 0; i < BATCH_ITEMS; i++)); do
    [ "$i" -gt 0 ] && printf ','
    printf '{"%s":"%s"}' "$1" "$2"
  done
  printf ']}'
}
script encrypt-batch "$(batch_body plaintext "$PLAINTEXT")"
script decrypt-batch "$(batch_body ciphertext "$CIPHERTEXT")"

NGINX_API=""
if command -v nginx >/dev/null 2>&1 && [[ " ${OPS[*]} " == *" nginx"* ]]; then
  NGINX_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  REPLY="$(printf '{"status":"ok","reference":"a fixed reply of three hundred bytes","padding":"%0221d"}' 0)"
  # As long as Clavis's own answer to the encrypt request wrk sends.
  ENCRYPT_ANSWER_BYTES="$(curl -sf --cacert "$CLAVIS_CACERT" -H "Authorization: Bearer $CLAVIS_TOKEN" \
    -H 'Content-Type: application/json' --data-binary "{\"plaintext\":\"$PLAINTEXT\"}" \
    "$API/v1/keys/$AES/encrypt" | wc -c)"
  IO_REPLY="$(printf '{"status":"ok","padding":"%0*d"}' $((ENCRYPT_ANSWER_BYTES - 28)) 0)"
  cat >"$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $WORK/data/tls/server.pem;
    ssl_certificate_key $WORK/data/tls/server-key.pem;
    location / { default_type application/json; return 200 '$REPLY'; }
    location /io {
      access_log $WORK/nginx-access.log combined buffer=16k;
      default_type application/json;
      return 200 '$IO_REPLY';
    }
  }
}
NGINX
  nginx -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' &
  PIDS+=($!)
  NGINX_PID=$!
  NGINX_API="https://127.0.0.1:$NGINX_PORT"
  for _ in $(seq 1 50); do curl -sk -o /dev/null "$NGINX_API/" && break; sleep 0.2; done
  curl -sk -o /dev/null "$NGINX_API/" || { cat "$WORK/nginx-error.log" >&2; exit 1; }
fi

if [ -n "${PROFILE:-}" ]; then
  [[ "$PROFILE" != *[,\"]* ]] || { echo "bench: PROFILE must not contain a comma or a quote" >&2; exit 2; }
  [ "$(uname -m)" = x86_64 ] || { echo "bench: PROFILE needs x86-64 Linux" >&2; exit 2; }
  mkdir -p "$PROFILE"
  PROFILE="$(cd "$PROFILE" && pwd)" # the node writes the files, from its own directory
  JCMD="$(dirname "$(readlink -f "/proc/$NODE_PID/exe")")/jcmd"
  [ -x "$JCMD" ] || { echo "bench: PROFILE needs jcmd next to the node's java ($JCMD)" >&2; exit 1; }
  "$ROOT/mvnw" -q -B -N -f "$ROOT/pom.xml" dependency:copy \
    -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 -DoutputDirectory="$WORK/ap" >/dev/null 2>&1 ||
    { echo "bench: could not fetch async-profiler from Maven" >&2; exit 1; }
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("linux-x64/libasyncProfiler.so", sys.argv[2])' \
    "$WORK"/ap/async-profiler-*.jar "$WORK/ap"
  AP_LIB="$WORK/ap/linux-x64/libasyncProfiler.so"
  AP_EVENT=itimer
  [ "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 2)" -le 1 ] && AP_EVENT=cpu
fi
profiler() { # $1 = async-profiler command, e.g. start,event=cpu; stops the script if it fails
  local said
  said="$("$JCMD" "$NODE_PID" JVMTI.agent_load "$AP_LIB" "\"$1\"" 2>&1)" &&
    ! grep -qiE 'error|exception|return code: [^0]' <<<"$said" ||
    { echo "bench: async-profiler refused '$1': $said" >&2; exit 1; }
}

declare -A RATE
ticks() { # $1 = 14 (user) or 15 (kernel), then PIDs: their CPU time in clock ticks, summed
  local field=$1 pid total=0
  shift
  for pid in "$@"; do
    local t
    t="$(awk -v f="$field" '{print $f}' "/proc/$pid/stat" 2>/dev/null || true)"
    [ -n "$t" ] || { echo "bench: process $pid went away during the measurement" >&2; exit 1; }
    total=$((total + t))
  done
  echo "$total"
}
ms() { # wrk's latency ("799.00us", "10.75ms", "1.02s") in milliseconds
  awk -v v="$1" 'BEGIN {n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; print n}'
}
run() { # $1 = name, $2 = URL, $3 = lua script or empty
  local level
  for level in ${CONNECTIONS//,/ }; do
    local threads=2
    [ "$level" -lt 2 ] && threads=1
    local args=(-t"$threads" -c"$level" -d"${DURATION}s" --latency)
    [ -n "$3" ] && args+=(-s "$3")
    if [ -z "${WARMED:-}" ]; then
      wrk "${args[@]}" -d"${FIRST_WARMUP:-30}s" "$2" >/dev/null
      WARMED=1
    fi
    wrk "${args[@]}" -d"${WARMUP:-5}s" "$2" >/dev/null # warm-up
    local line servers=() before=() profiled=""
    if [ -n "${PROFILE:-}" ] && [[ "$1" != nginx* ]]; then
      profiled="$PROFILE/$1"
      [[ "$CONNECTIONS" != *,* ]] || profiled="$PROFILE/$1-$level"
      profiler "start,event=$AP_EVENT,interval=1ms"
    fi
    if [ "${CPU_PER_REQUEST:-0}" = 1 ]; then
      if [[ "$1" == nginx* ]]; then mapfile -t servers < <(pgrep -P "$NGINX_PID"); else servers=("$NODE_PID"); fi
      before=("$(ticks 14 "${servers[@]}")" "$(ticks 15 "${servers[@]}")")
    fi
    # `times` in the subshell: the user and kernel time of the wrk it has just waited for
    (wrk "${args[@]}" "$2" >"$WORK/wrk.out" && LC_ALL=C times >"$WORK/wrk.times")
    line="$(wrk_summary <"$WORK/wrk.out" | awk -v name="$1" -v c="$level" '
      {printf "%-18s %4s conn %10s req/s   p50 %-8s p99 %-8s%s\n", name, c, $1, $2, $3,
       $4 ? "   NON-2XX ANSWERS: " $4 : ""}')"
    echo "$line"
    if [ "${CPU_PER_REQUEST:-0}" = 1 ]; then
      local seconds
      seconds="$(awk 'NR == 2 {for (i = 1; i <= 2; i++) {split($i, t, "m"); printf "%s ", t[1] * 60 + t[2]}}' "$WORK/wrk.times")"
      awk -v hz="$(getconf CLK_TCK)" -v n="$(awk '/requests in/ {print $1}' "$WORK/wrk.out")" \
        -v su=$(($(ticks 14 "${servers[@]}") - before[0])) -v sk=$(($(ticks 15 "${servers[@]}") - before[1])) \
        -v w="$seconds" 'BEGIN {
          if (n + 0 <= 0) { print "                   CPU per request: no requests completed"; exit }
          split(w, wrk, " ")
          printf "%-18s CPU per request: server %.1f µs (user %.1f, kernel %.1f), wrk %.1f µs (user %.1f, kernel %.1f)\n",
            "", (su + sk) * 1e6 / hz / n, su * 1e6 / hz / n, sk * 1e6 / hz / n,
            (wrk[1] + wrk[2]) * 1e6 / n, wrk[1] * 1e6 / n, wrk[2] * 1e6 / n }'
    fi
    if [ -n "$profiled" ]; then
      profiler "dump,file=$profiled.collapsed,collapsed"
      profiler "stop,file=$profiled.html"
      [ -s "$profiled.html" ] && [ -s "$profiled.collapsed" ] ||
        { echo "bench: the profiler wrote no $profiled.html / .collapsed" >&2; exit 1; }
      printf '%-18s profile (%s): %s.html, %s.collapsed\n' "" "$AP_EVENT" "$profiled" "$profiled"
    fi
    local rps p99
    rps="$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($i == "req/s") print $(i - 1)}')"
    p99="$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($i == "p99") print $(i + 1)}')"
    RATE[$1]="$rps"
    if [ -n "${SWEEP_TSV:-}" ]; then
      echo "$1 $level $rps $(ms "$p99")" >>"$SWEEP_TSV"
    fi
  done
}
echo "wrk, $CONNECTIONS connections, ${DURATION}s after ${WARMUP:-5}s of warm-up, TLS keep-alive"
for op in "${OPS[@]}"; do
  case "$op" in
    nginx) [ -n "$NGINX_API" ] && run nginx "$NGINX_API/" "" ;;
    nginx-io) [ -n "$NGINX_API" ] && run nginx-io "$NGINX_API/io" "$WORK/encrypt.lua" ;;
    health) run health "$API/v1/sys/health" "" ;;
    encrypt) run encrypt "$API/v1/keys/$AES/encrypt" "$WORK/encrypt.lua" ;;
    encrypt-batch | decrypt-batch)
      run "$op" "$API/v1/keys/$AES/$op" "$WORK/$op.lua"
      RATE[$op-items]="$(awk -v r="${RATE[$op]}" -v n="$BATCH_ITEMS" 'BEGIN {printf "%.0f", r * n}')"
      printf "%-18s %4s      %10s items/s (%s items of 1 KiB a request)\n" "" "" "${RATE[$op-items]}" "$BATCH_ITEMS" ;;
    decrypt) run decrypt "$API/v1/decrypt" "$WORK/decrypt.lua" ;;
    rsa-decrypt) run rsa-decrypt "$API/v1/decrypt" "$WORK/rsa-decrypt.lua" ;;
    generate-data-key) run generate-data-key "$API/v1/keys/$AES/generate-data-key" "$WORK/generate-data-key.lua" ;;
    mac) run mac "$API/v1/keys/$HMAC/mac" "$WORK/mac.lua" ;;
    sign) run sign "$API/v1/keys/$EC/sign" "$WORK/sign.lua" ;;
    jdk-sign)
      # The JDK's own ECDSA P-256 signing on two threads (JMH), while the node is idle: the
      # reference for the sign figure, measured in the same run on the same cores.
      rate="$("$ROOT/bench/jmh.sh" 'SignBenchmark.jdkRawSign$' -t 2 -f 1 -wi 1 -w 5 -i 1 \
        -r "${DURATION}s" 2>/dev/null | awk '$1 == "SignBenchmark.jdkRawSign" {print $(NF - 1)}')"
      [ -n "$rate" ] || { echo "bench: the JMH run of SignBenchmark failed" >&2; exit 1; }
      printf "%-18s %4s thr  %10s sig/s   (JMH SignBenchmark.jdkRawSign -t 2)\n" jdk-sign 2 "$rate"
      RATE[jdk-sign]="$rate" ;;
    *) echo "bench: unknown operation $op" >&2; exit 2 ;;
  esac
done
echo "ratios at the last connection count:"
if [ -n "${RATE[sign]:-}" ] && [ -n "${RATE[jdk-sign]:-}" ]; then
  awk -v a="${RATE[sign]}" -v b="${RATE[jdk-sign]}" \
    'BEGIN {printf "%-22s %.0f%% of the JDK'"'"'s raw signing rate\n", "sign", 100 * a / b}'
fi
for op in "${OPS[@]}"; do
  if [[ "$op" == *-batch ]] && [ -n "${RATE[${op%-batch}]:-}" ]; then
    awk -v a="${RATE[$op-items]}" -v b="${RATE[${op%-batch}]}" -v n="$op" -v r="${op%-batch}" \
      'BEGIN {printf "%-22s %.2fx %s (items/s against its requests/s)\n", n, a / b, r}'
  fi
  [[ "$op" == nginx* ]] || [[ "$op" == *-batch ]] || [ "$op" = jdk-sign ] || [ "$op" = rsa-decrypt ] && continue
  for reference in nginx nginx-io; do
    if [ -n "${RATE[$reference]:-}" ]; then
      awk -v a="${RATE[$op]}" -v b="${RATE[$reference]}" -v n="$op" -v r="$reference" \
        'BEGIN {printf "%-22s %.2fx %s\n", n, a / b, r}'
    fi
  done
  if [ -n "${RATE[encrypt]:-}" ] && [ "$op" != encrypt ] && [ "$op" != health ]; then
    awk -v a="${RATE[$op]}" -v b="${RATE[encrypt]}" -v n="$op" \
      'BEGIN {printf "%-22s %.2fx encrypt\n", n, a / b}'
  fi
done
