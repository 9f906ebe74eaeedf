# One entry point for people, pre-commit and CI: make site | serve | test | check | bench | golden | clean
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system-deps site serve test check lint format golden schemas bench mutation clean

setup: $(STAMP)

# Re-install only when the pinned dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# What pip and npm cannot install (Chromium, Node.js, fonts, poppler): installed when missing,
# or one line naming the command to run. The same script runs in CI (.ci/run calls make test).
system-deps:
	@scripts/system-deps

# Test-only JavaScript (axe-core for the accessibility audit), pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

site: $(STAMP)  ## build the whole site into site/
	$(BIN)/python -m builder build

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000/; edits under content/ rebuild and reload
	$(BIN)/python -m builder serve

check: $(STAMP)  ## validate content and lint the code; builds nothing
	$(BIN)/python -m builder check
	$(MAKE) --no-print-directory lint

lint: $(STAMP)
	$(BIN)/ruff check builder tests bench overrides/hooks scripts
	$(BIN)/ruff format --check builder tests bench overrides/hooks scripts
	$(BIN)/mypy
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

format: $(STAMP)
	$(BIN)/ruff check --fix builder tests bench overrides/hooks scripts
	$(BIN)/ruff format builder tests bench overrides/hooks scripts

test: system-deps $(STAMP) $(NODE_STAMP)  ## the whole test suite, browser tests included
	$(BIN)/python -m pytest $(PYTEST_ARGS)

golden: $(STAMP)  ## regenerate tests/golden/ from tests/fixtures/; review the diff before committing
	$(BIN)/python -m tests.regenerate_golden

schemas: $(STAMP)  ## re-export the JSON Schemas editors get completion from
	$(BIN)/python -m builder schemas

# Mutation testing (Cosmic Ray) of the guarded modules changed since main; name modules with
# MODULES="builder/write/writer.py ...", or MODULES=--all (long). See CONTRIBUTING.md.
mutation: $(STAMP)  ## mutate changed validation/safety/writer/engine/derive modules; list survivors
	$(BIN)/python -m tests.mutation $(MODULES)

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf build site .pytest_cache .mypy_cache .ruff_cache bench/out
