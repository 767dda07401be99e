"""Per-layout and per-kind accuracy of a held-out run, which `claim-intake eval` does not print.

    claim-intake eval SET --out RESULTS
    python heldout/breakdown.py SET RESULTS

Uses the same per-field checks as `claim_intake.evaluate`, grouped by the `layout`
key the held-out generator writes into each expected file, and lists each miss with
the expected and extracted value (values only go to the terminal, never to a log).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from claim_intake.evaluate import Score, _doc_checks, load_expected
from claim_intake.pipeline import load_results


def breakdown(sample_dir: Path, results_dir: Path) -> tuple[dict[str, Score], list[str]]:
    _, exp_docs = load_expected(sample_dir)
    by_layout: dict[str, Score] = defaultdict(Score)
    misses = []
    for result in load_results(results_dir):
        for doc in result.documents:
            exp = exp_docs.get((result.claim_id, doc.file))
            if exp is None:
                continue
            raw = json.loads((sample_dir / result.claim_id / f"{doc.file}.expected.json").read_text(encoding="utf-8"))
            group = f"{raw.get('layout', '?')} ({exp.render})"
            for name, ok in _doc_checks(exp, doc).items():
                by_layout[raw.get("layout", "?")].add(ok)
                by_layout[group].add(ok)
                if not ok and name != "doctor_fuzzy":
                    want = exp.dates.get(name[6:]) if name.startswith("dates.") else getattr(exp, name, None)
                    have = getattr(doc.dates, name[6:]) if name.startswith("dates.") else getattr(doc, name, None)
                    misses.append(f"{result.claim_id}/{doc.file} [{exp.language} {group}] {name}: "
                                  f"want {want!r} got {have!r}")
    return dict(sorted(by_layout.items())), misses


def main(argv: list[str]) -> int:
    scores, misses = breakdown(Path(argv[0]), Path(argv[1]))
    for key, s in scores.items():
        if "(" not in key:
            print(f"{key:<16} {s.value:6.1%}  n={s.total}")
    print()
    for key, s in scores.items():
        if "(" in key:
            print(f"{key:<32} {s.value:6.1%}  n={s.total}")
    if "--misses" in argv:
        print()
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
