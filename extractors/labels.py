"""The one text normalisation every label lookup shares.

Labels are matched accent- and case-insensitively: `extractors.lexicon` (dates, doctor,
amounts) and `extractors.evidence` (type, marks, language) both search normalized text.
"""

from __future__ import annotations

import re
import unicodedata


LETTER_RUN = re.compile(r"([^\W\d_])\1{3}", re.IGNORECASE)  # one letter four times running: no language writes so; a rule or a row of dots read as letters does


def normalize(text: str) -> str:
    """Casefold, drop accents (but keep Greek letters' base form), fold spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("ø", "o").replace("æ", "ae").replace("ł", "l").split())
