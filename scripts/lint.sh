#!/usr/bin/env bash
# make lint: every pre-commit hook (ruff, ruff-format, pylint-odoo, prettier,
# addon READMEs) over every tracked file. A hook that rewrites a file fails.
source "$(dirname "$0")/lib.sh"
ensure_python_packages
ensure_node_tools
pre-commit run --all-files --show-diff-on-failure
