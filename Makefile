# dxplan: two commands on a fresh clone.
#   make html   create .venv, install pinned dependencies, build the site into build/html
#   make test   install test needs (pytest, playwright, Debian chromium + fonts, LibreOffice) and run every test
PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
SITE       := build/html
SPHINXOPTS ?= -W --keep-going
MERMAID    := node_modules/mermaid/dist

.PHONY: html test bench serve clean deps test-deps assets

html: deps assets
	$(BIN)/sphinx-build $(SPHINXOPTS) -c . -b html docs $(SITE)

deps: $(VENV)/.deps-installed
$(VENV)/.deps-installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# dxplan itself: built by the pinned, hash-checked setuptools above (no download at build time).
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Mermaid's ESM build and its chunks, from the committed package-lock.json; served
# from the site's own _static/ (no CDN).
assets: .assets/mermaid/mermaid.esm.min.mjs
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
.assets/mermaid/mermaid.esm.min.mjs: node_modules/.package-lock.json
	rm -rf .assets/mermaid && mkdir -p .assets/mermaid/chunks
	cp $(MERMAID)/mermaid.esm.min.mjs .assets/mermaid/
	cp -r $(MERMAID)/chunks/mermaid.esm.min .assets/mermaid/chunks/
	find .assets/mermaid -name '*.map' -delete

test-deps: deps $(VENV)/.test-deps-installed assets
	@command -v chromium >/dev/null && command -v soffice >/dev/null && command -v pdftotext >/dev/null && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || { \
	  echo "installing Debian chromium, fonts-noto-cjk and LibreOffice Calc (Excel round-trip test), poppler-utils (print test)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk libreoffice-calc-nogui poppler-utils >/dev/null; }
$(VENV)/.test-deps-installed: requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.lock
	touch $@

test: test-deps
	$(BIN)/python -m pytest

# Speed and memory against plain Sphinx on the same (synthetic) text: S, M, L sizes.
bench: deps assets
	$(BIN)/python scripts/bench.py

serve: html
	@echo "http://127.0.0.1:8000/"
	$(BIN)/python -m http.server --directory $(SITE) --bind 127.0.0.1 8000

clean:
	rm -rf build .assets
