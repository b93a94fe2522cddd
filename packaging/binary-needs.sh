#!/bin/bash
# What a built argo-connectors binary needs from the host it runs on: the
# newest glibc symbol version it links (and which symbols need it), the
# other symbol versions, and its shared libraries. `make release` prints it.
#
# --check (make portable-check) fails on anything beyond what Debian 11,
# Debian 12, Ubuntu 22.04 and 24.04 and Rocky/Alma Linux 9 all have:
# glibc symbol versions up to GLIBC_2.31 (Debian 11's), GLIBCXX up to
# 3.4.28 (GCC 10, Debian 11), and shared libraries among glibc's own,
# libz.so.1, libxml2.so.2, libgcc_s.so.1 and libstdc++.so.6 (libcurl,
# libldap, ICU and libcrypto are loaded at run time: their names differ).
set -euo pipefail
check=false
if [ "${1:-}" = --check ]; then check=true; shift; fi
bin=$1
command -v objdump >/dev/null || { echo "binary-needs: objdump (binutils) is not installed"; $check && exit 1; exit 0; }
symbols=$(objdump -T "$bin")
glibc=$(grep -o 'GLIBC_[0-9.]*' <<<"$symbols" | sort -uV | tail -1)
needing=$(grep -F "($glibc)" <<<"$symbols" | awk '{print $NF}' | sort -u | tr '\n' ' ')
others=$(grep -o '([A-Z][A-Z0-9_]*_[0-9][0-9.A-Z_]*)' <<<"$symbols" | tr -d '()' | grep -v '^GLIBC_' | sort -u | tr '\n' ' ' || true)
libraries=$(objdump -p "$bin" | awk '/NEEDED/ {print $2}' | tr '\n' ' ')
echo "$bin needs ${glibc/_/ } (for: ${needing% }); other symbol versions: ${others:-none}"
echo "  shared libraries: $libraries"
$check || exit 0
problems=0
newest=$(printf '%s\nGLIBC_2.31\n' "$glibc" | sort -V | tail -1)
[ "$newest" = GLIBC_2.31 ] || { echo "binary-needs: $glibc is newer than GLIBC_2.31 (Debian 11): ${needing% }"; problems=1; }
cxx=$(grep -o 'GLIBCXX_[0-9.]*' <<<"$symbols" | sort -uV | tail -1 || true)
if [ -n "$cxx" ]; then
    newest=$(printf '%s\nGLIBCXX_3.4.28\n' "$cxx" | sort -V | tail -1)
    [ "$newest" = GLIBCXX_3.4.28 ] || { echo "binary-needs: $cxx is newer than GLIBCXX_3.4.28 (Debian 11's libstdc++)"; problems=1; }
fi
for version in $others; do
    case $version in GLIBCXX_*|CXXABI_1.3|CXXABI_1.3.[0-9]|CXXABI_1.3.1[0-2]|GCC_[0-9]*|LIBXML2_2.*|ZLIB_1.2.*) ;;
        *) echo "binary-needs: symbol version $version belongs to no library every system has"; problems=1 ;;
    esac
done
for library in $libraries; do
    case $library in libc.so.6|libm.so.6|libpthread.so.0|libdl.so.2|libutil.so.1|librt.so.1|ld-linux-x86-64.so.2|libz.so.1|libxml2.so.2|libgcc_s.so.1|libstdc++.so.6) ;;
        *) echo "binary-needs: $library is not on every system (load it at run time)"; problems=1 ;;
    esac
done
[ $problems = 0 ] && echo "binary-needs: portable (Debian 11 and 12, Ubuntu 22.04 and 24.04, EL9)"
exit $problems
