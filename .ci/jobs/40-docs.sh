#!/usr/bin/env bash
# The documentation site builds with warnings as errors (broken links, bad docstrings).
set -euo pipefail
"$VENV/bin/python" -m pip install -q -e ".[docs]"
"$VENV/bin/python" -m mkdocs build --strict -f docs/mkdocs.yml -d "$(mktemp -d)/site"
