"""The treating practitioner's name, as printed, without titles.

A name is taken only next to a cue: a role label ("Behandler:", "Arzt:"), a
title ("Dr.", "lek. med.", "Dott.ssa"), or a signature block. Patient and
referring-doctor labels veto the name they introduce. All cue words live in the
`[doctor]` section of each `extractors/langdata/<code>.toml` (keys `titles`,
`roles`, `signature`, `not_doctor`, `particles`, `stop`, `courtesy`); any word lists in
the `[specialty]` sections also end a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claim_intake.model import BBox, ExtractedField, Line, ReadDocument, Word
from extractors import langdata
from extractors.labels import normalize
from extractors.lexicon import Hit, exact_hits, fuzzy_hit, language_or_none, phrases

SECTION = "doctor"
FIELD = "doctor_name"
MIN_TOKENS, MAX_TOKENS = 2, 4
COLUMN_GAP = 2.5  # character widths between words that start another column
FUZZY_MAX_WORDS = 4

# cue strength: how surely the name next to it is the treating practitioner
ROLE_AND_TITLE, ROLE, ROLE_BELOW, NAME_THEN_ROLE = 0.95, 0.9, 0.85, 0.75
TITLE, SIGNATURE_SAME, SIGNATURE_BELOW, SIGNATURE_ABOVE = 0.8, 0.65, 0.6, 0.55
COURTESY_SIGNED = 0.5  # 'Mr T. Campbell' alone under a bill: a surgeon goes by Mr, as a patient does
LOWER_HALF = 0.5  # where a bill is signed: below its items, not in its address block

_PUNCT = ".,;:()[]{}\"'«»“”/|*_-–—"


def _tok(text: str) -> str:
    return normalize(text).strip(_PUNCT)


@cache
def _title_tokens() -> frozenset[str]:
    out: set[str] = set()
    for p in phrases(SECTION, "titles"):
        for t in p.split():
            out.update({t, t.strip(_PUNCT)})
    out.discard("")
    return frozenset(out)


@cache
def _courtesy_titles(language: str | None) -> frozenset[str]:
    """The document language's 'Mr', 'Ms': titles of anyone, which name a doctor only
    where a bill is signed with nothing else on the line."""
    return frozenset(p.strip(_PUNCT) for p in phrases(SECTION, "courtesy", language)) if language else frozenset()


@cache
def _glued_titles() -> tuple[str, ...]:
    """Titles ending in a dot, which OCR and typists glue to the name ('Dr.Hansen')."""
    return tuple(sorted((p for p in phrases(SECTION, "titles") if p.endswith(".") and " " not in p), key=len, reverse=True))


@cache
def _particles() -> frozenset[str]:
    return frozenset(phrases(SECTION, "particles"))


@cache
def _stop_tokens() -> frozenset[str]:
    """Words that end a name: organisation, specialty and role words."""
    out: set[str] = set()
    for key in ("stop", "roles", "signature", "not_doctor"):
        for p in phrases(SECTION, key):
            out.add(p.split()[0].strip(_PUNCT))
    for code in langdata.all_languages():
        for value in langdata.section(code, "specialty").values():
            if isinstance(value, list):
                out.update(_tok(v.split()[0]) for v in value if isinstance(v, str) and v.split())
    return frozenset(t for t in out - _particles() if len(t) > 1)


def strip_title(name: str) -> str:
    """'Dr. med. Klaus Weber' -> 'Klaus Weber'; names without a title pass through."""
    tokens = name.split()
    while tokens:
        first = tokens[0]
        n = normalize(first)
        if len(tokens) > 1 and (n in _title_tokens() or n.strip(_PUNCT) in _title_tokens() or first in ":-–"):
            tokens.pop(0)
            continue
        glued = next((t for t in _glued_titles() if n.startswith(t) and len(first) > len(t)), None)
        if glued and first[len(glued)].isupper():
            tokens[0] = first[len(glued) :]
        break
    return " ".join(tokens).strip(" ,;:")


# --- name parsing ------------------------------------------------------------------


def _char_width(line: Line) -> float:
    chars = sum(len(w.text) for w in line.words) or 1
    return sum(w.box.x1 - w.box.x0 for w in line.words) / chars


def _is_initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


# Latin capitals OCR reads for a Greek initial ('F. Γεωργίου' for 'Γ. Γεωργίου')
_GREEK_LOOKALIKE = dict(zip("ABEFHIKMNOPTXYZ", "ΑΒΕΓΗΙΚΜΝΟΡΤΧΥΖ"))


# a Greek initial OCR read as a digit, before a Greek surname
_GREEK_INITIAL_AS_DIGIT = {"2.": "Σ."}


def _is_greek(text: str) -> bool:
    return any("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff" for c in text)


def _ocr_initial(text: str) -> str:
    """A bar, pipe or exclamation mark read for the initial I ('Dra. |. Sánchez Vidal',
    'Behandler: !. Moen'), a zero for the initial O; 'DOr.' or 'Or.' for 'Dr.'."""
    if re.fullmatch(r"D[O0]r\.?|[O0]r\.", text):  # 'Or.' too: a D's straight side lost
        return "Dr."
    if text == "0.":  # the initial O read as a zero ('Consultant 0. Whitfield', seed 210)
        return "O."
    return "I." if text in ("|.", "|,", "l.", "!.", "!,") else text


_ZERO_FOR_O = re.compile(r"0(['’]?[^\W\d_]+)")


def _zero_for_o(text: str) -> str:
    """A zero read for the capital O that starts a name part ('0'Connor', '0lsen')."""
    m = _ZERO_FOR_O.fullmatch(text)
    return "O" + m.group(1) if m else text


def _unglue(text: str) -> str:
    """The name part of a word a title is glued to ('Δρ.Νικόλαος' -> 'Νικόλαος')."""
    n = normalize(text)
    glued = next((t for t in _glued_titles() if n.startswith(t) and len(text) > len(t)), None)
    if not glued:
        return text
    rest = text[len(glued):].lstrip("-–")  # 'Dr.-Piotr': a dash read into the title's space
    return rest if rest[:1].isupper() else text


_DOT_GLUED = re.compile(r"([^\W\d_]{2,})\.([^\W\d_]{2,})")


def _unglue_parts(text: str) -> str:
    """Two name parts OCR joined with a dot for the space ('Ruiz.Moreno'); an initial's
    dot ('J.Smith') is left to the initial rules."""
    m = _DOT_GLUED.fullmatch(text)
    return f"{m.group(1)} {m.group(2)}" if m and m.group(1)[0].isupper() and m.group(2)[0].isupper() else text


# Small letters shaped like their capitals, which OCR reads for them at a word's start
# ('Dr. jeroen Smits' for 'Jeroen'): only the size (and j's dot) tells them apart; and the
# i that a capital I with a speck over it is read as ('Dr. inger Hagen', seed 245)
CASE_ALIKE = frozenset("cjkopsuvwxzi")


MIN_MISREAD_TITLE = 5  # 'Prof.', 'Dott.': a dotted title long enough that one letter misread still tells it


@cache
def _dotted_titles() -> frozenset[str]:
    return frozenset(t for t in _title_tokens() if t.endswith(".") and len(t) >= MIN_MISREAD_TITLE)


def _title_misread(n: str) -> bool:
    """A word read with one letter of a dotted title misread ('Prot.' for 'Prof.'): the
    same length, the first letter and the dot kept, one other letter other ('Bent.' with
    a stray dot is a given name, not 'dent.')."""
    return n.endswith(".") and any(len(t) == len(n) and t[0] == n[0] and sum(a != b for a, b in zip(t, n)) == 1
                                   for t in _dotted_titles())


def _case_slipped(text: str) -> bool:
    """A name part whose capital OCR read as its small look-alike: 'jeroen', 'sørensen';
    not a particle, nor one of a language's common words ('Dr. und Partner')."""
    return (len(text) >= 3 and text[0] in CASE_ALIKE and text.isalpha() and text[1:].islower()
            and normalize(text) not in _particles() and normalize(text) not in _common_words())


@cache
def _common_words() -> frozenset[str]:
    """Each language's common words ('the', 'and', 'und', 'og'): never a given name."""
    return frozenset(normalize(w) for code in langdata.all_languages()
                     for w in langdata.section(code, "language").get("distinctive", []))


def _is_capitalised(text: str) -> bool:
    parts = [p for p in text.replace("’", "-").replace("'", "-").split("-") if p]
    return bool(parts) and all(p[0].isupper() and p.isalpha() for p in parts)


@dataclass
class _Name:
    words: list[Word]
    text: str

    @property
    def conf(self) -> float:
        return min(w.conf for w in self.words)

    @property
    def box(self) -> BBox:
        return BBox.union([w.box for w in self.words])


_HOUSE_NUMBER = re.compile(r"^\d{1,4}[a-zA-Z]?(?P<comma>,)?$")
_POSTCODE = re.compile(r"^(?:[A-Z]{1,2}-)?(?:\d{4,5}|\d{2}-\d{3})$")  # 00187, D-80331, 00-950


def _house_number(words: list[Word], j: int) -> bool:
    """Word j is a house number: a short number closed by a comma or followed by a postcode
    ('210, 00187 Roma'); a quantity before a price ('1 85,00') is not."""
    m = _HOUSE_NUMBER.match(words[j].text)
    if m is None:
        return False
    return bool(m.group("comma")) or (j + 1 < len(words) and bool(_POSTCODE.match(words[j + 1].text.rstrip(","))))


STAMP_LETTERS = 2.5  # times the cue's height: letters that big are a stamp's, not the name's


def _height(word: Word) -> float:
    return word.box.y1 - word.box.y0


def _parse_name(line: Line, k: int, after_cue: bool = False, before_cue: bool = False) -> _Name | None:
    """A 2-4 token capitalised name starting at word k (titles and ':' skipped).
    `after_cue`: the name follows its title or role label on the line, where a given
    name read with a small first letter is still a name ('Dr. jeroen Smits').
    `before_cue`: the name ends in the comma before its title or role ('Mads jørgensen,
    læge'), where a surname read with a small first letter is still a name (the caller
    takes the name only where it ends right before the cue)."""
    words = line.words
    gap = COLUMN_GAP * _char_width(line)
    first = k
    while k < len(words):
        read = _ocr_initial(words[k].text)
        n = normalize(read)
        if _is_initial(read):
            break  # 'N.' is Dr. N. Gonçalves's initial, even though Polish 'dr n. med.' is a title
        if words[k].text.strip(_PUNCT) == "" or n in _title_tokens() or n.strip(_PUNCT) in _title_tokens() \
                or (k == first and k + 1 < len(words) and _title_misread(n)):
            k += 1
        else:
            break
    taken: list[tuple[Word, str, bool]] = []  # (word, cleaned text, is particle)
    slipped: set[int] = set()  # parts whose capital OCR read small
    cue_height = _height(words[k - 1]) if k > 0 else None
    for j in range(k, len(words)):
        w = words[j]
        if taken and w.box.x0 - taken[-1][0].box.x1 > gap:
            break
        if cue_height and _height(w) > STAMP_LETTERS * cue_height:
            break  # a rubber stamp's big letters read into the line ('överläkare BETA L' of 'BETALD')
        raw = _zero_for_o(_ocr_initial(w.text))
        raw = _unglue(raw) if j == k else raw
        raw = raw.strip("‘’`„'|")  # stray quote marks and bars that OCR reads beside a signature
        if j == k and raw in _GREEK_INITIAL_AS_DIGIT and j + 1 < len(words) and _is_greek(words[j + 1].text):
            raw = _GREEK_INITIAL_AS_DIGIT[raw]  # 'Ap. 2. Παπαδοπούλου' for 'Δρ. Σ. Παπαδοπούλου' (seed 220)
        if k > first and j == k and len(raw) == 2 and raw[0].isupper() and raw[1] == "," and j + 1 < len(words):
            raw = raw[0] + "."  # 'Dr C, Moreau': OCR's comma for an initial's dot (not 'I, Laura Bennett')
        ends = raw[-1] in ",;:)" if raw else False
        text = raw.strip(",;:()[]\"«»“”")
        if text.endswith(".") and not _is_initial(text):
            # a stray dot after a given name ('Dra. Isabel. Ruiz Moreno') ends no name yet
            text, ends = text[:-1], bool(taken)
        if not text or any(c.isdigit() for c in text):
            if taken and _house_number(words, j):
                return None  # 'Via del Corso 210, 00187 Roma': a street and its number, not a person
            break
        n = normalize(text)
        if taken and n in _particles():
            taken.append((w, text, True))
        elif n.strip(_PUNCT) in _stop_tokens() or (n in _title_tokens() and not _is_initial(text)):
            break
        elif _is_capitalised(text) or _is_initial(text):
            taken.append((w, text, False))
        elif after_cue and not taken and _case_slipped(text):  # a given name's capital read small
            taken.append((w, text[0].upper() + text[1:], False))
            slipped.add(len(taken) - 1)
        elif before_cue and taken and ends and raw.endswith(",") and _case_slipped(text):
            taken.append((w, text[0].upper() + text[1:], False))  # a surname's, closed by the comma before its title
        elif (parts := _unglue_parts(text)) != text:
            taken.extend((w, part, False) for part in parts.split(" "))
        else:
            break
        if sum(not p for _, _, p in taken) == MAX_TOKENS or ends:
            break
    # a given name read with a small letter for its capital needs a surname read as
    # printed after it ('Dr. jeroen Smits'); neither it nor a particle ends a name
    while taken and (taken[-1][2] or len(taken) - 1 in slipped):
        taken.pop()
    core = [t for _, t, p in taken if not p]
    if core and any(_is_greek(t) for t in core):
        taken = [(w, _GREEK_LOOKALIKE.get(t[0], t[0]) + "." if _is_initial(t) else t, p) for w, t, p in taken]
        core = [t for _, t, p in taken if not p]
    if not MIN_TOKENS <= len(core) <= MAX_TOKENS or _is_initial(core[-1]) or all(_is_initial(t) for t in core):
        return None
    return _Name([w for w, _, _ in taken], " ".join(t for _, t, _ in taken))


# --- cues on a line ----------------------------------------------------------------


@dataclass
class _LineCues:
    line: Line
    norm: str
    starts: list[int]  # normalized offset of each word
    titles: list[Hit]
    roles: list[Hit]
    signatures: list[Hit]
    vetoes: list[Hit]
    courtesy: bool  # the line opens with a courtesy title ('Mr', 'Ms')

    def word_after(self, offset: int) -> int:
        return next((i for i, s in enumerate(self.starts) if s >= offset), len(self.starts))

    def word_at(self, offset: int) -> int:
        return max((i for i, s in enumerate(self.starts) if s <= offset), default=0)


def _hits(norm: str, key: str, language: str | None, fuzzy: bool) -> list[Hit]:
    hits = exact_hits(norm, SECTION, key)
    if not hits and fuzzy:
        fh = fuzzy_hit(norm, SECTION, key, language)
        # an organisation's word is no misread label ('Clínica' for the role 'Clínico')
        hits = [fh] if fh and norm[fh.start:fh.end].strip(_PUNCT + " ") not in _stop_tokens() else []
    return hits


def _cues(line: Line, language: str | None) -> _LineCues:
    norms = [normalize(_ocr_initial(w.text)) or "_" for w in line.words]  # 'Or. James O'Connor': the title's D lost
    starts, at = [], 0
    for n in norms:
        starts.append(at)
        at += len(n) + 1
    norm = " ".join(norms)
    # OCR-tolerant matching only where labels live: 'Label: value' or short label lines
    fuzzy = ":" in norm or len(norms) <= FUZZY_MAX_WORDS
    vetoes = _hits(norm, "not_doctor", language, fuzzy)

    def free(h: Hit) -> bool:
        return not any(v.start <= h.start and h.end <= v.end for v in vetoes)

    return _LineCues(
        line,
        norm,
        starts,
        [h for h in _hits(norm, "titles", language, fuzzy=False) if free(h)],
        [h for h in _hits(norm, "roles", language, fuzzy) if free(h)],
        _hits(norm, "signature", language, fuzzy),
        vetoes,
        len(norms) > 1 and norms[0].strip(_PUNCT) in _courtesy_titles(language),
    )


def _same_segment(line: Line, a: int, b: int) -> bool:
    gap = COLUMN_GAP * _char_width(line)
    lo, hi = sorted((a, b))
    return all(line.words[i + 1].box.x0 - line.words[i].box.x1 <= gap for i in range(lo, min(hi, len(line.words) - 1)))


def _vetoed(c: _LineCues, name_start: int) -> bool:
    """A patient/referrer label nearer to the name (same column) than any role label."""
    off = c.starts[name_start] if name_start < len(c.starts) else len(c.norm)
    labels = [(h.end, False) for h in c.roles if h.end <= off]
    labels += [(h.end, True) for h in c.vetoes if h.end <= off and _same_segment(c.line, c.word_at(h.start), name_start)]
    return bool(labels) and max(labels)[1]


def _column_start(line: Line, box: BBox) -> int | None:
    """Index of the first word of `line` under the column of `box`."""
    tol = _char_width(line)
    for i, w in enumerate(line.words):
        if w.box.x0 < box.x1 + tol and w.box.x1 > box.x0 - tol:
            return i
    return None


def _hit_box(c: _LineCues, h: Hit) -> BBox:
    first, last = c.word_at(h.start), c.word_at(max(h.start, h.end - 1))
    return BBox.union([w.box for w in c.line.words[first : last + 1]])


@dataclass
class _Candidate:
    name: _Name
    score: float
    page: int
    line: Line

    @property
    def confidence(self) -> float:
        return self.score * self.name.conf


def _inside_organisation_name(c: _LineCues, r: Hit) -> bool:
    """'Centro Médico Marbella Salud', 'CLÍNICA MÉDICA DO ALGARVE': a role word that
    continues a capitalised name, with no colon after it, names a clinic, not a role."""
    first = c.word_at(r.start)
    if first <= 0 or not _same_segment(c.line, first - 1, first):
        return False
    before = c.line.words[first - 1].text
    last = c.line.words[min(c.word_at(max(r.start, r.end - 1)), len(c.line.words) - 1)].text
    return before[:1].isupper() and before[-1:].isalpha() and not last.endswith(":")


def _line_candidates(cues: list[_LineCues], i: int, page: int) -> list[_Candidate]:
    c = cues[i]
    out: list[_Candidate] = []

    def add(name: _Name | None, score: float, line: Line) -> None:
        if name:
            out.append(_Candidate(name, score, page, line))

    for r in c.roles:
        if _inside_organisation_name(c, r):
            continue
        k = c.word_after(r.end)
        name = _parse_name(c.line, k, after_cue=True)
        if name and not _vetoed(c, k):
            has_title = any(t.start >= r.end and c.word_at(t.start) < c.line.words.index(name.words[0]) for t in c.titles)
            add(name, ROLE_AND_TITLE if has_title else ROLE, c.line)
            continue
        rest = [w for w in c.line.words[k:] if w.text.strip(_PUNCT)]
        first = c.word_at(r.start)
        # only a label that opens its column heads a name below; 'Karin Nyström, leg.
        # läkare' ends in a role word whose name stands before it, not under it
        opens = first == 0 or not _same_segment(c.line, first - 1, first)
        if not rest and opens and i + 1 < len(cues):
            below = cues[i + 1]
            j = _column_start(below.line, _hit_box(c, r))
            if j is not None and not below.vetoes:
                add(_parse_name(below.line, j), ROLE_BELOW, below.line)
        if first > 0:
            seg_start = first - 1
            while seg_start > 0 and _same_segment(c.line, seg_start - 1, first):
                seg_start -= 1
            name = _parse_name(c.line, seg_start)
            if name and c.line.words.index(name.words[-1]) == first - 1 and not _vetoed(c, seg_start):
                add(name, NAME_THEN_ROLE, c.line)

    for t in c.titles:
        if t.phrase[-1:].isalpha() and _inside_organisation_name(c, t):
            continue  # a whole-word title ('Médica') inside a clinic's name; 'Dr.' may follow any word
        k = c.word_after(t.end)
        glued = c.line.words[c.word_at(t.start)].text
        if t.end < len(c.norm) and c.norm[t.end] != " " and _unglue(glued) != glued:
            k = c.word_at(t.start)  # the title glued to the name ('Δρ.Νικόλαος Γεωργίου')
        first = c.word_at(t.start)
        # 'Karin Nyström, leg. läkare', 'Tiina Heikkilä, LT'; after a label OCR garbled
        # past knowing ('Behâåndler: Birgitte Mortensen, overlæge') the name starts after its colon
        if first > 0 and c.line.words[first - 1].text.endswith(","):
            start = next((j + 1 for j in range(first - 2, -1, -1) if c.line.words[j].text.endswith(":")), 0)
            # without a colon, the label before the name may be garbled to words ('Uian av P.
            # Hagen, spesialist' for 'Utført av', seed 228): the name is the longest one
            # that ends at the comma
            if not _vetoed(c, start):
                for begin in range(start, first - 1):
                    name = _parse_name(c.line, begin, before_cue=True)
                    if name and c.line.words.index(name.words[-1]) == first - 1:
                        add(name, NAME_THEN_ROLE, c.line)
                        break
        if _vetoed(c, k) or (not c.roles and i > 0 and _stacked_veto(cues[i - 1], c, k)):
            continue
        add(_parse_name(c.line, k, after_cue=True), TITLE, c.line)

    if c.courtesy and _signed_with_courtesy(cues, i):
        add(_parse_name(c.line, 1, after_cue=True), COURTESY_SIGNED, c.line)

    for s in c.signatures:
        if s.start not in c.starts or _inside_organisation_name(c, s):
            continue  # a fuzzy cue begun mid-word ('clinic|a medica') or inside a clinic's name
        k = c.word_after(s.end)
        name = _parse_name(c.line, k)
        if name:
            add(name, SIGNATURE_SAME, c.line)
            continue
        named_below = False
        for j, score in ((i + 1, SIGNATURE_BELOW), (i + 2, SIGNATURE_BELOW - 0.05), (i - 1, SIGNATURE_ABOVE)):
            if j == i + 2 and named_below:
                continue  # under the signer's name stands his specialty ('Medycyny Rodzinnej', seed 196)
            if 0 <= j < len(cues) and not cues[j].vetoes:
                col = _column_start(cues[j].line, _hit_box(c, s))
                name = _parse_name(cues[j].line, col if col is not None else 0)
                named_below = named_below or (j == i + 1 and name is not None)
                add(name, score, cues[j].line)
    return out


def _signed_with_courtesy(cues: list[_LineCues], i: int) -> bool:
    """'Mr T. Campbell' on a line of its own in the lower half of the page, no patient label
    on it or standing above it, and no address below it: a signature, not an addressee."""
    c = cues[i]
    if c.vetoes or c.roles or c.line.box.y0 < LOWER_HALF or (i > 0 and _stacked_veto(cues[i - 1], c, 1)):
        return False
    name = _parse_name(c.line, 1, after_cue=True)
    if name is None or name.words[-1] is not c.line.words[-1]:
        return False
    return i + 1 == len(cues) or not _opens_an_address(cues[i + 1].line.words)


def _opens_an_address(words: list[Word]) -> bool:
    """'14 Harley Street', 'Bryggen 5, 5003 Bergen': a house number or a postcode among a
    line's first words (an account number further along is none)."""
    head = range(min(4, len(words)))
    return bool(words) and (bool(_HOUSE_NUMBER.match(words[0].text))
                            or any(_house_number(words, j) or _POSTCODE.match(words[j].text.rstrip(",")) for j in head))


def _stacked_veto(above: _LineCues, c: _LineCues, k: int) -> bool:
    """'Henvisende lege:' on its own line right above 'Dr. Per Olsen'."""
    if k >= len(c.line.words) or above.roles:
        return False
    # the label must stand alone: 'Pasient: Ola Nordmann' above vetoes nothing
    alone = [v for v in above.vetoes if not above.norm[v.end :].strip(" .:;-")]
    col = c.line.words[max(0, k - 1)].box
    return bool(alone) and _column_start(above.line, col) is not None


def extract_doctor(doc: ReadDocument, language: str | None) -> ExtractedField | None:
    """Best-cued practitioner name on the document, or None if no cue names one."""
    language = language_or_none(language)
    best: _Candidate | None = None
    for page in doc.pages:
        cues = [_cues(line, language) for line in page.lines]
        for i in range(len(cues)):
            for cand in _line_candidates(cues, i, page.number):
                if best is None or cand.confidence > best.confidence + 1e-9:
                    best = cand
    if best is None:
        return None
    return ExtractedField(
        name=FIELD,
        value=best.name.text,
        page=best.page,
        box=best.name.box,
        source_text=best.line.text,
        confidence=round(min(1.0, best.confidence), 4),
    )
