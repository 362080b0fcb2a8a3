# LeBrq: `make run` sets everything up and serves the demo; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SECRET_FILE := var/secret_key
PIP_INSTALL := $(BIN)/pip install --quiet --require-hashes

# A SECRET_KEY exported by the user wins; otherwise the one generated once into var/ (never committed).
WITH_SECRET = SECRET_KEY="$${SECRET_KEY:-$$(cat $(SECRET_FILE))}"
# The MySQL driver compiles against libmysqlclient: installed only when DATABASE_URL asks for MySQL.
ifneq ($(filter mysql%,$(DATABASE_URL)),)
MYSQL_DRIVER := $(BIN)/.mysql-installed
endif

.PHONY: run test lint bench loadtest soak setup setup-dev migrate demo static clean-venv check-deploy worker lock openapi client js-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(BIN)/.runtime-installed: requirements.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(BIN)/.dev-installed: requirements-dev.txt $(BIN)/.runtime-installed
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

$(BIN)/.mysql-installed: requirements-mysql.txt scripts/install-system-deps.sh $(BIN)/.runtime-installed
	./scripts/install-system-deps.sh mysql
	$(PIP_INSTALL) -r requirements-mysql.txt
	touch $@

$(BIN)/.bench-installed: requirements-bench.txt $(BIN)/.dev-installed
	./scripts/install-system-deps.sh bench
	$(PIP_INSTALL) -r requirements-bench.txt
	touch $@

$(SECRET_FILE):
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

setup: $(BIN)/.runtime-installed $(MYSQL_DRIVER) $(SECRET_FILE)

setup-dev: setup $(BIN)/.dev-installed

migrate: setup
	$(WITH_SECRET) $(MANAGE) migrate --noinput

static: setup
	$(WITH_SECRET) $(MANAGE) collectstatic --noinput --verbosity 0

demo: migrate
	$(WITH_SECRET) $(MANAGE) seed_demo

run: migrate static demo
	@echo "Serving LeBrq on http://127.0.0.1:8000 (API docs: /api/docs/, admin: /admin/)"
	$(WITH_SECRET) $(BIN)/gunicorn -c gunicorn.conf.py

# The job worker and, beside it, the scheduler that enqueues the time-based jobs (stopped with it).
worker: migrate
	$(WITH_SECRET) $(MANAGE) run_scheduler & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(WITH_SECRET) $(MANAGE) db_worker --queue-name '*'

# tus-js-client for the browser tests (tests/e2e/test_tus_browser.py), exactly as locked; without
# npm they skip, saying so.
JS_DIR := tests/e2e/js
$(JS_DIR)/node_modules/.installed: $(JS_DIR)/package.json $(JS_DIR)/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix $(JS_DIR) --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the browser tests will be skipped (./scripts/install-system-deps.sh e2e)"; fi

js-deps: $(JS_DIR)/node_modules/.installed

test: setup-dev js-deps
	$(BIN)/pytest

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup-dev $(BIN)/.bench-installed $(BIN)/.mysql-installed
	$(BIN)/python bench/run_all.py $(BENCH)

# Needs MariaDB and Redis on 127.0.0.1 (LOADTEST_DATABASE_URL, LOADTEST_CACHE_URL); see docs/proofs.md, "Load test".
# The fixed load against seed 001's criteria, then the knee (p95 > 500 ms) on one host and on two behind nginx.
loadtest: setup-dev $(BIN)/.bench-installed $(BIN)/.mysql-installed
	$(BIN)/python bench/load/run_loadtest.py $(LOADTEST_ARGS)
	$(BIN)/python bench/load/find_knee.py $(KNEE_ARGS)

# 30 minutes of the mixed load, worker recycling off: worker RSS slope, descriptors, connections, temp files.
soak: setup-dev $(BIN)/.bench-installed $(BIN)/.mysql-installed
	$(BIN)/python bench/load/run_soak.py $(SOAK_ARGS)

# Production settings: HTTPS, a real host name and a shared cache (Redis unless CACHE_URL is exported;
# the check only reads the URL, it does not connect).
check-deploy: setup
	DEBUG=false HTTPS=true ALLOWED_HOSTS=lebrq.example CACHE_URL="$${CACHE_URL:-redis://127.0.0.1:6379/0}" \
	  $(WITH_SECRET) $(MANAGE) check --deploy --fail-level WARNING

# The API contract: openapi.yaml is generated from the code (tests/lebrq/test_openapi_file.py fails
# when they differ), and clients/python from openapi.yaml. Run both after changing an API.
openapi: setup
	$(WITH_SECRET) $(MANAGE) spectacular --skip-checks --validate --file openapi.yaml

client: setup-dev openapi
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate --path openapi.yaml \
	  --output-path clients/python --overwrite --meta setup --config clients/openapi-python-client.yaml

# Re-lock every requirements*.txt (with hashes, transitive dependencies included) from requirements/*.in.
UV_COMPILE := pip compile --quiet --generate-hashes --python-version 3.11 --no-header
lock:
	test -x var/uv/bin/uv || ($(PYTHON) -m venv var/uv && var/uv/bin/pip install --quiet uv==0.13.9)
	var/uv/bin/uv $(UV_COMPILE) requirements/base.in -o requirements.txt
	var/uv/bin/uv $(UV_COMPILE) requirements/mysql.in -o requirements-mysql.txt
	var/uv/bin/uv $(UV_COMPILE) requirements/dev.in -o requirements-dev.txt
	var/uv/bin/uv $(UV_COMPILE) requirements/bench.in -o requirements-bench.txt

clean-venv:
	rm -rf $(VENV)
