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

.PHONY: all deps build run test bench fuzz lint e2e deb image clean

all: build

deps:
	@./.ci/deps.sh

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/ ./cmd/...

# Demo mode: embedded portal simulator, virtual printer (PNGs), keyboard scanner.
# Without a display it starts a virtual one so the command still works over ssh.
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		./bin/kiosk -demo -config $(DEMO_CONFIG); \
	else \
		echo "run: no DISPLAY; starting the kiosk on a virtual 1080x1920 screen (Xvfb)"; \
		xvfb-run -a -s "-screen 0 1080x1920x24" ./bin/kiosk -demo -config $(DEMO_CONFIG); \
	fi

test: deps
	$(GO) vet ./...
	$(GO) test -count=1 ./...

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
	$(GO) run honnef.co/go/tools/cmd/staticcheck@2025.1.1 ./...

clean:
	rm -rf bin dist
