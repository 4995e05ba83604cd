# CoupleSpace: `make run` to use it, `make test` to test it. Needs Python 3.13 or newer, and make.
PYTHON ?= $(shell command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test bench screenshots rehearse demo lint format messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 13) and "CoupleSpace needs Python 3.13 or newer.")'
	@echo "Installing CoupleSpace and its dependencies into $(VENV) (first run only, about a minute)…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Ctrl-C is how `make run` stops: honcho stops web, worker and beat and exits 130, which is no
# error. The recipe's shell leaves Ctrl-C to honcho (trap '' INT) and takes that 130 as success.
run: export DEBUG ?= 1
# For all three: honcho gives each process type its own PORT (web PORT, worker PORT+100, ...).
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_programs
	$(BIN)/python manage.py demo
	@echo "CoupleSpace is starting at http://127.0.0.1:$(PORT) (Ctrl-C stops web, worker and beat)."
	trap '' INT; PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile || [ $$? -eq 130 ]

demo: export DEBUG ?= 1
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_programs
	$(BIN)/python manage.py demo

# The suite runs in one process per core (pytest-xdist); TEST_PROCESSES=0 runs it in this one.
TEST_PROCESSES ?= auto
test: install
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

# The Lighthouse figures need the npm package where git does not look (else that bench skips):
#   npm install --prefix var/lighthouse lighthouse    (or LIGHTHOUSE=/path/to/lighthouse)
bench: install
	$(BIN)/python -m pytest tests/perf -p no:randomly -s -q -rs $(PYTEST_ARGS)

# Full-page PNGs of the main pages (phone and desktop, light and dark) in var/screenshots/.
screenshots: install
	$(BIN)/python -m pytest tests/screenshots -p no:randomly -s -q

# The production topology as processes on this machine (needs PostgreSQL, Redis and nginx):
# see "Running in production" in README.md.
rehearse: install
	$(BIN)/python -m tests.perf.rehearse

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild the translation catalogues (needs GNU gettext); the compiled .mo files are committed.
messages: export DEBUG ?= 1
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
