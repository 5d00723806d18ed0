# Masthead: `make run` to try it, `make test` to check it. `make help` lists the rest.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml deploy/install_locked.py | cksum | cut -d' ' -f1)
MANAGE := $(BIN)/python manage.py
# Every benchmark script (not its helper modules); `make bench BENCHES=bench/load.py` for one.
BENCHES ?= $(filter-out bench/bench_settings.py bench/servers.py bench/smtp_sink.py,$(wildcard bench/*.py))

.DEFAULT_GOAL := help
.PHONY: help install run serve worker migrate seed test test-fast lint format bench lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml deploy/install_locked.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PYTHON) deploy/install_locked.py $(BIN)/python requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies (uv; pip if uv cannot)

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

seed: migrate ## Load the demo content (only on an empty database)
	$(MANAGE) seed_demo

run: seed ## Set up everything and serve http://127.0.0.1:8000 with the task worker
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) serve

worker: install ## Run one background task worker
	$(MANAGE) worker --queue-name '*'

test: install ## Run every test (set DATABASE_URL for PostgreSQL)
	$(BIN)/pytest -n $(or $(TEST_WORKERS),2) $(PYTEST_ARGS)

lint: install ## Check style and migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(MANAGE) makemigrations --check --dry-run

format: install ## Reformat the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install ## Run the benchmarks under bench/ (prints JSON lines)
	@bench/system-packages.sh
	@for script in $(BENCHES); do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lock: ## Re-resolve requirements.lock from pyproject.toml
	$(BIN)/python -m uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements.lock

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var static_collected
