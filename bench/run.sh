#!/usr/bin/env bash
# Run every benchmark; arguments go to bench/run.py (e.g. --docs 100 --events 20000 for a quick try).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python bench/run.py "$@"
