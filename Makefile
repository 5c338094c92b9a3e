# CIM: run the demo, run every test, lint. Each target sets up what it needs
# (PostgreSQL role and database, Chromium, Python and npm packages) and stops
# with a clear message when something cannot be had.
.PHONY: help run test lint bench

help:
	@echo "make run   - CIM with demo data on http://127.0.0.1:8069 (database 'cim')"
	@echo "make test  - lint, every addon's Odoo tests, the black-box tests"
	@echo "make lint  - ruff, pylint-odoo, prettier (pre-commit hooks)"
	@echo "make bench - benchmarks against stock Odoo, writes BENCHMARKS.md (SCALE=small|default|both)"

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

lint:
	@bash scripts/lint.sh

bench:
	@SCALE="$(SCALE)" bash scripts/bench.sh
