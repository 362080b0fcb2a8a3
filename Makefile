# LeBrq: `make run` sets everything up and serves the demo; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SECRET_FILE := var/secret_key

# The demo reads its secret from the environment like production does; locally it is
# generated once into var/ (never committed) unless SECRET_KEY is already set.
export SECRET_KEY ?= $(shell cat $(SECRET_FILE) 2>/dev/null)

.PHONY: run test bench loadtest setup migrate demo static clean-venv check-deploy worker

$(BIN)/.installed: requirements.txt requirements-dev.txt scripts/install-system-deps.sh
	./scripts/install-system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

$(SECRET_FILE):
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

setup: $(BIN)/.installed $(SECRET_FILE)

migrate: setup
	SECRET_KEY=$$(cat $(SECRET_FILE)) $(MANAGE) migrate --noinput

static: setup
	SECRET_KEY=$$(cat $(SECRET_FILE)) $(MANAGE) collectstatic --noinput --verbosity 0

demo: migrate
	SECRET_KEY=$$(cat $(SECRET_FILE)) $(MANAGE) seed_demo

run: migrate static demo
	@echo "Serving LeBrq on http://127.0.0.1:8000 (API docs: /api/docs/, admin: /admin/)"
	SECRET_KEY=$$(cat $(SECRET_FILE)) $(BIN)/gunicorn -c gunicorn.conf.py

worker: migrate
	SECRET_KEY=$$(cat $(SECRET_FILE)) $(MANAGE) db_worker --queue-name '*'

test: setup
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/run_all.py $(BENCH)

# Needs MariaDB and Redis on 127.0.0.1 (LOADTEST_DATABASE_URL, LOADTEST_CACHE_URL); see README.md, "Load test".
loadtest: setup
	$(BIN)/pip install --quiet -r requirements-bench.txt
	$(BIN)/python bench/load/run_loadtest.py $(LOADTEST_ARGS)

check-deploy: setup
	DEBUG=false HTTPS=true ALLOWED_HOSTS=lebrq.example SECRET_KEY=$$(cat $(SECRET_FILE)) $(MANAGE) check --deploy --fail-level WARNING

clean-venv:
	rm -rf $(VENV)
