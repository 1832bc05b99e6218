# Everything a developer or CI needs: `make run`, `make test`, `make bench`.
PYTHON ?= $(or $(shell for p in python3.13 python3.12 python3.11 python3; do $$p -c "import sys; sys.exit(sys.version_info < (3, 11))" >/dev/null 2>&1 && { echo $$p; break; }; done),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails point here; production sets SITE_URL itself (make run serves HOST:PORT).
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: install run test test-faults soak lint format bench bench-checks check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'

$(STAMP): pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# axe-core and the Nu HTML Checker for the browser tests; skipped (tests then skip) without npm.
NODE_STAMP := node_modules/.installed-stamp
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: the accessibility and HTML checks will be skipped"; fi

install: $(STAMP) $(NODE_STAMP)

run: install
	@mkdir -p var/outbox
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "  Forum:   http://$(HOST):$(PORT)/"
	@echo "  Outbox:  $(CURDIR)/var/outbox  (e-mails land here as files: open one for the confirmation link)"
	@$(BIN)/python -c 'from forum import demo_content as d; print("  Demo logins (password: %s):" % d.PASSWORD); [print("    %-10s %s" % (u["role"], u["email"])) for u in d.USERS[:4]]'
	@echo "  The moderator and admin are ordinary members until they set up two-factor authentication"
	@echo "  (any TOTP app), which their first visit to /moderation/ or /admin/ asks for."
	@echo ""
	@SITE_URL=$(SITE_URL) $(BIN)/python manage.py run_worker --no-startup-delay -v 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Faults: a forum on a PostgreSQL, a Redis and an SMTP sink of its own (free ports, temporary
# folders), whose services the tests stop and restart; about 2-3 minutes. Skips without
# redis-server or the PostgreSQL server binaries.
test-faults: install
	RUN_FAULT_TESTS=1 $(BIN)/python -m pytest tests/faults $(PYTEST_ARGS)

# 200 clients for 60 s against gunicorn (2 workers), the worker, PostgreSQL, Redis and an
# SMTP sink, all of its own on loopback; checks nothing is lost or doubled and prints p50/p99.
# e.g. `make soak SOAK_ARGS="--clients 50 --duration 20"`.
soak: install
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

# Seeds PostgreSQL database perf_bench (100k threads, ~1M posts) once, serves it with gunicorn
# and drives it with wrk. Needs PostgreSQL and Redis on loopback; installs wrk via apt if root.
# e.g. `make bench BENCH_ARGS="--threads 2000 --duration 5"`; results in bench/results/.
bench: install bench-checks
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The automatic checks alone: model load time, memory, per-post p50/p99 and the worst
# hostile text (one core, no database).
bench-checks: install
	$(BIN)/python bench/checks_bench.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# bandit, medium and high; findings explained with `# noqa: S... - why` or `# nosec` pass
	$(BIN)/python -m pytest -q -p no:randomly tests/security/test_bandit.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var test-artifacts node_modules
