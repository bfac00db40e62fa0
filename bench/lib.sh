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

# Writes the ids of up to $3 (default 10000) keys of vault $1 to file $2, one per line, listed
# through the API with CLAVIS_SERVER, CLAVIS_TOKEN and CLAVIS_CACERT. Ids are random, so the
# first ones listed come from every stage of a vault's history.
vault_key_ids() {
  local page="" tmp
  tmp="$(mktemp -d)"
  : >"$2"
  for _ in $(seq 1 $(((${3:-10000} + 999) / 1000))); do
    curl -s --cacert "$CLAVIS_CACERT" -H "Authorization: Bearer $CLAVIS_TOKEN" \
      "$CLAVIS_SERVER/v1/keys?vaultId=$1&limit=1000${page:+&page=$page}" >"$tmp/page.json"
    python3 - "$tmp/page.json" "$2" "$tmp/next" <<'PY'
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
}
