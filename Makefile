# The two commands a newcomer needs are `make run` and `make test`; both install
# what is missing first (see .ci/deps.sh).

SHELL := /bin/sh
GO := $(shell for g in "$$(command -v go)" /usr/local/go/bin/go $(HOME)/.cache/kiosk-go/go/bin/go; do [ -x "$$g" ] && echo "$$g" && break; done)
ifeq ($(GO),)
GO := $(HOME)/.cache/kiosk-go/go/bin/go
endif
export CGO_ENABLED := 1
# Fyne's bundled colour emoji font (4.2 MB, parsed for each text style the
# kiosk draws) is left out: no text the kiosk shows is drawn from it (our
# symbols and the portal's text come from Noto Sans or the system's fonts),
# and leaving it out saves ~15 MB resident and ~19 MB at peak. Every go
# command make runs, and the builds the tests start, inherit the tag.
export GOFLAGS := $(strip $(GOFLAGS) -tags=no_emoji)
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
DEMO_CONFIG ?= kiosk-config/demo.toml
FUZZTIME ?= 30s
SOAK ?= 1h
MONKEY ?= 10m

.PHONY: all deps build run test bench bench-compare fuzz lint e2e deb-bin deb container-boot container-boot-run image image-test image-container-test repo cage-smoke screens clean
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
	$(MAKE) --no-print-directory container-boot-run

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The side-by-side figures of docs/performance.md in one run on this machine:
# search vs bleve, the kiosk vs an empty Fyne window (under Xvfb on
# BENCH_DISPLAY), full syncs from the simulator, on both synthetic corpora.
# The table goes to stdout and dist/bench-compare.md (about 20 minutes on a
# loaded 2-core machine; BENCH_SEARCH_RUNS=3 takes the median of three search runs).
BENCH_DISPLAY ?= :99
BENCH_RUNS ?= 5
BENCH_SEARCH_RUNS ?= 1
bench-compare: deps
	$(GO) build -o bin/ ./cmd/kiosk ./cmd/kioskctl ./cmd/portalsim ./internal/ui/emptywindow
	$(GO) run ./internal/benchcompare -go $(GO) -bin bin -display $(BENCH_DISPLAY) -runs $(BENCH_RUNS) -search-count $(BENCH_SEARCH_RUNS) -out dist/bench-compare.md

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

# The .deb (nfpm): binaries, example config, systemd units, udev rules, man pages.
deb: deb-bin
	@mkdir -p dist $(TOOLS)
	@[ -x $(TOOLS)/nfpm ] || GOBIN=$(TOOLS) $(GO) install github.com/goreleaser/nfpm/v2/cmd/nfpm@$(NFPM_VERSION)
	packaging/changelog.sh $(DEB_VERSION) $(CURDIR)/dist/changelog.gz
	@mkdir -p dist/man && for m in packaging/man/*.1; do gzip -9n -c $$m > dist/man/$${m##*/}.gz; done
	cd packaging && VERSION=$(DEB_VERSION) ARCH=$(ARCH) \
		SHLIBS_DEPENDS="$$(./shlibdeps.sh ../$(DEB_BIN)/kiosk ../$(DEB_BIN)/kioskctl ../$(DEB_BIN)/portalsim)" \
		$(TOOLS)/nfpm package -p deb -f nfpm.yaml -t ../$(DEB)
	dpkg-deb -c $(DEB)

# The disk image a technician flashes: dist/kiosk.img (GPT, FAT boot partition
# KIOSKBOOT with GRUB for UEFI and kiosk.toml, ext4 root grown on first boot),
# built without loop mounts (packaging/image/). Needs root (mmdebstrap) and the
# Debian mirror; downloaded packages are kept in IMAGE_CACHE, so a rebuild
# fetches only what changed. AUTHORIZED_KEYS puts the technician's SSH keys on
# the boot partition; KIOSK_REPO_URL (with the key `make repo` writes) points
# unattended upgrades at the site's repository (docs/deploy.md).
IMAGE_CACHE ?= $(HOME)/.cache/kiosk-image
AUTHORIZED_KEYS ?=
KIOSK_REPO_URL ?=
KIOSK_REPO_KEY ?= $(CURDIR)/dist/repo/public/kiosk-archive-keyring.gpg
image: deb
	@./.ci/deps.sh image
	@[ -s dist/root-uuid ] || cat /proc/sys/kernel/random/uuid > dist/root-uuid
	$(if $(filter 0,$(shell id -u)),,sudo) env KIOSK_IMAGE_CACHE=$(IMAGE_CACHE) KIOSK_REPO_URL=$(KIOSK_REPO_URL) KIOSK_REPO_KEY=$(KIOSK_REPO_KEY) \
		packaging/image/build-rootfs.sh $(CURDIR)/dist/rootfs $(CURDIR)/$(DEB) $$(cat dist/root-uuid)
	packaging/image/check-rootfs.sh dist/rootfs
	$(if $(filter 0,$(shell id -u)),,sudo) packaging/image/assemble-image.sh dist/rootfs $$(cat dist/root-uuid) $(CURDIR)/dist/kiosk.img $(AUTHORIZED_KEYS)

# Boots dist/kiosk.img in QEMU (KVM when /dev/kvm works, else TCG) with OVMF
# and checks the kiosk comes up with the boot partition's config
# (packaging/image/vm-test.sh). Not part of `make test`: it needs the image.
image-test:
	@./.ci/deps.sh image
	packaging/image/vm-test.sh dist/kiosk.img dist/image-test

# Boots dist/rootfs in a container (systemd-nspawn --boot) and checks the
# kiosk's units, config and status socket (packaging/image/container-test.sh).
image-container-test:
	@./.ci/deps.sh image
	$(if $(filter 0,$(shell id -u)),,sudo) packaging/image/container-test.sh dist/rootfs dist/image-test

# The container boot of `make test` (packaging/image/container-boot.sh): the
# image's root filesystem without kernel and GRUB (dist/rootfs-container), built
# from $(DEB) with the packages in IMAGE_CACHE, booted with systemd-nspawn and
# checked as image-container-test does. Root (or sudo) and nspawn are needed;
# without them it fails saying so (KIOSK_SKIP_CONTAINER_BOOT=1 skips it).
container-boot: deb
	@$(MAKE) --no-print-directory container-boot-run
container-boot-run:
	@./.ci/deps.sh container
	KIOSK_IMAGE_CACHE=$(IMAGE_CACHE) packaging/image/container-boot.sh $(DEB) dist/rootfs-container dist/container-boot

# The site's signed apt repository (reprepro) with this package in REPO_SUITE
# (stable or staging); serve $(KIOSK_REPO_DIR)/public from any web server.
KIOSK_REPO_DIR ?= $(CURDIR)/dist/repo
REPO_SUITE ?= stable
repo: deb
	packaging/repo/build-repo.sh $(KIOSK_REPO_DIR) $(DEB) $(REPO_SUITE)

# The deployed session in miniature: the kiosk under cage's headless backend,
# screenshot with grim (needs root to run the kiosk as an ordinary user).
cage-smoke: build
	$(if $(filter 0,$(shell id -u)),,sudo) packaging/smoke/cage-smoke.sh bin/kiosk dist/cage-smoke.png

# Real-window screenshots of every screen in every mode into docs/screens
# (the kiosk's -screenshots tour under Xvfb; docs/screens/regenerate.sh).
screens: build
	docs/screens/regenerate.sh

clean:
	rm -rf bin dist .tools
