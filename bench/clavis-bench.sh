#!/usr/bin/env bash
# Load generator run against a fresh single dev node: every REST and KMIP operation of
# `clavis bench`, one after the other, each report printed as JSON (one object per operation).
# Usage: bench/clavis-bench.sh [DURATION_SECONDS] [CONCURRENCY] [SIZE_BYTES]
# Starts its own dev node on free ports in a temp dir; CLAVIS_DEV_OPTS adds options to
# `clavis dev` (e.g. --audit-fail-open). The load generator shares the machine with the node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
DURATION="${1:-10}"
CONCURRENCY="${2:-16}"
SIZE="${3:-1024}"

WORK="$(mktemp -d)"
# shellcheck disable=SC2086
"$ROOT/bin/clavis" dev --data "$WORK/data" --api-port 0 --cluster-port 0 --kmip-port 0 \
  ${CLAVIS_DEV_OPTS:-} >"$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null || true; rm -rf "$WORK"' EXIT
wait_for_dev_json "$WORK/data/dev.json" "$WORK/node.log"

DEV="$WORK/data/dev.json"
CLAVIS_SERVER="$(field api <"$DEV")"
CLAVIS_TOKEN="$(field token <"$DEV")"
CLAVIS_CACERT="$(field caCert <"$DEV")"
export CLAVIS_SERVER CLAVIS_TOKEN CLAVIS_CACERT
KMIP="kmip://$(field host <"$DEV"):$(field port <"$DEV")"
KMIP_IDENTITY=(--client-cert "$(field clientCert <"$DEV")" --client-key "$(field clientKey <"$DEV")")

VAULT="$("$ROOT/bin/clavis" vault create bench -o json | field id)"
AES="$("$ROOT/bin/clavis" key create aes --vault "$VAULT" --algorithm AES_256 -o json | field id)"
EC="$("$ROOT/bin/clavis" key create ec --vault "$VAULT" --algorithm EC_P256 -o json | field id)"

bench() {
  "$ROOT/bin/clavis" bench --duration "$DURATION" --concurrency "$CONCURRENCY" --size "$SIZE" \
    -o json "$@"
}
echo "clavis bench: ${DURATION}s per operation after a 2 s warm-up, $CONCURRENCY workers," \
  "$SIZE-byte payloads" >&2
bench --op encrypt --key "$AES"
bench --op decrypt --key "$AES"
bench --op generate-data-key --key "$AES"
bench --op sign --key "$EC"
bench --op get --key "$AES"
bench --op create-key --vault "$VAULT"
# KMIP with dev.json's client identity; without --key, bench makes (and destroys) its own key
bench --server "$KMIP" "${KMIP_IDENTITY[@]}" --op get
bench --server "$KMIP" "${KMIP_IDENTITY[@]}" --op encrypt
bench --server "$KMIP" "${KMIP_IDENTITY[@]}" --op decrypt
bench --server "$KMIP" "${KMIP_IDENTITY[@]}" --op create-key
