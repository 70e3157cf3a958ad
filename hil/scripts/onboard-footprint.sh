#!/usr/bin/env bash
# onboard-footprint.sh: start time and idle memory of onboard distributions, compared in one run.
#
#   hil/scripts/onboard-footprint.sh [--rounds N] [--idle-s S] [--java JAVA] BASELINE.zip OTHER.zip...
#
# Each spacemoe-onboard-dist.zip is unpacked into its own directory and started with its launcher
# (bin/spacemoe-onboard run, no plan, so /health answers DOWN with the reason) once to warm up (this start writes
# the class-data archive of a launcher that makes one), then N times in turns (A B A B ...), so a busy moment of
# the machine hits every distribution alike. Per start: milliseconds from exec to the first /health answer, and
# the resident memory (VmRSS) after S idle seconds; then SIGTERM. Prints the medians per distribution and their
# ratios to the first (BASELINE), and writes footprint.json beside the unpacked distributions (--out DIR, default
# a temporary directory). Exit 1 when a start fails to answer /health within 60 s, 2 on a usage error.
set -euo pipefail

rounds=5
idle=10
out=""
java_bin="${JAVA:-java}"
zips=()
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --idle-s) idle=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --java) java_bin=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "onboard-footprint: unknown option $1" >&2; exit 2 ;;
    *) zips+=("$1"); shift ;;
  esac
done
[ "${#zips[@]}" -ge 2 ] || { echo "onboard-footprint: give a baseline zip and at least one other" >&2; exit 2; }
case "$rounds" in '' | *[!0-9]* | 0) echo "onboard-footprint: --rounds must be a positive integer" >&2; exit 2 ;; esac
case "$idle" in '' | *[!0-9]*) echo "onboard-footprint: --idle-s must be a whole number of seconds" >&2; exit 2 ;; esac
for z in "${zips[@]}"; do [ -f "$z" ] || { echo "onboard-footprint: $z: no such file" >&2; exit 2; }; done
[ -n "$out" ] || out="$(mktemp -d)"
mkdir -p "$out"

say() { echo "[footprint] $*" >&2; }

homes=()
for i in "${!zips[@]}"; do
  d="$out/dist$i"
  rm -rf "$d" && mkdir -p "$d"
  (cd "$d" && unzip -q "$(realpath "${zips[$i]}")")
  chmod +x "$d"/spacemoe-onboard/bin/*
  homes+=("$d/spacemoe-onboard")
done

# one start: prints "<ms to /health> <VmRSS kB>"
start_once() {
  local home=$1 port pid t0 t1 body rss
  port=$((20000 + RANDOM % 30000))
  t0=$(date +%s%N)
  (cd "$home" && JAVA="$java_bin" SPACEMOE_HTTP_PORT=$port exec bin/spacemoe-onboard run) > "$home/run.log" 2>&1 &
  pid=$!
  body=""
  for _ in $(seq 1 1200); do
    body="$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /health HTTP/1.0\r\n\r\n' >&3 && cat <&3) 2>/dev/null || true)"
    [ -n "$body" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  t1=$(date +%s%N)
  if [ -z "$body" ]; then
    kill -KILL "$pid" 2>/dev/null || true
    say "$home: no /health answer (see $home/run.log)"
    return 1
  fi
  sleep "$idle"
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  echo "$(( (t1 - t0) / 1000000 )) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for i in "${!homes[@]}"; do
  say "warm-up start of ${zips[$i]}"
  start_once "${homes[$i]}" > /dev/null
  : > "$out/samples$i"
done
for r in $(seq 1 "$rounds"); do
  for i in "${!homes[@]}"; do
    s=$(start_once "${homes[$i]}")
    echo "$s" >> "$out/samples$i"
    say "round $r/$rounds ${zips[$i]}: /health after ${s% *} ms, RSS $(( ${s#* } / 1024 )) MiB"
  done
done

json="$out/footprint.json"
{
  echo "{"
  echo "  \"rounds\" : $rounds, \"idleSeconds\" : $idle,"
  echo "  \"distributions\" : ["
}> "$json"
printf '%-50s %12s %8s %10s %8s %10s\n' distribution jar-bytes health-ms ratio rss-MiB ratio
base_ms=""; base_rss=""
for i in "${!homes[@]}"; do
  ms=$(awk '{print $1}' "$out/samples$i" | median)
  rss=$(awk '{print $2}' "$out/samples$i" | median)
  jar=$(stat -c %s "${homes[$i]}/lib/spacemoe-onboard.jar")
  [ -n "$base_ms" ] || { base_ms=$ms; base_rss=$rss; }
  rms=$(awk -v a="$ms" -v b="$base_ms" 'BEGIN {printf "%.2f", a / b}')
  rrss=$(awk -v a="$rss" -v b="$base_rss" 'BEGIN {printf "%.2f", a / b}')
  printf '%-50s %12s %8s %10s %8s %10s\n' "$(basename "${zips[$i]}")" "$jar" "$ms" "$rms" "$(( ${rss%.*} / 1024 ))" "$rrss"
  sep=","; [ "$i" -eq $(( ${#homes[@]} - 1 )) ] && sep=""
  echo "    {\"zip\" : \"${zips[$i]}\", \"jarBytes\" : $jar, \"healthMsMedian\" : $ms, \"rssKbMedian\" : $rss, \"healthRatio\" : $rms, \"rssRatio\" : $rrss}$sep" >> "$json"
done
echo "  ]" >> "$json"
echo "}" >> "$json"
say "samples and $json in $out"
