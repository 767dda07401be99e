"""A held-out set whose claims arrive as one scanned packet: each claim's PDFs joined into one file.

A mailroom scanner often makes one PDF of a whole envelope. This takes a set made by
`heldout/generate.py` and, for every claim with two or more PDF documents, joins them
(in file-name order, so an original may come after its translation) into `packet.pdf`;
TIFFs and photos stay separate files. The ground truth follows: each joined document's
expected JSON is named after its part (`packet.pdf (pages 2-3)`), and the findings and
`translation_of` that named a joined file name its part. Claims with fewer than two PDFs
are left out.

    python heldout/packets.py /tmp/h168 /tmp/h168-packets
    claim-intake eval /tmp/h168-packets --out /tmp/r168-packets --misses
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium

EXPECTED = ".expected.json"
PACKET = "packet.pdf"


def part_name(first: int, last: int) -> str:
    """As `claim_intake.pipeline.part_name` names a document cut from a file."""
    return f"{PACKET} (page {first})" if first == last else f"{PACKET} (pages {first}-{last})"


def join_claim(src: Path, dst: Path) -> bool:
    pdfs = sorted(p for p in src.iterdir() if p.suffix.lower() == ".pdf")
    if len(pdfs) < 2:
        return False
    dst.mkdir(parents=True)
    packet = pdfium.PdfDocument.new()
    names: dict[str, str] = {}
    at = 1
    for pdf in pdfs:
        n = len(pdfium.PdfDocument(str(pdf)))
        packet.import_pages(pdfium.PdfDocument(str(pdf)))
        names[pdf.name] = part_name(at, at + n - 1)
        at += n
    packet.save(str(dst / PACKET))
    for f in src.iterdir():
        if f.suffix.lower() == ".pdf" or f.name.endswith(EXPECTED):
            continue
        shutil.copy2(f, dst / f.name)
    for f in src.glob(f"*{EXPECTED}"):
        data = json.loads(f.read_text(encoding="utf-8"))
        if f.name == f"claim{EXPECTED}":
            for finding in data.get("findings", []):
                finding["document"] = names.get(finding.get("document"), finding.get("document"))
            (dst / f.name).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
            continue
        data["translation_of"] = names.get(data.get("translation_of"), data.get("translation_of"))
        joined = data["file"] in names
        data["file"] = names.get(data["file"], data["file"])
        target = f"{PACKET}.{data['file'][len(PACKET) + 2:-1].replace(' ', '-')}{EXPECTED}" if joined else f.name
        (dst / target).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src")
    ap.add_argument("dst")
    args = ap.parse_args()
    src, dst = Path(args.src), Path(args.dst)
    manifest = json.loads((src / "manifest.json").read_text(encoding="utf-8"))
    dst.mkdir(parents=True, exist_ok=False)
    kept = [c for c in manifest["claims"] if join_claim(src / c, dst / c)]
    (dst / "manifest.json").write_text(json.dumps({**manifest, "claims": kept}, indent=2), encoding="utf-8")
    print(f"{len(kept)} claims joined into packets in {dst}")


if __name__ == "__main__":
    main()
