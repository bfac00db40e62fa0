# Sourced by the bench scripts: what each of them needs around a dev node.

# One field of dev.json (a string or a number), read from standard input.
field() { sed -n "s/.*\"$1\" *: *\"\\{0,1\\}\\([^\",]*\\)\"\\{0,1\\}.*/\\1/p" | head -n 1; }

# Waits until a starting dev node has written $1 (its dev.json), for at most $3 seconds (default
# 60); otherwise shows the node's log $2 and stops the script.
wait_for_dev_json() {
  local tries=$((${3:-60} * 10))
  for _ in $(seq 1 "$tries"); do [ -f "$1" ] && return 0; sleep 0.1; done
  cat "$2" >&2
  exit 1
}

# Starts `clavis dev --nodes $1` (more options in CLAVIS_DEV_OPTS) on a data directory in $WORK,
# stops it when the script exits, waits for its dev.json and exports CLAVIS_SERVER (every node's
# API, node1 first), CLAVIS_TOKEN and CLAVIS_CACERT. Sets DEV to its pid.
start_dev_cluster() {
  # shellcheck disable=SC2086
  "$ROOT/bin/clavis" dev --nodes "$1" --data "$WORK/data" --api-port 0 --cluster-port 0 \
    --kmip-port 0 ${CLAVIS_DEV_OPTS:-} >"$WORK/dev.log" 2>&1 &
  DEV=$!
  trap 'kill $DEV 2>/dev/null; wait $DEV 2>/dev/null || true; rm -rf "$WORK"' EXIT
  wait_for_dev_json "$WORK/data/dev.json" "$WORK/dev.log" 120
  local dev_json="$WORK/data/dev.json"
  CLAVIS_SERVER="$(grep -o '"api" *: *"[^"]*"' "$dev_json" | sed 's/.*"\(https[^"]*\)"/\1/' \
    | awk '!seen[$0]++' | paste -sd, -)"
  CLAVIS_TOKEN="$(field token <"$dev_json")"
  CLAVIS_CACERT="$(field caCert <"$dev_json")"
  export CLAVIS_SERVER CLAVIS_TOKEN CLAVIS_CACERT
}

# Writes the ids of the first $3 (default 10000) keys of vault $1 to file $2, one per line, listed
# through the API with CLAVIS_SERVER, CLAVIS_TOKEN and CLAVIS_CACERT. Ids are random, so the
# first ones listed come from every stage of a vault's history.
vault_key_ids() {
  local page="" tmp limit="${3:-10000}" ok=1
  tmp="$(mktemp -d)"
  : >"$2"
  while [ "$(wc -l <"$2")" -lt "$limit" ]; do
    curl -sf --cacert "$CLAVIS_CACERT" -H "Authorization: Bearer $CLAVIS_TOKEN" \
      "$CLAVIS_SERVER/v1/keys?vaultId=$1&limit=1000${page:+&page=$page}" >"$tmp/page.json" &&
      python3 - "$tmp/page.json" "$2" "$tmp/next" <<'PY' || { ok=0; break; }
import json, sys
page = json.load(open(sys.argv[1]))
with open(sys.argv[2], "a") as out:
    for item in page["items"]:
        out.write(item["id"] + "\n")
open(sys.argv[3], "w").write(page.get("nextPage") or "")
PY
    page="$(cat "$tmp/next")"
    [ -n "$page" ] || break
  done
  rm -rf "$tmp"
  [ "$ok" = 1 ] || { echo "bench: listing the keys of vault $1 failed" >&2; return 1; }
  head -n "$limit" "$2" >"$2.head" && mv "$2.head" "$2"
}

# Reads a `clavis bench -o json` report on standard input and prints "ops errors" (nothing when it
# is not one).
bench_counts() {
  { tr -d '\n '; echo; } | sed -n 's/.*"ops":\([0-9]*\).*"errors":\([0-9]*\).*/\1 \2/p'
}

# Reads wrk's --latency output on standard input and prints "req/s p50 p99 non-2xx-answers";
# prints nothing and fails when wrk measured nothing.
wrk_summary() {
  awk '$1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2} /Requests\/sec/ {rps = $2}
       /Non-2xx or 3xx responses/ {bad = $NF}
       END {if (rps == "") {print "bench: wrk printed no result" > "/dev/stderr"; exit 1}
            print rps, p50, p99, bad + 0}'
}
