#!/bin/sh
# netem.sh: delays a board's frames to the broker with tc netem, for benches that run with
# "link-emulation: false" (the onboard runtime then holds nothing and the network delay is real).
#
#   netem.sh apply DEV BROKER_IP DELAY_MS [JITTER_MS]   delay packets from DEV to BROKER_IP only
#   netem.sh clear DEV                                  remove the delay
#   netem.sh show DEV                                   print DEV's queueing disciplines
#
# Every ISL frame goes board -> broker -> board, so one delay on each board's egress to the broker is one
# hop's delay: take the board's "predictedLinkMs" from a `hil bench --inventory` report (the modelled ISL
# latency per hop its satellites receive) or the path latencies of docs/latency-model.md. Run as root on the
# board (e.g. ssh pi@board sudo sh netem.sh apply eth0 192.168.1.10 4.5). Needs iproute2 and a kernel with
# sch_netem (Pi OS and L4T have it; some container kernels do not: the script says so and exits 1).
set -eu

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

number() {
  case "$2" in
    '' | *[!0-9.]* | *.*.*) echo "netem.sh: $1 must be a number of ms, got '$2'" >&2; exit 2 ;;
  esac
}

[ $# -ge 2 ] || usage
cmd=$1
dev=$2
command -v tc >/dev/null 2>&1 || { echo "netem.sh: tc not found (install iproute2)" >&2; exit 1; }
[ -e "/sys/class/net/$dev" ] || { echo "netem.sh: no network device '$dev'" >&2; exit 2; }

case "$cmd" in
  apply)
    [ $# -ge 4 ] || usage
    ip=$3
    delay=$4
    jitter=${5:-0}
    number DELAY_MS "$delay"
    number JITTER_MS "$jitter"
    case "$ip" in *[!0-9.]* | '') echo "netem.sh: BROKER_IP must be an IPv4 address, got '$ip'" >&2; exit 2 ;; esac
    tc qdisc del dev "$dev" root 2>/dev/null || true
    tc qdisc add dev "$dev" root handle 1: prio
    if ! tc qdisc add dev "$dev" parent 1:3 handle 30: netem delay "${delay}ms" "${jitter}ms" 2>/dev/null; then
      tc qdisc del dev "$dev" root 2>/dev/null || true
      echo "netem.sh: this kernel has no netem (modprobe sch_netem); use the onboard link emulation instead" >&2
      exit 1
    fi
    tc filter add dev "$dev" protocol ip parent 1:0 prio 3 u32 match ip dst "$ip/32" flowid 1:3
    echo "netem.sh: $dev -> $ip delayed by ${delay} ms (jitter ${jitter} ms)"
    ;;
  clear)
    tc qdisc del dev "$dev" root 2>/dev/null || true
    echo "netem.sh: $dev: no delay"
    ;;
  show) tc qdisc show dev "$dev" ;;
  *) usage ;;
esac
