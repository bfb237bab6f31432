# promocase: `make demo` to see it work, `make test` to run the whole suite.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
DEMO_DIR ?= demo-output

.PHONY: demo test install dev system-deps lint typecheck bench clean

$(VENV)/bin/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "promocase needs Python 3.11 or newer ($(PYTHON) is older)."; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null || \
	  { [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null && \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; } || true
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(VENV)/bin/activate
	$(PIP) install --quiet -e .

dev: $(VENV)/bin/activate
	$(PIP) install --quiet -e '.[dev]'

# System packages the suite needs: fonts/harfbuzz for WeasyPrint, poppler to look at PDFs,
# Debian's Chromium for the browser tests (no browser is downloaded by Playwright).
system-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  for p in libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils chromium chromium-driver git; do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	else echo "Not root or no apt-get: install libharfbuzz-subset0 poppler-utils chromium yourself."; fi

demo: install
	@mkdir -p $(DEMO_DIR)
	$(VENV)/bin/promocase demo --home $(DEMO_DIR)/workspace
	$(VENV)/bin/promocase --home $(DEMO_DIR)/workspace packet --format pdf --output $(DEMO_DIR)/packet.pdf
	$(VENV)/bin/promocase --home $(DEMO_DIR)/workspace prep --format pdf --output $(DEMO_DIR)/conversation-kit.pdf
	@echo ""
	@echo "Promotion packet:  $(DEMO_DIR)/packet.pdf"
	@echo "Conversation kit:  $(DEMO_DIR)/conversation-kit.pdf"
	@echo "Demo output is in $(DEMO_DIR)/ (workspace: $(DEMO_DIR)/workspace)."
	@echo "Try: $(VENV)/bin/promocase --home $(DEMO_DIR)/workspace log --since '30 days ago'"

test: system-deps dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest

lint:
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

typecheck:
	$(VENV)/bin/mypy

bench: dev
	$(PY) benchmarks/capture.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) build dist src/*.egg-info
