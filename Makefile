# Everything a fresh machine needs, from a Python >= 3.12 interpreter up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# The newest python3.1x on PATH, then pyenv's; empty when none is >= 3.12.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help install demo run test lint check bench bench-http bench-downloads clean

# The local server runs with DEBUG on unless the caller says otherwise.
demo run: export DJANGO_DEBUG ?= 1

help:
	@echo "make demo   set up a virtual environment, demo data and a staff login, then serve http://$(HOST):$(PORT)"
	@echo "make test   run the test suite (DATABASE_URL picks the database; SQLite by default)"
	@echo "make lint   the pre-commit hooks on every file;  make check  deployment checks;  make clean  remove local state"
	@echo "make bench  time the event list with 100,000 events (BENCH_ARGS=\"--help\" lists the options)"
	@echo "make bench-http  the site under gunicorn on PostgreSQL, driven by wrk (BENCH_HTTP_ARGS)"
	@echo "make bench-downloads  time the CSV and JSON downloads and the feed with 100,000 events"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed: install python3.12 (or newer) and run make again."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py create_demo_login --admin-url http://$(HOST):$(PORT)/admin/
	$(SERVE)

run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(SERVE)

# The site, with a worker running its background tasks (e-mails, downloads) beside it; the
# worker stops with the server.
SERVE = $(BIN)/python manage.py db_worker & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Every core runs tests (pytest-xdist); the 20 slowest are listed at the end.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --durations=20 $(PYTEST_ARGS)

# The hooks of .pre-commit-config.yaml on every file: ruff, ruff-format, django-upgrade, djhtml.
lint: $(STAMP)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

check: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		DJANGO_ALLOWED_HOSTS=example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

# The event list benchmark (see README, Benchmarks), in a throwaway SQLite database unless
# BENCH_ARGS names one: make bench BENCH_ARGS="--database-url postgres://…/bench".
bench: $(STAMP)
	$(BIN)/python benchmarks/event_list.py $(BENCH_ARGS)

# The site over HTTP as deployed: gunicorn, PostgreSQL (createdb bench), Redis and wrk (see
# README, Benchmarks): make bench-http BENCH_HTTP_ARGS="--database-url postgres://…/bench".
bench-http: $(STAMP)
	$(BIN)/python benchmarks/over_http.py $(BENCH_HTTP_ARGS)

# The open-data downloads and the event feed with 100,000 events: time, size, memory.
bench-downloads: $(STAMP)
	$(BIN)/python benchmarks/downloads.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles cache
