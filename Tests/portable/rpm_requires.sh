#!/usr/bin/env bash
# The RPM made from the portable binary (make rpm-portable) asks EL9 for what
# the binary needs and nothing newer: its Requires name EL9's packages, and
# the automatic ELF requirements stop at GLIBC_2.29 (EL9 has 2.34).
# Usage: rpm_requires.sh RPM
set -euo pipefail
rpm=$1
requires=$(rpm -qp --requires "$rpm")
failed=0
for package in libcurl libxml2 zlib openldap libicu openssl-libs; do
  if grep -qx "$package" <<<"$requires"; then echo "ok   Requires: $package"; else echo "FAIL Requires: $package is missing"; failed=1; fi
done
newer=$(grep -oE 'GLIBC_2\.(3[0-9]|[4-9][0-9])' <<<"$requires" | sort -u | tr '\n' ' ' || true)
if [ -z "$newer" ]; then echo "ok   no glibc symbol version past 2.29 in the automatic requirements"; else echo "FAIL glibc: $newer"; failed=1; fi
sonames=$(grep -oE '^lib[a-z0-9_+-]+\.so\.[0-9.]+' <<<"$requires" | sort -u | tr '\n' ' ')
echo "     libraries asked for: $sonames"
for soname in $sonames; do
  case $soname in
    libc.so.6|libm.so.6|libdl.so.2|libpthread.so.0|libutil.so.1|libz.so.1|libxml2.so.2|libstdc++.so.6|libgcc_s.so.1|ld-linux-x86-64.so.2) ;;
    *) echo "FAIL the binary links $soname, which EL9 may not have under that name"; failed=1 ;;
  esac
done
exit $failed
