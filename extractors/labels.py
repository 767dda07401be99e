"""The one text normalisation every label lookup shares.

Labels are matched accent- and case-insensitively: `extractors.lexicon` (dates, doctor,
amounts) and `extractors.evidence` (type, marks, language) both search normalized text.
"""

from __future__ import annotations

import unicodedata


def normalize(text: str) -> str:
    """Casefold, drop accents (but keep Greek letters' base form), fold spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("ø", "o").replace("æ", "ae").replace("ł", "l").split())
