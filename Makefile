# Parley: `make run` serves the dashboard with demo data, `make test` runs the tests.
# Both set everything up from scratch: a virtual environment and an embedded
# PostgreSQL (unless DATABASE_URL points at one).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo eval worker screenshots backup restore load db-stop clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: migrate
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} \
	  $(BIN)/celery -A config worker --beat --loglevel=INFO --concurrency=$${WORKERS:-2}

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

eval: install
	$(BIN)/python manage.py extract --input ../shared/seeds/articles.jsonl --output var/seeds-pred.jsonl
	$(BIN)/python ../shared/eval/score.py ../shared/eval/seeds-gold.jsonl var/seeds-pred.jsonl --verbose
	$(BIN)/python manage.py extract --input ../shared/eval/dev/articles.jsonl --output var/dev-pred.jsonl
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev/gold.jsonl var/dev-pred.jsonl

screenshots: install
	PARLEY_SCREENSHOTS=1 $(BIN)/python -m pytest tests/test_screenshots.py -q

LOAD_SECONDS ?= 30
load: install
	$(BIN)/python bench/load.py --seconds $(LOAD_SECONDS)

BACKUP ?= var/backups/parley-$(shell date +%Y%m%d-%H%M%S).dump
backup: install
	$(BIN)/python -m config.backup dump $(BACKUP)
	@echo "backup written to $(BACKUP)"

restore: install
	@test -n "$(FROM)" || (echo "usage: make restore FROM=var/backups/parley-....dump" && exit 2)
	$(BIN)/python -m config.backup restore $(FROM)

db-stop: install
	$(BIN)/python -c "from pathlib import Path; from config.embedded import stop; print('stopped' if stop(Path('var/pgdata').resolve()) else 'not running')"

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache
