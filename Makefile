# Two commands for a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
APPS := portal governance knowledge_mgmt integration digital_services supervision archiving ot_centre
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo demo-reset test lint worker beat messages lock bench clean query-baselines url-coverage app

# The portal supports CPython 3.11 and 3.12 (pyproject.toml); pick one with PYTHON=python3.12.
$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 12) else 1)' || \
		{ echo "Python 3.11 or 3.12 is needed; $(PYTHON) is $$($(PYTHON) --version 2>&1). Run e.g. make demo PYTHON=python3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=24"
	touch $@

# `make demo` installs what the portal needs to run; `make test` adds the development tools.
$(VENV)/.installed-runtime: $(VENV)/.python-ok pyproject.toml requirements.lock
	$(PIP) install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed: $(VENV)/.installed-runtime
	$(PIP) install --quiet -c requirements.lock -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed-runtime
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py seed_ot_centre_demo
	DEBUG=1 $(PY) manage.py seed_archiving_demo
	DEBUG=1 $(PY) manage.py seed_digital_services_demo
	DEBUG=1 $(PY) manage.py seed_governance_demo
	DEBUG=1 $(PY) manage.py seed_supervision_demo
	DEBUG=1 $(PY) manage.py integration_demo
	DEBUG=1 $(PY) manage.py seed_integration_measures_demo
	DEBUG=1 $(PY) manage.py knowledge_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0
	DEBUG=1 $(VENV)/bin/mypy
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(VENV)/bin/mypy

worker: install
	$(VENV)/bin/celery -A portal worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A portal beat --loglevel=INFO

# Extract messages into each app's own catalogue (and the project's, for templates/), then
# fill the English catalogues with their msgids (the source strings are English).
messages: install
	for app in $(APPS); do (cd $$app && DEBUG=1 DJANGO_SETTINGS_MODULE=portal.settings PYTHONPATH=.. ../$(VENV)/bin/django-admin makemessages -l fi -l sv -l en --no-obsolete -v0 --ignore=app_template/*); done
	DEBUG=1 $(PY) manage.py makemessages -l fi -l sv -l en --no-obsolete -v0 $(foreach app,$(APPS),--ignore=$(app)/*) --ignore=.venv/* --ignore=var/* --ignore=tests/* --ignore=bench/*
	$(PY) -m portal.i18n_tools fill-english

lock:
	$(PIP) freeze --exclude-editable > requirements.lock

# Benchmarks compare our code with a reference in the same run and print their figures
# (docs/performance.md). They need PostgreSQL (and Redis for the workers and load benchmarks):
# BENCH_DATABASE_URL, default the local server. bench/run_all.py runs the eight benchmarks in turn
# (their output as it comes), then prints one table of their headline figures (what each measured,
# ours, reference, ratio, target, met), each one's wall time and the total; it exits non-zero when
# a benchmark failed. `make bench QUICK=1`: a smoke run at small sizes (each benchmark's --quick, e.g.
# the ledger conversion at 100 000 rows instead of 1 000 000 and 10 000 000, which write ~320 MB of
# ledgers under /tmp; supervision 50 units, knowledge 100 000 values, archiving 100 000 records).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
bench: install
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run_all.py $(if $(QUICK),--quick)

# Start the demo again from nothing: removes the demo database, uploads and generated files.
demo-reset:
	rm -rf var/portal.sqlite3 var/media var/demo-ledgers

# The test kit (portal/testing): rewrite the query-count baselines of list pages and API lists
# (commit tests/query_baselines.json with the change that explains a new figure); run the
# generated tests with the URL-coverage check forced on.
query-baselines: install
	KIT_UPDATE_BASELINES=1 DEBUG=1 $(VENV)/bin/pytest -q portal/testing/test_generated.py -k "list"

url-coverage: install
	KIT_URL_COVERAGE=1 DEBUG=1 $(VENV)/bin/pytest -q --ignore=tests/browser

# A new area in the kit's shape: make app NAME=my_area (then add it to INSTALLED_APPS and portal/urls.py).
app:
	test -n "$(NAME)" || (echo "usage: make app NAME=<area>" && exit 2)
	mkdir -p $(NAME)
	DEBUG=1 $(PY) manage.py startapp --template=portal/app_template --extension=py,md $(NAME) $(NAME)

clean:
	rm -rf $(VENV) var .pytest_cache
