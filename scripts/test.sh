#!/usr/bin/env bash
# Set up from nothing, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PREFECT_HOME="${PREFECT_HOME:-$(mktemp -d)}"
exec .venv/bin/python -m pytest "$@"
