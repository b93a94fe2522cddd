# argo-connectors — see README.md.
SHELL := /bin/bash
PREFIX ?= /usr
DATE ?= 2026-11-28
SWIFT ?= swift
BIN_DIR_DEBUG = $(shell $(SWIFT) build --show-bin-path 2>/dev/null)
BIN_DEBUG = $(BIN_DIR_DEBUG)/argo-connectors
# Release binaries carry the Swift runtime (static stdlib): a host needs
# only libcurl, libxml2, zlib, libldap and libicu, no Swift toolchain.
SWIFT_RELEASE = $(SWIFT) build -c release --static-swift-stdlib
# The release binary runs on Debian 11 and 12, Ubuntu 22.04 and 24.04 and
# EL9 alike: linked against Debian 11's root (glibc 2.31, GCC 10's
# libstdc++; packaging/portable/sysroot.sh), with pthread and dl as the
# separate libraries they were before glibc 2.34. SwiftPM reads .pc files
# itself, PKG_CONFIG_PATH first: sysroot.sh's own name libxml2's and zlib's
# folder in that root (never the host's /usr/lib, whose libc.so is glibc
# 2.36's) and this host's headers (the root's would mix two glibcs').
SYSROOT = $(CURDIR)/.build-sysroot/bullseye
PORTABLE = -Xswiftc -Xclang-linker -Xswiftc --sysroot=$(SYSROOT) -Xlinker --no-as-needed -Xlinker -lpthread -Xlinker -ldl
BIN_RELEASE = $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)/argo-connectors

# Debian packages the build and the tests need; installed only when absent.
# slapd serves the BDII tests (each test starts its own); debconf is told
# not to configure it, so apt neither sets up nor starts a system server.
# rpm serves the packaging test (building the RPM, upgrading old ones).
DEPS = libcurl4-openssl-dev libssl-dev libxml2-dev zlib1g-dev libldap-dev libicu-dev slapd rpm pkg-config openssl python3 python3-venv \
  debootstrap binutils
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build-info build release portable-check run test interop bench fuzz install install-files uninstall rpm rpm-portable rpm-el9 clean

all: build

deps:
	@command -v dpkg >/dev/null || exit 0; missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  echo "slapd slapd/no_configuration boolean true" | $(SUDO) debconf-set-selections; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The commit `--version` prints ("+changes" for a tree with uncommitted
# changes), written only when it changes so that a new commit rebuilds one file.
BUILD_INFO = Sources/CBuildInfo/generated_commit.h
build-info:
	@c=$$(git rev-parse --short HEAD 2>/dev/null || echo unknown); git diff --quiet HEAD 2>/dev/null || c="$$c+changes"; \
	echo "#define ARGO_BUILD_COMMIT \"$$c\"" > $(BUILD_INFO).tmp; cmp -s $(BUILD_INFO).tmp $(BUILD_INFO) || mv $(BUILD_INFO).tmp $(BUILD_INFO); rm -f $(BUILD_INFO).tmp

build: deps build-info
	$(SWIFT) build

release: deps build-info
	packaging/portable/sysroot.sh $(SYSROOT)
	PKG_CONFIG_PATH=$(SYSROOT).pkgconfig $(SWIFT_RELEASE) --product argo-connectors $(PORTABLE)
	@packaging/binary-needs.sh $(BIN_RELEASE)

# The offline examples: saved feeds under config-examples/offline/feeds,
# outputs under ./var/EGI (1.7, DATE is the day the saved feeds describe);
# config-examples/offline-2.3.1, outputs under ./var/tenants (2.3.1).
run: release
	@mkdir -p var/offline
	@for f in global customer; do sed "s#@ROOT@#$(CURDIR)#g" config-examples/offline/$$f.conf > var/offline/$$f.conf; done
	$(BIN_RELEASE) validate-config -c var/offline/customer.conf -g var/offline/global.conf
	@for c in topology downtimes weights poem; do \
	  $(BIN_RELEASE) $$c -c var/offline/customer.conf -g var/offline/global.conf -d $(DATE) || exit 1; done
	@echo "Written:"; find var/EGI -type f -name '*.avro' | sort | while read f; do \
	  printf '  %-60s %6s records\n' "$$f" "$$($(BIN_RELEASE) cat --count $$f)"; done
	@# The 2.3.1 example: seven tenants, one per TopoType (the EOSC portal also as EOSC Beyond), every connector, JSON files under ./var/tenants.
	@mkdir -p var/offline-2.3.1
	@for f in global customer; do sed "s#@ROOT@#$(CURDIR)#g" config-examples/offline-2.3.1/$$f.conf > var/offline-2.3.1/$$f.conf; \
	  chmod 600 var/offline-2.3.1/$$f.conf; done
	$(BIN_RELEASE) validate-config -c var/offline-2.3.1/customer.conf -g var/offline-2.3.1/global.conf
	$(BIN_RELEASE) all -c var/offline-2.3.1/customer.conf -g var/offline-2.3.1/global.conf -d 2022-10-27 --quiet
	@echo "Written:"; find var/tenants -type f -name '*.json' | sort | sed 's/^/  /'

# Each target imports only what Package.swift declares (the compiler lets a
# transitive module through); the first commands a Swift user types, `swift
# build` and `swift build -c release` (every target, the test support
# libraries included; its own folder, apart from `make release`'s portable
# build); then the whole suite.
PLAIN_RELEASE_DIR = $(CURDIR)/.build-plain-release
test: deps build-info
	python3 Tests/boundaries/check-imports.py
	$(SWIFT) build
	$(SWIFT) build -c release --build-path $(PLAIN_RELEASE_DIR)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Our files read by Apache Avro and fastavro, theirs read by us; every
# connector against peers.py, and every publishing connector against its
# WEB-API (first publish, same day again, changed feeds, diff --webapi).
INTEROP_DIR = $(CURDIR)/.build-interop
# The workplace's feed generator and peer servers (skipped when absent).
SHARED_TOOLS ?= $(CURDIR)/../shared/tools
interop: deps build-info
	$(SWIFT) build --build-tests
	rm -rf $(INTEROP_DIR)/work && mkdir -p $(INTEROP_DIR)/work/offline
	[ -x $(INTEROP_DIR)/venv/bin/python ] || python3 -m venv $(INTEROP_DIR)/venv
	$(INTEROP_DIR)/venv/bin/pip install -q avro fastavro
	ARGO_INTEROP_DIR=$(INTEROP_DIR)/work $(SWIFT) test --skip-build --filter InteropFixtureTests
	@for f in global customer; do sed -e "s#@ROOT@#$(CURDIR)#g" -e "s#$(CURDIR)/var/EGI#$(INTEROP_DIR)/work/offline/EGI#" \
	  config-examples/offline/$$f.conf > $(INTEROP_DIR)/work/$$f.conf; done
	@for c in topology downtimes weights poem; do \
	  $(BIN_DEBUG) $$c -c $(INTEROP_DIR)/work/customer.conf -g $(INTEROP_DIR)/work/global.conf -d $(DATE) || exit 1; done
	$(INTEROP_DIR)/venv/bin/python Tests/interop/interop.py $(BIN_DEBUG) $(INTEROP_DIR)/work
	$(INTEROP_DIR)/venv/bin/python Tests/interop/peers_e2e.py $(BIN_DEBUG) $(INTEROP_DIR)/peers $(SHARED_TOOLS)
	$(INTEROP_DIR)/venv/bin/python Tests/interop/webapi_e2e.py $(BIN_DEBUG) $(INTEROP_DIR)/webapi $(SHARED_TOOLS)

# The release binary, unchanged, in a Debian 11 root with the runtime
# packages alone (debootstrap, cached), against the same runs here; and its
# ELF needs held to what every system ARGO runs on has (binary-needs.sh --check).
portable-check: release
	packaging/binary-needs.sh --check $(BIN_RELEASE)
	python3 Tests/portable/portable_check.py $(BIN_RELEASE) $(CURDIR)/.build-portable
	$(MAKE) --no-print-directory rpm-portable
	Tests/portable/rpm_requires.sh dist/argo-connectors-$(RPM_VERSION)-*.rpm

# Benchmarks (release build): timings and peak RSS against xmllint --stream.
BENCH_DIR = $(CURDIR)/.build-bench
BENCH_RUNS ?= 5
bench: release
	@command -v xmllint >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libxml2-utils; }
	@command -v curl >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq curl; }
	$(SWIFT_RELEASE) --product argo-bench
	python3 Tests/bench/bench.py $(BIN_RELEASE) $(dir $(BIN_RELEASE))argo-bench $(BENCH_DIR) $(SHARED_TOOLS) --runs $(BENCH_RUNS) \
	  --markdown $(BENCH_DIR)/results.md

# Fuzzing of the XML, JSON, INI and Avro readers: libFuzzer where the
# toolchain builds it, else the seeded mutation runner. FUZZ_SECONDS per
# reader; any crash fails (its input is kept under .build-fuzz/).
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= $(shell date +%s)
fuzz: deps
	SWIFT=$(SWIFT) Tests/fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_SEED)

# Installation laid out like the Python package: binary in libexec with the
# old script names as links (the binary lists them: --script-names), configs
# (only when absent), schemas, cron, logrotate and the log folder.
LIBEXEC = $(PREFIX)/libexec/argo-egi-connectors
ETC = $(DESTDIR)/etc/argo-egi-connectors
INSTALL_BIN ?= $(BIN_RELEASE)

install: release
	$(MAKE) install-files

install-files:
	install -d $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(PREFIX)/bin $(ETC)/schemas $(DESTDIR)/etc/cron.d $(DESTDIR)/etc/logrotate.d \
	  $(DESTDIR)/var/lib/argo-connectors $(DESTDIR)/var/log/argo-connectors
	install -m 755 $(INSTALL_BIN) $(DESTDIR)$(LIBEXEC)/argo-connectors
	ln -sfn ../libexec/argo-egi-connectors/argo-connectors $(DESTDIR)$(PREFIX)/bin/argo-connectors
	names=$$($(INSTALL_BIN) --script-names) && for name in $$names; do ln -sfn argo-connectors $(DESTDIR)$(LIBEXEC)/$$name; done
	install -d $(DESTDIR)/etc/argo-connectors
	for conf in global.conf customer.conf; do \
	  [ -e $(ETC)/$$conf ] || install -m 600 config-examples/$$conf $(ETC)/$$conf; \
	  [ -e $(DESTDIR)/etc/argo-connectors/$$conf ] || install -m 600 config-examples/2.3.1/$$conf $(DESTDIR)/etc/argo-connectors/$$conf; done
	install -m 644 config-examples/schemas/*.avsc $(ETC)/schemas/
	sed "s#@LIBEXEC@#$(LIBEXEC)#" packaging/argo-egi-connectors.cron > $(DESTDIR)/etc/cron.d/argo-egi-connectors
	chmod 644 $(DESTDIR)/etc/cron.d/argo-egi-connectors
	install -m 644 packaging/argo-egi-connectors.logrotate $(DESTDIR)/etc/logrotate.d/argo-egi-connectors
	@# The man page and bash completion, made by the binary from its command table; the
	@# systemd service and timer, the cron line's alternative (installed, not enabled).
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/lib/systemd/system
	$(INSTALL_BIN) --man > $(DESTDIR)$(PREFIX)/share/man/man1/argo-connectors.1
	$(INSTALL_BIN) --completion > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/argo-connectors
	for unit in service timer; do sed "s#@LIBEXEC@#$(LIBEXEC)#" packaging/argo-connectors.$$unit > $(DESTDIR)$(PREFIX)/lib/systemd/system/argo-connectors.$$unit; done
	chmod 644 $(DESTDIR)$(PREFIX)/share/man/man1/argo-connectors.1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions/argo-connectors \
	  $(DESTDIR)$(PREFIX)/lib/systemd/system/argo-connectors.service $(DESTDIR)$(PREFIX)/lib/systemd/system/argo-connectors.timer

# Leaves configuration, schemas and data.
uninstall:
	-find $(DESTDIR)$(LIBEXEC) -maxdepth 1 -type l -lname argo-connectors -delete
	rm -f $(DESTDIR)$(LIBEXEC)/argo-connectors $(DESTDIR)$(PREFIX)/bin/argo-connectors $(DESTDIR)/etc/cron.d/argo-egi-connectors \
	  $(DESTDIR)/etc/logrotate.d/argo-egi-connectors $(DESTDIR)$(PREFIX)/share/man/man1/argo-connectors.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/argo-connectors \
	  $(DESTDIR)$(PREFIX)/lib/systemd/system/argo-connectors.service $(DESTDIR)$(PREFIX)/lib/systemd/system/argo-connectors.timer
	-rmdir $(DESTDIR)$(LIBEXEC)

RPM_VERSION = $(shell sed -n 's/^Version: *//p' packaging/argo-connectors.spec)
# On a host whose packages are not RPMs (Debian), RPMBUILD_FLAGS=--nodeps.
RPMBUILD_FLAGS ?=
rpm:
	@command -v rpmbuild >/dev/null || { echo "make rpm: rpmbuild is not installed (dnf install rpm-build, or apt-get install rpm)"; exit 1; }
	mkdir -p $(HOME)/rpmbuild/SOURCES
	git archive --format=tar.gz --prefix=argo-connectors-$(RPM_VERSION)/ -o $(HOME)/rpmbuild/SOURCES/argo-connectors-$(RPM_VERSION).tar.gz HEAD
	rpmbuild -ba $(RPMBUILD_FLAGS) packaging/argo-connectors.spec

# The RPM for Rocky/Alma Linux 9 from the portable release binary, built on
# this host (rpmbuild from Debian's rpm package; no EL9 build host): dist/.
RPM_TOP = $(CURDIR)/.build-rpm
rpm-portable: release
	@command -v rpmbuild >/dev/null || { echo "make rpm-portable: rpmbuild is not installed (apt-get install rpm)"; exit 1; }
	rm -rf $(RPM_TOP) && mkdir -p $(RPM_TOP)/SOURCES dist
	git archive --format=tar.gz --prefix=argo-connectors-$(RPM_VERSION)/ -o $(RPM_TOP)/SOURCES/argo-connectors-$(RPM_VERSION).tar.gz HEAD
	rpmbuild -bb --nodeps --quiet --define "_topdir $(RPM_TOP)" --define "__os_install_post %{nil}" \
	  --define "prebuilt $(BIN_RELEASE)" packaging/argo-connectors.spec
	cp $(RPM_TOP)/RPMS/x86_64/argo-connectors-$(RPM_VERSION)-*.rpm dist/
	@ls dist/argo-connectors-$(RPM_VERSION)-*.rpm

# The RPM built on Rocky Linux 9 itself (a container, swift.org's toolchain):
# a native build there, for those who would rather not ship the portable one.
rpm-el9:
	docker build -f packaging/el9/Containerfile -t argo-connectors-el9 .
	mkdir -p dist && docker run --rm -v "$(CURDIR)/dist:/dist" argo-connectors-el9

clean:
	rm -rf .build .build-interop .build-plain-release var
