# Two commands for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev ingest lint typecheck eval bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24,<27"

# torch is pinned to the CPU build (2.13.0); requirements.lock pins everything else for reproducible installs.
install: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"

ingest: install
	$(BIN)/frontdoor ingest --no-progress

run: ingest
	$(BIN)/frontdoor serve --host $(HOST) --port $(PORT)

test: install-dev
	npm ci --prefix tests/widget --no-audit --no-fund --silent  # axe-core for the widget's browser tests
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

lint:
	$(BIN)/ruff check .

typecheck:
	$(BIN)/mypy

# Every labelled set: tuning sets, then the holdouts (never tuned on; holdout2/3/5/6/7/8 were written blind) and a
# council whose pages and questions were written blind by someone else (unseen_council/).
DATA := frontdoor/evaluation/data
eval:
	$(BIN)/frontdoor eval
	$(BIN)/frontdoor eval --holdout
	$(BIN)/frontdoor eval --set $(DATA)/answering_holdout2.yaml
	$(BIN)/frontdoor eval safeguarding
	$(BIN)/frontdoor eval safeguarding --cross-validate
	$(BIN)/frontdoor eval safeguarding --set $(DATA)/safeguarding_holdout2.yaml
	$(BIN)/frontdoor eval safeguarding --set $(DATA)/safeguarding_holdout3.yaml
	$(BIN)/frontdoor eval safeguarding --set $(DATA)/safeguarding_holdout5.yaml
	$(BIN)/frontdoor eval safeguarding --set $(DATA)/safeguarding_holdout6.yaml
	$(BIN)/frontdoor eval safeguarding --set $(DATA)/safeguarding_holdout7.yaml
	$(BIN)/frontdoor eval safeguarding --set $(DATA)/safeguarding_holdout8.yaml
	$(BIN)/frontdoor eval --councils-file $(DATA)/unseen_council/councils.yaml --set $(DATA)/unseen_council/answering.yaml
	$(BIN)/frontdoor eval redaction

bench:
	$(BIN)/python benchmarks/chat_bench.py

clean:
	rm -rf data artifacts .pytest_cache .mypy_cache .ruff_cache
