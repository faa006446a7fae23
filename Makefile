# foi-volumes: `make pipeline` and `make test` work on a fresh clone; both set up .venv first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help pipeline test lint format bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev,dask]'
	@touch $(STAMP)

# The parser's reader compiled by mypyc (installed with the dev extra) where there is a C compiler:
# 1.3 times the speed. Where it cannot be, the source runs, and so it does when reader.py is newer
# than its build (pipeline/volumes/__init__.py checks), so a build is never stale.
COMPILED := $(VENV)/.compiled
$(COMPILED): $(STAMP) pipeline/volumes/reader.py
	@echo "compiling pipeline/volumes/reader.py with mypyc (about a minute; the log in $(VENV)/mypyc.log)"
	@$(PY) -m mypyc --no-warn-unused-configs pipeline/volumes/reader.py > $(VENV)/mypyc.log 2>&1 \
		|| echo "mypyc could not compile pipeline/volumes/reader.py (see $(VENV)/mypyc.log): the parser runs as Python source"
	@rm -rf build
	@touch $@

pipeline: $(COMPILED) ## set up .venv, then run every stage on raw/ into outputs/
	$(PY) -m pipeline run --manifest raw/sources.toml --out outputs

test: $(COMPILED) ## set up .venv, then run the test suite
	$(PY) -m pytest

lint: $(STAMP) ## set up .venv, then ruff (lint and format check) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP) ## rewrite the tree as ruff formats it, and apply ruff's safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The parser against another copy of the package, paired (not run here: the copy exists only where made):
#   $(PY) benchmarks/parser_paired.py --base DIR [--callgrind]
bench: $(COMPILED) ## measure the parser (strings a second, one core), the parse command, and whole runs at 10k, 100k and 1M rows
	$(PY) benchmarks/parser_speed.py
	$(PY) benchmarks/command_speed.py
	$(PY) benchmarks/pipeline_speed.py



clean: ## remove .venv, what building the package leaves (build/, *.egg-info) and generated outputs
	rm -rf $(VENV) build dist *.egg-info pipeline/volumes/*.so
	rm -rf outputs/runs outputs/current outputs/.current.* outputs/.lock outputs/*.duckdb outputs/*.csv outputs/*.json outputs/*.parquet outputs/*.png outputs/*.html
