"""Marks that change what a document counts as: copy stamps, translation headers and
certifications, and the medical specialty of the practitioner.

A copy is only a copy when it says so as a stamp or printed marker: the marker stands
alone on its line (stamps are often read as a short line of their own, even when
rotated) or is printed in capitals within a line. Card-terminal slips print
'CUSTOMER COPY' and the like on every original; those phrases (`not_copy`) never count.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from rapidfuzz import fuzz

from claim_intake.model import BBox, DocType, ExtractedField, ReadDocument, Word
from extractors import evidence, langdata, lexicon
from extractors.evidence import Hit, LineRef, Phrase, Token

# OCR reads stamp letters as look-alike digits; only applied to stamp-only lines.
_OCR_DIGITS = str.maketrans({"0": "o", "1": "i", "5": "s", "8": "b", "6": "g"})
_FRAME = frozenset("[]|")
GENERAL_PRACTICE = "general_practice"
TRANSLATION_FUZZY_MIN = 90.0
STAMP_WORD_MIN = 7  # letters: shorter capitalised words are too often other words one letter off
STAMP_WORD_FUZZY = 88.0
SHORT_STAMP_LINE = 3  # tokens: a stamp read on its own is a word or two (and its date)
PHRASE_SIZE_RATIO = 1.5  # a stamp's letters are larger than the print it lies on
MAX_STAMP_PIECES = 5  # tokens: a stamp word read into a row of print comes in a few pieces at most ('KO P i')
PHRASE_GAP = 3.0  # character widths: a wider gap between two words is a column gap, not a space


def _phrases(section: str, key: str) -> list[Phrase]:
    return [ph for _, ph in evidence.vocabulary(section, key)]


def detect_copy(doc: ReadDocument) -> tuple[bool, ExtractedField | None]:
    markers = _phrases("copy", "markers")
    one_word = tuple(ph.tokens[0] for ph in markers if len(ph.tokens) == 1)  # 'KOPI', 'COPIA', 'ΑΝΤΙΓΡΑΦΟ'
    not_copy = _phrases("copy", "not_copy")
    slips = {(h.ref.page, h.ref.index) for h in evidence.find_all(doc, {"not_copy": not_copy}) if _printed_together(h)}
    printed: dict[tuple[int, int], list[Hit]] = {}
    for h in evidence.find_all(doc, {"copy": markers}, fuzzy=False):
        printed.setdefault((h.ref.page, h.ref.index), []).append(h)
    best: ExtractedField | None = None
    column: list[LineRef] = []  # a stamp turned 90 degrees reads as one letter per line
    for ref in evidence.lines(doc):
        if column and (ref.page != column[-1].page or not _single_letter(ref)):
            best = _better(best, _vertical_stamp(column, one_word))
            column = []
        if _single_letter(ref):
            column.append(ref)
            continue
        if not ref.tokens or (ref.page, ref.index) in slips:
            continue
        found = (_stamp_line(ref, markers) or _marker_in_line(ref, printed.get((ref.page, ref.index), []))
                 or _misread_stamp_word(ref, one_word) or _stamp_word_with_a_stray_letter(ref, one_word)
                 or _big_letters_in_line(ref, one_word) or _spaced_stamp_word(ref, one_word))
        latin = None if found is not None else _in_latin_lookalikes(ref)
        if latin is not None:
            found = (_stamp_line(latin, markers) or _stamp_word_with_a_stray_letter(latin, one_word)
                     or _big_letters_in_line(latin, one_word))
        best = _better(best, found)
    best = _better(best, _vertical_stamp(column, one_word))
    return (best is not None), best


def _in_latin_lookalikes(ref: LineRef) -> LineRef | None:
    """The line with letters of another script that are drawn like Latin ones put in
    Latin ('ΟΚΟΡΙΕ' -> 'okopie'): a Latin stamp read with the Greek model. None when no
    letter changes."""
    table = langdata.latin_lookalikes()
    tokens = tuple(Token(t.text.translate(table), t.word) for t in ref.tokens)
    if all(a.text == b.text for a, b in zip(tokens, ref.tokens)):
        return None
    return replace(ref, tokens=tokens)


def _spaced_stamp_word(ref: LineRef, one_word: tuple[str, ...]) -> ExtractedField | None:
    """A line that is nothing but a one-word marker in pieces ('ΑΝΤ Ι Γ Ρ ΑΦΟ'): a turned or
    letter-spaced stamp that a text layer (seed 209) or OCR splits at its gaps."""
    pieces = [t.text for t in ref.tokens]
    if 2 <= len(pieces) <= MAX_STAMP_PIECES and "".join(pieces) in one_word:
        return _field(ref, 0, len(pieces), 0.75)
    return None


def _big_letters_in_line(ref: LineRef, one_word: tuple[str, ...]) -> ExtractedField | None:
    """A stamp's big letters read into a row of the print beside it, in pieces and in
    any case ('Pasient: Ola Lunde KO P i'): consecutive tokens that together spell a
    one-word marker, every word of them `PHRASE_SIZE_RATIO` times taller than the
    row's other words. Print of one size is no stamp, however it spells."""
    words = ref.line.words
    n = len(ref.tokens)
    for start in range(n):
        joined = ""
        for end in range(start + 1, min(n, start + MAX_STAMP_PIECES) + 1):
            joined += ref.tokens[end - 1].text.translate(_OCR_DIGITS)
            if joined not in one_word:
                continue
            if end - start == 1 and _glued_to_a_word(ref, start):
                continue
            inside = {t.word for t in ref.tokens[start:end]}
            others = [_height(w) for i, w in enumerate(words) if i not in inside and sum(c.isalnum() for c in w.text) >= 2]
            if others and min(_height(words[i]) for i in inside) >= PHRASE_SIZE_RATIO * _median(others):
                return _field(ref, start, end, 0.75)
    return None


def _height(word: Word) -> float:
    return word.box.y1 - word.box.y0


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _printed_together(hit: Hit) -> bool:
    """A slip's 'Copia cliente' is one printed phrase: words of one size, one after the
    other. 'COPIA' stamped over or beside a 'Cliente' label is no slip phrase, only words
    a row grouping joined."""
    words = [hit.ref.line.words[i] for i in sorted({t.word for t in hit.ref.tokens[hit.start : hit.end]})]
    return all(_follows(a, b) for a, b in zip(words, words[1:]))


def _follows(a: Word, b: Word) -> bool:
    height_a, height_b = a.box.y1 - a.box.y0, b.box.y1 - b.box.y0
    if max(height_a, height_b) > PHRASE_SIZE_RATIO * max(1e-6, min(height_a, height_b)):
        return False
    char_width = max((w.box.x1 - w.box.x0) / max(1, len(w.text)) for w in (a, b))
    gap = b.box.x0 - a.box.x1
    return -0.5 * char_width <= gap <= PHRASE_GAP * char_width


def _better(best: ExtractedField | None, found: ExtractedField | None) -> ExtractedField | None:
    if found is not None and (best is None or found.confidence > best.confidence):
        return found
    return best


def _single_letter(ref: LineRef) -> bool:
    return len(ref.tokens) == 1 and len(ref.tokens[0].text.translate(_OCR_DIGITS)) == 1


def _vertical_stamp(column: list[LineRef], one_word: tuple[str, ...]) -> ExtractedField | None:
    if len(column) < 4:
        return None
    word = "".join(ref.tokens[0].text.translate(_OCR_DIGITS) for ref in column)
    for marker in one_word:
        if word in (marker, marker[::-1]):
            box = BBox.union([ref.line.box for ref in column])
            return ExtractedField(
                name="is_copy", value="true", page=column[0].page, box=box,
                source_text=" ".join(ref.line.text for ref in column), confidence=0.85,
            )
    return None


def _stamp_line(ref: LineRef, markers: list[Phrase]) -> ExtractedField | None:
    """The whole line is the marker: 'KOPI', '- COPY -', 'K O P I', 'C0PY'."""
    tokens = [t.text.translate(_OCR_DIGITS) for t in ref.tokens]
    letters = [t for t in tokens if any(c.isalpha() for c in t)]
    if not letters:
        return None
    if len(letters) >= 2 and all(len(t) <= 2 for t in letters) and sum(map(len, letters)) >= 4:
        letters = ["".join(letters)]  # letter-spaced or read in pieces: 'K O P I', 'KO P I'
    text = " ".join(letters)
    for ph in markers:
        want = " ".join(ph.tokens)
        score = 1.0 if text == want else 0.0
        if not score and len(want) >= 5:
            score = fuzz.ratio(text, want, score_cutoff=84) / 100
        if score:
            return _field(ref, 0, len(ref.tokens), 0.95 * score)
    return None


def _marker_in_line(ref: LineRef, hits: list[Hit]) -> ExtractedField | None:
    """A printed marker inside a line: several-word markers in any case, one-word
    markers only in capitals (so that 'se adjunta copia' in running text is no stamp)."""
    for hit in sorted(hits, key=lambda h: len(h.phrase.tokens), reverse=True):
        if len(hit.phrase.tokens) > 1:
            return _field(ref, hit.start, hit.end, 0.85 * hit.score)
        word = ref.line.words[ref.tokens[hit.start].word].text
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 3 and (all(c.isupper() for c in letters) or _framed(word)) and not _glued_to_a_word(ref, hit.start):
            return _field(ref, hit.start, hit.end, 0.8 * hit.score)
    return None


def _glued_to_a_word(ref: LineRef, index: int) -> bool:
    """The marker is one printed word with another ('COPIA-CETENEE', a card slip's 'COPIA
    CLIENTE' barely read, seed 208): a phrase of the print, not a stamp's word alone."""
    word = ref.tokens[index].word
    return any(t.word == word and k != index and sum(c.isalpha() for c in t.text) >= 3 for k, t in enumerate(ref.tokens))


def _misread_stamp_word(ref: LineRef, one_word: tuple[str, ...]) -> ExtractedField | None:
    """A long capitalised word one letter off a one-word marker ('ΑΝΤΙΡΑΦΟ' for
    'ΑΝΤΙΓΡΑΦΟ'): a stamp Tesseract half-read, beside other readings of it."""
    for i, token in enumerate(ref.tokens):
        if lexicon.misread_capital_word(ref.line.words[token.word].text, one_word, STAMP_WORD_MIN, STAMP_WORD_FUZZY):
            return _field(ref, i, i + 1, 0.7)
    return None


def _stamp_word_with_a_stray_letter(ref: LineRef, one_word: tuple[str, ...]) -> ExtractedField | None:
    """A stamp read with one letter of the print under it glued to an end ('FKOPIA'):
    a short line of capitals, one word of which is a one-word marker and one letter more
    (five letters at least, so the marker kept has four)."""
    if len(ref.tokens) > SHORT_STAMP_LINE:
        return None
    for i, token in enumerate(ref.tokens):
        raw = ref.line.words[token.word].text
        letters = [c for c in raw if c.isalpha()]
        if len(token.text) < 5 or not all(c.isupper() for c in letters):
            continue
        if token.text[1:] in one_word or token.text[:-1] in one_word:
            return _field(ref, i, i + 1, 0.7)
    return None


def _framed(word: str) -> bool:
    """OCR reads a stamp's frame as brackets or bars around its word: '[kopia]'."""
    return word[:1] in _FRAME and word[-1:] in _FRAME


def _field(ref: LineRef, start: int, end: int, confidence: float) -> ExtractedField:
    return evidence.field_at(ref, start, end, "is_copy", "true", confidence)


def detect_translation(doc: ReadDocument) -> tuple[bool, ExtractedField | None]:
    """A translation says so in its heading ('Certified translation', 'Oversettelse')
    or carries a translator's certification anywhere."""
    vocab = {
        "headers": _phrases("translation", "headers"),
        "certifications": _phrases("translation", "certifications"),
    }
    best: tuple[float, Hit] | None = None
    # stricter than other labels: 'Transaktions-ID' on a bank slip is one slip from 'Translation'
    for hit in evidence.find_all(doc, vocab, min_score=TRANSLATION_FUZZY_MIN):
        if hit.key == "certifications":
            conf = 0.85 * hit.score
        elif _is_heading(hit):
            conf = (0.9 if hit.coverage >= 0.5 else 0.75) * hit.score
        else:
            continue
        if best is None or conf > best[0]:
            best = (conf, hit)
    if best is None:
        return False, None
    return True, best[1].field("is_translation", "true", best[0])


def translation_languages(doc: ReadDocument) -> frozenset[str]:
    """The languages whose translation heading the document's heading reads ('Oversatt fra
    finsk til norsk': Norwegian), from every heading found, each phrase standing for every
    language that lists it: a translation is written in the language of its heading, even
    where the names it carries over (a clinic's, a street's) outweigh its words."""
    found: set[str] = set()
    for hit in evidence.find_all(doc, {"headers": _phrases("translation", "headers")}, min_score=TRANSLATION_FUZZY_MIN):
        if _is_heading(hit):
            found |= _header_languages().get(hit.phrase.tokens, frozenset())
    return frozenset(found)


@cache
def _header_languages() -> dict[tuple[str, ...], frozenset[str]]:
    out: dict[tuple[str, ...], set[str]] = {}
    for code in langdata.all_languages():
        for raw in langdata.section(code, "translation").get("headers", []):
            out.setdefault(evidence.phrase(raw).tokens, set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


def _is_heading(hit: Hit) -> bool:
    top_of_page = hit.ref.y < (0.35 if hit.ref.page == 1 else 0.2)
    return (top_of_page and hit.coverage >= 0.3) or hit.coverage >= 0.75


def specialty_vocabulary() -> dict[str, list[Phrase]]:
    keys: list[str] = []
    for code in langdata.all_languages():
        keys.extend(k for k in langdata.section(code, "specialty") if k not in keys)
    return {key: _phrases("specialty", key) for key in keys}


DEPARTMENT_STEM_MIN = 5  # letters: shorter stems ('hud', 'øre') are parts of too many words
# A shorter department-only form ('hud' of 'Hudkliniken', 'augen' of 'Augenklinik') counts only
# joined straight to a department word: never beside one, never with a linking letter.
SHORT_FORM_MIN = 3
_VOWELS = frozenset("aeiouy")


@cache
def department_words() -> tuple[str, ...]:
    return tuple(sorted({t for code in langdata.all_languages()
                         for raw in langdata.section(code, "departments").get("words", [])
                         for t in evidence.phrase(raw).tokens}))


@cache
def _department_prefixes() -> tuple[tuple[int, ...], frozenset[str]]:
    """The department words by length, so 'starts with a department word' is a few set
    lookups rather than a scan of every word (interpretation's hottest loop)."""
    words = department_words()
    return tuple(sorted({len(w) for w in words})), frozenset(words)


def _is_department(token: str) -> bool:
    lengths, words = _department_prefixes()
    return any(token[:n] in words for n in lengths if n <= len(token))


@cache
def department_forms() -> tuple[tuple[str, str, Phrase], ...]:
    """(form, key, phrase) for the forms a specialty's name takes only before a department
    word, where the form's stem is not the name's (Finnish 'ihotaudit' -> 'ihotautien
    poliklinikka'): `[departments.forms]` of each language."""
    out = []
    for code in langdata.all_languages():
        for key, raws in langdata.section(code, "departments").get("forms", {}).items():
            for raw in raws:
                ph = evidence.phrase(raw)
                if len(ph.tokens) == 1 and len(ph.tokens[0]) >= SHORT_FORM_MIN:
                    out.append((ph.tokens[0], key, ph))
    return tuple(out)


@cache
def _short_forms() -> tuple[tuple[str, str, Phrase], ...]:
    """The department-only forms under DEPARTMENT_STEM_MIN letters, longest first."""
    return tuple(sorted((f for f in department_forms() if len(f[0]) < DEPARTMENT_STEM_MIN), key=lambda f: -len(f[0])))


def _stems(vocab: dict[str, list[Phrase]]) -> list[tuple[str, str, Phrase]]:
    """(stem, key, phrase) for the one-word specialty names, a final vowel dropped so
    the stem takes any ending: 'neurolog' from 'Neurologie' reads 'neurologische'; and
    the department-only forms, whole."""
    out = []
    for key, phrases in vocab.items():
        for ph in phrases:
            if len(ph.tokens) == 1 and not ph.prefix:
                stem = ph.tokens[0].rstrip("".join(_VOWELS))
                if len(stem) >= DEPARTMENT_STEM_MIN:
                    out.append((stem, key, ph))
    out.extend(f for f in department_forms() if f[1] in vocab and len(f[0]) >= DEPARTMENT_STEM_MIN)
    return sorted(out, key=lambda s: -len(s[0]))


def _department_hits(doc: ReadDocument, vocab: dict[str, list[Phrase]]) -> list[Hit]:
    """A specialty word, in any inflection or compound, that names a department or
    practice: joined to a department word ('neurologmottagningen', one linking letter
    allowed) or beside one ('ortopedian poliklinikka', 'Centro Cardiologico'). Beside a
    word that is no department ('neurologisch unauffällig', an exam finding) it is not."""
    # Every stem has DEPARTMENT_STEM_MIN letters or more, so a token can only start with the
    # stems filed under its own first letters (kept in the longest-first order of _stems).
    by_head: dict[str, list[tuple[str, str, Phrase]]] = {}
    for entry in _stems(vocab):
        by_head.setdefault(entry[0][:DEPARTMENT_STEM_MIN], []).append(entry)

    hits: list[Hit] = []
    for ref in evidence.lines(doc):
        toks = [t.text for t in ref.tokens]
        for i, tok in enumerate(toks):
            for stem, key, ph in by_head.get(tok[:DEPARTMENT_STEM_MIN], ()):
                if not tok.startswith(stem) or (tok == ph.tokens[0] and ph in vocab[key]):
                    continue  # the name itself is matched exactly elsewhere (a department-only form is not)
                rest = tok[len(stem):]
                joined = _is_department(rest) or (len(rest) > 1 and _is_department(rest[1:]))
                beside = any(_is_department(toks[j]) for j in (i - 1, i + 1) if 0 <= j < len(toks)) or (
                    i + 2 == len(toks) and _cut_department(toks[-1]))  # 'NEUROLOGIAN POLIK' at a scan's edge
                if joined or beside:
                    hits.append(Hit(key, ph, ref, i, i + 1, 0.9))
                    break
            else:
                short = _short_form_hit(tok, vocab)
                if short is not None:
                    hits.append(Hit(short[0], short[1], ref, i, i + 1, 0.9))
    return hits


CUT_DEPARTMENT_MIN = 4  # letters of a department word left where a line runs off the page ('POLIK')


def _cut_department(token: str) -> bool:
    """A line's last word that is the start of a department word: the rest of it cut off
    at the page's edge or by the scan ('Lääkärikeskus Turku, neurologian polik')."""
    return len(token) >= CUT_DEPARTMENT_MIN and any(w.startswith(token) for w in department_words())


def _short_form_hit(tok: str, vocab: dict[str, list[Phrase]]) -> tuple[str, Phrase] | None:
    """A short department-only form joined straight to a department word ('hudkliniken',
    'augenklinik', 'øyeavdelingen'); 'hud' alone, 'hudlege' or 'hudens' is none."""
    for form, key, ph in _short_forms():
        if key in vocab and tok.startswith(form) and len(tok) > len(form) and _is_department(tok[len(form):]):
            return key, ph
    return None


def detect_specialty(doc: ReadDocument, doc_type: DocType | None = None) -> tuple[str | None, ExtractedField | None]:
    """Canonical English specialty key ('dermatology'), or None for general practice
    or when nothing names a specialty. Letterheads and headings weigh most. On a
    referral the specialty is where the patient is sent: the referring GP does not count."""
    vocab = specialty_vocabulary()
    if doc_type == DocType.referral:
        vocab.pop(GENERAL_PRACTICE, None)
    scores: dict[str, float] = {}
    best_hit: dict[str, tuple[float, Hit]] = {}
    # exact words only: fuzzy matching turns 'neurologisch' (an exam finding) into 'neurologist'
    for hit in evidence.find_all(doc, vocab, fuzzy=False) + _department_hits(doc, vocab):
        weight = evidence.position_weight(hit.ref) * hit.score * (1.3 if hit.coverage >= 0.5 else 1.0)
        scores[hit.key] = scores.get(hit.key, 0.0) + weight
        if hit.key not in best_hit or weight > best_hit[hit.key][0]:
            best_hit[hit.key] = (weight, hit)
    if not scores:
        return None, None
    key = max(scores, key=lambda k: (scores[k], k == GENERAL_PRACTICE))
    total = sum(scores.values())
    confidence = min(1.0, scores[key] / 1.5) * scores[key] / total
    hit = best_hit[key][1]
    if key == GENERAL_PRACTICE:
        return None, hit.field("specialty", None, confidence)
    return key, hit.field("specialty", key, confidence)
