#!/usr/bin/env bash
# ARM check without a board: runs the onboard distribution's selftest on an emulated aarch64 Java, with the CPU
# models of a Raspberry Pi 4 (cortex-a72) and a Raspberry Pi 5 (cortex-a76), on the tiny model, and asserts that it
# passes and that ONNX Runtime loaded its linux-aarch64 library. Proves the artifact loads and computes on ARM; says
# nothing about board speed (qemu user-mode emulation).
#
# Usage: hil/scripts/arm-selftest.sh [--cpus cortex-a72,cortex-a76] [--out DIR]
# Needs: the built distribution (mvn -q -DskipTests package), a host Java 17 and, unless already there,
# root for apt-get (qemu-user-static, the arm64 Debian packages). Environment:
#   SPACEMOE_ARM_SYSROOT  where the arm64 Java sysroot is cached (default: target/arm-sysroot under the repository);
#                         a second run reuses it and needs neither root nor the network
#   SPACEMOE_DIST         the distribution zip (default onboard/target/spacemoe-onboard-dist.zip)
#   SPACEMOE_GROUND_JAR   the ground tool (default ground/target/spacemoe-ground.jar), exports the tiny model
# Exit 0: every CPU passed; 1: a selftest failed or did not name linux-aarch64; 2: usage or missing input.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SYSROOT="${SPACEMOE_ARM_SYSROOT:-$ROOT/target/arm-sysroot}"
DIST="${SPACEMOE_DIST:-$ROOT/onboard/target/spacemoe-onboard-dist.zip}"
GROUND_JAR="${SPACEMOE_GROUND_JAR:-$ROOT/ground/target/spacemoe-ground.jar}"
CPUS="cortex-a72,cortex-a76"
OUT=""
PACKAGES=(openjdk-17-jre-headless libc6 zlib1g libstdc++6 libgcc-s1 busybox-static)
ARM_JAVA_REL=usr/lib/jvm/java-17-openjdk-arm64/bin/java

die() { echo "arm-selftest: $1" >&2; exit "${2:-2}"; }
say() { echo "[arm-selftest] $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --cpus) [ $# -ge 2 ] || die "--cpus needs a list"; CPUS="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a DIR"; OUT="$2"; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

[ -f "$DIST" ] || die "$DIST: no distribution (build it: mvn -q -DskipTests package)"
[ -f "$GROUND_JAR" ] || die "$GROUND_JAR: no ground tool (build it: mvn -q -DskipTests package)"
command -v java >/dev/null 2>&1 || die "java: no host Java on PATH"
command -v unzip >/dev/null 2>&1 || UNZIP_WITH_JAVA=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    die "need root for: $* (or prepare $SYSROOT and qemu-aarch64-static once as root)"; fi
}

# 1. qemu user-mode emulation
QEMU="$(command -v qemu-aarch64-static || true)"
if [ -z "$QEMU" ]; then
  say "installing qemu-user-static"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq qemu-user-static >/dev/null
  QEMU="$(command -v qemu-aarch64-static)" || die "qemu-aarch64-static still missing after apt-get"
fi

# 2. the arm64 Java sysroot, cached
if [ -f "$SYSROOT/.complete" ] && [ -x "$SYSROOT/$ARM_JAVA_REL" ]; then
  say "sysroot cached: $SYSROOT ($(tr '\n' ' ' < "$SYSROOT/.complete"))"
else
  say "preparing the arm64 sysroot in $SYSROOT"
  t0=$(date +%s)
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    as_root dpkg --add-architecture arm64
  fi
  as_root apt-get update -qq >/dev/null
  debs="$(mktemp -d)"
  chmod 777 "$debs"
  (cd "$debs" && apt-get download -qq "${PACKAGES[@]/%/:arm64}" >/dev/null 2>&1) \
    || (cd "$debs" && as_root apt-get download -qq "${PACKAGES[@]/%/:arm64}" >/dev/null 2>&1) \
    || die "apt-get download ${PACKAGES[*]} (arm64) failed"
  rm -rf "$SYSROOT.tmp"
  mkdir -p "$SYSROOT.tmp"
  for deb in "$debs"/*.deb; do
    dpkg -x "$deb" "$SYSROOT.tmp"
  done
  # absolute symlinks point into the host; re-point them into the sysroot
  find "$SYSROOT.tmp" -type l | while read -r link; do
    target="$(readlink "$link")"
    case "$target" in
      /*) ln -sfn "$SYSROOT$target" "$link" ;;
    esac
  done
  (cd "$debs" && ls -1 *.deb) > "$SYSROOT.tmp/.complete"
  rm -rf "$debs" "$SYSROOT"
  mv "$SYSROOT.tmp" "$SYSROOT"
  # the links were made for the final path: check one resolves
  [ -x "$SYSROOT/$ARM_JAVA_REL" ] || die "$SYSROOT/$ARM_JAVA_REL: missing after unpacking" 1
  say "sysroot ready in $(( $(date +%s) - t0 )) s"
fi

# 3. the distribution and the tiny model
work="${OUT:-$(mktemp -d)}"
mkdir -p "$work"
rm -rf "$work/spacemoe-onboard" "$work/tiny"
if [ -z "${UNZIP_WITH_JAVA:-}" ]; then
  unzip -q "$DIST" -d "$work"
else
  (cd "$work" && jar xf "$DIST" && chmod +x spacemoe-onboard/bin/*)
fi
say "distribution $(cat "$work/spacemoe-onboard/VERSION")"
java -jar "$GROUND_JAR" export-model --preset tiny --out "$work/tiny" >/dev/null 2>&1 \
  || die "export-model --preset tiny failed"

# 4. the selftest under each emulated CPU, through the distribution's own launcher
status=0
IFS=',' read -r -a cpu_list <<< "$CPUS"
for cpu in "${cpu_list[@]}"; do
  wrapper="$work/java-aarch64-$cpu"
  cat > "$wrapper" <<WRAP
#!/bin/sh
exec "$QEMU" -cpu $cpu -L "$SYSROOT" "$SYSROOT/$ARM_JAVA_REL" "\$@"
WRAP
  chmod +x "$wrapper"
  say "selftest on emulated aarch64 -cpu $cpu"
  t0=$(date +%s)
  set +e
  JAVA="$wrapper" JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${ARM_JAVA_OPTS:-}" \
    "$work/spacemoe-onboard/bin/spacemoe-onboard" selftest --shards "$work/tiny" --json "$work/selftest-$cpu.json" \
    > "$work/selftest-$cpu.txt" 2>&1
  code=$?
  set -e
  sed 's/^/  /' "$work/selftest-$cpu.txt"
  json="$work/selftest-$cpu.json"
  if [ "$code" -ne 0 ]; then
    say "FAIL ($cpu): selftest exit $code"; status=1; continue
  fi
  if ! grep -q '^native platform: linux-aarch64$' "$work/selftest-$cpu.txt" \
      || ! grep -q 'native/linux-aarch64/libonnxruntime.so' "$work/selftest-$cpu.txt"; then
    say "FAIL ($cpu): the output does not name the linux-aarch64 ONNX Runtime library"; status=1; continue
  fi
  if ! grep -q '"ortPlatform" : "linux-aarch64"' "$json" || ! grep -q '"arch" : "aarch64"' "$json" \
      || ! grep -q '^  "passed" : true' "$json"; then
    say "FAIL ($cpu): $json does not say passed on aarch64 with linux-aarch64"; status=1; continue
  fi
  say "PASS ($cpu) in $(( $(date +%s) - t0 )) s: $(grep '^selftest ' "$work/selftest-$cpu.txt")"
done
say "reports in $work"
exit $status
