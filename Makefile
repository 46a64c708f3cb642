# Velkomst: `make run` sets up and starts Velkomst with demo data; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test workers (pytest-xdist): one per core of CI's two; TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= 2
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: help run setup test lint typecheck pytest messages static demo

help:
	@echo "make run   - set up everything and start Velkomst with demo data on http://$(HOST):$(PORT)"
	@echo "make test  - lint (ruff), type check (mypy) and the whole test suite"

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==0.13.9"

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Every language's catalogue (the Danish texts are the source strings): English for the whole UI,
# the citizen entrance's other languages (ar, uk, fa, prs, ti) for its pages
CATALOGUES := $(wildcard velkomst/locale/*/LC_MESSAGES/django.po)

velkomst/locale/%/LC_MESSAGES/django.mo: velkomst/locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

messages: $(CATALOGUES:.po=.mo)

setup: .venv/.synced node_modules/.installed messages

static: setup
	$(PY) manage.py collectstatic --noinput --verbosity 0

demo: setup
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) -m velkomst demo --if-empty

run: static demo
	$(PY) manage.py logins
	@# the background worker (placement runs) lives as long as the web server
	$(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck: setup
	.venv/bin/mypy velkomst bench

pytest: setup
	.venv/bin/pytest -q -n $(TEST_WORKERS) --dist worksteal

test: lint typecheck pytest
