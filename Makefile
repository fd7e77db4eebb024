# Wildlife Seizure DB — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
RUN_ENV := DEBUG=$${DEBUG-1}

.PHONY: guides run test install migrate reference demo serve bench bench-load lint messages worker beat clean backup restore health

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

reference: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_reference_data

demo: reference
	INTELLIGENCE_EMAIL_ALERTS=0 $(RUN_ENV) $(BIN)/python manage.py load_demo --skip-reference

serve:
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## make guides: screenshots (ru, ky, en) and captioned screen recordings of the how-to journeys into
## guides_build/, from a server started here on a free port with the demo data and the demo accounts
## (matching runs in that server's process, so the repeat-suspect alert appears without a worker).
guides: demo
	@port=$$($(BIN)/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	CELERY_BROKER_URL= INTELLIGENCE_EMAIL_ALERTS=0 $(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$$port --noreload & pid=$$!; \
	for i in $$(seq 60); do $(BIN)/python -c 'import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=2)' \
	  http://127.0.0.1:$$port/accounts/login/ 2>/dev/null && break; sleep 1; done; \
	$(RUN_ENV) $(BIN)/python manage.py build_guides --base-url http://127.0.0.1:$$port; status=$$?; \
	kill $$pid; exit $$status

## make run: venv, install, migrate, reference data, demo data and accounts, serve on 127.0.0.1:8000
run: demo serve

## make test: the whole suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make bench: every benchmark, the largest-case save and the bounded load test (PostgreSQL: DATABASE_URL)
bench: $(STAMP)
	$(BIN)/python -m benchmarks --load

## make bench-load [LOAD_ARGS="--clients 20 --duration 60"]: only the load test against the production stack
bench-load: $(STAMP)
	$(BIN)/python -m benchmarks.load $(LOAD_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

## Regenerate and compile translation catalogs (needs GNU gettext; compiled .mo files are committed).
messages: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py makemessages -l ru -l ky --no-obsolete --ignore '.venv/*' --ignore 'tests/*'
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore '.venv/*'

## make backup: one archive (database, media, manifest) into BACKUP_DIR (default ./backups); encrypted with BACKUP_PASSPHRASE
backup: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py backup

## make restore FILE=backups/wildlife-....tar.gz[.age] [FORCE=1]: check, restore, verify against the manifest
restore: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=path/to/archive [FORCE=1]"; exit 2; }
	$(RUN_ENV) $(BIN)/python manage.py restore "$(FILE)" $(if $(filter 1,$(FORCE)),--force,)

## make health: readiness of database, broker, worker and media storage
health: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py check_health

worker: $(STAMP)
	$(BIN)/celery -A config worker -l info

beat: $(STAMP)
	$(BIN)/celery -A config beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media .pytest_cache
