#!/usr/bin/env bash
# Runs docs/uplink-journey.md literally: every ```bash block of the page, in order, in one bash shell started in
# the repository root, then checks each step's JSON report. Needs the built jars, mosquitto, openssl and keytool.
#
#   deploy/scripts/uplink-journey.sh [WORK_DIR]        (default: a new directory under /tmp)
#
# Environment: PORT (broker port, default: a free one), HTTP1 / HTTP2 (the boards' HTTP ports, default: free ones).
# Exit 0 when every step worked and every check held; the failing step's output otherwise. The boards and the
# broker are stopped in any case.
set -euo pipefail
cd "$(dirname "$0")/../.."
export W="${1:-$(mktemp -d /tmp/spacemoe-journey.XXXXXX)}"
mkdir -p "$W"
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if ! (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  return 1
}
export PORT="${PORT:-$(free_port)}" HTTP1="${HTTP1:-$(free_port)}" HTTP2="${HTTP2:-$(free_port)}"
script="$W/journey.sh"
{
  echo 'set -euo pipefail'
  echo 'set -x'
  awk '/^```bash$/ { on = 1; next } /^```$/ { on = 0 } on' docs/uplink-journey.md
} > "$script"
stop_all() {
  for b in board-1 board-2; do
    svc="$W/$b/spacemoe-onboard/bin/spacemoe-onboard-service"
    if [ -x "$svc" ]; then SPACEMOE_RUN_DIR="$W/$b/run" "$svc" stop >/dev/null 2>&1 || true; fi
  done
  if [ -s "$W/broker/mosquitto.pid" ]; then kill "$(cat "$W/broker/mosquitto.pid")" 2>/dev/null || true; fi
}
trap stop_all EXIT
echo "[journey] docs/uplink-journey.md in $W (broker port $PORT)"
if ! bash "$script" > "$W/journey.log" 2>&1; then
  tail -60 "$W/journey.log"
  for f in "$W"/board-*/run/spacemoe-onboard.log "$W/broker/mosquitto.log"; do
    if [ -f "$f" ]; then echo "--- $f"; tail -20 "$f"; fi
  done
  echo "[journey] FAILED (full log: $W/journey.log)"
  exit 1
fi
grep -E '^(plan v|chunks sent to|now on|rollback to|layer 0:|wrote .*plan-v2)' "$W/journey.log" | sed 's/^/[journey] /'

# checks on each step's JSON (the reports' field names are documented in docs/uplink.md)
fail() { echo "[journey] FAILED: $*"; exit 1; }
has() { grep -q "$2" "$W/$1" || fail "$1 lacks $2"; }
has uplink-v1.json '"stagedEverywhere" : true'
test "$(grep -c '"stage" : "STAGED"' "$W/uplink-v1.json")" -eq 10 || fail "uplink-v1.json: not 10 satellites STAGED"
has status-staged.json '"satellitesHeard" : 10'
test "$(grep -c 'version 1 staged, waiting for ACTIVATE' "$W/status-staged.json")" -eq 10 \
  || fail "status-staged.json: not 10 satellites waiting for ACTIVATE of v1"
has activate-v1.json '"activated" : true'
has uplink-v2.json '"stagedEverywhere" : true'
has activate-v2.json '"activated" : true'
has rollback.json '"rolledBack" : true'
has status-final.json '"satellitesHeard" : 10'
test "$(grep -c '^    "activePlanVersion" : 1,' "$W/status-final.json")" -eq 10 || fail "status-final.json: not all on v1"
# version 2 sent chunks to exactly the two satellites whose experts moved, and fewer bytes than it needed
v2_to="$(grep '^chunks sent to' "$W/journey.log" | sed -n 2p)"
case "$v2_to" in
  "chunks sent to 2 of 10 satellites: p02s01 "*", p04s01 "*) ;;
  *) fail "version 2 should send chunks to p02s01 and p04s01 only: $v2_to" ;;
esac
echo "[journey] passed"
