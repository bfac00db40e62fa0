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
