# Casa: `make run` serves Casa on its embedded defaults, `make test` runs the whole suite.
# Every target bootstraps what it needs by itself (a .venv, the front-end libraries).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := src/casa/web/static/vendor/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test bench lint fmt typecheck imports check demo assets clean help

help:
	@echo "make run    serve Casa at http://$(HOST):$(PORT) with Casablanca's data loaded"
	@echo "make test   run the whole test suite"
	@echo "make bench  run the benchmarks (one JSON line per figure)"
	@echo "make check  lint, format check, type check and import contracts"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "error: Casa needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

$(ASSETS): package.json package-lock.json $(STAMP)
	$(BIN)/python -m casa.web.assets install
	touch $@

assets: $(ASSETS)

demo: $(STAMP) $(ASSETS)
	$(BIN)/casa demo

run: demo
	$(BIN)/casa serve --host $(HOST) --port $(PORT)

test: $(STAMP) $(ASSETS)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	@set -e; for script in benchmarks/*.py; do \
		echo "# $$script" >&2; $(BIN)/python $$script; done

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks migrations
	$(BIN)/ruff format --check src tests benchmarks migrations

fmt: $(STAMP)
	$(BIN)/ruff format src tests benchmarks migrations
	$(BIN)/ruff check --fix src tests benchmarks migrations

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

check: lint typecheck imports

clean:
	rm -rf $(VENV) node_modules src/casa/web/static/vendor .pytest_cache .mypy_cache .ruff_cache
