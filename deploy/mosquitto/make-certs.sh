#!/usr/bin/env bash
# Makes the TLS material of a SpaceMoE broker with openssl: a CA (kept if it exists), the broker's server
# certificate, and one client certificate per name (CN = the name: a satellite, or "ground").
#
#   deploy/mosquitto/make-certs.sh OUT_DIR BROKER_HOST NAME...
#   deploy/mosquitto/make-certs.sh /etc/mosquitto/spacemoe broker.example.org ground P00S00 P00S01 ...
#
# Satellite names: spacemoe-ground acl prints them (every user in the ACL but the ground needs one).
# OUT_DIR/ca.key signs everything: keep it offline once the certificates are made.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,10p' "$0"; exit 2
fi
out="$1"; host="$2"; shift 2
days="${DAYS:-825}"
mkdir -p "$out"
umask 077
cd "$out"

if [ ! -f ca.key ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
    -days 3650 -subj "/CN=SpaceMoE broker CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
fi

sign() { # sign NAME EXTENSIONS
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$1"
  printf '%b' "$2" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days "$days" \
    -extfile "$1.ext"
  rm -f "$1.csr" "$1.ext"
}

san="DNS:$host"
if [[ "$host" =~ ^[0-9.]+$ ]]; then san="IP:$host"; fi
sign server "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=$san,DNS:localhost,IP:127.0.0.1\n"
for name in "$@"; do
  sign "$name" "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n"
done
chmod 644 ca.crt server.crt ./*.crt
echo "wrote $out: ca.crt, server.crt/.key, and a .crt/.key pair for: $*"
