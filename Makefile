# tthc: two commands on a fresh Debian/Ubuntu machine with Swift 6:
#   make site   installs missing system packages, builds tthc, writes the demo site to public/
#   make test   the same set-up, then every test
SWIFT ?= swift
TTHC = .build/release/tthc

.PHONY: site test deps build check clean bench-sync

# cmark-gfm's extensions headers come from a second package, which the first does not pull in
# (PITFALLS.md): check for the header itself, not only pkg-config.
deps:
	@if [ ! -f /usr/include/cmark-gfm-core-extensions.h ] || ! pkg-config --exists libcmark-gfm 2>/dev/null; then \
		echo "Installing libcmark-gfm-dev, libcmark-gfm-extensions-dev, pkg-config…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		for try in 1 2 3 4 5; do \
			$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config && break; \
			echo "apt-get busy (dpkg lock?); retrying in 10 s"; sleep 10; \
		done; \
	fi

build: deps
	$(SWIFT) build -c release --product tthc

site: build
	$(TTHC) build

check: build
	$(TTHC) check

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build public

# Times tthc sync on generated exports of 1,000 and 10,000 records (needs ../shared).
bench-sync: deps
	scripts/bench-sync
