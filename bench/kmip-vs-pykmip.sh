#!/usr/bin/env bash
# KMIP Get and Encrypt over mutual TLS: Clavis against Debian's PyKMIP server, measured by the same
# load generator (`clavis bench`) in the same run, with the ratio printed.
# Usage: bench/kmip-vs-pykmip.sh [DURATION_SECONDS] [CONNECTIONS]
# Needs python3-pykmip (apt-get install python3-pykmip; it runs under /usr/bin/python3). Starts a
# dev node and a PyKMIP server on free ports in a temp dir; both use the dev node's certificates,
# and the client is dev mode's KMIP identity. Each side gets a fresh AES-256 key of bench's own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
DURATION="${1:-15}"
CONNECTIONS="${2:-16}"
/usr/bin/python3 -c 'import kmip' 2>/dev/null \
  || { echo "bench: needs PyKMIP (apt-get install python3-pykmip)" >&2; exit 1; }

WORK="$(mktemp -d)"
"$ROOT/bin/clavis" dev --data "$WORK/data" --api-port 0 --cluster-port 0 --kmip-port 0 \
  >"$WORK/node.log" 2>&1 &
NODE=$!
PYKMIP=""
trap 'kill $NODE $PYKMIP 2>/dev/null; wait $NODE $PYKMIP 2>/dev/null || true; rm -rf "$WORK"' EXIT
wait_for_dev_json "$WORK/data/dev.json" "$WORK/node.log"

DEV="$WORK/data/dev.json"
CA="$(field caCert <"$DEV")"
IDENTITY=(--ca-cert "$CA" --client-cert "$(field clientCert <"$DEV")"
  --client-key "$(field clientKey <"$DEV")")
CLAVIS_KMIP="kmip://$(field host <"$DEV"):$(field port <"$DEV")"

mkdir -p "$WORK/pykmip"
/usr/bin/python3 "$ROOT/clavis-server/src/test/resources/kmip/pykmip_server.py" \
  "$WORK/data/tls/server.pem" "$WORK/data/tls/server-key.pem" "$CA" "$WORK/pykmip" \
  >"$WORK/pykmip/port" 2>"$WORK/pykmip/stderr" &
PYKMIP=$!
for _ in $(seq 1 60); do [ -s "$WORK/pykmip/port" ] && break; sleep 0.5; done
[ -s "$WORK/pykmip/port" ] || { cat "$WORK/pykmip/stderr" >&2; exit 1; }
PYKMIP_KMIP="kmip://127.0.0.1:$(head -n 1 "$WORK/pykmip/port")"

declare -A RATE
run() { # $1 = label, $2 = kmip URL, $3 = op
  local json
  json="$("$ROOT/bin/clavis" bench --server "$2" "${IDENTITY[@]}" --op "$3" \
    --concurrency "$CONNECTIONS" --duration "$DURATION" --size 1024 -o json)"
  local ops p50 p99 errors
  ops="$(echo "$json" | field opsPerSec)"
  p50="$(echo "$json" | field p50Ms)"
  p99="$(echo "$json" | field p99Ms)"
  errors="$(echo "$json" | field errors)"
  printf "%-22s %-8s %10s ops/s   p50 %8s ms   p99 %8s ms   errors %s\n" "$1" "$3" "$ops" "$p50" \
    "$p99" "$errors"
  RATE["$1 $3"]="$ops"
}
echo "clavis bench over KMIP 1.4, $CONNECTIONS connections, ${DURATION}s after a 2 s warm-up"
for op in get encrypt; do
  run "PyKMIP 0.10 server" "$PYKMIP_KMIP" "$op"
  run "Clavis" "$CLAVIS_KMIP" "$op"
  awk -v a="${RATE[Clavis $op]}" -v b="${RATE[PyKMIP 0.10 server $op]}" -v op="$op" \
    'BEGIN {printf "%-22s %-8s %.1fx PyKMIP\n", "Clavis", op, a / b}'
done
