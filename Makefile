# Two entry points on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
# Both install what is missing (Debian packages, then .venv) and are idempotent.

VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd fontconfig \
	fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf chromium
# What `make bench` adds: OCRmyPDF's Ghostscript and unpaper (for --clean).
BENCH_APT_PACKAGES := ghostscript unpaper
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
INSTALLED := $(VENV)/.installed

.PHONY: demo test bench setup system-packages lint catalogs clean

demo: setup
	$(BIN)/digitize demo --out demo-archive

test: setup
	$(BIN)/python -m pytest -q

bench: APT_PACKAGES += $(BENCH_APT_PACKAGES)
bench: setup
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m benchmarks.deskew
	$(BIN)/python -m benchmarks.ocr

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

setup: system-packages $(INSTALLED)

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

clean:
	rm -rf $(VENV) demo-archive archive .pytest_cache
