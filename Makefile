# The two commands a newcomer needs are `make run` and `make test`; both install
# what is missing first (see .ci/deps.sh).

SHELL := /bin/sh
GO := $(shell for g in "$$(command -v go)" /usr/local/go/bin/go $(HOME)/.cache/kiosk-go/go/bin/go; do [ -x "$$g" ] && echo "$$g" && break; done)
ifeq ($(GO),)
GO := $(HOME)/.cache/kiosk-go/go/bin/go
endif
export CGO_ENABLED := 1
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
DEMO_CONFIG ?= kiosk-config/demo.toml
FUZZTIME ?= 30s
SOAK ?= 1h
MONKEY ?= 10m

.PHONY: all deps build run test bench fuzz lint e2e deb-bin deb image cage-smoke clean
NFPM_VERSION := v2.44.0
TOOLS := $(CURDIR)/.tools
# VERSION holds the latest release; builds between releases are
# VERSION+git<commit date>.<hash> (packaging/version.sh), the same on every
# clone and increasing with each commit.
DEB_VERSION := $(shell packaging/version.sh)
ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB := dist/kiosk_$(DEB_VERSION)_$(ARCH).deb

all: build

deps:
	@./.ci/deps.sh

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/ ./cmd/...

# Demo mode: two processes, the real architecture in miniature. .ci/demo.sh
# starts bin/portalsim (the demo dataset) on a free loopback port and the real
# bin/kiosk with kiosk-config/demo.toml (virtual printer saving PNGs, keyboard
# scanner) pointed at it with -portal, and stops the simulator when the kiosk
# exits, Ctrl-C included. Without a display it starts a virtual one so the
# command still works over ssh. (`kiosk -demo` does the same from one command.)
run: build
	@./.ci/demo.sh $(DEMO_CONFIG)

test: deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...
	$(MAKE) --no-print-directory deb
	KIOSK_DEB=$(CURDIR)/$(DEB) $(GO) test -count=1 -run TestDeb ./packaging

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Runs every fuzz target for FUZZTIME each.
fuzz: deps
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

lint: deps
	@test -z "$$(gofmt -l cmd internal assets)" || { gofmt -l cmd internal assets; exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

# The full end-to-end fault suite: every fault of the short form plus a soak at
# real rates (SOAK, default 1h) and the random-tapping monkey on a real window
# (MONKEY, default 10m); the table goes to dist/e2e-report.md. The short form
# runs in `make test`.
e2e: deps
	@mkdir -p dist
	KIOSK_E2E_REPORT=$(CURDIR)/dist/e2e-report.md KIOSK_E2E_MONKEY_REPORT=$(CURDIR)/dist/e2e-monkey.md $(GO) test -count=1 -v -timeout 3h ./internal/e2e -args -soak=$(SOAK) -monkey=$(MONKEY)

# The package's binaries: position-independent, linked by the system linker
# with full RELRO and immediate binding, stripped, C parts with the stack
# protector and _FORTIFY_SOURCE (lintian's hardening checks), no build paths.
DEB_BIN := dist/deb-bin
DEB_CGO_CFLAGS := -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
DEB_LDFLAGS := -s -w -linkmode=external -extldflags '-Wl,-z,relro,-z,now' -X main.version=$(DEB_VERSION)

deb-bin: deps
	CGO_CFLAGS="$(DEB_CGO_CFLAGS)" $(GO) build -trimpath -buildmode=pie -ldflags "$(DEB_LDFLAGS)" -o $(DEB_BIN)/ ./cmd/...

# The .deb (nfpm): binaries, example config, systemd units, udev rules.
deb: deb-bin
	@mkdir -p dist $(TOOLS)
	@[ -x $(TOOLS)/nfpm ] || GOBIN=$(TOOLS) $(GO) install github.com/goreleaser/nfpm/v2/cmd/nfpm@$(NFPM_VERSION)
	packaging/changelog.sh $(DEB_VERSION) $(CURDIR)/dist/changelog.gz
	cd packaging && VERSION=$(DEB_VERSION) ARCH=$(ARCH) \
		SHLIBS_DEPENDS="$$(./shlibdeps.sh ../$(DEB_BIN)/kiosk ../$(DEB_BIN)/kioskctl ../$(DEB_BIN)/portalsim)" \
		$(TOOLS)/nfpm package -p deb -f nfpm.yaml -t ../$(DEB)
	dpkg-deb -c $(DEB)

# A Debian root filesystem with the package installed and enabled (needs root
# for debootstrap and chroot; uses sudo when not root).
image: deb
	$(if $(filter 0,$(shell id -u)),,sudo) packaging/image/build-rootfs.sh $(CURDIR)/dist/rootfs $(CURDIR)/$(DEB)
	packaging/image/check-rootfs.sh dist/rootfs

# The deployed session in miniature: the kiosk under cage's headless backend,
# screenshot with grim (needs root to run the kiosk as an ordinary user).
cage-smoke: build
	$(if $(filter 0,$(shell id -u)),,sudo) packaging/smoke/cage-smoke.sh bin/kiosk dist/cage-smoke.png

clean:
	rm -rf bin dist .tools
