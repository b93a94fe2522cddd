# argo-connectors — see README.md.
SHELL := /bin/bash
PREFIX ?= /usr
DATE ?= 2026-11-28
SWIFT ?= swift
BIN_DEBUG = $(shell $(SWIFT) build --show-bin-path 2>/dev/null)/argo-connectors
BIN_RELEASE = $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)/argo-connectors

# Debian packages the build and the tests need; installed only when absent.
DEPS = libcurl4-openssl-dev libxml2-dev zlib1g-dev pkg-config openssl python3 python3-venv
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build release run test interop clean

all: build

deps:
	@missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The offline example: saved feeds under config-examples/offline/feeds,
# outputs under ./var/EGI. DATE is the day the saved feeds describe.
run: release
	@mkdir -p var/offline
	@for f in global customer; do sed "s#@ROOT@#$(CURDIR)#g" config-examples/offline/$$f.conf > var/offline/$$f.conf; done
	$(BIN_RELEASE) validate-config -c var/offline/customer.conf -g var/offline/global.conf
	@for c in topology downtimes weights poem; do \
	  $(BIN_RELEASE) $$c -c var/offline/customer.conf -g var/offline/global.conf -d $(DATE) || exit 1; done
	@echo "Written:"; find var/EGI -type f -name '*.avro' | sort | while read f; do \
	  printf '  %-60s %6s records\n' "$$f" "$$($(BIN_RELEASE) cat --count $$f)"; done

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Our files read by Apache Avro and fastavro, theirs read by us.
INTEROP_DIR = $(CURDIR)/.build-interop
# The workplace's feed generator and peer servers (skipped when absent).
SHARED_TOOLS ?= $(CURDIR)/../shared/tools
interop: deps
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

clean:
	rm -rf .build .build-interop var
