import datetime as dt

import pytest

from claim_intake.model import DocType
from validators import link_translations
from validators.linking import MATCH_THRESHOLD, is_match, match_evidence

from .factory import DOCTOR, doc, invoice, receipt, spanish_claim, translation_of


def links(docs):
    return {d.file: d.translation_of for d in link_translations(docs) if d.translation_of}


def test_translation_links_to_its_original():
    assert links(spanish_claim()) == {"translation.pdf": "factura.pdf"}


def test_returns_copies_and_leaves_input_untouched():
    docs = spanish_claim()
    linked = link_translations(docs)
    assert [d.file for d in linked] == [d.file for d in docs]
    assert all(d.translation_of is None for d in docs)
    assert linked[2] is not docs[2]


def test_matches_by_content_when_file_names_mislead():
    dental = invoice("translation_of_dental.pdf", language="de", invoice_number="R-551", total="80.00",
                     items=("80.00",), doctor_name="Dr. Klaus Weber", treatment=dt.date(2026, 1, 5),
                     invoice=dt.date(2026, 1, 5))
    eye = invoice("dental_invoice.pdf", language="de", invoice_number="R-902", total="230.00",
                  items=("150.00", "80.00"), doctor_name="Dr. Petra Lang", treatment=dt.date(2026, 2, 9),
                  invoice=dt.date(2026, 2, 9))
    # Named as if it translated the dental invoice, but it carries the eye invoice's content.
    tr = translation_of(eye, "dental_invoice_EN.pdf")
    assert links([dental, eye, tr]) == {"dental_invoice_EN.pdf": "dental_invoice.pdf"}


def test_invoice_number_normalised_and_name_fuzzy():
    original = invoice("a.pdf", language="pl", invoice_number="FV/2026/0042", doctor_name="Dr hab. Łukasz Żółć")
    tr = translation_of(original, "b.pdf", invoice_number="fv-2026-0042", doctor_name="Lukasz Zolc",
                        treatment=None, invoice=None, total=None, items=())
    assert match_evidence(tr, original) >= MATCH_THRESHOLD
    assert links([original, tr]) == {"b.pdf": "a.pdf"}


def test_original_in_unaccepted_language_preferred_over_accepted_copy():
    spanish = invoice("zz_factura.pdf", language="es")
    english_copy = invoice("aa_invoice_copy.pdf", language="en", is_copy=True)
    tr = translation_of(spanish, "tr.pdf")
    assert links([english_copy, spanish, tr]) == {"tr.pdf": "zz_factura.pdf"}


def test_one_original_per_translation_and_per_original():
    original = invoice("factura.pdf", language="es")
    first = translation_of(original, "t1.pdf")
    second = translation_of(original, "t2.pdf")
    assert links([original, first, second]) == {"t1.pdf": "factura.pdf"}


def test_two_translations_each_find_their_own_original():
    factura = invoice("scan1.pdf", language="es")
    informe = doc("scan2.pdf", DocType.medical_record, language="es", doctor_name="Dra. Carmen Ruiz",
                  treatment=dt.date(2026, 3, 3))
    t_inv = translation_of(factura, "scan3.pdf")
    t_rec = translation_of(informe, "scan4.pdf")
    assert links([factura, informe, t_rec, t_inv]) == {"scan3.pdf": "scan1.pdf", "scan4.pdf": "scan2.pdf"}


def test_no_link_below_threshold():
    original = invoice("factura.pdf", language="es", invoice_number="A-1", total="99.00", items=("99.00",),
                       doctor_name="Dr. Pablo Ortega", treatment=dt.date(2025, 1, 1), invoice=dt.date(2025, 1, 1))
    unrelated = translation_of(invoice(doctor_name=DOCTOR), "translation.pdf")
    assert links([original, unrelated]) == {}


def test_contradicting_facts_outweigh_one_agreeing_fact():
    original = invoice("factura.pdf", language="es")
    tr = translation_of(original, "tr.pdf", invoice_number="OTHER-1", total="999.00", items=("999.00",))
    assert match_evidence(tr, original) < MATCH_THRESHOLD
    assert not is_match(tr, original)


def test_receipt_sharing_only_the_total_is_not_the_original():
    factura = invoice("factura.pdf", language="es")
    same_total = receipt("recibo.jpg", language="es", total=factura.total, currency=factura.currency)
    tr = translation_of(factura, "tr.pdf")
    assert links([same_total, tr]) == {}
    assert links([same_total, factura, tr]) == {"tr.pdf": "factura.pdf"}


def test_unreadable_and_claim_form_never_originals():
    original = invoice("factura.pdf", language="es", errors=["ocr failed"])
    tr = translation_of(invoice("factura.pdf", language="es"), "tr.pdf")
    form = doc("form.pdf", DocType.claim_form, language="no", doctor_name=DOCTOR, invoice_number=tr.invoice_number)
    assert links([original, form, tr]) == {}


def test_receipt_translation_links_to_receipt():
    recibo = receipt("recibo.jpg", language="es", invoice_number="T-778")
    tr = translation_of(recibo, "recibo_en.pdf")
    assert links([invoice(), recibo, tr]) == {"recibo_en.pdf": "recibo.jpg"}


def test_stale_translation_of_is_replaced_by_content_match():
    original = invoice("factura.pdf", language="es")
    tr = translation_of(original, "tr.pdf").model_copy(update={"translation_of": "claim_form.pdf"})
    assert links([original, tr]) == {"tr.pdf": "factura.pdf"}


def test_record_translation_prefers_record_over_same_day_invoice_by_same_doctor():
    # Doctor and date agree with both; the untranslated invoice must stay unlinked.
    factura = invoice("a_factura.pdf", language="es", doctor_name="Dra. Carmen Ruiz")
    informe = doc("b_informe.pdf", DocType.medical_record, language="es", doctor_name="Dra. Carmen Ruiz",
                  treatment=factura.dates.treatment)
    tr = translation_of(informe, "translation.pdf")
    assert links([factura, informe, tr]) == {"translation.pdf": "b_informe.pdf"}


def test_greek_original_links_to_its_translation_despite_transliterated_doctor():
    import datetime as dt

    from claim_intake.model import DocType
    from tests.validators.factory import doc
    from validators import link_translations

    amounts = ("125.50", "19.36", "35.50", "83.50")
    original = doc("τιμολογιο.pdf", DocType.invoice, language="el", treatment=dt.date(2026, 9, 4),
                   items=amounts, doctor_name="Γεώργιος Παπαδόπουλος", currency="EUR", total="263.86")
    translation = doc("translation.pdf", DocType.translation, language="en", treatment=dt.date(2026, 9, 4),
                      invoice=dt.date(2026, 9, 4), items=amounts, invoice_number="A-7240",
                      doctor_name="Georgios Papadopoulos", currency="EUR", total="263.86")
    linked = {d.file: d for d in link_translations([original, translation])}
    assert linked["translation.pdf"].translation_of == "τιμολογιο.pdf"


def test_greek_record_links_to_its_translation_by_date_and_transliterated_doctor():
    record = doc("Scan019.pdf", DocType.medical_record, language="el", treatment=dt.date(2026, 9, 17),
                 doctor_name="Μαρία Γεωργίου")
    slip = doc("slip.jpg", DocType.receipt, language="el", payment=dt.date(2026, 9, 17),
               doctor_name="Μαρία Γεωργίου")
    tr = doc("translation_record.pdf", DocType.translation, language="en", treatment=dt.date(2026, 9, 17),
             doctor_name="Maria Georgiou")
    assert links([record, slip, tr]) == {"translation_record.pdf": "Scan019.pdf"}


def test_a_transliterated_name_of_another_doctor_is_no_evidence():
    record = doc("Scan019.pdf", DocType.medical_record, language="el", treatment=dt.date(2026, 9, 17),
                 doctor_name="Νικόλαος Παπαδόπουλος")
    tr = doc("translation_record.pdf", DocType.translation, language="en", treatment=dt.date(2026, 9, 17),
             doctor_name="Maria Georgiou")
    assert links([record, tr]) == {}


def test_greek_names_in_latin_letters():
    from extractors.langdata import to_latin

    assert to_latin("Μαρία Γεωργίου") == "maria georgiou"
    assert to_latin("Γιώργος Χατζηδάκης") == "giorgos chatzidakis"
    assert to_latin("Δημήτρης Ευαγγέλου") == "dimitris evangelou"
    assert to_latin("José García") == "jose garcia"


def test_a_photo_read_without_number_doctor_or_visit_date_still_links_by_its_amounts():
    photo = doc("IMG_1.jpg", DocType.invoice, language="el", invoice=dt.date(2026, 9, 1), currency="EUR",
                total="306.00", items=("148.00", "158.00"))
    tr = doc("translation_invoice.pdf", DocType.translation, language="en", treatment=dt.date(2026, 9, 1),
             invoice=dt.date(2026, 9, 1), currency="EUR", total="306.00", items=("148.00", "158.00"),
             invoice_number="A-9942", doctor_name="Eleni Konstantinou")
    assert links([photo, tr]) == {"translation_invoice.pdf": "IMG_1.jpg"}


def test_a_receipt_sharing_only_the_total_is_still_not_the_invoice():
    slip = doc("slip.jpg", DocType.receipt, language="el", currency="EUR", total="306.00")
    tr = doc("translation_invoice.pdf", DocType.translation, language="en", treatment=dt.date(2026, 9, 1),
             invoice=dt.date(2026, 9, 1), currency="EUR", total="306.00", items=("148.00", "158.00"),
             invoice_number="A-9942", doctor_name="Eleni Konstantinou")
    assert links([slip, tr]) == {}


def test_a_record_translation_links_to_the_one_foreign_record_of_its_visit_date():
    record = doc("202608067824.pdf", DocType.medical_record, language="fi", treatment=dt.date(2026, 8, 27))
    lasku = invoice("lasku.pdf", language="fi", treatment=dt.date(2026, 8, 27))
    tr = doc("oversettelse_journal.pdf", DocType.translation, language="no", treatment=dt.date(2026, 8, 27),
             doctor_name="Tiina Järvinen")
    assert links([record, lasku, translation_of(lasku, "oversatt_faktura.pdf"), tr]) == {
        "oversettelse_journal.pdf": "202608067824.pdf", "oversatt_faktura.pdf": "lasku.pdf"}


def test_two_foreign_records_of_the_same_day_leave_the_weak_translation_unlinked():
    a = doc("a.pdf", DocType.medical_record, language="fi", treatment=dt.date(2026, 8, 27))
    b = doc("b.pdf", DocType.medical_record, language="fi", treatment=dt.date(2026, 8, 27))
    tr = doc("tr.pdf", DocType.translation, language="no", treatment=dt.date(2026, 8, 27))
    assert links([a, b, tr]) == {}


def test_a_record_of_another_visit_is_not_the_original():
    record = doc("a.pdf", DocType.medical_record, language="fi", treatment=dt.date(2026, 8, 20))
    tr = doc("tr.pdf", DocType.translation, language="no", treatment=dt.date(2026, 8, 27))
    assert links([record, tr]) == {}


def test_an_invoice_translation_whose_number_was_not_read_is_not_the_receipts():
    slip = doc("vedlegg3349.pdf", DocType.receipt, language="es", payment=dt.date(2026, 6, 21), currency="EUR",
               total="195.00")
    tr = doc("vedlegg2784.pdf", DocType.translation, language="en", treatment=dt.date(2026, 6, 21),
             invoice=dt.date(2026, 6, 21), currency="EUR", total="195.00", items=("120.00", "75.00"))
    assert links([slip, tr]) == {}


def test_a_greek_name_with_an_ocr_latin_title_still_compares_in_latin_letters():
    original = invoice("202609176148.pdf", language="el", doctor_name="Ap Σ. Παπαδάκη", invoice_number=None,
                       total=None, items=())
    tr = translation_of(original, "Scan_5620.pdf", doctor_name="S. Papadaki")
    assert links([original, tr]) == {"Scan_5620.pdf": "202609176148.pdf"}


def test_a_one_or_two_character_invoice_number_is_a_misreading_not_a_contradiction():
    factuur = invoice("factuur.pdf", language="nl", invoice_number="2026.8224")
    tr = translation_of(factuur, "202608220230.pdf", invoice_number="-7")
    assert links([factuur, tr]) == {"202608220230.pdf": "factuur.pdf"}


def test_a_total_one_digit_misread_is_no_contradiction():
    rechnung = invoice("IMG08173.tiff", language="de", invoice_number=None, total="560.90", items=(),
                       doctor_name="Stefan Hoffmann")
    tr = translation_of(rechnung, "translation.pdf", invoice_number="RE-2026-8396", total="560.00")
    assert links([rechnung, tr]) == {"translation.pdf": "IMG08173.tiff"}


def test_a_total_more_than_one_digit_away_still_contradicts():
    rechnung = invoice("r.pdf", language="de", invoice_number=None, total="590.90", items=(),
                       doctor_name="Stefan Hoffmann")
    tr = translation_of(rechnung, "translation.pdf", invoice_number="RE-2026-8396", total="560.00")
    assert not is_match(tr, rechnung)


def test_one_digit_apart():
    from decimal import Decimal as D

    from extractors.amounts import one_digit_apart as _one_digit_apart
    assert _one_digit_apart(D("560.90"), D("560.00")) and _one_digit_apart(D("31.00"), D("331.00"))
    assert _one_digit_apart(D("-59.50"), D("59.50"))
    assert not _one_digit_apart(D("560.00"), D("650.00")) and not _one_digit_apart(D("31.00"), D("3310.00"))


def test_the_same_total_in_a_misread_currency_still_agrees():
    lasku = invoice("PXL_1.jpg", language="fi", invoice_number=None, currency="GBP", invoice=None)
    tr = translation_of(lasku, "oversatt_faktura.pdf", invoice_number="202602542", currency="EUR",
                        invoice=lasku.dates.treatment)
    assert links([lasku, tr]) == {"oversatt_faktura.pdf": "PXL_1.jpg"}


def _poorly_read_translation():
    """An invoice translation whose total and items were lost: only its number and date."""
    return doc("vedlegg995.pdf", DocType.translation, language="no", invoice_number="FR 2026/7133",
               invoice=dt.date(2026, 7, 11))


def _receipt_pt():
    return receipt("PXL_2.jpg", language="pt", payment=dt.date(2026, 7, 11), total="174.50", amount_paid="174.50")


def test_the_last_translation_and_the_last_foreign_document_are_a_pair():
    fatura = invoice("BRN3.pdf", language="pt", invoice_number=None, doctor_name=None, invoice=dt.date(2026, 7, 11),
                     treatment=dt.date(2026, 7, 11), total="174.50", items=("174.50",))
    assert links([fatura, _receipt_pt(), _poorly_read_translation()]) == {"vedlegg995.pdf": "BRN3.pdf"}


def test_a_dark_photo_nothing_was_read_from_is_the_last_translations_original():
    photo = doc("IMG_1.jpg", DocType.other, language="fi")
    tr = translation_of(invoice("x.pdf", language="fi"), "Scan_4791.pdf")
    assert links([photo, tr]) == {"Scan_4791.pdf": "IMG_1.jpg"}


def test_the_last_pair_needs_an_agreeing_fact_when_the_original_says_something():
    other_day = invoice("BRN3.pdf", language="pt", invoice_number=None, doctor_name="Rui Ferreira",
                        treatment=None, invoice=None, total=None, items=())
    assert links([other_day, _poorly_read_translation()]) == {}


def test_the_last_pair_is_not_made_across_kinds_contradictions_or_choices():
    record = doc("IMG03118.tiff", DocType.medical_record, language="pt", treatment=dt.date(2026, 7, 11))
    assert links([record, _receipt_pt(), _poorly_read_translation()]) == {}  # an invoice's translation
    later = invoice("BRN3.pdf", language="pt", invoice_number=None, invoice=dt.date(2026, 7, 18))
    assert links([later, _poorly_read_translation()]) == {}  # another invoice date
    a = invoice("a.pdf", language="pt", invoice_number=None, invoice=dt.date(2026, 7, 11))
    b = invoice("b.pdf", language="pt", invoice_number=None, invoice=dt.date(2026, 7, 11))
    assert links([a, b, _poorly_read_translation()]) == {}  # two to choose from
    second = doc("t2.pdf", DocType.translation, language="no", invoice=dt.date(2026, 7, 11), invoice_number="FR 77")
    assert links([a, _poorly_read_translation(), second]) == {}  # two translations could take it
    english = invoice("e.pdf", language="en", invoice_number=None, invoice=dt.date(2026, 7, 11))
    assert links([english, _poorly_read_translation()]) == {}  # needs no translation


def test_left_translations_pair_with_the_one_left_document_of_their_kind():
    """The invoice's and the record's translations both matched nothing: each goes to
    the one foreign document of its kind."""
    fatura = invoice("BRN3.pdf", language="pt", invoice_number=None, doctor_name=None, invoice=dt.date(2026, 7, 11),
                     treatment=None, total="174.50", items=("174.50",))
    record = doc("IMG03118.tiff", DocType.medical_record, language="pt", doctor_name="Rui Ferreira")
    record_tr = doc("journal_tr.pdf", DocType.translation, language="no", doctor_name="Rui Ferreira")
    assert links([fatura, record, _poorly_read_translation(), record_tr]) == {
        "vedlegg995.pdf": "BRN3.pdf", "journal_tr.pdf": "IMG03118.tiff"}


def test_a_translation_that_contradicts_a_left_document_leaves_it_to_another():
    a = invoice("a.pdf", language="pt", invoice_number=None, invoice=dt.date(2026, 7, 11))
    other_bill = doc("t2.pdf", DocType.translation, language="no", invoice=dt.date(2026, 7, 11), total="9.00")
    assert links([a, _poorly_read_translation(), other_bill]) == {"vedlegg995.pdf": "a.pdf"}


def test_rows_one_reading_dropped_are_no_contradiction():
    """A photo read two of the four rows its translation lists: as far as they go, they agree."""
    photo = invoice("WhatsApp.jpeg", language="el", invoice_number=None, doctor_name=None, total="185.50",
                    items=("60.00", "45.50"))
    tr = translation_of(photo, "oversatt_faktura.pdf", invoice_number="TPY-5793",
                        items=["60.00", "45.50", "40.00", "40.00"])
    assert links([photo, tr]) == {"oversatt_faktura.pdf": "WhatsApp.jpeg"}


def test_rows_that_differ_still_count_against():
    from validators.linking import _items

    photo = invoice("a.jpeg", language="el", items=("60.00", "45.50"))
    assert _items(translation_of(photo, "t.pdf", items=["61.00", "124.50"]), photo)[0] < 0
    assert _items(translation_of(photo, "t.pdf", items=["60.00", "45.50", "80.00"]), photo)[0] > 0
    assert _items(translation_of(photo, "t.pdf", items=["60.00", "80.00"]), photo)[0] < 0  # one row differs


def test_an_untyped_original_of_an_invoice_translation_is_typed_an_invoice():
    photo = doc("IMG_1.jpg", DocType.other, language="fi", total="312.48", currency="EUR", marked_paid=True)
    tr = translation_of(invoice("x.pdf", language="fi", total="312.48", items=("213.00", "99.48")), "tr.pdf")
    linked = {d.file: d for d in link_translations([photo, tr])}
    assert linked["tr.pdf"].translation_of == "IMG_1.jpg"
    assert linked["IMG_1.jpg"].doc_type == DocType.invoice
    assert [f.value for f in linked["IMG_1.jpg"].fields if f.name == "doc_type"] == ["invoice"]


def test_an_untyped_original_of_a_record_translation_stays_untyped():
    photo = doc("IMG_1.jpg", DocType.other, language="fi", treatment=dt.date(2026, 8, 1), doctor_name=DOCTOR)
    tr = doc("tr.pdf", DocType.translation, language="no", treatment=dt.date(2026, 8, 1), doctor_name=DOCTOR)
    linked = {d.file: d for d in link_translations([photo, tr])}
    assert linked["tr.pdf"].translation_of == "IMG_1.jpg" and linked["IMG_1.jpg"].doc_type == DocType.other


def test_a_total_read_without_its_decimal_comma_is_no_contradiction():
    from validators.linking import _total

    original = invoice("factura.pdf", language="pt", total="174.50")
    translation = translation_of(original, "translation.pdf", total="17450.00")
    score, possible = _total(translation, original)
    assert score == 0.0 and possible > 0


def test_an_items_translation_goes_to_the_invoice_that_dropped_a_row_not_to_its_receipt():
    """Invoice photo lost one of four rows; the receipt shares the invoice number and total.
    The translation lists the four items: it translates the invoice."""
    photo = invoice("WhatsApp.jpeg", language="el", invoice_number=None, doctor_name=None, total="185.50",
                    items=("56.50", "48.00", "24.00"))
    paid = receipt("PXL.jpg", language="el", invoice_number="ΤΠΥ-5793", total="185.50", amount_paid="185.50")
    tr = translation_of(photo, "skann.pdf", invoice_number="THY-5793", total=None,
                        items=["56.50", "48.00", "57.00", "24.00"])
    assert links([photo, paid, tr]) == {"skann.pdf": "WhatsApp.jpeg"}


def test_rows_agreeing_weigh_by_the_share_they_cover():
    from validators.linking import W_ITEMS, _items

    photo = invoice("a.jpeg", language="el", items=("60.00", "45.50", "40.00"))
    three_of_four = _items(translation_of(photo, "t.pdf", items=["60.00", "45.50", "40.00", "80.00"]), photo)[0]
    one_of_four = _items(translation_of(invoice("b.jpeg", items=("60.00",)), "t.pdf",
                                        items=["60.00", "45.50", "40.00", "80.00"]), invoice("b.jpeg", items=("60.00",)))[0]
    assert three_of_four == W_ITEMS * 0.75
    assert one_of_four == W_ITEMS / 2


def test_rows_misread_on_one_side_are_no_contradiction():
    from validators.linking import _items

    scan = invoice("dok.tif", language="fr", items=("218.50", "44.50", "-39.00", "-79.00"))  # a rule read as a minus
    tr = translation_of(scan, "t.pdf", items=["218.50", "44.50", "78.00", "79.00"])
    assert _items(tr, scan)[0] == 0
    other = translation_of(scan, "t.pdf", items=["218.50", "60.00", "78.00", "95.00"])  # two rows plainly differ
    assert _items(other, scan)[0] < 0


def test_an_items_translation_is_not_the_translation_of_a_receipt_listing_none():
    """The invoice is missing (or unlinkable); its receipt carries the same number and
    total. A translation listing items translates an invoice, never that receipt."""
    paid = receipt("kvittering.pdf", language="el", invoice_number="ΤΠΥ-7137", total="237.46",
                   amount_paid="237.46")
    tr = doc("Scan_2825.pdf", DocType.translation, language="no", invoice_number="ΤΠΥ-7137", total="237.46",
             currency="EUR", items=("74.00", "12.50", "62.00", "88.96"), doctor_name="Georgios Papadopoulos",
             treatment=dt.date(2026, 7, 8), invoice=dt.date(2026, 7, 8))
    assert links([paid, tr]) == {}


def test_a_translation_without_items_still_links_to_a_receipt_and_an_items_receipt_to_its_translation():
    recibo = receipt("recibo.jpg", language="es", invoice_number="T-778")
    assert links([recibo, translation_of(recibo, "recibo_en.pdf")]) == {"recibo_en.pdf": "recibo.jpg"}
    till = receipt("ticket.jpg", language="es", invoice_number="T-779", items=("10.00", "5.00"), total="15.00")
    assert links([till, translation_of(till, "ticket_en.pdf")]) == {"ticket_en.pdf": "ticket.jpg"}


def test_a_long_invoice_number_one_character_misread_is_no_contradiction():
    """A photo read a speck into the number: the invoice, not its receipt, is the original."""
    photo = invoice("PXL.jpg", language="pl", invoice_number="FV/4775/106/2026", total="922.00",
                    items=("197.00", "72.00", "252.00", "90.00", "246.00", "65.00"))
    paid = receipt("kvittering.pdf", language="pl", invoice_number="FV/4775/06/2026", total="922.00",
                   payment=dt.date(2026, 7, 1))
    tr = translation_of(photo, "202608137967.pdf", invoice_number="FV/4775/06/2026")
    assert links([photo, paid, tr]) == {"202608137967.pdf": "PXL.jpg"}


def test_invoice_numbers_one_character_apart_are_no_agreement_and_short_ones_still_contradict():
    a = invoice("a.pdf", language="de", invoice_number="RE-2026-2640")
    assert match_evidence(translation_of(a, "t.pdf", invoice_number="RE-2026-2641"), a) == \
        match_evidence(translation_of(a, "t.pdf", invoice_number=None), a)
    short = invoice("b.pdf", language="de", invoice_number="4711", total=None, items=(), doctor_name=None)
    tr = translation_of(short, "u.pdf", invoice_number="4712")
    assert match_evidence(tr, short) < 0


def test_a_one_item_bill_whose_item_is_a_digit_off_its_translations_still_links():
    """'55,00' read '55,90' on the item and the total: a misreading, not another bill."""
    from validators.linking import _items

    scan = invoice("dok.tif", language="pt", items=("55.90",), total="55.90", invoice_number="FR 2026/5131")
    tr = translation_of(scan, "translation.pdf", items=["55.00"], total="55.00")
    assert _items(tr, scan)[0] == 0
    assert links([scan, tr]) == {"translation.pdf": "dok.tif"}
    other = translation_of(scan, "t.pdf", items=["65.00"], total="65.00")  # another amount altogether
    assert _items(other, scan)[0] < 0


def test_an_invoice_number_whose_end_was_read_apart_is_no_contradiction():
    """'FA202609' for 'FA202609-9860': total, items and dates agree, so the translation is its."""
    photo = invoice("IMG.jpg", language="fr", invoice_number="FA202609", total="91.20", items=("64.00", "12.00"))
    tr = translation_of(photo, "PXL.jpg", invoice_number="FA202609-9860")
    assert links([photo, tr]) == {"PXL.jpg": "IMG.jpg"}
    a = invoice("a.pdf", language="de", invoice_number="RE-2026-2640")
    assert match_evidence(translation_of(a, "t.pdf", invoice_number="RE-2026-26401"), a) == \
        match_evidence(translation_of(a, "t.pdf", invoice_number=None), a)  # no agreement either
    short = invoice("b.pdf", language="de", invoice_number="2026", total=None, items=(), doctor_name=None)
    assert match_evidence(translation_of(short, "u.pdf", invoice_number="20261"), short) < 0  # too short to tell


def test_an_invoice_number_with_a_digit_read_as_a_letter_is_no_contradiction():
    """Seed 217: 'Żż026.4580' for 2026.4580 on a scan; doctor, dates, total and six items agree."""
    items = ("45.50", "127.50", "25.00", "16.50", "84.00", "34.00")
    scan = invoice("scan.pdf", language="nl", invoice_number="Żż026.4580", total="332.50", items=items)
    tr = translation_of(scan, "skann.pdf", invoice_number="2026.4580")
    assert links([scan, tr]) == {"skann.pdf": "scan.pdf"}
    assert match_evidence(tr, scan) == match_evidence(translation_of(scan, "t.pdf", invoice_number=None), scan)
    other = translation_of(scan, "u.pdf", invoice_number="2027.9911")  # another number altogether
    assert match_evidence(other, scan) < match_evidence(tr, scan)


def test_two_rows_each_the_same_or_one_misreading_are_no_contradiction():
    from validators.linking import _items

    tif = invoice("IMG.tiff", language="de", items=("71.50", "35.90"))  # '35,00' with its zero read as 9
    assert _items(translation_of(tif, "t.pdf", items=["71.50", "35.00"]), tif)[0] == 0
    assert _items(translation_of(tif, "t.pdf", items=["71.50", "52.00"]), tif)[0] < 0  # a row plainly differs


def test_a_translation_links_to_a_tiff_whose_total_and_one_item_were_misread():
    """Number, both dates and the doctor agree; the total read '1906,56' for '106,50' disagrees,
    and an item read '35,90' for '35,00' is one misreading: still its translation."""
    tif = invoice("IMG09135.tiff", language="de", items=("71.50", "35.90"), total="1906.56",
                  invoice_number="RE-2026-2555", treatment=dt.date(2026, 5, 11), invoice=dt.date(2026, 7, 14))
    tr = translation_of(tif, "vedlegg.pdf", items=["71.50", "35.00"], total="106.50")
    assert links([tif, tr]) == {"vedlegg.pdf": "IMG09135.tiff"}
    other_items = translation_of(tif, "vedlegg.pdf", items=["71.50", "52.00"], total="123.50",
                                 doctor_name=None, invoice=dt.date(2026, 7, 15))
    assert links([tif, other_items]) == {}


def test_a_bills_translation_goes_to_the_foreign_invoice_not_to_the_receipt_with_its_number():
    """The invoice's number was not read; its receipt carries the number and the total, but
    the translation says nothing of a payment: it translates the invoice."""
    rechnung = invoice("IMG.tiff", language="de", invoice_number=None, total="82.00", items=(), doctor_name=None,
                       invoice=dt.date(2026, 10, 24))
    quittung = receipt("dok.tif", language="de", invoice_number="RE-2026-9671", total="82.00", amount_paid="82.00")
    tr = translation_of(rechnung, "scan.tif", invoice_number="RE-2026-9671", marked_paid=False, amount_paid=None)
    assert links([rechnung, quittung, tr]) == {"scan.tif": "IMG.tiff"}
    paid = translation_of(quittung, "scan.tif")  # the receipt's own translation, its payment with it
    assert links([rechnung, quittung, paid]) == {"scan.tif": "dok.tif"}


@pytest.mark.parametrize(("read", "linked"), [
    (dt.date(2026, 8, 1), True),  # seed 216: '21 ago 2026' read '1 ago', the 2 lost in the label's colon
    (dt.date(2026, 8, 21), True),
    (dt.date(2026, 9, 3), False),  # another visit
])
def test_a_record_whose_date_is_a_digit_off_its_translations_is_still_its_original(read, linked):
    record = doc("cartella.pdf", DocType.medical_record, language="it", doctor_name="Luca Ricci", treatment=read)
    tr = doc("translation_record.pdf", DocType.translation, language="no", doctor_name="Luca Ricci",
             treatment=dt.date(2026, 8, 21))
    assert (links([record, tr]) == {"translation_record.pdf": "cartella.pdf"}) is linked


def test_a_translation_links_to_a_tiff_whose_dotted_zeros_were_read_as_digits():
    """Seed 251: a Greek TIFF in a font with dotted zeros, 'THY-6686', '157,66' and '98,90'
    read for ΤΠΥ-6680, 157,00 and 98,00; its translation keeps the Greek number."""
    tif = invoice("IMG07453.tiff", language="el", doctor_name="Γεώργιος Γεωργίου", invoice_number="THY-6686",
                  total="157.66", items=("59.00", "98.90"), treatment=dt.date(2026, 7, 15), invoice=dt.date(2026, 7, 15))
    tr = translation_of(tif, "document(2).pdf", doctor_name="Georgios Georgiou", invoice_number="ΤΠΥ-6680",
                        total="157.00", items=["59.00", "98.00"])
    assert links([tif, tr]) == {"document(2).pdf": "IMG07453.tiff"}
    from validators.linking import _invoice_number

    assert _invoice_number(tr, tif)[0] == 0  # neither agreement nor contradiction
    other = translation_of(tif, "t.pdf", invoice_number="ΤΠΥ-6631")  # another number altogether
    assert _invoice_number(other, tif)[0] < 0


def _visit_with_unread_record_date(text_source: str = "text_layer"):
    """Seed 253: a Spanish invoice photo and record scan of one visit; the record's date
    unread; the record's translation (a text layer: no number, total or items) names the
    doctor and the visit's day, which the invoice shares."""
    day = dt.date(2026, 9, 25)
    factura = invoice("PXL.jpg", language="es", doctor_name="Manuel Castillo", treatment=day, invoice=day)
    record = doc("2026101.pdf", DocType.medical_record, language="es", doctor_name="Manuel Castillo")
    tr = doc("document(3).pdf", DocType.translation, language="en", doctor_name="Manuel Castillo", treatment=day,
             text_source=text_source)
    return factura, record, tr


def test_a_records_translation_goes_to_the_record_whose_date_was_unread_not_to_the_invoice():
    factura, record, tr = _visit_with_unread_record_date()
    assert links([factura, record, tr]) == {"document(3).pdf": "2026101.pdf"}
    assert links([factura, tr]) == {"document(3).pdf": "PXL.jpg"}  # no record: the invoice it matches


def test_a_translation_read_by_ocr_or_of_another_doctor_stays_with_the_invoice():
    factura, record, tr = _visit_with_unread_record_date("ocr")  # its amounts may be there, unread
    assert links([factura, record, tr]) == {"document(3).pdf": "PXL.jpg"}
    factura, record, tr = _visit_with_unread_record_date()
    other = record.model_copy(update={"doctor_name": "Lucía Romero"})
    assert links([factura, other, tr]) == {"document(3).pdf": "PXL.jpg"}
