# Pipewright: `make run` serves the embedded default; `make test` runs every test.
# Both work on a fresh machine: they create the virtualenv, install the pinned
# dependencies, build the frontend and prepare the database first.

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup backend-deps frontend-deps frontend services migrate api-schema lint lint-python clean step-user step-init

run: setup migrate
	@echo "Pipewright is starting on http://$(HOST):$(PORT)/"
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

test: setup services lint-python
	npm run lint
	$(PY) -m pytest
	npm test

.PHONY: test-fast test-under-load

# The quick loop: everything but the browser tests, the ones that start servers or
# processes and the slowest (pytest markers e2e, live and slow, applied in tests/conftest.py),
# spread over two processes.
test-fast: backend-deps
	$(PY) -m pytest -m "not e2e and not live and not slow" -n 2

# `make test` while two CPU hogs keep the machine busy: flushes out tests that race.
test-under-load:
	scripts/under-load $(MAKE) test

setup: backend-deps frontend step-user step-init

# The unprivileged user steps run as when the server runs as root (docs/security.md).
step-user:
	@scripts/step-user

# The init of walled steps' namespaces as one small program (docs/security.md); without a C
# compiler, walled steps use a shell command that does the same.
step-init: designer/runtime/step-init

designer/runtime/step-init: designer/runtime/step_init.c scripts/step-init
	@scripts/step-init designer/runtime/step_init.c $@

backend-deps: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml sdk/pyproject.toml constraints.txt
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]" -e ./sdk
	@touch $@

frontend-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

frontend: frontend-deps
	npm run build

migrate: backend-deps
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py bootstrap

services:
	@scripts/services

# The OpenAPI schema the frontend's types are generated from (npm run gen:api).
api-schema: backend-deps
	$(PY) manage.py spectacular --file frontend/src/api/openapi.yaml

lint: lint-python frontend-deps
	npm run lint

# ruff, the import layers of docs/architecture.md, and types of the kernel, runtime and SDK.
lint-python: backend-deps
	$(PY) -m ruff check designer tests components bench sdk
	$(PY) -m ruff format --check designer tests components bench sdk
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) node_modules frontend/dist var designer/runtime/step-init

.PHONY: distributed

# The distributed deployment on this machine for trying it: PostgreSQL (running), Redis, an
# in-memory S3, the web process, the scheduler and workers for two compute targets (deploy/Procfile).
distributed: setup
	scripts/distributed
