# Two entry points on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
# Both install what is missing (Debian packages, then .venv) and are idempotent.

VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-fra \
	tesseract-ocr-chi-tra tesseract-ocr-chi-tra-vert fontconfig \
	fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf fonts-arphic-uming fonts-wqy-zenhei chromium
# What `make bench` adds: OCRmyPDF's Ghostscript and unpaper (for --clean), and the condensed DejaVu faces of
# the layout benchmark's fresh sets; wrk, the C load generator of benchmarks/serve.py --client wrk.
BENCH_APT_PACKAGES := ghostscript unpaper fonts-dejavu-extra wrk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
INSTALLED := $(VENV)/.installed
# Mirador, the IIIF viewer `digitize serve` shows at /viewer/DOC: installed from package-lock.json, served locally.
MIRADOR := node_modules/mirador/dist/mirador.min.js

.PHONY: demo test bench setup system-packages lint catalogs clean digits-model

demo: setup
	$(BIN)/digitize demo --out demo-archive

test: setup
	$(BIN)/python -m pytest -q

bench: APT_PACKAGES += $(BENCH_APT_PACKAGES)
bench: setup
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m benchmarks.deskew
	$(BIN)/python -m benchmarks.ocr

# The handwritten digit classifier shipped in digitize/models/digits.npz, trained again from packaged data only
# (Debian's opencv-doc digits and handwriting fonts, scikit-learn's digits); never run by demo or test.
DIGITS_APT_PACKAGES := opencv-doc fonts-dkg-handwriting fonts-breip fonts-femkeklaver fonts-bwht fonts-sjfonts \
	fonts-comic-neue fonts-dancingscript
digits-model: APT_PACKAGES += $(DIGITS_APT_PACKAGES)
digits-model: setup
	$(BIN)/pip install -q --disable-pip-version-check -e '.[digits-training]'
	$(BIN)/python -m training.digit_model

# The web pages' and the report's messages: extract them, merge them into each language's .po (translate what is new
# in index/locale/vi/LC_MESSAGES/messages.po), and compile the .mo files that are committed beside them.
catalogs: setup
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ -k _ -k ngettext:1,2 --no-location --omit-header --sort-output \
	  -o index/locale/messages.pot .
	$(BIN)/pybabel -q update -i index/locale/messages.pot -d index/locale \
	  --no-fuzzy-matching --width 120
	$(BIN)/pybabel -q compile -d index/locale

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

setup: system-packages $(INSTALLED) $(MIRADOR)

system-packages:
	@missing=""; \
	for pkg in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq$$missing >/dev/null; \
	fi

$(INSTALLED): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev,dask]'
	touch $@

# npm comes with NodeSource's nodejs, which conflicts with Debian's npm package: install it only where missing.
$(MIRADOR): package.json package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules demo-archive archive .pytest_cache
