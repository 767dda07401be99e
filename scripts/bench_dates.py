"""Time extract_dates and extract_doctor on a 3-page, 60-lines-a-page invoice.

Run: .venv/bin/python scripts/bench_dates.py  (target: dates well under 50 ms)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.dates import extract_dates  # noqa: E402
from extractors.doctor import extract_doctor  # noqa: E402
from tests.helpers import doc_from_text  # noqa: E402


def _page(n: int) -> str:
    head = [
        "Oslo Legesenter AS                               FAKTURA",
        "Storgata 1, 0155 Oslo                            Fakturanr: 2026-0042",
        "Pasient: Ola Nordmann     Fødselsdato: 01.02.1980",
        "Fakturadato: 12.03.2026          Forfallsdato: 26.03.2026",
        "Behandler: Dr. Kari Hansen, spesialist i allmennmedisin",
        "Dato         Beskrivelse                         Beløp",
    ]
    rows = [f"{(d % 27) + 1:02d}.03.2026   Konsultasjon, takst 2ad nr {d}        {400 + d},00" for d in range(20)]
    prose = [f"Merknad {i}: pasienten ble undersøkt og fikk råd om videre oppfølging hos fastlege." for i in range(30)]
    tail = ["Sum å betale                                    8 380,00", "Betalt 14. mars 2026 med BankAxept", "Side %d av 3" % n, "Med vennlig hilsen"]
    return "\n".join(head + rows + prose + tail)


def main() -> None:
    doc = doc_from_text(*(_page(n) for n in (1, 2, 3)))
    assert all(len(p.lines) == 60 for p in doc.pages), [len(p.lines) for p in doc.pages]
    extract_dates(doc, "no")  # warm the caches (compiled patterns, CLDR month names)
    extract_doctor(doc, "no")
    for name, fn in (("extract_dates", extract_dates), ("extract_doctor", extract_doctor)):
        for language in ("no", None):
            runs = 20
            t0 = time.perf_counter()
            for _ in range(runs):
                fn(doc, language)
            ms = (time.perf_counter() - t0) / runs * 1000
            print(f"{name}(3 pages x 60 lines, language={language!r}): {ms:.1f} ms")
    print(extract_dates(doc, "no")[0])


if __name__ == "__main__":
    main()
