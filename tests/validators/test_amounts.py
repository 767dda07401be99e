"""AMOUNT_MISMATCH: items against total (VAT on top allowed), payments against total."""

import pytest

from claim_intake.model import DocType

from .factory import ITEMS, TOTAL, doc, found, invoice, receipt, translation_of


def test_items_adding_up_are_fine():
    assert found([invoice(), receipt()], "AMOUNT_MISMATCH") == []


def test_items_not_adding_up():
    docs = [invoice(items=("312.40", "137.50")), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


def test_one_cent_rounding_is_tolerated():
    docs = [invoice(items=("312.40", "137.59")), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == []


def test_two_cents_is_a_mismatch():
    docs = [invoice(items=("312.40", "137.58")), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


def test_vat_on_top_of_items():
    docs = [invoice(items=("400.00",), vat="50.00", total="450.00"), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == []


def test_vat_included_in_items():
    docs = [invoice(items=("450.00",), vat="90.00", total="450.00"), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == []


def test_vat_that_does_not_explain_the_gap():
    docs = [invoice(items=("400.00",), vat="40.00", total="450.00"), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


def test_no_items_or_no_total_nothing_to_compare():
    assert found([invoice(items=()), receipt()], "AMOUNT_MISMATCH") == []
    assert found([invoice(total=None)], "AMOUNT_MISMATCH") == []


def test_unparsable_amount_is_not_a_mismatch():
    assert found([invoice(items=("312.40", "1S7.60")), receipt()], "AMOUNT_MISMATCH") == []


def test_receipts_short_of_invoice_total():
    docs = [invoice(), receipt(amount_paid="400.00")]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


def test_several_receipts_together_cover_the_total():
    docs = [invoice(), receipt("r1.jpg", amount_paid="200.00"), receipt("r2.jpg", amount_paid="250.00")]
    assert found(docs, "AMOUNT_MISMATCH") == []


def test_receipt_plus_amount_paid_on_invoice_cover_the_total():
    docs = [invoice(amount_paid="50.00"), receipt(amount_paid="400.00")]
    assert found(docs, "AMOUNT_MISMATCH") == []


def test_receipts_in_another_currency_are_not_summed():
    docs = [invoice(), receipt(amount_paid="400.00", currency="NOK")]
    assert found(docs, "AMOUNT_MISMATCH") == []
    docs = [invoice(), receipt("r1.jpg", amount_paid="5000.00", currency="NOK"),
            receipt("r2.jpg", amount_paid="400.00")]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


def test_no_payment_amounts_no_shortfall_check():
    assert found([invoice(), receipt(amount_paid=None)], "AMOUNT_MISMATCH") == []
    assert found([invoice(marked_paid=True)], "AMOUNT_MISMATCH") == []


def test_overpayment_is_not_a_mismatch():
    assert found([invoice(), receipt(amount_paid="500.00")], "AMOUNT_MISMATCH") == []


def test_one_finding_per_invoice_when_both_checks_fail():
    docs = [invoice(items=("1.00",)), receipt(amount_paid="1.00")]
    result = found(docs, "AMOUNT_MISMATCH")
    assert result == ["invoice.pdf"]


def test_translation_checked_when_no_original_invoice():
    factura = invoice("factura.pdf", language="es")
    tr = translation_of(factura, "translation.pdf", items=("300.00", "137.60"))
    assert found([tr, receipt()], "AMOUNT_MISMATCH") == ["translation.pdf"]


def test_translation_not_checked_when_original_invoice_present():
    factura = invoice("factura.pdf", language="es")
    tr = translation_of(factura, "translation.pdf", items=("300.00", "137.60"))
    assert found([factura, tr, receipt()], "AMOUNT_MISMATCH") == []


def test_translation_stands_in_for_payment_check():
    factura = invoice("factura.pdf", language="es")
    tr = translation_of(factura, "translation.pdf")
    assert found([tr, receipt(amount_paid="100.00")], "AMOUNT_MISMATCH") == ["translation.pdf"]


def test_receipt_and_other_documents_never_checked_as_invoices():
    docs = [invoice(), receipt(items=("1.00",)), doc("other.pdf", DocType.other, total="9.00", items=("1.00",))]
    assert found(docs, "AMOUNT_MISMATCH") == []


def test_original_and_copy_of_one_invoice_are_billed_once():
    docs = [invoice(), invoice("invoice_copy.pdf", is_copy=True), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == []
    unnumbered = [invoice(invoice_number=None), invoice("invoice_copy.pdf", invoice_number=None, is_copy=True),
                  receipt()]
    assert found(unnumbered, "AMOUNT_MISMATCH") == []


def test_two_different_invoices_need_both_paid():
    second = invoice("second.pdf", invoice_number="INV-2", total="100.00", items=("100.00",))
    assert found([invoice(), second, receipt()], "AMOUNT_MISMATCH") == ["invoice.pdf", "second.pdf"]
    assert found([invoice(), second, receipt(), receipt("r2.jpg", amount_paid="100.00")], "AMOUNT_MISMATCH") == []


def test_vat_the_document_puts_on_top_but_leaves_out_of_the_total():
    docs = [invoice(items=("132.50", "51.50"), vat="40.48", vat_included=False, total="184.00"),
            receipt(total="184.00", amount_paid="184.00")]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


def test_vat_inside_the_total_is_fine():
    docs = [invoice(items=("400.00",), vat="80.00", vat_included=True, total="400.00"),
            receipt(total="400.00", amount_paid="400.00")]
    assert found(docs, "AMOUNT_MISMATCH") == []


def test_a_printed_discount_explains_the_gap_either_sign():
    """'Descuento -20,50' or 'Rabatt 20,50' between items and total: the items less the
    discount are the total, so nothing is wrong."""
    for adjustment in ("-20.50", "20.50"):
        docs = [invoice(items=("85.00", "120.00"), total="184.50", adjustment=adjustment),
                receipt(total="184.50", amount_paid="184.50")]
        assert found(docs, "AMOUNT_MISMATCH") == []


def test_an_adjustment_that_does_not_explain_the_gap_is_a_mismatch():
    docs = [invoice(items=("85.00", "120.00"), total="184.50", adjustment="-10.00"),
            receipt(total="184.50", amount_paid="184.50")]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]
    docs = [invoice(items=("85.00", "120.00"), total="184.50"), receipt(total="184.50", amount_paid="184.50")]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]  # no discount read: the gap stands


def test_a_translation_standing_in_for_an_original_read_as_a_receipt_reports_the_original():
    """A 'factura simplificada' photo read as a receipt: its translation's amounts are
    checked, and the finding names the provider's document."""
    photo = doc("IMG_1.jpeg", DocType.receipt, language="es", invoice_number="F26/05428", currency="EUR",
                total="293.00", items=("200.00", "93.00"))
    tr = translation_of(photo, "translation.pdf")
    paid = receipt("slip.pdf", total="146.50", amount_paid="146.50")
    assert found([photo, tr, paid], "AMOUNT_MISMATCH") == ["IMG_1.jpeg"]


def test_a_translation_whose_original_is_unreadable_is_reported_itself():
    broken = invoice("factura.pdf", language="es", errors=["ocr failed"])
    tr = translation_of(invoice("x.pdf", language="es"), "translation.pdf", items=("312.40", "137.00"))
    linked = tr.model_copy(update={"translation_of": "factura.pdf"})
    assert found([broken, linked, receipt()], "AMOUNT_MISMATCH") == ["translation.pdf"]


def test_items_short_of_the_total_because_rows_were_not_read():
    """The photo read two rows; its translation reads all four, adding up to the same total."""
    photo = invoice("photo.jpeg", language="el", total="185.50", items=("60.00", "45.50"))
    tr = translation_of(photo, "translation.pdf", items=["60.00", "45.50", "40.00", "40.00"])
    assert found([photo, tr, receipt(total="185.50", amount_paid="185.50")], "AMOUNT_MISMATCH") == []


@pytest.mark.parametrize(("read", "mismatch"), [
    (("571.90", "226.00"), []),  # seed 207: rows dropped, and one kept row a digit off its translation's
    (("575.90", "226.00"), ["photo.jpeg"]),  # two digits off: not one misreading
    (("571.90", "226.90"), ["photo.jpeg"]),  # two rows misread as well as two dropped: too much to settle
])
def test_rows_not_read_and_one_row_misread_are_settled_by_the_translation(read, mismatch):
    photo = invoice("photo.jpeg", language="pl", total="1571.00", items=read)
    tr = translation_of(photo, "translation.pdf", items=["571.00", "394.00", "226.00", "380.00"])
    assert found([photo, tr, receipt(total="1571.00", amount_paid="1571.00")], "AMOUNT_MISMATCH") == mismatch


@pytest.mark.parametrize(("tr_items", "mismatch"), [
    (["112.00"], ["dok.tif"]),  # seed 200: 112,00 of items under a total of 132,00, on the translation
    (["112.00", "20.00"], []),  # they add up: nothing to report
])
def test_a_bill_that_read_neither_items_nor_total_is_checked_on_its_translation(tr_items, mismatch):
    tif = invoice("dok.tif", language="pt", total=None, items=())
    tr = translation_of(tif, "translation.pdf", items=tr_items, total="132.00")
    assert found([tif, tr, receipt(total="132.00", amount_paid="132.00")], "AMOUNT_MISMATCH") == mismatch


def test_items_the_translation_does_not_bear_out_are_a_mismatch():
    photo = invoice("photo.jpeg", language="el", total="185.50", items=("60.00", "45.50"))
    other_rows = translation_of(photo, "translation.pdf", items=["61.00", "44.50", "40.00", "40.00"])
    not_adding_up = translation_of(photo, "translation.pdf", items=["60.00", "45.50", "40.00", "30.00"])
    for tr in (other_rows, not_adding_up):
        assert found([photo, tr, receipt(total="185.50", amount_paid="185.50")],
                     "AMOUNT_MISMATCH") == ["photo.jpeg"]


def test_rows_not_read_where_the_translation_total_was_not_read_either():
    """The translation's total line was garbled, but its four items make the invoice's total."""
    photo = invoice("photo.jpeg", language="el", total="185.50", items=("56.50", "48.00", "24.00"))
    tr = translation_of(photo, "translation.pdf", total=None, items=["56.50", "48.00", "57.00", "24.00"])
    assert found([photo, tr, receipt(total="185.50", amount_paid="185.50")], "AMOUNT_MISMATCH") == []
    short = translation_of(photo, "translation.pdf", total=None, items=["56.50", "48.00", "50.00", "24.00"])
    assert found([photo, short, receipt(total="185.50", amount_paid="185.50")], "AMOUNT_MISMATCH") == ["photo.jpeg"]


# --- misreadings another reading of the claim settles


def _spanish(**over):
    factura = invoice("factura.pdf", language="es", **over)
    return factura, translation_of(factura, "translation.pdf", items=ITEMS, total=TOTAL)


def test_an_item_digit_misread_that_the_translation_reads_right_is_no_mismatch():
    factura, tr = _spanish(items=("312.40", "137.90"))  # '137,60' read '137,90'
    assert found([factura, tr, receipt()], "AMOUNT_MISMATCH") == []


def test_a_total_comma_lost_that_the_translation_reads_right_is_no_mismatch():
    factura, tr = _spanish(total="45000.00")
    assert found([factura, tr, receipt()], "AMOUNT_MISMATCH") == []


def test_a_mismatch_the_translation_shares_is_still_found():
    factura = invoice("factura.pdf", language="es", items=("312.40", "127.60"))
    tr = translation_of(factura, "translation.pdf")
    assert found([factura, tr, receipt()], "AMOUNT_MISMATCH") == ["factura.pdf"]


def test_items_two_misreadings_from_the_translation_are_still_a_mismatch():
    factura, tr = _spanish(items=("312.40", "187.90"))  # two digits off: not one misreading
    assert found([factura, tr, receipt()], "AMOUNT_MISMATCH") == ["factura.pdf"]


def test_an_unread_total_is_the_translations_for_the_payment_check():
    factura, tr = _spanish(total=None)
    assert found([factura, tr, receipt(amount_paid="225.00", total="225.00")], "AMOUNT_MISMATCH") == ["factura.pdf"]
    assert found([factura, tr, receipt()], "AMOUNT_MISMATCH") == []


def test_an_unread_total_the_translation_gives_needs_no_warning():
    factura, tr = _spanish(total=None)
    assert found([factura, tr, receipt()], "LOW_CONFIDENCE") == []
    assert found([factura, receipt(amount_paid="400.00")], "LOW_CONFIDENCE") == ["factura.pdf"]


def test_item_and_total_each_a_digit_off_what_was_paid_is_no_mismatch():
    # one item '450.00' read '450.90', the total read '450.09'; the receipt paid 450.00
    docs = [invoice(items=("450.90",), total="450.09"), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == []


def test_a_total_a_digit_off_what_was_paid_is_no_mismatch_when_the_items_make_the_paid_sum():
    assert found([invoice(total="460.00"), receipt()], "AMOUNT_MISMATCH") == []


def test_items_a_digit_off_a_total_that_was_paid_are_still_a_mismatch():
    # the total and the receipt agree: the items' '10 short' is the bill's, not a misreading
    docs = [invoice(items=("312.40", "127.60")), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


def test_a_total_a_digit_off_the_paid_sum_with_items_far_from_both_is_still_a_mismatch():
    docs = [invoice(items=("200.00", "20.00"), total="460.00"), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


@pytest.mark.parametrize("items", [("312.90", "138.00"), ("312.00", "138.80"), ("312.00", "138.06")])
def test_an_item_cents_zero_misread_under_a_paid_total_is_no_mismatch(items):
    assert found([invoice(items=items), receipt()], "AMOUNT_MISMATCH") == []  # '312,00' read '312,90' ...


@pytest.mark.parametrize("items, paid", [
    (("312.40", "137.90"), "400.00"),  # the receipt does not pay the total: nothing bears it out
    (("312.40", "138.60"), "450.00"),  # a whole unit off: could be the bill's
    (("312.40", "136.70"), "450.00"),  # 0.90 off, but not one digit of one item
    (("312.40", "137.50"), "450.00"),  # a 5 for a 6 is no zero misread
])
def test_cents_off_without_a_paid_total_or_one_misread_digit_are_still_a_mismatch(items, paid):
    docs = [invoice(items=items), receipt(amount_paid=paid, total=paid)]
    assert "invoice.pdf" in found(docs, "AMOUNT_MISMATCH")


def test_a_translation_that_leaves_the_vat_off_as_its_original_does_settles_nothing():
    # items 400 + VAT 50 on top, yet the total is the net 400: on both documents
    factura = invoice("factura.pdf", language="es", items=("400.00",), total="400.00", vat="50.00",
                      vat_included=False)
    tr = translation_of(factura, "translation.pdf", vat="50.00", vat_included=False)
    assert found([factura, tr, receipt(amount_paid="400.00", total="400.00")], "AMOUNT_MISMATCH") == ["factura.pdf"]
    misread = factura.model_copy(update={"total": "40000.00"})  # the original's comma lost too
    assert found([misread, tr, receipt(amount_paid="400.00", total="400.00")], "AMOUNT_MISMATCH") == ["factura.pdf"]


# --- a total without items, read with a digit too many


def _unitemised(total: str):
    factura = invoice("factura.pdf", language="fr", items=(), total=total)
    return factura, translation_of(factura, "translation.pdf", items=[], total="202.50")


def test_a_total_the_translation_and_the_payment_both_read_otherwise_is_misread():
    factura, tr = _unitemised("2902.50")  # '202,50' read '2902,50'
    assert found([factura, tr, receipt(total="202.50", amount_paid="202.50")], "AMOUNT_MISMATCH") == []


def test_a_total_only_the_payment_reads_otherwise_is_still_a_mismatch():
    factura, _ = _unitemised("2902.50")
    assert found([factura, receipt(total="202.50", amount_paid="202.50")], "AMOUNT_MISMATCH") == ["factura.pdf"]


@pytest.mark.parametrize("total, translated", [("2802.60", "202.50"), ("2902.50", "2902.50")])
def test_a_total_two_misreadings_off_or_one_the_translation_shares_is_still_a_mismatch(total, translated):
    factura = invoice("factura.pdf", language="fr", items=(), total=total)
    tr = translation_of(factura, "translation.pdf", items=[], total=translated)
    assert found([factura, tr, receipt(total="202.50", amount_paid="202.50")], "AMOUNT_MISMATCH") == ["factura.pdf"]


def test_items_that_make_the_total_read_keep_it_against_the_translation_and_payment():
    factura = invoice("factura.pdf", language="fr", items=("2700.00", "202.50"), total="2902.50")
    tr = translation_of(factura, "translation.pdf", items=[], total="202.50")
    assert found([factura, tr, receipt(total="202.50", amount_paid="202.50")], "AMOUNT_MISMATCH") == ["factura.pdf"]


def test_one_of_three_items_misread_past_a_digit_that_the_translation_reads_right_is_no_mismatch():
    """'75,00' read '195,90': the total and the other two items are the translation's, whose items make it."""
    rechnung = invoice("rechnung.pdf", language="de", items=("195.90", "177.00", "50.50"), total="302.50")
    tr = translation_of(rechnung, "translation.pdf", items=["75.00", "177.00", "50.50"], total="302.50")
    paid = receipt(total="302.50", amount_paid="302.50")
    assert found([rechnung, tr, paid], "AMOUNT_MISMATCH") == []
    other_total = translation_of(rechnung, "translation.pdf", items=["75.00", "177.00", "50.50"], total="302.50")
    other_total = other_total.model_copy(update={"total": "312.50", "line_items": other_total.line_items})
    assert found([rechnung, other_total, paid], "AMOUNT_MISMATCH") == ["rechnung.pdf"]  # the translation does not add up
    two_off = translation_of(rechnung, "translation.pdf", items=["75.00", "187.00", "40.50"], total="302.50")
    assert found([rechnung, two_off, paid], "AMOUNT_MISMATCH") == ["rechnung.pdf"]  # the others misread too: not borne out


def test_a_one_item_bill_whose_item_and_total_are_misread_alike_is_the_paid_translations_sum():
    """'55,00' read '55,90' twice, on the item and on the total; the translation and the receipt read 55,00."""
    fatura = invoice("dok.tif", language="pt", items=("55.90",), total="55.90")
    tr = translation_of(fatura, "translation.pdf", items=["55.00"], total="55.00")
    assert found([fatura, tr, receipt(total="55.00", amount_paid="55.00")], "AMOUNT_MISMATCH") == []
    assert found([fatura, receipt(total="55.00", amount_paid="55.00")], "AMOUNT_MISMATCH") == ["dok.tif"]  # one reading against one
    unpaid_rest = translation_of(fatura, "translation.pdf", items=["55.90"], total="55.90")
    assert found([fatura, unpaid_rest, receipt(total="55.00", amount_paid="55.00")], "AMOUNT_MISMATCH") == ["dok.tif"]


def test_items_not_read_on_the_invoice_are_checked_on_its_translation():
    """A garbled row broke the invoice's run of items, none was read; its translation lists them."""
    fattura = invoice("fattura.pdf", language="it", items=(), total="524.95", vat="87.45", vat_included=False)
    short = translation_of(fattura, "translation.pdf", items=["211.50", "67.00", "62.00", "14.00", "25.50", "17.50"],
                           vat="87.45", vat_included=False)
    assert found([fattura, short, receipt(total="524.95", amount_paid="524.95")], "AMOUNT_MISMATCH") == ["fattura.pdf"]
    right = translation_of(fattura, "translation.pdf", items=["211.50", "67.00", "62.00", "14.00", "25.50", "57.50"],
                           vat="87.45", vat_included=False)
    assert found([fattura, right, receipt(total="524.95", amount_paid="524.95")], "AMOUNT_MISMATCH") == []
    assert found([fattura, receipt(total="524.95", amount_paid="524.95")], "AMOUNT_MISMATCH") == []  # nothing to check


def test_one_item_read_otherwise_where_the_translation_adds_up_to_the_same_total():
    """A noisy TIFF read '21,30' for '27,50' (two digits): its translation reads every item,
    the same total, and adds up; the receipt paid that total. No mismatch, and the barely
    read item is borne out."""
    tiff = invoice("IMG.tiff", language="fi", total="378.50", items=("63.00", "84.00", "21.30", "163.50", "40.50"))
    tr = translation_of(tiff, "translation.pdf", items=["63.00", "84.00", "27.50", "163.50", "40.50"])
    paid = receipt(total="378.50", amount_paid="378.50")
    assert found([tiff, tr, paid], "AMOUNT_MISMATCH") == []
    shaky = tiff.model_copy(update={"fields": [f.model_copy(update={"confidence": 0.3})
                                               if f.name == "line_items[2].amount" else f for f in tiff.fields]})
    assert found([shaky, tr, paid], "LOW_CONFIDENCE") == []


def test_items_read_otherwise_are_a_mismatch_where_the_translation_does_not_bear_the_total_out():
    tiff = invoice("IMG.tiff", language="fi", total="378.50", items=("63.00", "84.00", "21.30", "163.50", "40.50"))
    paid = receipt(total="378.50", amount_paid="378.50")
    cases = [
        # the translation repeats the bill's own items, which do not add up: a real mismatch
        translation_of(tiff, "translation.pdf"),
        # two items read otherwise
        translation_of(tiff, "translation.pdf", items=["63.00", "84.00", "27.50", "163.50", "34.30"]),
        # another total
        translation_of(tiff, "translation.pdf", total="372.30", items=["63.00", "84.00", "15.30", "163.50", "46.50"]),
        # a row fewer, one of the others read otherwise
        translation_of(tiff, "translation.pdf", items=["63.00", "84.00", "191.00", "40.50"]),
    ]
    for tr in cases:
        assert found([tiff, tr, paid], "AMOUNT_MISMATCH") == ["IMG.tiff"], tr.line_items
    two = invoice("IMG.tiff", language="fi", total="90.00", items=("50.00", "21.30"))  # two items: too few to tell
    assert found([two, translation_of(two, "translation.pdf", items=["50.00", "40.00"]),
                  receipt(total="90.00", amount_paid="90.00")], "AMOUNT_MISMATCH") == ["IMG.tiff"]


# --- an itemised bill whose total was read several digits off


def _tiff_bill(total: str = "1906.56", items=("71.50", "35.90")):
    rechnung = invoice("IMG.tiff", language="de", items=items, total=total)
    return rechnung, translation_of(rechnung, "translation.pdf", items=["71.50", "35.00"], total="106.50")


def test_a_total_the_translation_reads_with_the_same_items_and_the_payment_confirms_is_the_bills():
    """'1906,56' for '106,50' and an item '35,90' for '35,00': the translation reads the
    items alike, they make its total, and the receipt paid exactly that."""
    rechnung, tr = _tiff_bill()
    assert found([rechnung, tr, receipt(total="106.50", amount_paid="106.50")], "AMOUNT_MISMATCH") == []


@pytest.mark.parametrize("paid", [None, "100.00", "1906.56"])
def test_a_total_neither_confirmed_by_the_payment_is_still_a_mismatch(paid):
    rechnung, tr = _tiff_bill()
    docs = [rechnung, tr] + ([receipt(total=paid, amount_paid=paid)] if paid else [])
    assert found(docs, "AMOUNT_MISMATCH") == ["IMG.tiff"]


def test_a_translation_whose_items_differ_or_do_not_make_its_total_confirms_nothing():
    rechnung, tr = _tiff_bill()
    other = tr.model_copy(update={"line_items": [i.model_copy(update={"amount": a}) for i, a in
                                                 zip(tr.line_items, ("71.50", "52.00"))], "total": "123.50"})
    assert found([rechnung, other, receipt(total="123.50", amount_paid="123.50")], "AMOUNT_MISMATCH") == ["IMG.tiff"]
    short = tr.model_copy(update={"total": "110.50"})  # its items make 106,50
    assert found([rechnung, short, receipt(total="110.50", amount_paid="110.50")], "AMOUNT_MISMATCH") == ["IMG.tiff"]


def test_items_that_make_the_bills_own_total_keep_it_against_the_translation():
    rechnung, tr = _tiff_bill(total="107.40")  # 71,50 + 35,90
    assert found([rechnung, tr, receipt(total="106.50", amount_paid="106.50")], "AMOUNT_MISMATCH") == ["IMG.tiff"]


def _vat_bill():
    """A till bill whose total ('T77; 12') and VAT ('33712') were not read; the translation
    reads its one item, the VAT on top and the total."""
    fatura = invoice("fatura.pdf", language="pt", items=("144.00",), total=None, vat=None)
    tr = translation_of(fatura, "translation.pdf", total="177.12", vat="33.12", vat_included=False)
    return fatura, tr


def test_a_bill_whose_total_and_vat_were_not_read_takes_both_from_the_translation_reading_its_items():
    fatura, tr = _vat_bill()
    assert found([fatura, tr, receipt(total="177.12", amount_paid="177.12")], "AMOUNT_MISMATCH") == []


def test_a_bill_whose_total_stands_in_from_the_translation_is_still_short_paid():
    fatura, tr = _vat_bill()
    assert found([fatura, tr, receipt(total="144.00", amount_paid="144.00")], "AMOUNT_MISMATCH") == ["fatura.pdf"]


def test_a_translation_whose_items_do_not_make_its_total_stands_in_for_nothing():
    fatura, tr = _vat_bill()
    off = tr.model_copy(update={"vat": "30.00"})
    assert found([fatura, off, receipt(total="177.12", amount_paid="177.12")], "AMOUNT_MISMATCH") == []
    assert found([fatura, off, receipt(total="177.12", amount_paid="177.12")], "LOW_CONFIDENCE") == ["fatura.pdf"]


def test_a_bills_one_item_and_total_misread_alike_are_put_right_by_the_translation_and_payment():
    """'55,90' for '55,00' in the item and the total (printed alike, misread alike): the
    translation reads 55,00 for both and the receipt paid 55,00."""
    fatura = invoice("dok.tif", language="pt", items=("55.90",), total="55.90")
    tr = translation_of(fatura, "translation.pdf", items=["55.00"], total="55.00")
    assert found([fatura, tr, receipt(total="55.00", amount_paid="55.00")], "AMOUNT_MISMATCH") == []
    assert found([fatura, receipt(total="55.00", amount_paid="55.00")], "AMOUNT_MISMATCH") == ["dok.tif"]
    far = fatura.model_copy(update={"total": "65.90", "line_items": [fatura.line_items[0].model_copy(
        update={"amount": "65.90"})]})  # two digits off the payment: a bill of its own
    assert found([far, tr, receipt(total="55.00", amount_paid="55.00")], "AMOUNT_MISMATCH") == ["dok.tif"]



def _items_unread(translated_items=("211.50", "67.00", "62.00", "14.00", "25.50", "17.50"), total="524.95"):
    """An invoice whose total and VAT were read but none of its items; the translation
    reads the items, the VAT and the same total."""
    fattura = invoice("fattura.pdf", language="it", items=(), total="524.95", vat="87.45")
    return fattura, translation_of(fattura, "translation.pdf", items=list(translated_items), total=total, vat="87.45")


def test_items_only_the_translation_reads_are_checked_against_the_total_both_read():
    fattura, tr = _items_unread()  # 397,50 + 87,45 makes 484,95, not 524,95
    assert found([fattura, tr, receipt(total="524.95", amount_paid="524.95")], "AMOUNT_MISMATCH") == ["fattura.pdf"]


def test_items_the_translation_reads_that_make_the_total_are_no_mismatch():
    fattura, tr = _items_unread(("211.50", "67.00", "62.00", "14.00", "25.50", "57.50"))
    assert found([fattura, tr, receipt(total="524.95", amount_paid="524.95")], "AMOUNT_MISMATCH") == []


def test_a_translation_reading_another_total_stands_in_for_no_unread_items():
    fattura, tr = _items_unread(total="484.95")  # the totals disagree: nothing is read twice
    assert found([fattura, tr, receipt(total="524.95", amount_paid="524.95")], "AMOUNT_MISMATCH") == []


def test_an_unread_total_is_the_translations_where_an_item_has_a_rule_read_as_a_minus():
    """'-159,00': the rule before the amount read as a minus; the translation reads 159,00 and its total."""
    fattura = invoice("dok.tif", language="it", items=("-159.00", "85.00"), total=None)
    tr = translation_of(fattura, "dok_en.tif", items=["159.00", "85.00"], total="244.00")
    assert found([fattura, tr, receipt(total="244.00", amount_paid="244.00")], "AMOUNT_MISMATCH") == []
    short = translation_of(fattura, "dok_en.tif", items=["159.00", "85.00"], total="244.00")
    assert found([fattura, short, receipt(total="200.00", amount_paid="200.00")], "AMOUNT_MISMATCH") == ["dok.tif"]  # paid short


def test_a_total_two_characters_off_what_its_items_and_vat_make_and_the_receipt_paid_is_misread():
    """'4717,58' for '477,50': the item with its VAT and the payment agree to the cent."""
    faktura = invoice("IMG.tiff", language="da", items=("382.00",), vat="95.50", vat_included=False, total="4717.58")
    assert found([faktura, receipt(total="477.50", amount_paid="477.50")], "AMOUNT_MISMATCH") == []
    far = faktura.model_copy(update={"total": "5917.58"})  # three characters off: the bill's own figure
    assert found([far, receipt(total="477.50", amount_paid="477.50")], "AMOUNT_MISMATCH") == ["IMG.tiff"]
    other_payment = receipt(total="470.00", amount_paid="470.00")  # the items make no payment
    assert found([faktura, other_payment], "AMOUNT_MISMATCH") == ["IMG.tiff"]


def _unread_total_beside_a_short_translation(paid: str, tr_items=("50.00", "60.00", "89.00", "108.00", "27.00", "17.00")):
    """Seed 169: a till invoice whose total OCR garbled ('371,890') and items misread
    (dotted zeros), its translation reading the same bill, whose items (351,00) do not
    make its total (371,00)."""
    facture = invoice("IMG.tiff", language="fr", items=("50.00", "60.00", "89.09", "1908.00", "17.00"), total=None)
    tr = translation_of(facture, "oversatt.pdf", items=list(tr_items), total="371.00", text_source="text_layer")
    return [facture, tr, receipt(total=paid, amount_paid=paid)]


def test_an_unread_total_is_the_translations_that_the_receipt_paid_where_the_translation_does_not_add_up():
    docs = _unread_total_beside_a_short_translation("371.00")
    assert found(docs, "AMOUNT_MISMATCH") == ["IMG.tiff"]
    assert found(docs, "LOW_CONFIDENCE") == []


def test_an_unread_total_is_not_the_translations_where_the_receipt_paid_another_sum():
    docs = _unread_total_beside_a_short_translation("351.00")
    assert found(docs, "AMOUNT_MISMATCH") == []
    assert found(docs, "LOW_CONFIDENCE") == ["IMG.tiff"]


def test_an_unread_total_is_not_the_translations_where_a_translation_item_is_unread():
    docs = _unread_total_beside_a_short_translation("371.00", tr_items=("50.00", "60.00", "89.00", "1O8.00", "27.00", "17.00"))
    assert found(docs, "LOW_CONFIDENCE") == ["IMG.tiff"]


def test_an_unread_total_is_not_the_translations_where_the_translation_was_read_by_ocr():
    """An OCR read translation whose items miss its total may itself be misread (the
    translation's VAT read '30,00' for '33,12'): it stands in for nothing."""
    facture, tr, paid = _unread_total_beside_a_short_translation("371.00")
    docs = [facture, tr.model_copy(update={"text_source": "ocr"}), paid]
    assert found(docs, "AMOUNT_MISMATCH") == []
    assert found(docs, "LOW_CONFIDENCE") == ["IMG.tiff"]


def _items_left_unread(doc_, count: str = "3"):
    """The extractor's count of item rows whose amounts it could not read."""
    from claim_intake.model import ExtractedField

    unread = ExtractedField(name="line_items_unread", value=count, page=1, source_text="", confidence=0.28)
    return doc_.model_copy(update={"fields": [*doc_.fields, unread]})


def test_items_short_of_the_total_beside_unread_item_rows_are_no_mismatch_but_a_warning():
    """Seed 214: only 'Medication 8.00' read of six items, three others garbled ('T2750')."""
    bill = _items_left_unread(invoice("IMG08336.tiff", items=("8.00",), total="261.00"))
    docs = [bill, receipt(total="261.00", amount_paid="261.00")]
    assert found(docs, "AMOUNT_MISMATCH") == []
    assert found(docs, "LOW_CONFIDENCE") == ["IMG08336.tiff"]


def test_items_over_the_total_beside_unread_rows_are_still_a_mismatch():
    bill = _items_left_unread(invoice(items=("200.00", "100.00"), total="261.00"))
    docs = [bill, receipt(total="261.00", amount_paid="261.00")]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"]


def test_items_short_of_the_total_with_every_row_read_are_a_mismatch():
    docs = [invoice(items=("8.00",), total="261.00"), receipt(total="261.00", amount_paid="261.00")]
    assert found(docs, "AMOUNT_MISMATCH") == ["invoice.pdf"] and found(docs, "LOW_CONFIDENCE") == []


def test_unread_rows_beside_items_that_add_up_raise_nothing():
    docs = [_items_left_unread(invoice(), "1"), receipt()]
    assert found(docs, "AMOUNT_MISMATCH") == [] and found(docs, "LOW_CONFIDENCE") == []


def test_unread_rows_whose_items_the_translation_lists_in_full_raise_nothing():
    """Seed 222: 'échographie 84,909' unread on a photo; the translation lists all four items."""
    bill = _items_left_unread(invoice("photo.jpeg", language="fr", items=("113.00", "424.50", "64.00"),
                                      total="686.50"), "1")
    tr = translation_of(bill, "photo_en.pdf", items=["113.00", "424.50", "64.00", "85.00"], total="686.50")
    docs = [bill, tr, receipt(total="686.50", amount_paid="686.50")]
    assert found(docs, "AMOUNT_MISMATCH") == [] and found(docs, "LOW_CONFIDENCE") == []


def _photo_bill_with_a_garbled_row(translated_items):
    """Seed 244: one item row of a photographed bill garbled past reading; its
    translation, read whole, lists every item and the same total."""
    bill = _items_left_unread(invoice("photo.jpeg", language="pl", items=("120.00", "80.00"),
                                      total="300.00"), "1")
    tr = translation_of(bill, "photo_en.pdf", items=list(translated_items), total="300.00")
    return [bill, tr, receipt(total="300.00", amount_paid="300.00")]


def test_unread_rows_whose_items_the_translation_lists_short_of_the_total_are_a_mismatch():
    docs = _photo_bill_with_a_garbled_row(["120.00", "80.00", "60.00"])  # 260,00 of 300,00
    assert found(docs, "AMOUNT_MISMATCH") == ["photo.jpeg"]
    assert found(docs, "LOW_CONFIDENCE") == []


def test_unread_rows_beside_a_translation_making_the_total_are_still_no_mismatch():
    docs = _photo_bill_with_a_garbled_row(["120.00", "80.00", "100.00"])
    assert found(docs, "AMOUNT_MISMATCH") == [] and found(docs, "LOW_CONFIDENCE") == []


def test_unread_rows_beside_a_translation_of_another_total_or_other_items_stay_a_warning():
    bill, tr, paid = _photo_bill_with_a_garbled_row(["120.00", "80.00", "60.00"])
    other_total = tr.model_copy(update={"total": "260.00"})  # the two readings disagree on the total
    assert found([bill, other_total, paid], "AMOUNT_MISMATCH") == []
    assert found([bill, other_total, paid], "LOW_CONFIDENCE") == ["photo.jpeg"]
    _, other_items, _ = _photo_bill_with_a_garbled_row(["310.00", "95.00", "60.00"])  # not the items read here
    assert found([bill, other_items, paid], "AMOUNT_MISMATCH") == []
    assert found([bill, other_items, paid], "LOW_CONFIDENCE") == ["photo.jpeg"]


def _garbled_total(readings: str, translated_total: str = "223.50", translated_items=("156.50", "57.00")):
    """Seed 250: a TIFF's total read '223,590' (no total taken, its readings kept); the
    translation, a scan too, reads the same items and a total."""
    from claim_intake.model import ExtractedField

    fattura = invoice("dok.tif", language="it", items=("156.50", "57.00"), total=None, marked_paid=True)
    field = ExtractedField(name="total_readings", value=readings, page=1, source_text="", confidence=0.3)
    fattura = fattura.model_copy(update={"fields": [*fattura.fields, field]})
    tr = translation_of(fattura, "scan.pdf", items=list(translated_items), total=translated_total)
    return [fattura, tr]


def test_a_garbled_total_read_as_the_translations_total_is_checked_against_the_items():
    docs = _garbled_total("223.50 223.59 223.90")  # the items make 213,50
    assert found(docs, "AMOUNT_MISMATCH") == ["dok.tif"] and found(docs, "LOW_CONFIDENCE") == []


def test_a_garbled_total_none_of_whose_readings_is_the_translations_stays_unread():
    docs = _garbled_total("224.50 224.59 224.90")
    assert found(docs, "AMOUNT_MISMATCH") == [] and found(docs, "LOW_CONFIDENCE") == ["dok.tif"]


def test_a_garbled_total_beside_a_translation_of_other_items_stays_unread():
    docs = _garbled_total("223.50 223.59 223.90", translated_items=("310.00", "57.00"))
    assert found(docs, "AMOUNT_MISMATCH") == [] and found(docs, "LOW_CONFIDENCE") == ["dok.tif"]


def test_a_bill_whose_dotted_zeros_ocr_misread_is_put_right_by_its_translation():
    """Seed 251: '157,66' and '98,90' for 157,00 and 98,00; the translation reads them whole."""
    tif = invoice("IMG07453.tiff", language="el", total="157.66", items=("59.00", "98.90"), marked_paid=True)
    tr = translation_of(tif, "document(2).pdf", total="157.00", items=["59.00", "98.00"])
    assert found([tif, tr], "AMOUNT_MISMATCH") == []
    assert found([tif], "AMOUNT_MISMATCH") == ["IMG07453.tiff"]  # alone, nothing settles it
    short = translation_of(tif, "document(2).pdf", total="157.00", items=["59.00", "90.00"])  # a real gap
    assert found([tif, short], "AMOUNT_MISMATCH") == ["IMG07453.tiff"]


def test_a_text_layer_bill_that_does_not_add_up_is_not_settled_by_an_ocr_translation_that_does():
    """Seed 270: a born-digital Greek bill, 51,50 + 31,50 against 123,00; its scanned
    translation's '31,50' taken by OCR's repair for 71,50, which makes the total."""
    bill = invoice("Scan_9921.pdf", language="el", items=("51.50", "31.50"), total="123.00", text_source="text_layer")
    tr = translation_of(bill, "vedlegg955.pdf", items=["51.50", "71.50"], text_source="ocr")
    assert found([bill, tr], "AMOUNT_MISMATCH") == ["Scan_9921.pdf"]
    scanned = bill.model_copy(update={"text_source": "ocr"})  # two OCR readings: the one that adds up may be right
    assert found([scanned, tr], "AMOUNT_MISMATCH") == []


def test_an_ocr_bill_whose_repaired_items_add_up_beside_a_text_layer_translation_that_does_not_is_a_mismatch():
    """Seed 270: a scan's 'Verikokeet 37,50 37,90' repaired to 57,50 to make 439,00; the
    born-digital translation reads 37,50, and its items make 419,00."""
    items = ("184.50", "98.50", "33.50", "57.50", "40.00", "25.00")
    bill = invoice("202608211429.pdf", language="fi", items=items, total="439.00", text_source="ocr")
    tr = translation_of(bill, "document(7).pdf", items=["184.50", "98.50", "33.50", "37.50", "40.00", "25.00"],
                        text_source="text_layer")
    paid = receipt(total="439.00", amount_paid="439.00")
    assert found([bill, tr, paid], "AMOUNT_MISMATCH") == ["202608211429.pdf"]
    same = translation_of(bill, "document(7).pdf", text_source="text_layer")  # reads the same items: in order
    assert found([bill, same, paid], "AMOUNT_MISMATCH") == []
    far = translation_of(bill, "document(7).pdf", items=["184.50", "98.50", "33.50", "7.50", "40.00", "25.00"],
                         total="389.00", text_source="text_layer")  # another total: another reading altogether
    assert found([bill, far, paid], "AMOUNT_MISMATCH") == []
