# renkei — two commands set everything up on a fresh machine:
#   make run   install into .venv and validate the shipped registry
#   make test  install the test extras, run ruff, mypy --strict and pytest with coverage
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

BROWSER_STAMP := build/node/.installed

.PHONY: browser site site-look run test lint typecheck workflows hooks install install-test docs bench map screenshots diff-look bundle-look workbook-look fuzz security coverage-plan clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP) $@

install: $(STAMP)

install-test: $(TEST_STAMP)

run: $(STAMP)
	$(BIN)/renkei validate --summary

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The package type-checked with mypy --strict (settings: [tool.mypy] in pyproject.toml).
typecheck: $(TEST_STAMP)
	$(BIN)/mypy

# Every workflow against GitHub's workflow schema (vendored, offline) and zizmor's audits.
workflows: $(TEST_STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --min-severity medium .github/workflows

test: $(TEST_STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory typecheck
	$(MAKE) --no-print-directory workflows
	$(BIN)/python -m pytest --cov --cov-report=
	$(BIN)/python tests/coverage_floor.py

# The coverage plan: the whole suite measured with a coverage context per test (nothing left
# untraced), then tests/coverage_plan.txt written again: the test functions whose run covers no
# branch the rest of the suite misses, which `make test` runs without the tracer.
coverage-plan: $(TEST_STAMP) browser
	$(BIN)/python tests/coverage_plan.py

# What the browser tests (tests/site/browser/) need on a fresh Debian machine: Debian's chromium
# and chromium-driver (apt-get, as root or with sudo, only when one is missing), Selenium (test
# extras) and axe-core from npm, pinned by tests/site/browser/package-lock.json, into build/node.
# A no-op when everything is there. CHROMIUM and CHROMEDRIVER name another browser and its
# driver (a command on PATH or a path); the tests read the same two variables. Where the
# environment has CHROMEWEBDRIVER (GitHub's runner images), the driver is the one there.
CHROMIUM ?= chromium
CHROMEDRIVER ?= $(if $(CHROMEWEBDRIVER),$(CHROMEWEBDRIVER)/chromedriver,chromedriver)
export CHROMIUM CHROMEDRIVER
browser: $(TEST_STAMP) $(BROWSER_STAMP)
	@if command -v $(CHROMIUM) >/dev/null && command -v $(CHROMEDRIVER) >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	elif command -v sudo >/dev/null; then \
	  sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	else echo "make browser: chromium and chromium-driver are missing; install them as root (apt-get install chromium chromium-driver)" >&2; exit 1; fi

$(BROWSER_STAMP): tests/site/browser/package.json tests/site/browser/package-lock.json
	mkdir -p build/node
	cp tests/site/browser/package.json tests/site/browser/package-lock.json build/node/
	npm ci --prefix build/node --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Install the local pre-commit hooks of .pre-commit-config.yaml into .git/hooks.
hooks: $(TEST_STAMP)
	$(BIN)/pre-commit install

# The public static site of the shipped registry (and its Git history) in build/site/:
# Japanese at the root, English under en/, JSON API, Atom feeds, downloads, Pagefind search.
site: $(STAMP)
	$(BIN)/renkei site -o build/site

docs: $(STAMP)
	$(BIN)/renkei docs errors > docs/errors.md
	$(BIN)/renkei docs cli > docs/cli.md

# The national overview of the shipped registry: docs/summary.md with its map docs/summary.svg.
map: $(STAMP)
	$(BIN)/renkei summary --format markdown --lang ja -o docs/summary.md

# A look at the rendered map: headless Chromium (Debian package chromium) screenshots the map
# of a SYNTHETIC national-scale registry into docs/map-synthetic.png.
screenshots: $(TEST_STAMP)
	$(BIN)/python benchmarks/generate_registry.py benchmarks/out/registry
	cd benchmarks/out/registry && ../../../$(BIN)/renkei summary --format svg -o ../map-synthetic.svg
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --no-first-run --disable-sync \
	  --disable-background-networking --disable-component-update --hide-scrollbars \
	  --user-data-dir=benchmarks/out/chromium --window-size=800,1000 \
	  --screenshot=docs/map-synthetic.png benchmarks/out/map-synthetic.svg

# A look at the HTML diff of a SYNTHETIC change (benchmarks/diff_look.py), screenshot by
# headless Chromium into docs/diff-look.png.
diff-look: $(STAMP)
	rm -rf benchmarks/out/diff-look
	$(BIN)/python benchmarks/diff_look.py benchmarks/out/diff-look
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --no-first-run --disable-sync \
	  --disable-background-networking --disable-component-update --hide-scrollbars \
	  --user-data-dir=benchmarks/out/chromium --window-size=1100,1250 \
	  --screenshot=docs/diff-look.png benchmarks/out/diff-look/diff.html

# A look at the site of the shipped registry (make site): headless Chromium screenshots its
# national page, a prefecture's page and a platform's page into docs/ (benchmarks/site_look.py).
SITE_LOOK_PREFECTURE ?= 33-okayama
SITE_LOOK_PLATFORM ?= kibichuo-town-data-platform
site-look: browser site
	$(BIN)/python benchmarks/site_look.py build/site \
	  docs/site-national.png=index.html \
	  docs/site-prefecture.png=prefectures/$(SITE_LOOK_PREFECTURE)/index.html \
	  docs/site-platform.png=platforms/$(SITE_LOOK_PLATFORM)/index.html

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_diff.py
	$(BIN)/python benchmarks/bench_export.py
	$(BIN)/python benchmarks/bench_bundle.py
	$(BIN)/python benchmarks/bench_scale.py

clean:
	rm -rf $(VENV) .renkei-cache .pytest_cache .mypy_cache .coverage

# A look at a real bundle as people open it (Debian packages chromium and libreoffice-calc):
# 鳥取県's bundle from HEAD; LibreOffice converts survey.xlsx to PDF, Chromium screenshots
# vision.html into docs/vision-tottori.png.
SOFFICE ?= soffice
bundle-look: $(STAMP)
	rm -rf benchmarks/out/look && mkdir -p benchmarks/out/look
	$(BIN)/renkei bundle 31 --revision HEAD --out benchmarks/out/look
	cd benchmarks/out/look && unzip -q -o *.zip
	$(SOFFICE) --headless --convert-to pdf --outdir benchmarks/out/look benchmarks/out/look/survey.xlsx
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --no-first-run --disable-sync \
	  --disable-background-networking --disable-component-update --hide-scrollbars \
	  --user-data-dir=benchmarks/out/chromium --window-size=900,1300 \
	  --screenshot=docs/vision-tottori.png benchmarks/out/look/vision.html

# The survey workbook as printed: 東京都's export-xlsx workbook of a SYNTHETIC registry, printed
# to PDF by LibreOffice (its page count said), the first page as docs/workbook-look.png
# (pdftoppm); LibreOffice Calc, poppler-utils and the Noto CJK fonts are installed if missing.
workbook-look: $(STAMP)
	scripts/debian_packages.sh soffice=libreoffice-calc pdftoppm=poppler-utils \
	  /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc=fonts-noto-cjk
	$(BIN)/python scripts/workbook_look.py docs/workbook-look.png

# A longer fuzz run than make test's (hypothesis profile "fuzz": 2,000 examples per target).
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/security/test_fuzz.py tests/registry/test_yaml_loader.py tests/registry/test_csv_loader.py

# docs/security.md: every attack of tests/helpers/attacks.py with its result, time and memory.
security: $(TEST_STAMP)
	$(BIN)/python benchmarks/security_report.py > docs/security.md
