# Lagebild: `make demo` sets up and runs the main job on the seed articles;
# `make test` sets up and runs the whole test suite.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
DB     ?= lagebild.db

.PHONY: setup assets browser demo test test-fast bench eval clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed assets

assets:
	bash scripts/install_assets.sh

browser:
	bash scripts/install_browser.sh

demo: setup
	rm -f $(DB)
	$(BIN)/lagebild ingest examples/seeds --db $(DB)
	$(BIN)/lagebild events --db $(DB)
	@echo
	@echo "Open the dashboard with:  $(BIN)/lagebild serve --db $(DB)   then browse http://127.0.0.1:8000/"

test: setup browser
	$(BIN)/pytest

test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not slow and not browser"

eval: $(VENV)/.installed
	$(BIN)/lagebild eval examples/gold.jsonl examples/seeds

bench: $(VENV)/.installed
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) lagebild.egg-info test-artifacts $(DB)
