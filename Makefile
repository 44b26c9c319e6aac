# openfisca-llo — the two commands of the README: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
YAML_TESTS = $(shell find tests -name "*.yaml" -not -path "*/golden/*" | sort)

.PHONY: install serve test lint check-citations yaml-tests mutatietoets pytest docs clean browser screenshot fuzz bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Non-editable install: the tests run against the package as `pip install .` ships it.
$(STAMP): $(BIN)/python pyproject.toml setup.py $(shell find openfisca_llo parameters variables reforms -type f -not -path '*/__pycache__/*')
	rm -rf build  # setuptools reuses build/lib: a file deleted from the sources would still be shipped
	$(BIN)/python -m pip install --quiet '.[dev]'
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/openfisca-llo serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check openfisca_llo variables reforms tests scripts

check-citations: install
	$(BIN)/openfisca-llo citations

yaml-tests: install
	$(BIN)/openfisca test --country-package openfisca_llo $(YAML_TESTS)

# Mutation measure: every dated value, date and formula condition must be caught by a YAML case or be listed in
# mutatie_overlevers.yaml (fails otherwise). About 20 s of CPU; also writes which cases pin each value, for the docs.
mutatietoets: install
	$(BIN)/openfisca-llo mutatietoets --vastgepind docs/_build/mutatietoets/vastgepind.json

pytest: install
	OPENFISCA_LLO_EXPECT_INSTALLED=1 $(BIN)/pytest -q tests

# The documentation, with its reference pages generated from the rules; a warning fails the build.
docs: install
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html

# Debian's Chromium and ChromeDriver for the werkbank's browser tests (apt-get only when they are missing).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

# The werkbank's first screen in the README (docs/img/werkbank.png).
screenshot: install browser
	$(BIN)/python scripts/werkbank_screenshot.py

test: browser lint check-citations yaml-tests mutatietoets docs pytest

# Schemathesis with 500 examples per operation (make test runs 20), at most 30 minutes.
fuzz: install
	FUZZ_EXAMPLES=500 OPENFISCA_LLO_EXPECT_INSTALLED=1 timeout 1800 $(BIN)/pytest -q tests/python/test_fuzz_api.py

# The cost of the worst accepted request per endpoint and the limits that stop larger ones.
bench: install
	$(BIN)/python bench/limits.py

clean:
	rm -rf $(VENV) build *.egg-info docs/_build
