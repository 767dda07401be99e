"""Amount rows read as cells: the cases found on the sample set."""

from decimal import Decimal

from extractors.amounts import extract_amounts, parse_amount
from tests.helpers import doc_from_text


def test_space_grouped_amount_is_not_merged_with_the_quantity_column():
    doc = doc_from_text(
        "Tjänst            Datum        Antal     Belopp\n"
        "Specialistbesök   2026-07-02   1      2 220,00 SEK\n"
        "Provtagning       2026-07-02   2      1 240,00 SEK\n"
        "Totalt                                3 460,00 SEK\n")
    result = extract_amounts(doc, "sv")
    assert [i.amount for i in result.line_items] == ["2220.00", "1240.00"]
    assert result.total == Decimal("3460.00") and result.currency == "SEK"
    assert result.amount_paid is None  # a column header is not a 'paid' label


def test_label_standing_alone_takes_the_value_below():
    doc = doc_from_text("Faktura 2026-1337\nKonsultation        450,00 kr\nAt betale:\n450,00 kr\n")
    assert extract_amounts(doc, "da").total == Decimal("450.00")


def test_total_is_the_labelled_one_not_the_largest_number():
    doc = doc_from_text("Tel 22 33 44 55  Org.nr 912 345 678\nKonsultasjon        650,00\n"
                        "Tidligere saldo   9 999,00\nÅ betale            650,00 kr\n")
    assert extract_amounts(doc, "no").total == Decimal("650.00")


def test_dates_and_percentages_are_not_amounts():
    assert parse_amount("12.03.2026") is None
    assert parse_amount("21%") is None
