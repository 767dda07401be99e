#!/usr/bin/env bash
# Set up from nothing, then run the mailroom job on sample_docs/ into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
received=$(.venv/bin/python -c "import json;print(json.load(open('sample_docs/manifest.json'))['received_date'])")
status=0
.venv/bin/claim-intake process sample_docs --out "${OUT:-out}" --received "$received" --workers "$(nproc)" || status=$?
# Exit 3 means the batch ran and some files need a re-scan (the sample set has such files on purpose).
[ "$status" -eq 0 ] || [ "$status" -eq 3 ]
