#!/usr/bin/env bash
# The throughput benchmark in one command: set up (Tesseract, ghostscript, the venv with
# ocrmypdf), then build the fixed set and run tesseract alone, ocrmypdf and the pipeline
# side by side. Options go to bench/run.py (e.g. --pages 10,100 --seed 7); see --help.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_THREAD_LIMIT=1
exec .venv/bin/python bench/run.py "$@"
