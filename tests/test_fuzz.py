"""Property-based fuzzing: random text into every parser, random bytes into every reader.

Nothing may escape but the project's own typed errors: one strange document must
never take a mailroom batch down.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claim_intake.model import SUPPORTED_LANGUAGES
from extractors.amounts import extract_amounts, parse_amount
from extractors.dates import dates_in_text, extract_dates
from extractors.doctor import extract_doctor, strip_title
from extractors.interpret import interpret
from extractors.language import detect_language
from extractors.active_content import content_warnings
from extractors.fingerprint import first_page_hash
from extractors.readers import iter_pages
from extractors.tools import IntakeError, Limits
from tests.helpers import doc_from_text

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text like a noisy page: letters of the 13 languages, digits, separators, symbols.
ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"))
noisy_text = st.text(alphabet=ALPHABET, max_size=300)
page_text = st.lists(st.text(alphabet=ALPHABET, max_size=80), max_size=25).map("\n".join)
language = st.sampled_from((None, *SUPPORTED_LANGUAGES))


@FUZZ
@given(noisy_text, language)
def test_parse_amount_never_raises(text, lang):
    value = parse_amount(text, lang)
    assert value is None or value.as_tuple().exponent == -2


@FUZZ
@given(noisy_text)
def test_dates_in_text_never_raises(text):
    for start, end, date in dates_in_text(text):
        assert 0 <= start <= end <= len(text) and 1900 <= date.year <= 2100


@FUZZ
@given(noisy_text)
def test_language_and_titles_never_raise(text):
    code, confidence = detect_language(text)
    assert code is None or code in SUPPORTED_LANGUAGES
    assert 0.0 <= confidence <= 1.0
    assert isinstance(strip_title(text), str)


@FUZZ
@given(page_text, language)
def test_field_extractors_never_raise(text, lang):
    doc = doc_from_text(text)
    extract_dates(doc, lang)
    extract_doctor(doc, lang)
    extract_amounts(doc, lang)


@FUZZ
@given(page_text)
def test_interpret_never_raises(text):
    result = interpret(doc_from_text(text))
    assert result.pages == 1


MAGIC = [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"II*\x00", b"MM\x00*", b""]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(MAGIC), st.binary(max_size=4096))
def test_readers_raise_only_typed_errors_on_random_bytes(magic, payload):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.bin"
        path.write_bytes(magic + payload)
        try:
            for page in iter_pages(path, Limits(max_pixels=4_000_000, max_pages=20)):
                assert page.text is not None or page.image is not None
        except IntakeError as exc:
            assert exc.reason and "\n" not in exc.reason


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(MAGIC), st.binary(max_size=4096))
def test_fingerprint_and_active_content_never_raise_on_random_bytes(magic, payload):
    """Both run on files that were read; still, a damaged file must give None / no warnings."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.bin"
        path.write_bytes(magic + payload)
        digest = first_page_hash(path, Limits(max_pixels=4_000_000, max_pages=20))
        assert digest is None or len(digest) == 16
        assert all(isinstance(w, str) and "\n" not in w for w in content_warnings(path))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["invoice", "receipt", "other"]), st.sampled_from([None, "1", "2"]),
                          st.sampled_from([None, "10.00", "20.00"]), st.integers(0, 3), noisy_text),
                max_size=6))
def test_duplicate_check_never_raises(rows):
    import datetime as dt

    from claim_intake.model import Dates, DocType, DocumentResult
    from validators.duplicates import duplicate_findings, index_entry

    docs = [DocumentResult(file=f"f{i}.pdf", sha256=str(i % 2), doc_type=DocType(t), invoice_number=n, total=a,
                           doctor_name=name or None, phash=f"{(i * 7919) % 65536:016x}",
                           dates=Dates(treatment=dt.date(2026, 1, 1 + d)))
            for i, (t, n, a, d, name) in enumerate(rows)]
    earlier = [e for d in docs if (e := index_entry("earlier", d)) is not None]
    for f in duplicate_findings("now", docs, earlier):
        assert f.related is not None and f.document in {d.file for d in docs}
