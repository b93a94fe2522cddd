#!/bin/bash
# The root a portable release binary is linked against: Debian 11's glibc
# (2.31), libstdc++ (GCC 10), libxml2 and zlib, made with debootstrap from
# Debian's own packages and kept in DIR (made once; make clean leaves it).
# Linking against the oldest glibc of the systems ARGO runs on (Debian 11:
# 2.31; EL9: 2.34; Ubuntu 22.04: 2.35) makes the binary refer to no newer
# symbol version; the C libraries whose names differ between systems are
# loaded at run time (CCurl, CLDAP, CICU, COpenSSL).
#   sysroot.sh DIR
set -euo pipefail
root=$1
# pkg-config for the build (PKG_CONFIG_PATH=$root.pkgconfig, read by SwiftPM): this host's
# headers to compile (the root's would mix two glibcs' headers), the root's
# libraries to link.
mkdir -p "$root.pkgconfig"
for entry in "libxml-2.0 xml2 -I/usr/include/libxml2" "zlib z"; do
  set -- $entry
  printf 'Name: %s\nDescription: %s of the Debian 11 root\nVersion: 0\nCflags: %s\nLibs: -L%s/usr/lib/x86_64-linux-gnu -l%s\n' \
    "$1" "$1" "${3:-}" "$root" "$2" > "$root.pkgconfig/$1.pc"
done
[ -e "$root/.complete" ] && exit 0
command -v debootstrap >/dev/null || { echo "sysroot.sh: debootstrap is not installed (make installs it)"; exit 1; }
rm -rf "$root"
mkdir -p "$root"
debootstrap --variant=minbase --include=libc6-dev,libgcc-10-dev,libstdc++-10-dev,libxml2-dev,zlib1g-dev bullseye "$root" >"$root.log" 2>&1 \
  || { tail -20 "$root.log"; exit 1; }
# The -dev packages' links are absolute (/lib/x86_64-linux-gnu/...): made
# relative, so that the linker finds the root's libraries, not the host's.
python3 - "$root" <<'PY'
import os, sys
root = sys.argv[1]
for directory, dirs, files in os.walk(root):
    for name in files + dirs:
        path = os.path.join(directory, name)
        if os.path.islink(path) and os.readlink(path).startswith("/"):
            target = os.readlink(path)
            os.unlink(path)
            os.symlink(os.path.relpath(root + target, directory), path)
PY
# (Linker scripts such as libc.so name their libraries by absolute paths:
# the linker reads those inside the root itself, as --sysroot says.)
mkdir -p "$root/lib64"
[ -e "$root/lib64/ld-linux-x86-64.so.2" ] || ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"
touch "$root/.complete"
