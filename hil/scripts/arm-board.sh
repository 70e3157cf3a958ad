#!/usr/bin/env bash
# An emulated aarch64 "board" on this host, for loopback benches: writes DIR/bin/java (the sysroot's aarch64 Java
# under qemu user-mode emulation) and DIR/bin/uname (the sysroot's aarch64 busybox under qemu, so `uname -m` says
# aarch64 as on a Raspberry Pi), and prints the sshd_config lines that give an SSH server's sessions this
# environment (JAVA, JAVA_OPTS and PATH). Run a second sshd with them, and a board of the inventory at its port with
# `architecture: aarch64` is served by a real aarch64 JVM and the linux-aarch64 ONNX Runtime.
#
# Usage: hil/scripts/arm-board.sh --sysroot SYSROOT --dir DIR [--cpu cortex-a72]
# SYSROOT is the one hil/scripts/arm-selftest.sh prepares (SPACEMOE_ARM_SYSROOT): it must hold the aarch64 Java and
# busybox. Exit 0: written; 2: usage or missing input.
set -euo pipefail

die() { echo "arm-board: $1" >&2; exit 2; }
SYSROOT=""
DIR=""
CPU="cortex-a72"
ARM_JAVA_REL=usr/lib/jvm/java-17-openjdk-arm64/bin/java
while [ $# -gt 0 ]; do
  case "$1" in
    --sysroot) [ $# -ge 2 ] || die "--sysroot needs a directory"; SYSROOT="$2"; shift 2 ;;
    --dir) [ $# -ge 2 ] || die "--dir needs a directory"; DIR="$2"; shift 2 ;;
    --cpu) [ $# -ge 2 ] || die "--cpu needs a CPU model"; CPU="$2"; shift 2 ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[ -n "$SYSROOT" ] && [ -n "$DIR" ] || die "--sysroot and --dir are required (see --help)"
SYSROOT="$(cd "$SYSROOT" && pwd)" || die "$SYSROOT: no such directory"
QEMU="$(command -v qemu-aarch64-static)" || die "qemu-aarch64-static: not installed (hil/scripts/arm-selftest.sh installs it)"
[ -x "$SYSROOT/$ARM_JAVA_REL" ] || die "$SYSROOT/$ARM_JAVA_REL: no aarch64 Java (prepare the sysroot with hil/scripts/arm-selftest.sh)"
[ -x "$SYSROOT/bin/busybox" ] || die "$SYSROOT/bin/busybox: no aarch64 busybox (prepare the sysroot with hil/scripts/arm-selftest.sh)"
mkdir -p "$DIR/bin"
DIR="$(cd "$DIR" && pwd)"
cat > "$DIR/bin/java" <<WRAP
#!/bin/sh
exec "$QEMU" -cpu $CPU -L "$SYSROOT" "$SYSROOT/$ARM_JAVA_REL" "\$@"
WRAP
cat > "$DIR/bin/uname" <<WRAP
#!/bin/sh
exec "$QEMU" -cpu $CPU "$SYSROOT/bin/busybox" uname "\$@"
WRAP
chmod +x "$DIR/bin/java" "$DIR/bin/uname"
echo "SetEnv JAVA=$DIR/bin/java \"JAVA_OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1\" PATH=$DIR/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
