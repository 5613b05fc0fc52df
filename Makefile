# Two commands on a fresh machine with only Python: `make run` and `make test`.
# DATABASE_URL unset: an embedded PostgreSQL (pgserver) under var/; set: that server.
# `make run` serves what production serves (gunicorn, production settings, WhiteNoise, hashed
# static files) over plain http on 127.0.0.1 with the demo data; `make dev` is the
# auto-reloading development server with DEBUG.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
ARGS ?=
# The suite runs on two pytest-xdist workers (about 10 minutes on this 2-core machine, about
# twice that serially); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2

DEV_ENV := DJANGO_DEBUG=1 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-dev-only-insecure-key-not-for-production}
# Production settings for the local demo server: a secret kept in var/secret_key (unless
# DJANGO_SECRET_KEY is set: the serving tests share theirs, to sign sessions), local hosts
# only, no HTTPS redirect or secure-only cookies (it is served over http://127.0.0.1), demo
# accounts on (DJANGO_DEMO=1, never set in a real deployment).
RUN_ENV := DJANGO_DEMO=1 DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat var/secret_key)}" \
  DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 \
  DJANGO_HSTS_SECONDS=0 DJANGO_STATIC_MANIFEST=1 DJANGO_SITE_URL=http://127.0.0.1:$(PORT) PORT=$(PORT) \
  DJANGO_EMAIL_BACKEND=$${DJANGO_EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}
SERVE := $(BIN)/gunicorn --config config/gunicorn.conf.py config.wsgi:application
WORKER := $(BIN)/python manage.py procrastinate worker
STATIC_SOURCES := $(shell find static -type f 2>/dev/null)
TEST_ENV := DJANGO_SECRET_KEY=test-only-insecure-key DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_STATIC_MANIFEST=0 DJANGO_ALLOWED_HOSTS=testserver,localhost,127.0.0.1

.PHONY: run dev serve worker test setup messages browser fonts lint format migrate seed bench backup restore db-stop clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

setup: $(BIN)/.installed messages

# Compiled catalogues are build output (not committed): produced from the .po files with polib,
# so no system gettext is needed.
messages: $(BIN)/.installed
	@$(BIN)/python scripts/compile_messages.py

# Browser tests drive Debian's chromium (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# A Japanese font for the Lighthouse bench: a reader's tablet has one; without any, chromium
# looks up a fallback for every kanji and draws boxes, which is neither what is read nor what
# is timed on a real device.
fonts:
	@fc-list :lang=ja 2>/dev/null | grep -q . || { \
	  echo "Installing a Japanese font (IPA Gothic) for the browser benchmarks..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-ipafont-gothic >/dev/null; }

migrate: setup
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

seed: migrate
	$(DEV_ENV) $(BIN)/python manage.py seed_demo

var/secret_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

var/staticfiles/staticfiles.json: $(STATIC_SOURCES) var/secret_key | $(BIN)/.installed
	env $(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput -v0

run: setup var/secret_key var/staticfiles/staticfiles.json
	env $(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	env $(RUN_ENV) $(BIN)/python manage.py seed_demo
	@env $(RUN_ENV) $(BIN)/python manage.py demo_logins
	@# One task worker beside the server (imports, scheduled e-mail, printed here); Ctrl-C stops
	@# both (a background job of a script ignores SIGINT, hence the trap).
	env $(RUN_ENV) $(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  env $(RUN_ENV) $(SERVE)

# The server alone, as `make run` starts it (the serving tests start this).
serve: var/secret_key var/staticfiles/staticfiles.json
	exec env $(RUN_ENV) $(SERVE)

# A task worker, as `make run` starts it; run several for more throughput.
worker: var/secret_key
	exec env $(RUN_ENV) $(WORKER)

dev: seed
	@$(DEV_ENV) PORT=$(PORT) $(BIN)/python manage.py demo_logins
	$(DEV_ENV) $(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/python -m pytest -n $(TEST_WORKERS) $(ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup browser fonts
	$(BIN)/python bench/run_all.py

backup: setup
	$(DEV_ENV) $(BIN)/python manage.py backup_db $(if $(FILE),--output $(FILE),)

restore: setup
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/....dump"; exit 2; }
	$(DEV_ENV) $(BIN)/python manage.py restore_db $(FILE)

db-stop: $(BIN)/.installed
	$(BIN)/python -m config.embedded_pg stop

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache
