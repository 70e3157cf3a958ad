#!/usr/bin/env bash
# Makes the TLS material of a SpaceMoE broker with openssl: a CA (kept if it exists), the broker's server
# certificate, and one client certificate per name (CN = the name: a satellite, or "ground").
#
#   deploy/mosquitto/make-certs.sh OUT_DIR BROKER_HOST NAME...
#   deploy/mosquitto/make-certs.sh /etc/mosquitto/spacemoe broker.example.org ground p00s00 p00s01 ...
#
# Names are exactly the plan's satellite names (lower case, as in the ACL's "user" lines that
# spacemoe-ground acl writes), and "ground". It also writes the PKCS#12 stores the Java clients read:
# ca.p12 (trust store: the CA) and NAME.p12 per name (key store: key and certificate chain), all with
# the password in STORE_PASSWORD_FILE (default OUT_DIR/store.password, made if absent, mode 0600).
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

# PKCS#12 stores for the Java clients (ground tool, onboard nodes)
pwfile="${STORE_PASSWORD_FILE:-$out/store.password}"
if [ ! -s "$pwfile" ]; then
  (umask 077; openssl rand -hex 16 > "$pwfile")
fi
chmod 600 "$pwfile"
if ! command -v keytool >/dev/null; then
  echo "make-certs.sh: keytool (from a JDK) is needed to write the trust store ca.p12" >&2; exit 1
fi
rm -f ca.p12
keytool -importcert -noprompt -alias spacemoe-ca -file ca.crt -keystore ca.p12 -storetype PKCS12 \
  -storepass:file "$pwfile" >/dev/null 2>&1 || { echo "make-certs.sh: keytool could not write ca.p12" >&2; exit 1; }
for name in "$@"; do
  openssl pkcs12 -export -name "$name" -inkey "$name.key" -in "$name.crt" -certfile ca.crt -out "$name.p12" \
    -passout "file:$pwfile"
done
chmod 600 ./*.p12
echo "wrote $out: ca.crt, server.crt/.key, a .crt/.key pair and a .p12 key store for: $*;" \
  "ca.p12 (trust store); store password in $pwfile"
