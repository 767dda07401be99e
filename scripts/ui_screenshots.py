#!/usr/bin/env python3
"""Regenerate the README's screenshots of the caseworker page (docs/ui-queue.png,
docs/ui-claim.png): the browser tests take them from the same pipeline-made claims they
check, and save them to docs/ when UI_SCREENSHOTS is set."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    env = {**os.environ, "UI_SCREENSHOTS": "docs", "PYTHONPATH": str(ROOT)}
    env.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="claim-intake-prefect-"))
    tests = ["tests/ui/test_browser.py::test_queue_lists_claims_in_queue_order_with_badges",
             "tests/ui/test_browser.py::test_claim_page_shows_documents_values_and_boxes_where_provenance_says"]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", *tests], cwd=ROOT, env=env)
    if done.returncode == 0:
        print("wrote docs/ui-queue.png and docs/ui-claim.png")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
