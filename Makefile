# renkei — two commands set everything up on a fresh machine:
#   make run   install into .venv and validate the shipped registry
#   make test  install the test extras, run ruff and pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint workflows hooks install install-test docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP) $@

install: $(STAMP)

install-test: $(TEST_STAMP)

run: $(STAMP)
	$(BIN)/renkei validate --summary

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Every workflow against GitHub's workflow schema (vendored, offline) and zizmor's audits.
workflows: $(TEST_STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --min-severity medium .github/workflows

test: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory workflows
	$(BIN)/python -m pytest

# Install the local pre-commit hooks of .pre-commit-config.yaml into .git/hooks.
hooks: $(TEST_STAMP)
	$(BIN)/pre-commit install

docs: $(STAMP)
	$(BIN)/renkei docs errors > docs/errors.md

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_diff.py

clean:
	rm -rf $(VENV) .renkei-cache .pytest_cache
