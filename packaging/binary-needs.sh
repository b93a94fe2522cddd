#!/bin/bash
# What a built argo-connectors binary needs from the host it runs on: the
# newest glibc symbol version it links (and which symbols need it), and the
# libraries' symbol versions (Debian's libcurl names its CURL_OPENSSL_4).
# `make release` prints it; a binary built on Debian 12 needs glibc 2.35
# and Debian's libcurl, so it does not run on Rocky/Alma Linux 9 (glibc
# 2.34): build there instead (packaging/el9/).
set -euo pipefail
bin=$1
command -v objdump >/dev/null || { echo "binary-needs: objdump (binutils) is not installed"; exit 0; }
symbols=$(objdump -T "$bin")
glibc=$(grep -o 'GLIBC_[0-9.]*' <<<"$symbols" | sort -uV | tail -1)
needing=$(grep -F "($glibc)" <<<"$symbols" | awk '{print $NF}' | sort -u | tr '\n' ' ')
others=$(grep -o '([A-Z][A-Z0-9_]*_[0-9][0-9.A-Z_]*)' <<<"$symbols" | tr -d '()' | grep -v '^GLIBC' | sort -u | tr '\n' ' ' || true)
echo "$bin needs ${glibc/_/ } (for: ${needing% }); other symbol versions: ${others:-none}"
echo "$(objdump -p "$bin" | awk '/NEEDED/ {print $2}' | tr '\n' ' ')" | sed 's/^/  shared libraries: /'
