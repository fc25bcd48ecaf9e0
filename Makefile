# JobMission: `make run` to try it, `make test` to check it. Both start from a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8000

# Development: DEBUG on, SQLite file in the project folder, mail printed to the console.
DEV_ENV  := DEBUG=1
# Tests run with production settings (DEBUG off), except for the HTTPS redirect.
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-secret-key-not-for-production SECURE_SSL_REDIRECT=0 \
            ALLOWED_HOSTS=testserver,localhost,127.0.0.1 EMAIL_URL=memorymail:// \
            PYTHONHASHSEED=0

WEASYPRINT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

.PHONY: help run test bench system-deps venv install install-test migrate demo lint collectstatic clean

help:
	@echo "make run    - install, migrate, load the demo account, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install test tools, then ruff, the migrations check and the whole suite"
	@echo "make bench  - time every page in-process at 20, 200 and 1,000 opportunities, the PDF, and HTTP load (docs/performance.md)"

# Python 3.12+: pyenv reads .python-version; otherwise any python3.12/3.13 on PATH.
$(VENV)/bin/python:
	@py=""; for c in python3.12 python3.13 python3; do \
	  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then py=$$c; break; fi; \
	done; \
	if [ -z "$$py" ]; then echo "error: Python 3.12 or newer is needed (pyenv install 3.12, or your OS package)." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$($$py --version)"; \
	$$py -m venv $(VENV) && $(PIP) install --quiet --upgrade pip

venv: $(VENV)/bin/python

# WeasyPrint needs pango, harfbuzz's subsetter and a font. Installed with apt-get when we are
# root on Debian/Ubuntu; otherwise named in a clear error.
system-deps:
	@missing=""; \
	for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do \
	  ldconfig -p 2>/dev/null | grep -q "$$lib" || missing="$$missing $$lib"; \
	done; \
	command -v fc-list >/dev/null 2>&1 && [ -n "$$(fc-list 2>/dev/null | head -n 1)" ] || missing="$$missing a-font"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing system libraries for WeasyPrint:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(WEASYPRINT_DEBS) fontconfig >/dev/null; \
	  else \
	    echo "error: WeasyPrint needs system libraries that are missing:$$missing" >&2; \
	    echo "  On Debian/Ubuntu: sudo apt-get install $(WEASYPRINT_DEBS) fontconfig" >&2; \
	    echo "  On macOS: brew install pango harfbuzz" >&2; \
	    exit 1; \
	  fi; \
	fi

# Stamps: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	@$(PIP) install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	@$(PIP) install --quiet ".[test]"
	@touch $@ $(VENV)/.installed

install: system-deps $(VENV)/.installed

install-test: system-deps $(VENV)/.installed-test

migrate: install
	@$(DEV_ENV) $(PY) manage.py migrate --noinput
	@$(DEV_ENV) $(PY) manage.py createcachetable --verbosity 0

demo: migrate
	@$(DEV_ENV) $(PY) manage.py demo --base-url http://$(HOST):$(PORT)

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

collectstatic: install
	@$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0

test: install-test lint collectstatic
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

# About 10 minutes on a 2-core machine; BENCH_ARGS="--quick" for a smoke run of ~3 minutes,
# BENCH_ARGS="--sizes 200 --only editor,plan" for part of it; `python -m bench --help` lists the
# options. wrk is the HTTP load generator when it can be had (pinned to its own core with
# taskset, from util-linux); otherwise the benchmark uses Python threads and says so.
bench: install-test collectstatic
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null 2>&1 && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; }; }; } || \
	  echo "wrk is not installed: measuring HTTP load with Python threads instead (slower, noisier)."
	@command -v taskset >/dev/null 2>&1 || \
	  echo "taskset is not installed: gunicorn and the load generator will share the cores."
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles
