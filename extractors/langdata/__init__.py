"""Per-language vocabulary as data: one TOML file per ISO 639-1 code.

Code never hard-codes a word of a language; it asks `load(code)` for a section
and iterates over what that language knows, or `all_languages()` to search in
every language at once (labels on a foreign invoice need not match its body
language).
"""

from __future__ import annotations

import tomllib
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from claim_intake.model import SUPPORTED_LANGUAGES

_DIR = Path(__file__).parent


@cache
def load(code: str) -> dict[str, Any]:
    path = _DIR / f"{code}.toml"
    if not path.is_file():
        raise KeyError(f"no language data for {code!r}")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def section(code: str, name: str) -> dict[str, Any]:
    return load(code).get(name, {})


def all_languages() -> tuple[str, ...]:
    return SUPPORTED_LANGUAGES


def merged_list(section_name: str, key: str) -> list[tuple[str, str]]:
    """(language, phrase) for one key of one section across every language."""
    out: list[tuple[str, str]] = []
    for code in SUPPORTED_LANGUAGES:
        for phrase in section(code, section_name).get(key, []):
            out.append((code, phrase))
    return out


@cache
def _transliteration_tables() -> tuple[tuple[str, str], ...]:
    """(source, latin) pairs of every language with a transliteration table, longest first."""
    pairs: dict[str, str] = {}
    for code in SUPPORTED_LANGUAGES:
        table = section(code, "transliteration")
        pairs.update(table.get("pairs", {}))
        pairs.update(table.get("letters", {}))
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


def to_latin(text: str) -> str:
    """Lower-case Latin spelling of a name in another script ('Μαρία' -> 'maria');
    Latin text comes back lower-cased and without accents."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    out, i = [], 0
    tables = _transliteration_tables()
    while i < len(plain):
        for src, latin in tables:
            if plain.startswith(src, i):
                out.append(latin)
                i += len(src)
                break
        else:
            out.append(plain[i])
            i += 1
    return "".join(out)


@cache
def latin_lookalikes() -> dict[int, str]:
    """A `str.translate` table of the letters of other scripts drawn like Latin letters
    (normalized, lower case: Greek 'ρ' looks like 'p', not like its sound 'r')."""
    table: dict[int, str] = {}
    for code in SUPPORTED_LANGUAGES:
        for letter, latin in section(code, "lookalikes").get("latin", {}).items():
            table[ord(letter)] = latin
    return table


@cache
def shape_fold(code: str) -> dict[int, str] | None:
    """A `str.translate` table folding a script's letters and the Latin letters OCR reads
    them as to one letter per shape (Greek 'η' and Latin 'n' alike), for a language whose
    print a Latin model misreads so; None for the others."""
    shapes = section(code, "lookalikes").get("shapes") if code in SUPPORTED_LANGUAGES else None
    return {ord(letter): shape for letter, shape in shapes.items()} if shapes else None
