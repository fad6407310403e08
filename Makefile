# Lagebild: `make demo` sets up and runs the main job on the seed articles;
# `make test` sets up (incl. Chromium, PostgreSQL and the dashboard assets) and runs the
# whole test suite, slow and browser tests included; it fails when a test fails.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
DB     ?= lagebild.db

.PHONY: setup assets browser postgres demo test test-fast bench eval eval-links train clean

# The virtualenv with the package (editable) and the test tools; redone when
# pyproject.toml changes. The stamp is written only after a complete install.
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
		{ echo "make: Lagebild needs Python >= 3.10 (found: $$($(PYTHON) --version 2>&1)); try make PYTHON=python3.11" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "make: '$(PYTHON) -m venv' failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(VENV)/.installed assets

assets:
	@bash scripts/install_assets.sh

browser:
	@bash scripts/install_browser.sh

# Debian's PostgreSQL server binaries; the tests start a throw-away server with them.
postgres:
	@bash scripts/install_postgres.sh

demo: setup
	rm -f $(DB)
	$(BIN)/lagebild ingest examples/seeds --db $(DB)
	$(BIN)/lagebild events --db $(DB)
	@echo
	@echo "Open the dashboard with:  $(BIN)/lagebild serve --db $(DB)   then browse http://127.0.0.1:8000/"

# -m "" overrides any marker filter, so slow and browser tests always run here;
# -rfEs lists failures, errors and skips (with their reasons) at the end.
# LAGEBILD_REQUIRE_POSTGRES=1: the PostgreSQL tests fail instead of skipping without a server.
test: setup browser postgres
	LAGEBILD_REQUIRE_POSTGRES=1 $(BIN)/pytest -m "" -rfEs

test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not slow and not browser"

# Seeds (in-sample) and the dev set (../shared/dev) side by side, with the error categories.
eval: $(VENV)/.installed
	$(PY) scripts/eval_sets.py

# Pairwise precision and recall of story linking on the labelled pairs (tests/data/story_links.jsonl).
eval-links: $(VENV)/.installed
	$(PY) scripts/eval_links.py

# Retrain the decision models from training/gold and the seeds (scikit-learn; about a minute).
train: $(VENV)/.installed
	$(PY) scripts/train_decide.py

bench: $(VENV)/.installed
	$(PY) benchmarks/throughput.py

# Processing time against article length: ~100 kB, 330 kB and 1 MB of repetitive text
# (linear time: 1 MB takes under 3x the time of 330 kB).
.PHONY: bench-long bench-ingest
bench-long: $(VENV)/.installed
	$(PY) benchmarks/long_text.py

bench-ingest: $(VENV)/.installed
	$(PY) benchmarks/ingest.py --repeat 3

clean:
	rm -rf $(VENV) lagebild.egg-info test-artifacts $(DB)
