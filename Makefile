# PATT Platform. `make run` starts the app with an embedded PostgreSQL and the demo guild;
# `make test` runs the whole test suite. Both set up .venv from requirements.txt first.
# `make run WORKERS=4` (with REDIS_URL set) serves with four backend workers on the one port.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PORT ?= 3000

export PATH := $(BIN):$(PATH)
export REFLEX_USE_NPM := 1
export NPM_CONFIG_REGISTRY := https://registry.npmjs.org
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := 0
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test unit integration e2e bench load lint setup clean timetravel timetravel-e2e mutate screenshots

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/python -m patt_app.cli run --port $(PORT) $(if $(WORKERS),--workers $(WORKERS))

# Unit and integration tests run in PYTEST_WORKERS processes (pytest-xdist), each with its own
# throwaway database: most tests wait on PostgreSQL or a fake server, so 3 fit on 2 cores. A
# file's tests stay together in one process (module-wide fixtures such as a restartable server).
PYTEST_WORKERS ?= 3
PARALLEL = -n $(PYTEST_WORKERS) --dist loadfile

# e2e runs in its own pytest process (Playwright's sync API). Without Chromium the browser tests
# are skipped, unless E2E_REQUIRED=1 (CI): then they fail. Exit code 5 (no test collected) is
# tolerated only when E2E_REQUIRED is not 1.
RUN_E2E = $(BIN)/python -m pytest tests/e2e; rc=$$?; \
	[ $$rc -eq 0 ] || { [ $$rc -eq 5 ] && [ "$${E2E_REQUIRED:-0}" != 1 ]; }

# `make test` runs the browser tests even when unit/integration failed, then says how each
# part went; it fails if either did.
test: setup
	@$(BIN)/python -m pytest $(PARALLEL) tests/unit tests/integration; suite=$$?; \
	( $(RUN_E2E) ); e2e=$$?; \
	echo; \
	if [ $$suite -eq 0 ]; then echo "unit + integration: passed"; \
	else echo "unit + integration: FAILED (pytest exit $$suite)"; fi; \
	if [ $$e2e -eq 0 ]; then echo "browser tests (e2e): passed or skipped as allowed"; \
	else echo "browser tests (e2e): FAILED"; fi; \
	[ $$suite -eq 0 ] && [ $$e2e -eq 0 ]

unit: setup
	$(BIN)/python -m pytest $(PARALLEL) tests/unit

integration: setup
	$(BIN)/python -m pytest $(PARALLEL) tests/integration

e2e: setup
	$(RUN_E2E)

# Every page as a visitor, a member and an officer at 1300 and 390 px into screenshots/ (or
# SCREENSHOTS=folder); compare two runs with `python -m tests.e2e.compare_screens A B`.
SCREENSHOTS ?= screenshots
screenshots: setup
	SCREENSHOTS=$(abspath $(SCREENSHOTS)) $(BIN)/python -m pytest tests/e2e/test_screenshots.py -q

# unit + integration with the clock moved (tests/conftest.py): a week after the US switch to
# summer time, a week between the US and EU switches, New Year's Eve late in UTC, a leap day,
# the US fall-back night, the EU spring-forward hour.
TIMETRAVEL_DATES ?= 2027-03-15T18:00:00Z 2027-03-20T18:00:00Z 2027-12-31T23:30:00Z \
	2028-02-29T12:00:00Z 2027-11-07T07:30:00Z 2027-03-28T01:30:00Z

TIMETRAVEL_TESTS ?= tests/unit tests/integration
timetravel: setup
	@failed=""; for when in $(TIMETRAVEL_DATES); do \
		echo "== PATT_TEST_NOW=$$when"; \
		PATT_TEST_NOW=$$when $(BIN)/python -m pytest -q $(PARALLEL) $(TIMETRAVEL_TESTS) \
			|| failed="$$failed $$when"; \
	done; \
	if [ -n "$$failed" ]; then echo "FAILED at:$$failed"; exit 1; fi; \
	echo "all dates passed: $(TIMETRAVEL_DATES)"

# The browser flows that show dates, with the app's clock and the tests' moved together.
TIMETRAVEL_E2E_DATES ?= 2027-03-15T18:00:00Z 2027-12-31T23:30:00Z
TIMETRAVEL_E2E_TESTS ?= tests/e2e/test_live_schedule.py tests/e2e/test_events_flow.py
timetravel-e2e: setup
	@failed=""; for when in $(TIMETRAVEL_E2E_DATES); do \
		echo "== PATT_TEST_NOW=$$when (app and browser tests)"; \
		PATT_TEST_NOW=$$when $(BIN)/python -m pytest -q -p no:randomly $(TIMETRAVEL_E2E_TESTS) \
			|| failed="$$failed $$when"; \
	done; \
	if [ -n "$$failed" ]; then echo "FAILED at:$$failed"; exit 1; fi; \
	echo "all dates passed: $(TIMETRAVEL_E2E_DATES)"

# Mutation testing of the modules users depend on for safety ([tool.mutmut] in pyproject.toml,
# which says which and how); slow, not part of `make test`. Fails below MUTATION_MIN percent.
# Re-runs only what changed since the last run; `rm -rf mutants` starts afresh.
MUTMUT_CHILDREN ?= 2
MUTATION_MIN ?= 85

mutate: setup
	$(BIN)/mutmut run --max-children $(MUTMUT_CHILDREN)
	$(BIN)/python tests/mutation_score.py --min $(MUTATION_MIN)

bench: setup
	$(BIN)/python -m pytest tests/bench -s

# Protocol-level load test (tests/load): starts the app (production build, throwaway database)
# and a bare Reflex counter app on free ports, runs the scenarios against both and writes
# load-results/ (results.md, results.json, p95.png). Sizes: LOAD_SECONDS, LOAD_SCHEDULE_CLIENTS,
# LOAD_RAID_CLIENTS, LOAD_OFFICERS, ... (python -m tests.load --help). The environment, e.g.
# WORKERS and REDIS_URL, passes through to the app.
load: setup
	$(BIN)/python -m tests.load

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:randomly -p no:cacheprovider tests/unit/test_house_rules.py

clean:
	rm -rf .web .states .pytest_cache
