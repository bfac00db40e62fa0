#!/usr/bin/env bash
# REST throughput of a single dev node, measured with wrk on the same machine.
# Usage: bench/rest-wrk.sh [DURATION_SECONDS] [CONNECTIONS]
# Needs wrk (apt-get install wrk). Starts its own dev node on ports 18443/18444 in a temp dir;
# CLAVIS_DEV_OPTS adds options to `clavis dev` (e.g. --audit-fail-open).
# With nginx installed (apt-get install nginx) it also measures, in the same run and with the
# node's own TLS certificate, nginx answering a fixed 300-byte JSON on port 18445, and prints
# each Clavis figure as a ratio of it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-15}"
CONNECTIONS="${2:-64}"
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }

WORK="$(mktemp -d)"
"$ROOT/bin/clavis" dev --data "$WORK/data" --api-port 18443 --cluster-port 18444 ${CLAVIS_DEV_OPTS:-} >"$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do [ -f "$WORK/data/dev.json" ] && break; sleep 0.5; done
[ -f "$WORK/data/dev.json" ] || { cat "$WORK/node.log" >&2; exit 1; }

API=https://127.0.0.1:18443
export CLAVIS_SERVER=$API CLAVIS_CACERT="$WORK/data/tls/ca.pem"
CLAVIS_TOKEN="$(sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p' "$WORK/data/dev.json")"
export CLAVIS_TOKEN
field() { sed -n "s/.*\"$1\" *: *\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }
VAULT="$("$ROOT/bin/clavis" vault create bench -o json | field id)"
KEY="$("$ROOT/bin/clavis" key create aes --vault "$VAULT" --algorithm AES_256 -o json | field id)"
PLAINTEXT="$(head -c 1024 /dev/urandom | base64 -w0)"
CIPHERTEXT="$("$ROOT/bin/clavis" encrypt -k "$KEY" --plaintext-base64 "$PLAINTEXT" -o json | field ciphertext)"

script() { # $1 = JSON body
  cat <<LUA
wrk.method = "POST"
wrk.body = '$1'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $CLAVIS_TOKEN"
LUA
}
script "{\"plaintext\":\"$PLAINTEXT\"}" >"$WORK/encrypt.lua"
script "{\"ciphertext\":\"$CIPHERTEXT\"}" >"$WORK/decrypt.lua"

NGINX_API=""
if command -v nginx >/dev/null 2>&1; then
  REPLY="$(printf '{"status":"ok","reference":"a fixed reply of three hundred bytes","padding":"%0221d"}' 0)"
  cat >"$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:18445 ssl;
    ssl_certificate $WORK/data/tls/server.pem;
    ssl_certificate_key $WORK/data/tls/server-key.pem;
    location / { default_type application/json; return 200 '$REPLY'; }
  }
}
NGINX
  nginx -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' &
  NGINX=$!
  trap 'kill $NODE $NGINX 2>/dev/null; wait $NODE $NGINX 2>/dev/null; rm -rf "$WORK"' EXIT
  NGINX_API=https://127.0.0.1:18445
  for _ in $(seq 1 50); do curl -sk -o /dev/null "$NGINX_API/" && break; sleep 0.2; done
  curl -sk -o /dev/null "$NGINX_API/" || { cat "$WORK/nginx-error.log" >&2; exit 1; }
fi

declare -A RATE
run() { # $1 = name, $2 = URL, $3 = lua script or empty
  local args=(-t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency)
  [ -n "$3" ] && args+=(-s "$3")
  wrk "${args[@]}" -d5s "$2" >/dev/null # warm-up
  local line
  line="$(wrk "${args[@]}" "$2" | awk -v name="$1" '
    /50%/ {p50=$2} /99%/ {p99=$2} /Requests\/sec/ {rps=$2}
    END {printf "%-32s %10s req/s   p50 %-8s p99 %s\n", name, rps, p50, p99}')"
  echo "$line"
  RATE[$1]="$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($i == "req/s") print $(i - 1)}')"
}
echo "wrk, 2 threads, $CONNECTIONS connections, ${DURATION}s, TLS keep-alive"
[ -n "$NGINX_API" ] && run "nginx, fixed 300-byte JSON" "$NGINX_API/" ""
run "health (static reply)" "$API/v1/sys/health" ""
run "encrypt AES-256, 1 KiB" "$API/v1/keys/$KEY/encrypt" "$WORK/encrypt.lua"
run "decrypt AES-256, 1 KiB" "$API/v1/decrypt" "$WORK/decrypt.lua"
if [ -n "$NGINX_API" ]; then
  for name in "health (static reply)" "encrypt AES-256, 1 KiB" "decrypt AES-256, 1 KiB"; do
    awk -v a="${RATE[$name]}" -v b="${RATE[nginx, fixed 300-byte JSON]}" -v n="$name" \
      'BEGIN {printf "%-32s %.2fx nginx\n", n, a / b}'
  done
fi
