"""One small function per claim rule (see shared/domain/RULES.md).

Every rule takes the claim with its translations already linked and returns its
findings. Presence checks look at readable documents only: a file the pipeline
could not read is reported as UNREADABLE_DOCUMENT and proves nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from claim_intake.model import DocType, DocumentResult, Finding, FindingCode, Severity
from extractors.amounts import cent_zero_misread

from .facts import (
    CENT,
    NEEDS_TRANSLATION,
    Claim,
    amount,
    has_text,
    in_unaccepted_language,
    is_translation,
    misread,
    misread_rows,
    normalize_invoice_number,
    normalize_text,
    one_digit_apart,
    same_currency,
)
from .messages import finding

Rule = Callable[[Claim], list[Finding]]

DEADLINE = relativedelta(months=6)
LOW_CONFIDENCE_THRESHOLD = 0.5
SAME_NAME = 85  # rapidfuzz token_set_ratio at which two readings of a name agree
LINE_ITEM_AMOUNT = re.compile(r"^line_items(\[\d+\])?(\.amount)?$")

NAMES_THE_DOCTOR = frozenset(
    {DocType.invoice, DocType.medical_record, DocType.receipt, DocType.translation, DocType.other}
)
CARRIES_DEADLINE_DATES = frozenset({DocType.invoice, DocType.medical_record})
REFERRAL_LANGUAGE = "no"


def translation_missing(claim: Claim) -> list[Finding]:
    """A foreign-language document that needs reading has no translation linked to it.
    Receipts and claim forms need no translation."""
    translated = {t.translation_of for t in claim.translations()}
    return [
        finding(FindingCode.TRANSLATION_MISSING, d.file)
        for d in claim.originals()
        if d.doc_type in NEEDS_TRANSLATION and in_unaccepted_language(d) and d.file not in translated
    ]


def original_missing(claim: Claim) -> list[Finding]:
    """A translation without its original, or only copies of the invoice, or only
    copies of receipts while no invoice shows the bill as paid."""
    found = [
        finding(FindingCode.ORIGINAL_MISSING, t.file, "translation")
        for t in claim.translations()
        if t.translation_of is None
    ]
    invoices = claim.of_type(DocType.invoice)
    if invoices and all(d.is_copy for d in invoices):
        found += [finding(FindingCode.ORIGINAL_MISSING, d.file, "invoice_copy") for d in invoices]
    receipts = claim.of_type(DocType.receipt)
    paid_invoice = any(d.marked_paid for d in claim.invoices_and_their_translations())
    if receipts and all(d.is_copy for d in receipts) and not paid_invoice:
        found += [finding(FindingCode.ORIGINAL_MISSING, d.file, "receipt_copy") for d in receipts]
    return found


def doctor_name_missing(claim: Claim) -> list[Finding]:
    """No document about the treatment names the doctor. A referral names the
    referring GP, not the treating doctor, so neither it nor its translation counts."""

    def names_treating_doctor(d: DocumentResult) -> bool:
        if is_translation(d):
            return claim.translated_type(d) != DocType.referral
        return d.doc_type in NAMES_THE_DOCTOR

    if any(has_text(d.doctor_name) and names_treating_doctor(d) for d in claim.readable):
        return []
    return [finding(FindingCode.DOCTOR_NAME_MISSING)]


def itemised_invoice_missing(claim: Claim) -> list[Finding]:
    """No invoice, or translation standing in for one, lists line items. When no
    amount at all was read from any of them (a dark photo, a column the scan lost),
    whether they are itemised is unknown: `unread_facts` says so instead of asking
    the claimant for a document they may have sent."""
    bills = claim.invoices_and_their_translations()
    if any(d.line_items for d in bills) or _amounts_unread(bills):
        return []
    return [finding(FindingCode.ITEMISED_INVOICE_MISSING)]


def _amounts_unread(bills: list[DocumentResult]) -> bool:
    """There are invoices, and not one item or total was read from any of them."""
    return bool(bills) and not any(d.line_items or amount(d.total) is not None for d in bills)


def proof_of_payment_missing(claim: Claim) -> list[Finding]:
    """Nothing shows that the bill was paid: no receipt, no invoice marked paid, no
    paid amount anywhere."""
    if claim.of_type(DocType.receipt):
        return []
    if any(d.marked_paid for d in claim.invoices_and_their_translations()):
        return []
    if any(has_text(d.amount_paid) for d in claim.readable):
        return []
    return [finding(FindingCode.PROOF_OF_PAYMENT_MISSING)]


def deadline_exceeded(claim: Claim) -> list[Finding]:
    """Received more than 6 months after a treatment date, or after the invoice date
    when the patient was invoiced after the treatment."""
    docs = [d for d in claim.readable if is_translation(d) or d.doc_type in CARRIES_DEADLINE_DATES]
    found, carriers = [], set()
    for treated in sorted({d.dates.treatment for d in docs if d.dates.treatment}):
        start, carrier = deadline_start(treated, docs)
        # a translation that read another day than its original (one of them misread, seed
        # 201) is one bill: its finding goes on the original, once, where the original has a
        # treatment date of its own (where it has none, the translation carries the date)
        original = claim.by_file(_reported(claim, carrier))
        reported = original.file if original is not None and original.dates.treatment else carrier.file
        if claim.received > start + DEADLINE and reported not in carriers:
            carriers.add(reported)
            found.append(finding(FindingCode.DEADLINE_EXCEEDED, reported))
    if not any(d.dates.treatment for d in docs):
        # No visit date read: the deadline runs from the visit or a later invoice, so
        # never from after the invoice date; past that, it is exceeded either way.
        invoiced = [d for d in docs if d.dates.invoice]
        if invoiced:
            first = min(d.dates.invoice for d in invoiced)
            if claim.received > first + DEADLINE:
                found.append(finding(FindingCode.DEADLINE_EXCEEDED,
                                     _preferred([d for d in invoiced if d.dates.invoice == first]).file))
    return found


def deadline_start(treated: dt.date, docs: list[DocumentResult]) -> tuple[dt.date, DocumentResult]:
    """The date the deadline for one treatment date runs from, and the document
    carrying it. The invoice date is looked for on the documents of that treatment;
    if none of them has one, on documents that carry no treatment date at all (an
    invoice that only shows when it was issued)."""
    same_treatment = [d for d in docs if d.dates.treatment == treated]
    related = [d for d in same_treatment if d.dates.invoice]
    if not related:
        related = [d for d in docs if d.dates.treatment is None and d.dates.invoice]
    invoiced_later = [d for d in related if d.dates.invoice > treated]
    if invoiced_later:
        start = min(d.dates.invoice for d in invoiced_later)
        return start, _preferred([d for d in invoiced_later if d.dates.invoice == start])
    return treated, _preferred(same_treatment)


def _preferred(docs: list[DocumentResult]) -> DocumentResult:
    """The original invoice over its translation over a medical record, then by name."""

    def rank(d: DocumentResult) -> tuple[int, str]:
        if is_translation(d):
            return 1, d.file
        return (0 if d.doc_type == DocType.invoice else 2), d.file

    return min(docs, key=rank)


def amount_mismatch(claim: Claim) -> list[Finding]:
    """Line items that do not add up to the total, or payments that fall short of it.
    Reported on the original when a translation's amounts stood in for it. Amounts that
    disagree only by a misreading another reading of the claim settles (the linked
    translation's, what the receipts paid) are no mismatch."""
    subjects = amount_subjects(claim)
    found = [finding(FindingCode.AMOUNT_MISMATCH, _reported(claim, d), "items")
             for d in subjects if _items_disagree(claim, d) and not _items_left_unread(claim, d)]
    found += [finding(FindingCode.AMOUNT_MISMATCH, _reported(claim, d), "items")
              for d in subjects if (o := _items_read_elsewhere(claim, d)) is not None and not items_add_up(o)
              or _unread_rows_short_elsewhere(claim, d) or _exact_counterpart_short(claim, d)]
    flagged = {f.document for f in found}
    found += [
        finding(FindingCode.AMOUNT_MISMATCH, _reported(claim, d), "payment")
        for d in payment_shortfall(claim, subjects)
        if _reported(claim, d) not in flagged
    ]
    return found


def _items_read_elsewhere(claim: Claim, doc: DocumentResult) -> DocumentResult | None:
    """For a bill whose total was read but not one of its items (a column the scan lost,
    amounts that did not parse), or neither: the linked translation (or original) that
    reads every item and the same total (or, this one's unread, a total of its own). A
    translation carries the provider's own figures, so its items are this bill's, to be
    checked against the total both read."""
    total = amount(doc.total)
    if doc.line_items:
        return None
    # its total unread too (both figures garbled, seed 200): the counterpart's own total stands in
    return next((o for o in _counterparts(claim, doc) if _every_item_read(o) and amount(o.total) is not None
                 and (total is None or amount(o.total) == total)), None)


def _counterparts(claim: Claim, doc: DocumentResult) -> list[DocumentResult]:
    """The linked translation of an original, or the original of a translation."""
    return [o for o in claim.readable if o is not doc and
            (o.translation_of == doc.file or doc.translation_of == o.file)]


def _read_alike(doc: DocumentResult, other: DocumentResult, totals: bool = True) -> bool:
    """Two readings of one bill: every item of both read, as many on each, each the same
    amount on the other or one misreading of it (a digit, a lost decimal comma), and
    (with `totals`) the totals too."""
    mine, theirs = _item_amounts(doc), _item_amounts(other)
    if not (_every_item_read(doc) and _every_item_read(other)) or len(mine) != len(theirs):
        return False
    if totals:
        x, y = amount(doc.total), amount(other.total)
        if x is None or y is None or not (x == y or misread(x, y)):
            return False
    left, right = Counter(mine) - Counter(theirs), Counter(theirs) - Counter(mine)
    return misread_rows(left, right) == sum(left.values())


def _counterpart_adds_up(claim: Claim, doc: DocumentResult) -> bool:
    """The linked translation (or original) reads this bill's items and total alike, each
    the same or one misreading of it (or all items but one the same, and the same total),
    and on it they add up: the disagreement here is a misreading, since a translation
    carries the provider's own figures. Where this bill's total was not read, its items
    read alike are enough: the other's total stands in for it, and with it the VAT it
    adds (its own VAT line may be unread too)."""
    read = amount(doc.total) is not None
    return any((_read_alike(doc, o, totals=read) or _one_item_read_otherwise(doc, o)) and _adds_up(o)
               for o in _counterparts(claim, doc) if not _exact_over(doc, o))


def _exact_over(doc: DocumentResult, other: DocumentResult) -> bool:
    """`doc` was read from its text layer, the figures as printed, and `other` by OCR: where
    the two disagree, `other` is misread (OCR's repair may even have made its items add
    up, '31,50' taken for 71,50, seed 270), so it settles nothing about `doc`."""
    return doc.text_source == "text_layer" and other.text_source != "text_layer"


def _exact_counterpart_short(claim: Claim, doc: DocumentResult) -> bool:
    """A bill read by OCR whose items make its total, beside its linked translation (or
    original) read from a text layer with the same total and every item alike, each the
    same or one misreading, which do not make it: the text layer's figures are as printed,
    so the bill does not add up, and OCR's repair of an item read ('37,90' taken for
    57,50 to make the total, seed 270) misread it."""
    if not _every_item_read(doc) or not items_add_up(doc):
        return False
    total = amount(doc.total)
    return any(_exact_over(o, doc) and total is not None and amount(o.total) == total and _read_alike(doc, o)
               and sorted(_item_amounts(o)) != sorted(_item_amounts(doc)) and not items_add_up(o)
               for o in _counterparts(claim, doc))


MOST_ITEMS_AGREE = 2  # items read the same on both readings, besides the one they disagree on


def _one_item_read_otherwise(doc: DocumentResult, other: DocumentResult) -> bool:
    """Two readings of one bill with the same total and as many items, every item the same
    on both but one, which they read apart by more than one digit ('21,30' for '27,50' on a
    noisy TIFF): the one item is misread on one of them."""
    x, y = amount(doc.total), amount(other.total)
    if x is None or x != y or not (_every_item_read(doc) and _every_item_read(other)):
        return False
    mine, theirs = Counter(_item_amounts(doc)), Counter(_item_amounts(other))
    return (len(doc.line_items) == len(other.line_items) > MOST_ITEMS_AGREE
            and sum((mine - theirs).values()) == 1)


def _adds_up(doc: DocumentResult) -> bool:
    """Every item and the total read, and they add up as the items check wants them to
    (the VAT on top where the document puts it there)."""
    return amount(doc.total) is not None and _every_item_read(doc) and items_add_up(doc)


def _counterpart_total(claim: Claim, doc: DocumentResult) -> Decimal | None:
    """For a bill whose total was not read: the total of the linked translation (or
    original) that reads its items alike and whose items make that total; or, where
    that document's items (every one read) do not make its total and the receipts paid
    exactly that total, its total all the same: read twice, by the counterpart and the
    payment, and the counterpart, its figures from a text layer (as printed, not misread),
    shows they do not add up."""
    counterparts = _counterparts(claim, doc)
    for o in counterparts:
        if _read_alike(doc, o, totals=False) and _adds_up(o):
            return amount(o.total)
    if amount(doc.total) is not None:
        return None
    readings = _total_readings(doc)
    for o in counterparts:  # its garbled total may read as the counterpart's, which reads its items alike
        if amount(o.total) in readings and _read_alike(doc, o, totals=False) and same_currency(o.currency, doc.currency):
            return amount(o.total)
    for o in counterparts:
        total = amount(o.total)
        if total is not None and o.text_source == "text_layer" and _every_item_read(o) and not items_add_up(o) \
                and same_currency(o.currency, doc.currency) \
                and _paid_for(claim, doc, amount_subjects(claim)) == total:
            return total
    return None


def _total_readings(doc: DocumentResult) -> set[Decimal]:
    """What an unread total's garbled figure may read as ('223,590': 223,50, 223,59 or 223,90),
    as the extractor gives them."""
    found = doc.field("total_readings")
    return {a for a in (amount(v) for v in (found.value or "").split()) if a is not None} if found else set()


def _paid_for(claim: Claim, doc: DocumentResult, subjects: list[DocumentResult]) -> Decimal | None:
    """What the receipts in the bill's currency paid, when this is the one bill of that
    currency they can pay."""
    receipts = [amount(r.amount_paid) for r in claim.of_type(DocType.receipt)
                if amount(r.amount_paid) is not None and same_currency(r.currency, doc.currency)]
    bills = {_invoice_identity(d) for d in subjects if same_currency(d.currency, doc.currency)}
    return sum(receipts, Decimal(0)) if receipts and len(bills) == 1 else None


def _paid_reading(claim: Claim, doc: DocumentResult) -> Decimal | None:
    """The sum paid for a bill whose items do not make its total, where the total is a
    misread digit off what the receipts (and the bill itself) say was paid and the items
    make the paid sum, or are one misreading from it: of three readings of one sum, the
    total is the odd one, and the payment is the bill's amount."""
    total = amount(doc.total)
    if total is None or items_add_up(doc) or not _every_item_read(doc):
        return None
    paid = _paid_for(claim, doc, amount_subjects(claim))
    if paid is None:
        return None
    paid += amount(doc.amount_paid) or Decimal(0)
    if paid == total:
        return None
    sums = _item_sums(doc)
    if not misread(total, paid):
        if _twice_misread(total, paid) and any(abs(s - paid) <= CENT for s in sums):
            return paid  # '4717,58' for '477,50': the items and the payment agree to the cent
        return None
    if any(abs(s - paid) <= CENT for s in sums):
        return paid  # the items and the payment agree: the total is misread
    if one_digit_apart(total, paid) and any(one_digit_apart(s, paid) for s in sums):
        return paid  # the items and the total each one digit off the payment: both misread
    return None


def _twice_misread(read: Decimal, meant: Decimal) -> bool:
    """Two of the figures' characters off at most (a digit added, another misread: '4717,58'
    for '477,50'), as two misreadings of one printed sum are."""
    return Levenshtein.distance(f"{read:.2f}", f"{meant:.2f}") <= 2


def _cents_misread(claim: Claim, doc: DocumentResult) -> bool:
    """Items that miss a total the receipts paid exactly by less than one unit of the
    currency, as one zero misread in the cents of one item would ('42,90' read for
    '42,00'): the total and the payment agree, and the gap is a known OCR confusion."""
    total = amount(doc.total)
    if total is None or not _every_item_read(doc) or items_add_up(doc):
        return False
    items = _item_amounts(doc)
    if _paid_for(claim, doc, amount_subjects(claim)) != total:
        return False
    for s in _item_sums(doc):
        gap = s - total
        if 0 < abs(gap) < 1 and any(cent_zero_misread(a, a - gap) for a in items if a > 0):
            return True
    return False


def billed_total(claim: Claim, doc: DocumentResult) -> Decimal | None:
    """The total the checks compare: as read; for one not read, the linked translation's
    that the same items make; for one the payment shows misread, the paid sum."""
    total = amount(doc.total)
    if total is None:
        return _counterpart_total(claim, doc)
    return _paid_reading(claim, doc) or _agreed_reading(claim, doc) or _confirmed_reading(claim, doc) or total


def _confirmed_reading(claim: Claim, doc: DocumentResult) -> Decimal | None:
    """The total of the linked translation (or original), where that document reads this
    bill's items alike (each the same or one misreading), its items make its total, and
    the receipts paid exactly that: the provider's figures read twice and the payment
    agree, so this reading is the misread one. Where this bill's own items make neither
    its total, however many digits of the total are off ('1906,56' for '106,50'); where
    they make it, only a total one misreading off, as the one item of a bill and its
    total, printed alike, are misread alike ('55,90' for '55,00' in both)."""
    total = amount(doc.total)
    paid = _paid_for(claim, doc, amount_subjects(claim))
    if total is None or paid is None or paid == total or (items_add_up(doc) and not misread(total, paid)):
        return None
    if any(amount(o.total) == paid and _read_alike(doc, o, totals=False) and _adds_up(o)
           for o in _counterparts(claim, doc)):
        return paid
    return None


def _agreed_reading(claim: Claim, doc: DocumentResult) -> Decimal | None:
    """The total the linked translation (or original) reads and the receipts paid to the
    cent, where this bill's total is one misreading of it ('2902,50' for '202,50'): of
    three readings of one sum, the odd one is misread."""
    total = amount(doc.total)
    paid = _paid_for(claim, doc, amount_subjects(claim))
    if total is None or paid is None or paid == total or not misread(total, paid):
        return None
    if _item_amounts(doc) and items_add_up(doc):
        return None  # the bill's own items make the total it reads
    if any(amount(o.total) == paid for o in _counterparts(claim, doc)):
        return paid
    return None


def _rows_dropped(claim: Claim, doc: DocumentResult) -> bool:
    """The items read do not make the total because rows were not read: a linked
    translation (or original) lists every item read here and more, with the same
    total, and its items add up (or, its own total unread, they make this total)."""
    for o in _fuller_readings(claim, doc):
        if amount(o.total) is not None and amount(o.total) == amount(doc.total) and _items_close(o):
            return True
        if amount(o.total) is None and amount(doc.total) is not None and \
                sum(_item_amounts(o), Decimal(0)) == amount(doc.total):
            return True  # its total unread, but its items make this document's total
    return False


def _fuller_readings(claim: Claim, doc: DocumentResult) -> list[DocumentResult]:
    """The linked translations (or original) that list every item read here and more.
    One item read here may be one misreading of its item there ('571,90' for 571,00 on
    a photo that lost two rows, seed 207)."""
    mine = Counter(_item_amounts(doc))
    fuller = []
    for o in _counterparts(claim, doc):
        theirs = Counter(_item_amounts(o))
        only_mine, only_theirs = mine - theirs, theirs - mine
        if sum(mine.values()) < sum(theirs.values()) and sum(only_mine.values()) <= 1 \
                and misread_rows(only_mine, only_theirs) == sum(only_mine.values()):
            fuller.append(o)
    return fuller


def _unread_rows_short_elsewhere(claim: Claim, doc: DocumentResult) -> bool:
    """Item rows OCR garbled here, and the linked translation (or original) reads every
    item, those read here among them, and the same total, which its items do not make:
    a translation carries the provider's own figures, so the bill's items miss its
    total whatever the garbled rows said (seed 244)."""
    if not _items_left_unread(claim, doc):
        return False
    total = amount(doc.total)
    return any(_every_item_read(o) and total is not None and amount(o.total) == total and not items_add_up(o)
               for o in _fuller_readings(claim, doc))


def _reported(claim: Claim, doc: DocumentResult) -> str:
    """The file a finding about a document's amounts names: a translation checked in
    place of its original (one read as a receipt or left untyped, say) names the
    original, the provider's own document the case handler checks."""
    original = claim.by_file(doc.translation_of) if is_translation(doc) else None
    return original.file if original is not None and original.readable else doc.file


def amount_subjects(claim: Claim) -> list[DocumentResult]:
    """The invoices whose amounts are checked: the originals, or the translations
    standing in for them when the claim holds no readable original invoice."""
    invoices = claim.of_type(DocType.invoice)
    if invoices:
        return invoices
    return [d for d in claim.invoices_and_their_translations() if is_translation(d)]


def items_add_up(doc: DocumentResult, total: Decimal | None = None) -> bool:
    """True unless the items and total (the document's, or `total` standing in for it)
    are both read and disagree; VAT may be listed on top of the items, and must be
    where the document says so."""
    total = amount(doc.total) if total is None else total
    items = [amount(i.amount) for i in doc.line_items]
    if total is None or not items or any(a is None for a in items):
        return True
    return any(abs(s - total) <= CENT for s in _item_sums(doc))


def _item_sums(doc: DocumentResult) -> list[Decimal]:
    """What the items make: their sum, with the VAT on top where the document may put it
    there, and each with the printed adjustment either way."""
    subtotal = sum(_item_amounts(doc), Decimal(0))
    vat = amount(doc.vat)
    if vat and doc.vat_included is False:  # the document puts the VAT on top of the items
        sums = [subtotal + vat]
    else:
        sums = [subtotal] + ([subtotal + vat] if vat is not None else [])
    adjustment = amount(doc.adjustment)
    if adjustment:  # a discount printed '20,50' or '-20,50', a deposit, a rounding either way
        sums += [s + adjustment for s in sums] + [s - adjustment for s in sums]
    return sums


def payment_shortfall(claim: Claim, subjects: list[DocumentResult]) -> list[DocumentResult]:
    """Invoices whose currency's receipts plus paid-on-invoice amounts do not cover the
    invoiced totals (`billed_total`). Only checked when receipts with amounts exist in
    that currency. An invoice sent twice (original and copy) is billed once."""
    receipts = [r for r in claim.of_type(DocType.receipt) if amount(r.amount_paid) is not None]
    totals = {id(d): billed_total(claim, d) for d in subjects}
    short = []
    for doc in subjects:
        if totals[id(doc)] is None:
            continue
        paying = [r for r in receipts if same_currency(r.currency, doc.currency)]
        if not paying:
            continue
        billed: dict[tuple, DocumentResult] = {}
        for d in subjects:
            if totals[id(d)] is not None and same_currency(d.currency, doc.currency):
                billed.setdefault(_invoice_identity(d), d)
        invoiced = sum((totals[id(d)] for d in billed.values()), Decimal(0))
        paid = sum((amount(r.amount_paid) for r in paying), Decimal(0))
        paid += sum((amount(d.amount_paid) or Decimal(0) for d in billed.values()), Decimal(0))
        if invoiced - paid > CENT:
            short.append(doc)
    return short


def _invoice_identity(doc: DocumentResult) -> tuple:
    number = normalize_invoice_number(doc.invoice_number)
    if number:
        return ("number", number)
    return ("content", amount(doc.total), doc.dates.invoice, doc.dates.treatment)


def referral_missing(claim: Claim) -> list[Finding]:
    """Specialist treatment needs a Norwegian referral (henvisning)."""
    if not any(has_text(d.specialty) for d in claim.readable):
        return []
    if any(d.language == REFERRAL_LANGUAGE for d in claim.of_type(DocType.referral)):
        return []
    return [finding(FindingCode.REFERRAL_MISSING)]


def unreadable_document(claim: Claim) -> list[Finding]:
    return [finding(FindingCode.UNREADABLE_DOCUMENT, d.file) for d in claim.docs if not d.readable]


def low_confidence(claim: Claim) -> list[Finding]:
    """A value a decision rests on was read, but barely, and nothing else in the claim
    bears it out. Only fields some rule reads on that kind of document count, and a
    shaky value is settled when an independent reading agrees with it: the same date
    or name read on another document, items that add up to the total, a translation
    that reads the same amounts, or no rule of this claim that looks at it."""
    return [
        finding(FindingCode.LOW_CONFIDENCE, d.file, severity=Severity.warning)
        for d in claim.readable
        if any(
            f.value is not None and f.confidence < LOW_CONFIDENCE_THRESHOLD and is_decisive(d, f.name)
            and not is_settled(claim, d, f.name)
            for f in d.fields
        )
    ]


def is_settled(claim: Claim, doc: DocumentResult, field_name: str) -> bool:
    """Whether a barely read value is borne out by the rest of the claim, or no check
    of this claim rests on it."""
    if field_name == "language":
        return any(t.translation_of == doc.file for t in claim.translations())
    if field_name == "doctor_name":
        return _name_settled(claim, doc)
    if field_name == "dates.treatment":  # the same day read on another document, in any role
        day = doc.dates.treatment
        # or the bill's own invoice date, read surely, after it: the deadline then runs from
        # that date (`deadline_start`), whatever day before it the visit was (seed 231)
        invoiced_later = doc.dates.invoice is not None and day is not None and doc.dates.invoice > day \
            and _confident(doc, "dates.invoice")
        return invoiced_later or any(o is not doc and day in (o.dates.treatment, o.dates.invoice, o.dates.payment)
                                     for o in claim.readable)
    if field_name == "total" or LINE_ITEM_AMOUNT.match(field_name):
        return _amounts_settled(claim, doc, field_name == "total")
    return False


NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_.'\u2019-]*(?:[.'\u2019-][^\W\d_]*)*\.?$")


def looks_like_a_name(value: str | None) -> bool:
    """Two or more words of letters (initials, hyphens and apostrophes allowed), two
    of them capitalised and one a real word: a barely read name is still a name
    printed on the page, which is all DOCTOR_NAME_MISSING asks. Digits or stray
    symbols mean the reading may be something else."""
    words = (value or "").split()
    return (len(words) >= 2 and all(NAME_WORD.match(w) for w in words)
            and sum(w[0].isupper() for w in words) >= 2
            and any(sum(c.isalpha() for c in w) >= 3 for w in words))


def _name_settled(claim: Claim, doc: DocumentResult) -> bool:
    """The doctor-name check asks whether a name is there: a shaky reading is enough
    when it reads as a name, when another document of the claim names a doctor with
    confidence, or names the same one."""
    if looks_like_a_name(doc.doctor_name):
        return True
    others = [o for o in claim.readable if o is not doc and has_text(o.doctor_name)]
    if any(_confident(o, "doctor_name") for o in others):
        return True
    mine = normalize_text(doc.doctor_name or "")
    return any(fuzz.token_set_ratio(mine, normalize_text(o.doctor_name)) >= SAME_NAME for o in others)


def _confident(doc: DocumentResult, field_name: str) -> bool:
    return any(f.name == field_name and f.value is not None and f.confidence >= LOW_CONFIDENCE_THRESHOLD
               for f in doc.fields)


def _amounts_settled(claim: Claim, doc: DocumentResult, is_total: bool) -> bool:
    """Amounts are checked on the amount subjects only (the original invoices, or the
    translations standing in for them). Items that add up to the total bear each other
    out; so does the linked original or translation reading the same amounts; a total
    with no items is only compared with payments, and bears out when they match it."""
    if not any(s is doc for s in amount_subjects(claim)):
        return True
    if _items_close(doc) or _rows_dropped(claim, doc) or _counterpart_adds_up(claim, doc) \
            or _unread_rows_short_elsewhere(claim, doc):
        return True
    if _paid_reading(claim, doc) is not None or _cents_misread(claim, doc) \
            or _confirmed_reading(claim, doc) is not None \
            or (amount(doc.total) is None and _counterpart_total(claim, doc)):
        return True  # the total a misread of what was paid, or unread and the translation's
    for o in _counterparts(claim, doc):
        same_total = amount(o.total) is not None and amount(o.total) == amount(doc.total)
        same_items = bool(doc.line_items) and sorted(_item_amounts(o)) == sorted(_item_amounts(doc))
        if (same_total or not is_total) and (same_items or not doc.line_items):
            return True
    if is_total and not doc.line_items:
        paying = [amount(r.amount_paid) for r in claim.of_type(DocType.receipt)
                  if amount(r.amount_paid) is not None and same_currency(r.currency, doc.currency)]
        return not paying or sum(paying, Decimal(0)) == amount(doc.total)
    return False


def _item_amounts(doc: DocumentResult) -> list[Decimal]:
    return [a for a in (amount(i.amount) for i in doc.line_items) if a is not None]


def _every_item_read(doc: DocumentResult) -> bool:
    """Items listed, and every one's amount read."""
    return bool(doc.line_items) and len(_item_amounts(doc)) == len(doc.line_items)


def _items_close(doc: DocumentResult) -> bool:
    """Every item and the total read, and the items (with or without VAT) make the total."""
    total = amount(doc.total)
    items = [amount(i.amount) for i in doc.line_items]
    if total is None or not items or any(a is None for a in items):
        return False
    subtotal = sum(items, Decimal(0))
    vat = amount(doc.vat) or Decimal(0)
    return abs(subtotal - total) <= CENT or abs(subtotal + vat - total) <= CENT


def unread_facts(claim: Claim) -> list[Finding]:
    """A check that rests on a value the pipeline could not read says so, rather than
    passing in silence: the language of a document that may need translating, the
    total of an itemised invoice, an item's amount where the rest fall short of the
    total, every amount of every invoice (whether one is itemised), every date the
    deadline could run from."""

    def unsure(document: str | None, variant: str) -> Finding:
        return finding(FindingCode.LOW_CONFIDENCE, document, variant, severity=Severity.warning)

    found = [unsure(d.file, "language_unread") for d in claim.originals()
             if d.language is None and d.doc_type in NEEDS_TRANSLATION]
    found += [unsure(d.file, "total_unread") for d in amount_subjects(claim)
              if d.line_items and amount(d.total) is None and not _items_paid(claim, d)
              and _counterpart_total(claim, d) is None]
    found += [unsure(d.file, "items_unread") for d in amount_subjects(claim)
              if _items_left_unread(claim, d) and _items_disagree(claim, d)
              and not _unread_rows_short_elsewhere(claim, d)]
    bills = claim.invoices_and_their_translations()
    if _amounts_unread(bills):
        found += [unsure(d.file, "amounts_unread") for d in bills]
    dated = [d for d in claim.readable if is_translation(d) or d.doc_type in CARRIES_DEADLINE_DATES]
    if dated and not any(d.dates.treatment or d.dates.invoice for d in dated):
        found.append(unsure(None, "dates_unread"))
    return found


def _items_disagree(claim: Claim, doc: DocumentResult) -> bool:
    """The items do not make the total, and no other reading of the claim settles it."""
    return not items_add_up(doc, billed_total(claim, doc)) and _paid_reading(claim, doc) is None \
        and not _cents_misread(claim, doc) and not _rows_dropped(claim, doc) \
        and not _counterpart_adds_up(claim, doc) and _confirmed_reading(claim, doc) is None


def _items_left_unread(claim: Claim, doc: DocumentResult) -> bool:
    """Item rows whose amounts OCR garbled past reading (the extractor counts them), and
    the items read come to less than the total: what is missing may be theirs, so items
    that disagree are neither a mismatch nor in order; `unread_facts` says so."""
    total = billed_total(claim, doc)
    if doc.field("line_items_unread") is None or total is None:
        return False
    return sum(_item_amounts(doc), Decimal(0)) < total


def _items_paid(claim: Claim, doc: DocumentResult) -> bool:
    """An unread total checks nothing that the receipts do not: items that add up to
    exactly what was paid for them (in the invoice's currency) need no total to agree with."""
    items = _item_amounts(doc)
    if not items or len(items) != len(doc.line_items):
        return False
    paid = [amount(r.amount_paid) for r in claim.of_type(DocType.receipt)
            if amount(r.amount_paid) is not None and same_currency(r.currency, doc.currency)]
    return bool(paid) and sum(paid, Decimal(0)) == sum(items, Decimal(0))


def is_decisive(doc: DocumentResult, field_name: str) -> bool:
    translation = is_translation(doc)
    if field_name == "language":  # TRANSLATION_MISSING, and a referral's "no"
        return not translation and doc.doc_type in NEEDS_TRANSLATION
    if field_name == "doctor_name":  # DOCTOR_NAME_MISSING
        return translation or doc.doc_type in NAMES_THE_DOCTOR
    if field_name == "dates.treatment":  # DEADLINE_EXCEEDED
        return translation or doc.doc_type in CARRIES_DEADLINE_DATES
    if field_name == "total" or LINE_ITEM_AMOUNT.match(field_name):  # AMOUNT_MISMATCH, items
        return translation or doc.doc_type == DocType.invoice
    return False


RULES: tuple[Rule, ...] = (
    translation_missing,
    original_missing,
    doctor_name_missing,
    itemised_invoice_missing,
    proof_of_payment_missing,
    deadline_exceeded,
    amount_mismatch,
    referral_missing,
    unreadable_document,
    low_confidence,
    unread_facts,
)
