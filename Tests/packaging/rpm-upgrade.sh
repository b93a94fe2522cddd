#!/bin/bash
# The RPM built from packaging/argo-connectors.spec upgrades, in place, a
# host holding argo-egi-connectors 1.7.2 and argo-connectors 2.3.1
# (minimal packages built here from spec files of our own, with their
# configuration, cron entry and scripts): rpm -U --test, then a real
# upgrade into a private root and database. Run by PackagingTests.
# Usage: rpm-upgrade.sh BINARY WORKDIR
set -euo pipefail
binary=$1 work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
top=$work/top
mkdir -p $top/SOURCES $top/SPECS
fail() { echo "FAIL: $*"; exit 1; }
fast=(--define "_topdir $top" --define "__os_install_post %{nil}" --define "_binary_payload w1.gzdio" --nodeps --quiet)

# Ours, around the built binary.
version=$(sed -n 's/^Version: *//p' $root/packaging/argo-connectors.spec)
(cd $root && tar czf $top/SOURCES/argo-connectors-$version.tar.gz --transform "s,^,argo-connectors-$version/," \
  Makefile README.md docs config-examples packaging)
rpmbuild -bb "${fast[@]}" --define "prebuilt $binary" $root/packaging/argo-connectors.spec
ours=$(ls $top/RPMS/*/argo-connectors-$version-*.rpm)

# The old packages: what an ARGO host holds.
old_spec() {  # NAME VERSION CONFDIR LIBEXEC CRON
  cat > $top/SPECS/$1.spec <<SPEC
Name: $1
Version: $2
Release: 1
Summary: old $1
License: ASL 2.0
BuildArch: noarch
%description
The Python $1, reduced to its files.
%install
mkdir -p %{buildroot}$3 %{buildroot}$4 %{buildroot}/etc/cron.d
echo '[CUSTOMER_EGI]' > %{buildroot}$3/customer.conf
echo '[General]' > %{buildroot}$3/global.conf
echo '#!/usr/bin/python3' > %{buildroot}$4/topology-gocdb-connector.py
chmod 755 %{buildroot}$4/topology-gocdb-connector.py
echo '0 1 * * * root $4/topology-gocdb-connector.py' > %{buildroot}/etc/cron.d/$5
%files
%config(noreplace) $3/customer.conf
%config(noreplace) $3/global.conf
$4/topology-gocdb-connector.py
%config(noreplace) /etc/cron.d/$5
SPEC
  rpmbuild -bb "${fast[@]}" $top/SPECS/$1.spec
}
old_spec argo-egi-connectors 1.7.2 /etc/argo-egi-connectors /usr/libexec/argo-egi-connectors argo-egi-connectors
old_spec argo-connectors 2.3.1 /etc/argo-connectors /usr/libexec/argo-connectors argo-connectors
old17=$(ls $top/RPMS/noarch/argo-egi-connectors-1.7.2-*.rpm)
old23=$(ls $top/RPMS/noarch/argo-connectors-2.3.1-*.rpm)

echo "== rpm -qp --provides --obsoletes $(basename $ours)"
rpm -qp --provides $ours | sed 's/^/provides: /'
rpm -qp --obsoletes $ours | sed 's/^/obsoletes: /'

host=$work/host
rpm --root $host --initdb
rpm --root $host -i --nodeps --noscripts $old17 $old23
# The operator edited the 1.7 configuration.
echo '[CUSTOMER_EGI]  # edited by the operator' > $host/etc/argo-egi-connectors/customer.conf
echo '[CUSTOMER_EGI]  # 2.3.1, edited by the operator' > $host/etc/argo-connectors/customer.conf
echo "== before: $(rpm --root $host -qa | sort | tr '\n' ' ')"

echo "== rpm -Uvh --test $(basename $ours)"
rpm --root $host -Uvh --test --nodeps $ours || fail "rpm -U --test refused the upgrade"
rpm --root $host -Uvh --nodeps --noscripts $ours || fail "rpm -U failed"
after=$(rpm --root $host -qa | sort | tr '\n' ' ')
echo "== after: $after"
[ "$after" = "argo-connectors-$version-1.x86_64 " ] || [ "$(rpm --root $host -qa)" = "argo-connectors-$version-1.x86_64" ] \
  || fail "expected only argo-connectors-$version installed, found: $after"
grep -q 'edited by the operator' $host/etc/argo-egi-connectors/customer.conf || fail "the edited 1.7 customer.conf was replaced"
grep -q '2.3.1, edited by the operator' $host/etc/argo-connectors/customer.conf || fail "the edited 2.3.1 customer.conf was not kept in place"
[ ! -e $host/etc/argo-connectors/customer.conf.rpmsave ] || fail "the 2.3.1 customer.conf was moved aside"
[ -e $host/etc/argo-egi-connectors/customer.conf.rpmnew ] && echo "kept: customer.conf (the new one as customer.conf.rpmnew)"
grep -q 'argo-connectors all --quiet --syslog' $host/etc/cron.d/argo-egi-connectors || fail "the cron entry was not replaced"
[ ! -e $host/etc/cron.d/argo-connectors ] || fail "2.3.1's cron entry is still there: the connectors would run twice"
echo "cron.d: $(ls $host/etc/cron.d | tr '\n' ' ')"
[ -L $host/usr/libexec/argo-egi-connectors/topology-gocdb-connector.py ] || fail "the 1.7 script name is not a link to the binary"
echo "ok: upgraded in place"
