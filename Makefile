# vnplan: `make run` sets everything up and ingests data/raw; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/dagster_home

# Debian packages that readers need: LibreOffice for .doc, Tesseract for scanned PDF,
# DejaVu fonts for test PDFs and charts, and fonts metric-compatible with the ones Vietnamese
# documents ask for (Times New Roman, Arial → Liberation; Calibri → Carlito; Cambria →
# Caladea) so that a DOCX converted to PDF wraps its lines as on the author's machine;
# Chromium, headless, for the tests that render the review pages in a real browser.
# Installed only where missing (needs root).
APT_PACKAGES := libreoffice-writer-nogui tesseract-ocr tesseract-ocr-vie fonts-dejavu-core \
	fonts-liberation fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea chromium

.PHONY: run setup system-deps test test-fast ui clean-data fuzz bench bench-wild

run: setup
	$(BIN)/vnplan ingest data/raw
	$(BIN)/vnplan tables

setup: system-deps $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

system-deps:
	@missing=""; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr tesseract-ocr-vie"; \
	{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } || missing="$$missing tesseract-ocr-vie"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	{ fc-match "Times New Roman" 2>/dev/null | grep -q Liberation; } || missing="$$missing fonts-liberation"; \
	{ fc-match Calibri 2>/dev/null | grep -q Carlito; } || missing="$$missing fonts-crosextra-carlito"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	  else \
	    echo "warning: missing Debian packages:$$missing (.doc and scanned PDF will be rejected; the browser tests skip)"; \
	  fi; \
	fi

test: setup
	$(BIN)/pytest

# The edit-test loop (well under a minute): every test but those marked `slow` (OCR,
# LibreOffice, whole-corpus runs, Dagster job runs, Dask/S3 at scale, kill runs).
test-fast: setup
	$(BIN)/pytest -m "not slow"

# Long property-test and kill runs (not part of `make test`).
fuzz: setup
	VNPLAN_FUZZ_EXAMPLES=$${VNPLAN_FUZZ_EXAMPLES:-20000} VNPLAN_KILL_RUNS=$${VNPLAN_KILL_RUNS:-200} \
	  $(BIN)/pytest -s -p no:cacheprovider --hypothesis-show-statistics \
	  tests/reliability/test_reliability_properties.py tests/reliability/test_reliability_kill.py

# Throughput and ingest benchmark (not part of `make test`): prints a table and writes
# bench/results/<UTC time>.json. `make bench N="100 1000" RUNS=3`; CORPUS=DIR for other files;
# WILD=DIR the real documents of the "real documents" rows (raw readers timed beside vnplan).
N ?= 100 1000 10000
RUNS ?= 3
CORPUS ?= ../shared/corpus
WILD ?= ../shared/wild/docs
bench: setup
	$(BIN)/python -m bench.run_bench --n $(N) --runs $(RUNS) --corpus $(CORPUS) --wild $(WILD)

# The real documents alone (minutes): per-format rows beside the raw readers, and one cold
# `vnplan ingest` of the whole WILD folder (wall time, peak memory); no synthetic sizes.
bench-wild: setup
	$(BIN)/python -m bench.run_bench --n --runs $(RUNS) --corpus $(CORPUS) --wild $(WILD) \
	  --skip-throughput --wild-ingest

# `vnplan ui` runs `dagster dev -w workspace.yaml` and stops it (webserver and daemon too) on
# SIGTERM or SIGINT, also when started in the background (`make ui &`)
ui: setup
	$(BIN)/vnplan ui

clean-data:
	rm -rf data/processed/* dagster_home/history dagster_home/storage dagster_home/schedules dagster_home/logs
