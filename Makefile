# The two commands of the README: `make run` and `make test`. Everything else is a chore.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: readability run test test-sqlite venv browser-deps check audit lint fmt messages compilemessages \
	worker beat bench

venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	scripts/ensure-system-packages
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

## Chromium and npm (apt, as root, when missing), then axe-core from package-lock.json
browser-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	scripts/ensure-browser
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

compilemessages: venv
	@if command -v msgfmt >/dev/null 2>&1; then $(MANAGE) compilemessages --verbosity 0; \
	else $(PY) scripts/compile_messages.py; fi

## Run the service at http://127.0.0.1:8000 with the embedded default (or DATABASE_URL…)
run: venv compilemessages
	$(MANAGE) migrate --no-input
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data
	$(MANAGE) runserver 127.0.0.1:8000

## The whole test suite on PostgreSQL, then its core on the embedded SQLite default.
## Chromium, npm and axe-core (browser-deps) only when PYTEST_ARGS select a browser test,
## as they do by default: `make test PYTEST_ARGS="-m 'not browser'"` needs none of them.
## TEST_WORKERS pytest-xdist processes share the tests (each its own database and Redis db).
TEST_WORKERS ?= 2
test: venv compilemessages
	scripts/ensure-services
	if ! $(MAKE) --question --no-print-directory browser-deps && \
		$(PY) scripts/browser_tests_selected.py $(PYTEST_ARGS); then \
		$(MAKE) browser-deps; fi
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)
	$(MAKE) test-sqlite

test-sqlite: venv
	DATABASE_URL=sqlite:///$(CURDIR)/var/test-smoke.sqlite3 $(PY) -m pytest -m core -q

check: venv compilemessages
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

## Security: bandit on our packages, pip-audit on the installed ones
audit: venv
	$(VENV)/bin/bandit --quiet --recursive --exclude '*/migrations/*' \
		cpasonline routing sandbox intake notifications eid vendors contact wizard backoffice \
		integration monitoring connector
	$(PY) scripts/pip_audit.py

## Throughput and latency figures (a script, not a test): see README "Performance"
bench: venv compilemessages
	$(PY) scripts/bench.py $(BENCH_ARGS)
	$(PY) scripts/bench_monitoring.py $(BENCH_MONITORING_ARGS)

## Readability of every citizen page in fr, nl, de, en (a script, not a test): README "Plain language"
readability: venv compilemessages
	$(PY) scripts/readability.py $(READABILITY_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

fmt: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: venv
	$(MANAGE) makemessages -l fr -l nl -l de --no-location --ignore="tests/*" --ignore=".venv/*" --ignore="node_modules/*"

worker: venv
	$(VENV)/bin/celery -A cpasonline worker --loglevel=INFO

beat: venv
	$(VENV)/bin/celery -A cpasonline beat --loglevel=INFO
