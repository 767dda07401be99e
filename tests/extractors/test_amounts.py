"""Money facts of invoices, receipts and card slips in all 13 languages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.amounts import cent_zero_misread, extract_amounts, parse_amount
from tests.helpers import doc_from_text

D = Decimal


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.234,56", "de", "1234.56"),
        ("1 234,56", "no", "1234.56"),
        ("1\u00a0234,56", "sv", "1234.56"),
        ("1\u202f234,56", "fr", "1234.56"),
        ("1,234.56", "en", "1234.56"),
        ("1234,56 kr", "da", "1234.56"),
        ("€ 85,00", "es", "85.00"),
        ("85,00 €", "fr", "85.00"),
        ("85 €", "it", "85.00"),
        ("EUR 85.00", None, "85.00"),
        ("120,00 zł", "pl", "120.00"),
        ("£45.00", "en", "45.00"),
        ("1.234,-", "no", "1234.00"),
        ("kr 450,-", "no", "450.00"),
        ("450", None, "450.00"),
        ("1.234.567,89", "de", "1234567.89"),
        ("-50,00", "nl", "-50.00"),
        # OCR slips: letter O for zero, '.' read for ',', a stray space
        ("45O,OO", "no", "450.00"),
        ("1.234.56", "de", "1234.56"),
        ("450, 00", "sv", "450.00"),
        # three digits after the only separator: the language decides
        ("1.234", "de", "1234.00"),
        ("1,234", "en", "1234.00"),
    ],
)
def test_parse_amount_formats(text, language, expected):
    assert parse_amount(text, language) == D(expected)


@pytest.mark.parametrize("garbage", ["", "abc", "N/A", "12.03.2026", "21%", "Tel 22 33 44 55", "12,3,4"])
def test_parse_amount_garbage_is_none(garbage):
    assert parse_amount(garbage) is None


def _items(result):
    return [(i.description, i.amount) for i in result.line_items]


def test_norwegian_table_vat_included():
    doc = doc_from_text(
        "Fysioterapi Oslo AS   Org.nr 912 345 678 MVA   Tlf 22 33 44 55\n"
        "Fakturanr.: 2026-0815\n"
        "Dato         Kode    Beskrivelse              Antall     Beløp\n"
        "12.03.2026   A1      Konsultasjon                  1    450,00\n"
        "12.03.2026   B2      Ultralyd                      1    800,00\n"
        "Totalt                                                 1 250,00 kr\n"
        "Herav mva                                                250,00\n"
    )
    r = extract_amounts(doc, "no")
    assert r.currency == "NOK"
    assert r.total == D("1250.00")
    assert _items(r) == [("Konsultasjon", "450.00"), ("Ultralyd", "800.00")]
    assert r.vat == D("250.00") and r.vat_included is True
    assert r.invoice_number == "2026-0815"
    assert r.marked_paid is False and r.amount_paid is None


def test_norwegian_invoice_from_spain_is_in_euro():
    doc = doc_from_text(
        "Clínica Nórdica Marbella   Tlf +34 952 123 456\n"
        "Faktura nr 77/2026\n"
        "Konsultasjon allmennlege        85,00 €\n"
        "Blodprøve                       40,00 €\n"
        "Å betale                       125,00 €\n"
    )
    r = extract_amounts(doc, "no")
    assert r.currency == "EUR" and r.total == D("125.00")
    assert _items(r) == [("Konsultasjon allmennlege", "85.00"), ("Blodprøve", "40.00")]
    assert r.invoice_number == "77/2026"


def test_danish_kr_is_dkk_and_paid_stamp():
    doc = doc_from_text(
        "Tandlæge Jensen ApS\n"
        "Fakturanummer 4411\n"
        "Ydelse                          Beløb\n"
        "Undersøgelse                   400,00\n"
        "Rensning                       350,00\n"
        "I alt                          750,00 kr.\n"
        "                 BETALT\n"
    )
    r = extract_amounts(doc, "da")
    assert r.currency == "DKK" and r.total == D("750.00")
    assert _items(r) == [("Undersøgelse", "400.00"), ("Rensning", "350.00")]
    assert r.invoice_number == "4411" and r.marked_paid is True


def test_swedish_kr_is_sek_and_paid_line():
    doc = doc_from_text(
        "Vårdcentralen Syd   Tel 08-123 45 67\n"
        "Besök läkare ......................  300,00 kr\n"
        "Att betala                           300,00 kr\n"
        "Betalt med kort                      300,00 kr\n"
    )
    r = extract_amounts(doc, "sv")
    assert r.currency == "SEK" and r.total == D("300.00") and r.amount_paid == D("300.00")
    assert _items(r) == [("Besök läkare", "300.00")]


def test_english_vat_on_top_with_subtotal():
    doc = doc_from_text(
        "Invoice No: INV-2026-001          Phone 020 7946 0958\n"
        "Description              Qty      Unit price      Amount\n"
        "Physiotherapy session     2          £60.00     £120.00\n"
        "Sports massage            1          £40.00      £40.00\n"
        "Subtotal                                        £160.00\n"
        "VAT 20%                                          £32.00\n"
        "Total                                           £192.00\n"
        "Previous balance                              £1,500.00\n"
    )
    r = extract_amounts(doc, "en")
    assert r.currency == "GBP" and r.total == D("192.00")
    assert _items(r) == [("Physiotherapy session", "120.00"), ("Sports massage", "40.00")]
    assert r.vat == D("32.00") and r.vat_included is False
    assert r.invoice_number == "INV-2026-001"


def test_spanish_card_slip():
    doc = doc_from_text(
        "FARMACIA CENTRAL\n"
        "COPIA PARA EL CLIENTE\n"
        "VISA ************1234\n"
        "TOTAL EUR              85,00\n"
        "OPERACIÓN APROBADA\n"
    )
    r = extract_amounts(doc, "es")
    assert r.currency == "EUR" and r.total == D("85.00") and r.amount_paid == D("85.00")
    assert r.line_items == []


def test_english_card_slip_customer_copy():
    doc = doc_from_text("CUSTOMER COPY\nSALE\nCONTACTLESS\nTOTAL EUR 85,00\nAPPROVED\n")
    r = extract_amounts(doc, "en")
    assert r.total == D("85.00") and r.amount_paid == D("85.00") and r.currency == "EUR"


def test_spanish_invoice_iva_included():
    doc = doc_from_text(
        "FACTURA Nº 2026-0142\n"
        "Concepto                                Importe\n"
        "Consulta dermatológica                  85,00 €\n"
        "Biopsia cutánea                        120,00 €\n"
        "Base imponible                         169,42 €\n"
        "IVA 21%                                 35,58 €\n"
        "Total a pagar                          205,00 €\n"
        "                 PAGADO\n"
    )
    r = extract_amounts(doc, "es")
    assert r.currency == "EUR" and r.total == D("205.00")
    assert _items(r) == [("Consulta dermatológica", "85.00"), ("Biopsia cutánea", "120.00")]
    assert r.vat == D("35.58") and r.vat_included is True
    assert r.invoice_number == "2026-0142" and r.marked_paid is True


def test_german_mwst_on_top_and_bezahlt():
    doc = doc_from_text(
        "Rechnungsnummer: RE-2026-02304\n"
        "Datum        Leistung                          Betrag\n"
        "03.02.2026   Erstuntersuchung                  100,00\n"
        "03.02.2026   Laboruntersuchung                  50,00\n"
        "Zwischensumme                                  150,00\n"
        "MwSt. 19 %                                      28,50\n"
        "Rechnungsbetrag                                178,50 EUR\n"
        "Status: bezahlt\n"
    )
    r = extract_amounts(doc, "de")
    assert r.currency == "EUR" and r.total == D("178.50")
    assert _items(r) == [("Erstuntersuchung", "100.00"), ("Laboruntersuchung", "50.00")]
    assert r.vat == D("28.50") and r.vat_included is False
    assert r.invoice_number == "RE-2026-02304" and r.marked_paid is True


def test_french_ttc_and_paye():
    doc = doc_from_text(
        "N° de facture : F-2026/118\n"
        "Désignation                        Montant\n"
        "Consultation ophtalmologique        60,00 €\n"
        "Fond d'oeil                         30,00 €\n"
        "Total HT                            90,00 €\n"
        "Total TTC                           90,00 €\n"
        "PAYÉ\n"
    )
    r = extract_amounts(doc, "fr")
    assert r.currency == "EUR" and r.total == D("90.00")
    assert _items(r) == [("Consultation ophtalmologique", "60.00"), ("Fond d'oeil", "30.00")]
    assert r.invoice_number == "F-2026/118" and r.marked_paid is True


def test_polish_zloty():
    doc = doc_from_text(
        "Faktura nr FV/12/2026\n"
        "Lp   Opis                          Ilość     Kwota\n"
        "1    Wizyta lekarska                   1    200,00 zł\n"
        "2    Badanie krwi                      1     80,00 zł\n"
        "Do zapłaty                                  280,00 zł\n"
        "ZAPŁACONO\n"
    )
    r = extract_amounts(doc, "pl")
    assert r.currency == "PLN" and r.total == D("280.00")
    assert _items(r) == [("Wizyta lekarska", "200.00"), ("Badanie krwi", "80.00")]
    assert r.invoice_number == "FV/12/2026" and r.marked_paid is True


def test_italian_fattura():
    doc = doc_from_text(
        "Fattura n. 58/2026\n"
        "Descrizione                          Importo\n"
        "Visita specialistica                 120,00\n"
        "Marca da bollo                         2,00\n"
        "Totale da pagare                     122,00 €\n"
        "PAGATO\n"
    )
    r = extract_amounts(doc, "it")
    assert r.currency == "EUR" and r.total == D("122.00")
    assert _items(r) == [("Visita specialistica", "120.00"), ("Marca da bollo", "2.00")]
    assert r.invoice_number == "58/2026" and r.marked_paid is True


def test_dutch_btw_and_betaald():
    doc = doc_from_text(
        "Factuurnummer: 2026.0311\n"
        "Omschrijving                         Bedrag\n"
        "Consult huisarts                    € 45,00\n"
        "Totaal                              € 45,00\n"
        "BTW 0%                               € 0,00\n"
        "BETAALD\n"
    )
    r = extract_amounts(doc, "nl")
    assert r.currency == "EUR" and r.total == D("45.00")
    assert _items(r) == [("Consult huisarts", "45.00")]
    assert r.vat == D("0.00") and r.invoice_number == "2026.0311" and r.marked_paid is True


def test_portuguese_fatura():
    doc = doc_from_text(
        "Fatura n.º FT 2026/77\n"
        "Descrição                             Valor\n"
        "Consulta de medicina geral            50,00 €\n"
        "Análises clínicas                     25,00 €\n"
        "Total a pagar                         75,00 €\n"
        "PAGO\n"
    )
    r = extract_amounts(doc, "pt")
    assert r.currency == "EUR" and r.total == D("75.00")
    assert _items(r) == [("Consulta de medicina geral", "50.00"), ("Análises clínicas", "25.00")]
    assert r.invoice_number == "FT 2026/77" and r.marked_paid is True


def test_finnish_lasku_alv_included():
    doc = doc_from_text(
        "Laskun numero 100234\n"
        "Kuvaus                                Summa\n"
        "Lääkärin vastaanotto                  95,00\n"
        "Laboratoriokokeet                     35,00\n"
        "Yhteensä                             130,00 €\n"
        "josta alv                              0,00\n"
        "MAKSETTU\n"
    )
    r = extract_amounts(doc, "fi")
    assert r.currency == "EUR" and r.total == D("130.00")
    assert _items(r) == [("Lääkärin vastaanotto", "95.00"), ("Laboratoriokokeet", "35.00")]
    assert r.vat == D("0.00") and r.vat_included is True
    assert r.invoice_number == "100234" and r.marked_paid is True


def test_greek_apodeixi():
    doc = doc_from_text(
        "Αριθμός τιμολογίου: 2026-55\n"
        "Περιγραφή                             Ποσό\n"
        "Ιατρική επίσκεψη                     60,00 €\n"
        "Ηλεκτροκαρδιογράφημα                 40,00 €\n"
        "Σύνολο                              100,00 €\n"
        "ΕΞΟΦΛΗΘΗΚΕ\n"
    )
    r = extract_amounts(doc, "el")
    assert r.currency == "EUR" and r.total == D("100.00")
    assert _items(r) == [("Ιατρική επίσκεψη", "60.00"), ("Ηλεκτροκαρδιογράφημα", "40.00")]
    assert r.invoice_number == "2026-55" and r.marked_paid is True


def test_unpaid_is_not_marked_paid():
    doc = doc_from_text("Fakturanr 12\nKonsultasjon        450,00\nÅ betale            450,00\nStatus: ikke betalt\n")
    assert extract_amounts(doc, "no").marked_paid is False


def test_items_without_total_leave_total_empty():
    doc = doc_from_text("Beskrivelse                  Beløp\nKonsultasjon                450,00\nRøntgen                     600,00\n")
    r = extract_amounts(doc, "no")
    assert r.total is None
    assert _items(r) == [("Konsultasjon", "450.00"), ("Røntgen", "600.00")]


def test_ocr_noise_in_amounts():
    doc = doc_from_text(
        "Beskrivelse                  Beløp\n"
        "Konsultasjon                45O,OO\n"
        "Totalt                      45O,OO kr\n",
        conf=0.7,
    )
    r = extract_amounts(doc, "no")
    assert r.total == D("450.00") and _items(r) == [("Konsultasjon", "450.00")]
    total = next(f for f in r.fields if f.name == "total")
    assert total.page == 1 and total.box is not None and "Totalt" in total.source_text
    assert 0 < total.confidence <= 0.7


def test_provenance_of_every_fact():
    doc = doc_from_text("Fakturanr 99\nKonsultasjon        450,00 kr\nÅ betale            450,00 kr\n")
    names = {f.name for f in extract_amounts(doc, "no").fields}
    assert {"currency", "total", "invoice_number", "line_items[0].amount", "line_items[0].description"} <= names


def test_swedish_kr_invoice_to_a_patient_in_norway_is_sek():
    doc = doc_from_text(
        "Vårdcentralen Syd, Fleminggatan 22, Stockholm, Sverige\n"
        "Patient: Storgata 1, 4012 Stavanger, Norge   Tel +47 22 33 44 55\n"
        "Besök läkare                     300,00 kr\n"
        "Att betala                       300,00 kr\n"
    )
    assert extract_amounts(doc, "sv").currency == "SEK"


def test_english_kr_invoice_takes_the_clinics_country():
    doc = doc_from_text(
        "Lund Clinic, Sweden   Tel +46 46 123 456\n"
        "Patient address: Oslo, Norway\n"
        "Consultation                     300,00 kr\n"
        "Total                            300,00 kr\n"
    )
    assert extract_amounts(doc, "en").currency == "SEK"


def test_english_kr_without_any_cue_names_no_currency():
    doc = doc_from_text("Consultation          300,00 kr\nTotal                 300,00 kr\n")
    assert extract_amounts(doc, "en").currency is None


def test_a_country_named_in_several_languages_counts_once():
    doc = doc_from_text(
        "Vårdcentralen Kungsholmen, Stockholm\n"
        "Patient: Fjellveien 3B, 5019 Bergen, Norge\n"
        "Läkarbesök                       210,00\n"
        "ATT BETALA                       210,00 kr\n"
    )
    assert extract_amounts(doc, "sv").currency == "SEK"


def test_french_card_slip_with_a_stray_space_in_the_amount():
    doc = doc_from_text(
        "CABINET MÉDICAL DES LICES\n"
        "MASTERCARD **** 3646\n"
        "MONTANT EUR 170, 88\n"
        "TICKET CLIENT\n"
    )
    r = extract_amounts(doc, "fr")
    assert r.amount_paid == D("170.88") and r.total == D("170.88") and r.currency == "EUR"


def test_amount_column_header_on_an_invoice_is_no_payment():
    doc = doc_from_text(
        "Rechnungsnummer 2026-77\n"
        "Betrag\n"
        "Erstuntersuchung                 164,50\n"
        "Gesamtbetrag                     164,50 EUR\n"
    )
    r = extract_amounts(doc, "de")
    assert r.amount_paid is None and r.total == D("164.50")


def test_portuguese_receipt_states_the_sum_received():
    doc = doc_from_text("Recibo n.º 151190828\nA quantia de: 173,53 €\nData: 30/07/2026\n")
    r = extract_amounts(doc, "pt")
    assert r.amount_paid == D("173.53") and r.total == D("173.53") and r.currency == "EUR"


def test_a_procedure_code_before_the_description_is_no_amount():
    doc = doc_from_text(
        "Nazwa usługi                         Wartość\n"
        "89.72   Konsultacja lekarska          330,00\n"
        "89.29   Badanie krwi                  250,00\n"
        "Do zapłaty                            580,00 PLN\n"
    )
    r = extract_amounts(doc, "pl")
    assert _items(r) == [("Konsultacja lekarska", "330.00"), ("Badanie krwi", "250.00")]
    assert r.total == D("580.00")


def test_a_lone_amount_followed_by_words_is_still_the_amount():
    doc = doc_from_text("Consultation                     120,00\nTotal      120,00 euros TTC\n")
    assert extract_amounts(doc, "fr").total == D("120.00")


def test_a_labelled_date_field_is_no_item_header():
    doc = doc_from_text(
        "Data prestazione: 25/08/2026\n"
        "Medico: Dott. Marco Bianchi\n"
        "Codice   Prestazione                 Q.tà    Imponibile\n"
        "89.32    Visita specialistica         1      EUR 132,50\n"
        "89.50    Elettrocardiogramma (ECG)    1      EUR 51,50 7\n"
        "Netto a pagare                               EUR 184,00\n"
    )
    r = extract_amounts(doc, "it", is_invoice=True)
    assert _items(r) == [("Visita specialistica", "132.50"), ("Elettrocardiogramma (ECG)", "51.50")]


def test_a_receipt_title_alone_does_not_make_an_invoice_paid():
    text = (
        "Fatura-Recibo FR 2026/2475\n"
        "Vencimento: 30/07/2026\n"
        "Consulta médica                 72,50\n"
        "Total a pagar                   72,50 EUR\n"
    )
    assert extract_amounts(doc_from_text(text), "pt", is_invoice=True).amount_paid is None
    assert extract_amounts(doc_from_text(text), "pt").amount_paid == D("72.50")  # typed as a receipt, it is one


def test_net_subtotal_plus_vat_with_the_net_as_total_leaves_the_vat_off():
    doc = doc_from_text(
        "Visita specialistica                 EUR 132,50\n"
        "Elettrocardiogramma (ECG)            EUR 51,50\n"
        "Imponibile                           EUR 184,00\n"
        "IVA 22%                              EUR 40,48\n"
        "Netto a pagare                       EUR 184,00\n"
    )
    r = extract_amounts(doc, "it", is_invoice=True)
    assert r.vat == D("40.48") and r.vat_included is False and r.total == D("184.00")


def test_vat_said_to_be_included_stays_inside():
    doc = doc_from_text(
        "Konsultasjon                         500,00\n"
        "Sum                                  500,00\n"
        "Herav mva                            100,00\n"
        "Å betale                             500,00 kr\n"
    )
    assert extract_amounts(doc, "no", is_invoice=True).vat_included is True


def test_a_paid_line_that_says_how_and_when_marks_the_invoice_paid():
    doc = doc_from_text("Päivystyskäynti                 211,00\nYhteensä                 211,00 EUR\n"
                        "Maksettu kortilla - 7. heinäkuuta 2026\n")
    assert extract_amounts(doc, "fi", is_invoice=True).marked_paid


def test_a_paid_word_inside_a_sentence_is_no_paid_mark():
    doc = doc_from_text("Konsultasjon                 500,00\nÅ betale                 500,00 kr\n"
                        "Beløpet må være betalt innen 14 dager etter fakturadato.\n")
    assert not extract_amounts(doc, "no", is_invoice=True).marked_paid


def test_items_above_a_dashed_rule_and_the_total():
    doc = doc_from_text(
        "Hoitava lääkäri: Tiina Järvinen, LT\n"
        "----------------------------------------------------------------\n"
        "Yleislääkärin vastaanotto                86,50\n"
        "3 x Haavanhoito                          46,50\n"
        "----------------------------------------------------------------\n"
        "Loppusumma EUR                          133,00\n"
    )
    r = extract_amounts(doc, "fi", is_invoice=True)
    assert [a for _, a in _items(r)] == ["86.50", "46.50"] and r.total == D("133.00")


def test_invoice_number_under_its_label_in_a_row_of_header_cells():
    doc = doc_from_text(
        "Invoice\n"
        "Invoice No.       Date            Date of service     Payment due\n"
        "ΤΠΥ-4671          17 June 2026    17 June 2026        7 July 2026\n"
        "GP consultation                            59.50\n"
        "Total amount                               €59.50\n"
    )
    assert extract_amounts(doc, "en", is_invoice=True).invoice_number == "ΤΠΥ-4671"


def test_a_title_inside_the_number_is_no_label_for_the_next_word():
    doc = doc_from_text("ΤΠΥ-4671 17 Ιουνίου 2026\nΣύνολο 83,00 €\n")
    assert extract_amounts(doc, "el", is_invoice=True).invoice_number != "17"


@pytest.mark.parametrize(("language", "table", "items"), [
    ("da", "Beskrivelse                Antal    Pris        Beløb\n"
           "Akut konsultation           1     1.476,00    1.476,00\n"
           "Blodprøver                  1       464,00     -464,00\n"
           "At betale                                  DKK 1.940,00\n", ["1476.00", "464.00"]),
    ("pt", "Descrição                    Qtd   Preço   Valor\n"
           "Atendimento urgente           1   226,50   226,50\n"
           "Medicamentos                  3    36,50  -109,50\n"
           "Valor a pagar                              336,00 EUR\n", ["226.50", "109.50"]),
    # '2. -39,00 7800': the dash a rule, the sum 78,00 read without its comma
    ("fr", "Désignation                  Qté   Prix unitaire   Montant\n"
           "Consultation spécialiste      1       218,50        218,50\n"
           "Médicaments                   2.      -39,00        7800\n"
           "Audiogramme                   1       -79,00        7900\n"
           "Total à payer                                       375,50 EUR\n", ["218.50", "78.00", "79.00"]),
], ids=["unit-price-without-the-dash", "quantity-times-price", "comma-lost-sum-after-a-dashed-price"])
def test_a_dash_before_an_item_the_row_bears_out_is_ocr_noise(language, table, items):
    r = extract_amounts(doc_from_text(table), language, is_invoice=True)
    assert [a for _, a in _items(r)] == items


def test_a_discount_line_stays_negative():
    doc = doc_from_text("Konsultation            500,00\nRabat                  -50,00\nAt betale     450,00 kr\n")
    assert all(a != "50.00" for _, a in _items(extract_amounts(doc, "da", is_invoice=True)))


@pytest.mark.parametrize("date", ["03-09-2026", "2026-09-03", "03.09.2026"])
def test_a_date_after_the_invoice_title_is_no_invoice_number(date):
    doc = doc_from_text(f"FACTURA {date}\nConsulta          152,00\nTotal             152,00 €\n")
    assert extract_amounts(doc, "es", is_invoice=True).invoice_number is None


def test_a_year_and_serial_stay_an_invoice_number():
    doc = doc_from_text("Rechnung 2026-1337\nBehandlung     100,00\nGesamt     100,00 EUR\n")
    assert extract_amounts(doc, "de", is_invoice=True).invoice_number == "2026-1337"


@pytest.mark.parametrize(("line", "number"), [
    ("Facture n°: FA202609 -9860", "FA202609-9860"),  # OCR's space before the number's hyphen
    ("Facture n°: FA202609-9860", "FA202609-9860"),
    ("Facture n°: 2026 /17", "2026/17"),
    ("Facture n°: FA202609 - 12 septembre 2026", "FA202609"),  # a dash before the date is no part of it
])
def test_an_invoice_number_split_before_its_hyphen_is_one_number(line, number):
    doc = doc_from_text(f"{line}\nConsultation     64,00\nTotal     64,00 €\n")
    assert extract_amounts(doc, "fr", is_invoice=True).invoice_number == number


def test_the_sum_of_the_items_under_a_misread_label_is_the_total():
    doc = doc_from_text(
        "Description                 Qty    Amount\n"
        "Emergency consultation        1    122.00\n"
        "X-ray                         1     44.50\n"
        "Blood tests                   1     30.00\n"
        "Toal                              €196.50\n"
    )
    r = extract_amounts(doc, "en", is_invoice=True)
    assert r.total == D("196.50") and [a for _, a in _items(r)] == ["122.00", "44.50", "30.00"]


@pytest.mark.parametrize(("text", "language"), [
    ("Yhteensä EUR 187,24\nMAKSETTL 13.09,2026\n", "fi"),  # half read
    # 'BETAALD' wider than its frame reads 'ETAAL': the frame took its first and last letters
    ("Totaal € 497,00\nETAAL\n12.09.2026\n", "nl"),
], ids=["half-read", "end-letters-lost"])
def test_a_paid_stamp_read_in_part_marks_the_invoice_paid(text, language):
    assert extract_amounts(doc_from_text(text), language, is_invoice=True).marked_paid


@pytest.mark.parametrize(("total", "line", "language"), [
    ("Summe 100,00 EUR", "MAKSETAAN", "fi"), ("Summe 100,00 EUR", "BETALING", "fi"),
    ("Summe 100,00 EUR", "BEZAHLEN SIE BIS", "fi"),  # capitals near a paid word
    ("Totaal € 497,00", "Etaal", "nl"), ("Totaal € 497,00", "ETAL", "nl"),
    ("Totaal € 497,00", "TAAL", "nl"),  # the inside of a paid word in lower case, or too short
])
def test_words_near_a_paid_word_are_no_paid_stamp(total, line, language):
    assert not extract_amounts(doc_from_text(f"{total}\n{line}\n"), language, is_invoice=True).marked_paid


@pytest.mark.parametrize(("language", "header", "carry_out", "carry_in", "total"), [
    ("de", "Leistung                         Betrag", "Übertrag", "Übertrag", "Rechnungsbetrag"),
    ("en", "Description                      Amount", "Carried forward", "Brought forward", "Total due"),
    ("es", "Descripción                     Importe", "Suma y sigue", "Suma anterior", "Total a pagar"),
    ("fr", "Désignation                     Montant", "À reporter", "Report", "Total à payer"),
    ("it", "Descrizione                     Importo", "A riportare", "Riporto", "Totale da pagare"),
    ("no", "Beskrivelse                       Beløp", "Å overføre", "Overført fra forrige side", "Totalt"),
    ("pl", "Opis                            Kwota", "Do przeniesienia", "Z przeniesienia", "Razem do zapłaty"),
    ("el", "Περιγραφή                       Ποσό", "Σε μεταφορά", "Από μεταφορά", "Σύνολο"),
])
@pytest.mark.parametrize("with_header", [True, False])
def test_a_sum_carried_over_a_page_break_is_no_item(language, header, carry_out, carry_in, total, with_header):
    """A two-page invoice carries page 1's sum to page 2 ('Übertrag', 'Suma y sigue'):
    the carried sum is neither an item nor the total, and page 2's items still count."""
    head = header + "\n" if with_header else ""
    doc = doc_from_text(
        head + "Konsultation 1                    85,00\n"
        "Ultraschall 2                    120,00\n"
        f"{carry_out}                     205,00\n",
        f"{carry_in}                      205,00\n"
        "Labor 3                           95,00\n"
        f"{total}                        300,00\n",
    )
    r = extract_amounts(doc, language)
    assert r.total == D("300.00")
    assert [i.amount for i in r.line_items] == ["85.00", "120.00", "95.00"]


def test_transport_as_a_service_is_still_an_item():
    """Bare 'Transport' (ambulance transport is billed) is no carry-over label."""
    doc = doc_from_text("Beskrivelse                 Beløp\nKonsultasjon                 450,00\n"
                        "Transport til sykehus         300,00\nTotalt                        750,00\n")
    r = extract_amounts(doc, "no")
    assert [i.amount for i in r.line_items] == ["450.00", "300.00"]


@pytest.mark.parametrize(("language", "label", "printed", "expected"), [
    ("es", "Descuento", "-20,50 €", "-20.50"),
    ("de", "Rabatt", "20,50 €", "20.50"),
    ("no", "Øreavrunding", "-0,50", "-0.50"),
    ("fr", "Acompte", "-50,00 €", "-50.00"),
])
def test_discounts_roundings_and_deposits_are_kept_apart_as_the_adjustment(language, label, printed, expected):
    doc = doc_from_text(f"Descr                            Beløp\nA-service                         85,00\n"
                        f"B-service                        120,00\n{label}                    {printed}\n"
                        "Total                            184,50\n")
    r = extract_amounts(doc, language)
    assert [i.amount for i in r.line_items] == ["85.00", "120.00"]
    assert r.adjustment == D(expected) and r.total == D("184.50")

def test_a_faint_pound_sign_does_not_outvote_a_clear_euro():
    """A '1' misread as '£' at low confidence on one row; the total row says '€'."""
    doc = doc_from_text(
        "Lääkäriasema Tampere\n"
        "Selite                      Määrä   A-hinta    Summa (EUR)\n"
        "Yleislääkärin vastaanotto       £     79,50      79,50\n"
        "Lääkkeet                                29,00      29,00\n"
        "Loppusumma                               108,50 €\n"
    )
    for word in doc.pages[0].lines[2].words:
        if word.text == "£":
            word.conf = 0.23
    r = extract_amounts(doc, "fi")
    assert r.currency == "EUR" and r.total == D("108.50")


@pytest.mark.parametrize("lang,header,code", [
    ("en", "Description         Qty     Unit price   Amount (PLN)", "PLN"),
    ("no", "Beskrivelse         Antall  Enhetspris   Beløp (SEK)", "SEK"),
    ("de", "Leistung            Anzahl  Einzelpreis  Betrag (CHF)", "CHF"),
])
def test_a_currency_code_in_the_column_header_names_the_currency(lang, header, code):
    """No mark beside any amount: the header's code decides, not the language's default."""
    doc = doc_from_text(f"Klinik\n{header}\nKonsultacja          1      254,00      254,00\n"
                        "Razem                                    254,00\n")
    assert extract_amounts(doc, lang).currency == code


@pytest.mark.parametrize("text,code", [("Totalt 17450EUR", "EUR"), ("ΠΟΣΟ EUR150,66", "EUR"),
                                       ("Summa 1 250,00SEK", "SEK")])
def test_an_iso_code_run_into_the_digits_still_counts(text, code):
    doc = doc_from_text(f"Faktura\nKonsultasjon               174,50\n{text}\n")
    assert extract_amounts(doc, "no").currency == code


@pytest.mark.parametrize("lang,label", [("da", "Ialt"), ("en", "Totalamount"), ("no", "Åbetale"), ("es", "Totalapagar")])
def test_a_total_label_with_its_space_lost_is_still_the_total(lang, label):
    doc = doc_from_text(f"Klinik\nKonsultation                 602,00\nBlodprøver                   182,00\n"
                        f"{label}                         784,00\n")
    r = extract_amounts(doc, lang)
    assert r.total == D("784.00") and [i.amount for i in r.line_items] == ["602.00", "182.00"]


@pytest.mark.parametrize("lang,qty_line", [("en", "  3 x 38.00"), ("de", "  2 St. × 10,00"), ("es", "  3 x 12,00"), ("fr", "  3 X 12,00"),
                                            ("no", "  2 x 415,00 ]"), ("no", "  2 x 415,00 (")])  # a speck after it (seed 232)
def test_a_till_s_quantity_line_under_an_item_does_not_end_the_items(lang, qty_line):
    doc = doc_from_text("CLINIC\n----------------------------------------\n"
                        "GP consultation                  84.50\n"
                        "Medication                      114.00\n"
                        f"{qty_line}\n"
                        "Blood tests                      30.50\n"
                        "----------------------------------------\n"
                        "Amount due EUR                  229.00\n")
    r = extract_amounts(doc, lang)
    assert [i.amount for i in r.line_items] == ["84.50", "114.00", "30.50"] and r.total == D("229.00")


@pytest.mark.parametrize("lang,text", [
    ("no", "Nordea\nUtlandsbetaling - bekreftelse\nBetalt fra konto 5794.19.52616\nBelep ο, EUR 205,50\n"
           "Betalingsdato 01.08.2026\nStatus Utført\n"),
    ("pl", "GABINET MEDYCYNY RODZINNEJ\nTERM 10294411\n27.07.2026 14:49\n375,00 PLN\nAKCEPTACJA\n*** KOPIA DLA KLIENTA ***\n"),
])
def test_a_payment_proof_whose_amount_label_was_lost_keeps_its_one_marked_sum(lang, text):
    r = extract_amounts(doc_from_text(text), lang)
    assert r.total == r.amount_paid and r.total in (D("205.50"), D("375.00"))
    total = next(f for f in r.fields if f.name == "total")
    assert total.confidence < 0.6  # a guess, and it says so


def test_two_different_marked_sums_on_a_proof_give_no_guess():
    text = "Utlandsbetaling - bekreftelse\nXyz EUR 205,50\nGebyr EUR 2,50\nStatus Utført\n"
    assert extract_amounts(doc_from_text(text), "no").total is None


def test_an_invoice_never_takes_a_lone_marked_sum_as_its_total():
    text = "Faktura\nKundens kopi\nKonsultasjon           EUR 205,50\n"
    assert extract_amounts(doc_from_text(text), "no", is_invoice=True).total is None


def test_an_accent_ocr_put_on_a_currency_code_still_names_it():
    doc = doc_from_text("DNB\nKvittering for utført betaling\nBeløp SÈK 1 238,50\nStatus Utført\n")
    assert extract_amounts(doc, "no").currency == "SEK"


def test_a_photo_s_split_row_and_its_label_split_from_its_value_still_give_the_item():
    doc = doc_from_text("ΤΙΜΟΛΟΓΙΟ\nΕπίσκεψη ειδικού ιατρού\n                                   EUR 206,50\n"
                        "Γενικό σύνολο\n                                   EUR 206,50\n")
    r = extract_amounts(doc, "el")
    assert r.total == D("206.50") and _items(r) == [("Επίσκεψη ειδικού ιατρού", "206.50")]


def test_specks_between_item_rows_do_not_end_the_items():
    doc = doc_from_text("Rachunek\nPorada lekarza rodzinnego ;      288,00 PLN\nl\n`\nBadania krwi ;      87,00 PLN\ni\n"
                        "Razem do zapłaty                375,00 PLN\n")
    r = extract_amounts(doc, "pl")
    assert [i.amount for i in r.line_items] == ["288.00", "87.00"] and r.total == D("375.00")


def test_a_subtotal_label_over_its_value_is_not_taken_as_an_item_description():
    doc = doc_from_text("Faktura\nKonsultasjon                 450,00\nSum eks. mva\n               450,00\nTotalt   562,50\n")
    r = extract_amounts(doc, "no")
    assert [i.amount for i in r.line_items] == ["450.00"]


def test_items_above_a_balance_due_line():
    doc = doc_from_text("INVOICE\nSpecialist consultation      186.00 EUR\nDermatoscopy                  91.00 EUR\n"
                        "Balance due                  277.00 EUR\n")
    r = extract_amounts(doc, "en")
    assert [i.amount for i in r.line_items] == ["186.00", "91.00"] and r.total == D("277.00")


@pytest.mark.parametrize("iban,code", [("SE45 5000 0000 0583 9825 7466", "SEK"), ("DK50 0040 0440 1162 43", "DKK"),
                                       ("NO93 8601 1117 947", "NOK")])
def test_kr_on_an_english_invoice_takes_the_currency_of_the_clinic_s_iban(iban, code):
    """The patient's Norwegian address names Norway once; the account paid into decides."""
    doc = doc_from_text("Private Clinic\nPatient: Ola Nordmann, Storgata 1, 0184 Oslo, Norway\n"
                        "Consultation                  1 250,00 kr\nTotal                         1 250,00 kr\n"
                        f"IBAN: {iban}\n")
    assert extract_amounts(doc, "en").currency == code


def test_a_euro_iban_does_not_override_a_printed_symbol():
    doc = doc_from_text("Clinic\nConsultation   120,00 £\nTotal   120,00 £\nIBAN: IE29 AIBK 9311 5212 3456 78\n")
    assert extract_amounts(doc, "en").currency == "GBP"


TOTAL_LABELS = [("de", "Zu zahlen"), ("fr", "Montant TTC"), ("es", "Importe total"), ("it", "Totale da pagare"),
                ("nl", "Te betalen"), ("fi", "Yhteensä"), ("el", "Σύνολο"), ("fr", "Montant dû"), ("da", "Beløb i alt"),
                ("de", "Endbetrag"), ("es", "Total a abonar"), ("it", "Totale dovuto"), ("pt", "Total do documento"),
                ("fi", "Laskun summa"), ("el", "Συνολικό ποσό"), ("pl", "Razem do zapłaty"), ("sv", "Summa att betala"),
                ("no", "Sum å betale"), ("en", "Amount due"), ("no", "Beløp totalt")]


@pytest.mark.parametrize("lang,label", TOTAL_LABELS)
def test_totals_labelled_the_ways_providers_print_them(lang, label):
    """The label decides the total and ends the items above it (no header row)."""
    doc = doc_from_text(f"Klinik\nKonsultation                  100,00\nBlood test                     23,50\n"
                        f"{label}                     123,50\n")
    r = extract_amounts(doc, lang)
    assert r.total == D("123.50") and [i.amount for i in r.line_items] == ["100.00", "23.50"]


def test_a_total_whose_decimal_comma_ocr_lost_is_the_items_sum():
    """'Totalt 17450EUR' under items of 174,50: the comma was lost, not a total of 17 450."""
    doc = doc_from_text("Beskrivelse                 Beløp\nKonsultasjon               174,50\n"
                        "Totalt                    17450EUR\n")
    r = extract_amounts(doc, "no")
    assert r.total == D("174.50")
    doc = doc_from_text("Beskrivelse                 Beløp\nKonsultasjon               174,50\n"
                        "Totalt                  17 450,00 EUR\n")
    assert extract_amounts(doc, "no").total == D("17450.00")  # printed with its cents: as printed


def test_a_space_ocr_put_after_the_decimal_comma_is_taken_out():
    """'450, 00': one amount, not 450 and a stray 00."""
    assert parse_amount("450,00", "da") == D("450.00")
    doc = doc_from_text("Beskrivelse                  Beløb\nKonsultation almen læge     450, 00\n"
                        "Blodprøver                  346, 00\nI alt                       796,00 kr\n")
    r = extract_amounts(doc, "da")
    assert [i.amount for i in r.line_items] == ["450.00", "346.00"] and r.total == D("796.00")


def test_items_above_a_total_whose_sum_ocr_garbled_are_still_read():
    """The total's sum is unreadable ('aiL 676700'): the items above its label are read,
    and the total is left unread (so the checks say it was not read) rather than guessed."""
    doc = doc_from_text("Konsultation almen læge     450,00\nBlodprøver                  346,00\n"
                        "Total DKK                   aiL\n")
    r = extract_amounts(doc, "da")
    assert [i.amount for i in r.line_items] == ["450.00", "346.00"] and r.total is None


def test_a_line_of_stray_glyphs_between_items_does_not_cut_them():
    doc = doc_from_text("Akut konsultation              1.423,00\nRøntgenundersøgelse              701,00\n"
                        "i A i\nBlodprøver                       304,00\nI alt                          2.428,00 kr\n")
    r = extract_amounts(doc, "da")
    assert [i.amount for i in r.line_items] == ["1423.00", "701.00", "304.00"]


def test_two_adjustments_are_one_summed_adjustment_field():
    doc = doc_from_text("Descr                            Beløp\nA-service                         85,00\n"
                        "B-service                        120,00\nRabatt                           -20,00\n"
                        "Øreavrunding                      -0,50\nTotalt                           184,50\n")
    r = extract_amounts(doc, "no")
    assert r.adjustment == D("-20.50")
    assert [f.value for f in r.fields if f.name == "adjustment"] == ["-20.50"]


@pytest.mark.parametrize(("text", "language", "total"), [
    ("Konsultasjon fastlege                 771,00\nLegemidler        3  413,00     1 239,00\n"
     "Til betaling                    -2 010,00 NOK\n", "no", "2010.00"),
    ("Consulta                          82,00\nSum eks. mva                   -246,50\nMVA 20%   49,30\n"
     "Sum å betale                    -295,80 EUR\n", "no", "295.80"),
    ("Consulta de especialidade        182,50\nTotal ilíquido     283,50\nIVA 23%     -65,21\n"
     "Total a pagar              -348,71 EUR\n", "pt", "348.71"),
])
def test_a_dash_read_before_a_total_is_no_minus(text, language, total):
    """A table rule or a speck before the sum reads as '-': no invoice asks for a negative total."""
    r = extract_amounts(doc_from_text(text), language)
    assert r.total == D(total)
    assert r.vat is None or r.vat > 0


@pytest.mark.parametrize(("text", "language", "paid"), [
    ("MALMÖ PRIVATKLINIK\nMASTERCARD\nKÖP\nBELOPP 2 -171,25 SEK\nGODKÄNT\n", "sv", "2171.25"),
    ("Kortbetaling\nBELØP NOK 1 -045,50\nGodkjent\n", "no", "1045.50"),
    ("Kvittering\nTotalt 12 -300.00 EUR\n", "en", "12300.00"),
])
def test_a_speck_read_as_a_minus_inside_a_paid_sum_keeps_its_thousands(text, language, paid):
    """'2 -171,25': a speck in the thousands space read as a dash cut the sum in two."""
    r = extract_amounts(doc_from_text(text), language)
    assert r.total == D(paid) and r.amount_paid == D(paid)


@pytest.mark.parametrize(("text", "language", "vat"), [
    ("Konsultasjon 500,00\nMVA 25 -125,00\nTotalt 625,00\n", "no", "125.00"),  # a rate is no thousands group
])
def test_a_dashed_sum_on_a_vat_line_takes_no_figure_before_it(text, language, vat):
    r = extract_amounts(doc_from_text(text), language)
    assert r.vat == D(vat) and r.total == D("625.00")


def test_a_dashed_sum_with_no_group_before_it_is_the_sum_alone():
    r = extract_amounts(doc_from_text("KÖP\nBELOPP -171,25 SEK\nGODKÄNT\n"), "sv")
    assert r.amount_paid == D("171.25")


def test_a_discount_keeps_its_minus():
    doc = doc_from_text("Konsultasjon                 500,00\nRabatt                        -50,00\n"
                        "Totalt                        450,00\n")
    r = extract_amounts(doc, "no")
    assert r.adjustment == D("-50.00") and r.total == D("450.00")


def test_a_leading_one_read_as_a_letter_is_a_one():
    """'ł.227,00': the 1's flag read as ł's stroke; the row is an item, not the end of the items."""
    doc = doc_from_text("Speciallægekonsultation      795,00\nMR-scanning                2.779,00\n"
                        "Blodprøver                 ł.227,00\n3 x 409,00\nAt betale i alt DKK      4.801,00\n")
    r = extract_amounts(doc, "da")
    assert [i.amount for i in r.line_items] == ["795.00", "2779.00", "1227.00"]
    assert parse_amount("l.227,00", "da") == D("1227.00")
    assert parse_amount("l,234.56", "en") == D("1234.56")


@pytest.mark.parametrize("text", ["|45,00", "l45,00", "Hospital l.", "Kl.12.30"])
def test_a_border_or_a_word_before_digits_is_not_taken_for_a_one(text):
    from extractors.amounts import _ocr_digits
    assert _ocr_digits(text) == text


def test_an_item_whose_decimal_comma_ocr_lost_is_read_in_cents_when_that_adds_up():
    """'Medicación 4450€' under a total of 139,50 €: 44,50 lost its comma, not a 4 450 item."""
    doc = doc_from_text("Consulta medicina general      45,00 €\nInyección                      50,00 €\n"
                        "Medicación                      4450€\nTotal a pagar                 139,50 €\n")
    r = extract_amounts(doc, "es")
    assert [i.amount for i in r.line_items] == ["45.00", "50.00", "44.50"]
    conf = {f.name: f.confidence for f in r.fields}
    assert conf["line_items[2].amount"] < conf["line_items[1].amount"]  # a repaired reading is less sure


def test_a_whole_item_that_does_not_add_up_in_cents_either_is_left_as_printed():
    doc = doc_from_text("Konsultasjon                 4450 kr\nBlodprøver                  200,00 kr\n"
                        "Totalt                         900,00\n")
    r = extract_amounts(doc, "no")
    assert [i.amount for i in r.line_items] == ["4450.00", "200.00"]


def test_a_table_row_with_a_garbled_description_is_still_an_item_when_its_prices_agree():
    """Under the column titles, 'Ee GE 147.00 147.00' (one at 147.00 makes 147.00) is an
    item whose description OCR garbled; a stray '2 x 18.50' quantity line is not."""
    doc = doc_from_text("Description           Qty   Unit price   Amount (GBP)\n"
                        "Specialist consultation  1    159.50      159.50\n"
                        "Ee GE                        147.00      147.00\n"
                        "2 x 18.50\n"
                        "MRI scan                 1    372.00      372.00\n"
                        "Subtotal                                  678.50\n")
    r = extract_amounts(doc, "en")
    assert [i.amount for i in r.line_items] == ["159.50", "147.00", "372.00"]


def test_a_garbled_row_whose_prices_do_not_agree_is_no_item():
    doc = doc_from_text("Description           Qty   Unit price   Amount (GBP)\n"
                        "Specialist consultation  1    159.50      159.50\n"
                        "Ee GE                        147.00       95.10\n"
                        "Subtotal                                  159.50\n")
    r = extract_amounts(doc, "en")
    assert [i.amount for i in r.line_items] == ["159.50"]


def test_a_total_with_a_space_ocr_put_after_its_thousands_point_is_read_whole_when_the_items_agree():
    text = ("Läkarbesök allmänmedicin       715,00\nBlodprov                       256,00\n"
            "Omläggning                     603,00\nSumma att betala SEK    1. 574,00.\n")
    assert extract_amounts(doc_from_text(text), "sv").total == D("1574.00")
    text = text.replace("603,00", "503,00")  # the items say 1 474: '1.' stays apart
    assert extract_amounts(doc_from_text(text), "sv").total == D("574.00")


def test_an_amount_after_its_unit_price_that_lost_its_comma_is_the_item_when_the_net_sum_agrees():
    """'Legemidler 3 18,00 5400': 54,00 lost its comma, so only the unit price read as money;
    the items must add up to the net sum before VAT."""
    doc = doc_from_text("Beskrivelse              Antall  Enhetspris   Beløp (EUR)\n"
                        "Konsultasjon fastlege      1       82,00       82,00\n"
                        "Legemidler                 3       18,00       5400\n"
                        "Injeksjon                  3       26,50       79,50\n"
                        "Blodprøver                 1       31,00       31,00\n"
                        "Sum eks. mva                                  246,50\nMVA 20%                                        49,30\n"
                        "Sum å betale                                  295,80 EUR\n")
    r = extract_amounts(doc, "no")
    assert [i.amount for i in r.line_items] == ["82.00", "54.00", "79.50", "31.00"]


def test_a_row_with_no_amount_read_whose_last_number_in_cents_completes_the_total_is_an_item():
    text = ("Περιγραφή          Ποσότητα   Τιμή μονάδας   Αξία\n"
            "Ιατρική επίσκεψη      1        56,50         56,50\n"
            "Περιποίηση τραύματος  3        16,00         48,00\n"
            "Ένεση                 3        1900          5700\n"
            "Φάρμακα               1        24,00         24,00\n"
            "Σύνολο EUR                                  185,50\n")
    r = extract_amounts(doc_from_text(text), "el")
    assert [i.amount for i in r.line_items] == ["56.50", "48.00", "57.00", "24.00"]
    unsure = doc_from_text(text.replace("185,50", "190,00"))  # nothing adds up: as read
    assert [i.amount for i in extract_amounts(unsure, "el").line_items] == ["56.50", "48.00", "24.00"]


def test_a_vat_line_whose_sum_ocr_garbled_is_the_total_less_the_net_items():
    """'IVA 21% $177' under items adding up to the net 246,50 and a total of 298,27: the VAT
    is on top of the items, so they are not to be compared with the total alone."""
    doc = doc_from_text("Concepto            Cant.  Precio unit.  Importe\n"
                        "Asistencia en urgencias  2    99,00       198,00\nRadiografía   1    48,50    48,50\n"
                        "Base imponible                          246,50\nIVA 21%                            $177\n"
                        "TOTAL                                   298,27 €\n")
    r = extract_amounts(doc, "es")
    assert r.vat == D("51.77") and r.vat_included is False
    gross = doc_from_text("Asistencia en urgencias   198,00\nRadiografía   48,50\nIVA 21%   $177\n"
                          "TOTAL   298,27 €\n")  # no net subtotal that the items agree with: nothing inferred
    assert extract_amounts(gross, "es").vat is None


def test_an_item_with_a_digit_ocr_added_to_its_cents_is_read_when_exactly_that_adds_up():
    text = ("Consulta de especialidade   184,900\nInjeção                      46,00\nEcografia                   111,50\n"
            "Valor total EUR             341,50\n")
    r = extract_amounts(doc_from_text(text), "pt")
    assert [i.amount for i in r.line_items] == ["184.00", "46.00", "111.50"]
    other = extract_amounts(doc_from_text(text.replace("341,50", "350,00")), "pt")  # no reading adds up
    assert [i.amount for i in other.line_items] == ["46.00", "111.50"]


def test_an_item_with_two_digits_ocr_added_to_its_cents_is_read_when_exactly_that_adds_up():
    text = ("GP consultation   74.9090\nBlood tests   30.00\nWound dressing   19.00\nInjection   25.50\n"
            "Total GBP   148.50\n")
    r = extract_amounts(doc_from_text(text), "en")
    assert [i.amount for i in r.line_items] == ["74.00", "30.00", "19.00", "25.50"]
    other = extract_amounts(doc_from_text(text.replace("148.50", "150.50")), "en")  # no reading adds up
    assert [i.amount for i in other.line_items] == ["30.00", "19.00", "25.50"]


def test_a_discount_row_keeps_its_minus():
    doc = doc_from_text(
        "Beskrivelse                  Antall   Pris     Beløp\n"
        "Konsultasjon                   1      650,00   650,00\n"
        "Rabatt                                         -50,00\n"
        "Å betale                                       600,00 NOK\n"
    )
    r = extract_amounts(doc, "no", is_invoice=True)
    assert r.total == D("600.00") and "650.00" in [a for _, a in _items(r)]
    assert "50.00" not in [a for _, a in _items(r)]


def test_a_misread_vat_sum_is_the_printed_rate_on_the_items_when_that_makes_the_total():
    """'MVA 25 % 124,25' (the thousands group lost) under items of 4 497,00 and a total of
    5 621,25: 25 % of the items is 1 124,25, which makes the total."""
    text = ("Legevaktstakst        1 702,00\n3 x Blodprøver        1 455,00\nRøntgen        576,00\n"
            "3 x Sårskift        588,00\nLegemidler        176,00\nSum eks. mva        4 497,00\n"
            "MVA 25 %        124,25\nSum NOK        5 621,25\n")
    r = extract_amounts(doc_from_text(text), "no")
    assert r.vat == D("1124.25") and r.vat_included is False
    other = extract_amounts(doc_from_text(text.replace("5 621,25", "5 600,00")), "no")  # the rate does not make it
    assert other.vat == D("124.25")


def test_a_total_that_lost_its_comma_is_the_items_with_vat_at_the_printed_rate():
    """'Total a pagar 41882€' under net items of 340,50 and 'IVA 23%' with its sum unread."""
    text = ("Descrição   Qtd.   Preço unit.   Valor (EUR)\nConsulta de clínica geral   1   78,00   78,00\n"
            "Análises clínicas   3   51,00   153,00\nPenso   2   21,00   42,00\nInjeção   1   67,50   67,50\n"
            "Total ilíquido   340,50\nIVA 23%   P E.\nTotal a pagar   41882€\n")
    r = extract_amounts(doc_from_text(text), "pt")
    assert r.total == D("418.82") and r.vat == D("78.32") and r.vat_included is False
    other = extract_amounts(doc_from_text(text.replace("41882€", "41900€")), "pt")  # no rate makes it: as read
    assert other.total == D("41900.00")


def test_a_digit_misread_in_an_amount_or_its_unit_price_is_the_reading_that_makes_the_net_sum():
    """'Legemidler T 275,00 215,00': quantity 1 (read 'T'), so the amount is the unit price;
    with 275,00 the items make the net sum printed, with 215,00 they do not."""
    text = ("Beskrivelse   Antall   Enhetspris   Beløp (NOK)\nKonsultasjon spesialist   1   2 370,00   2 370,00\n"
            "Synsundersøkelse   1   885,00   885,00\nLegemidler   T   275,00   215,00\n"
            "Sum eks. mva   3 530,00\nMVA 25 %   882,50\nSum   4 412,50 NOK\n")
    r = extract_amounts(doc_from_text(text), "no")
    assert [i.amount for i in r.line_items] == ["2370.00", "885.00", "275.00"]
    as_read = extract_amounts(doc_from_text(text.replace("3 530,00", "3 470,00").replace("882,50", "867,50")
                                            .replace("4 412,50", "4 337,50")), "no")
    assert [i.amount for i in as_read.line_items] == ["2370.00", "885.00", "215.00"]  # adds up as read
    none = extract_amounts(doc_from_text(text.replace("3 530,00", "3 600,00").replace("4 412,50", "4 500,00")), "no")
    assert [i.amount for i in none.line_items] == ["2370.00", "885.00", "215.00"]  # no reading makes it


@pytest.mark.parametrize(("line", "paid"), [
    ("Docteur Cabinet de Nathalie médecine Lefèvre générale PAYÉ", True),  # a stamp over the signature
    ("Docteur Cabinet de Nathalie médecine Lefèvre générale payé", False),  # a word of the text
    ("Docteur Cabinet de Nathalie médecine Lefèvre générale NON PAYÉ", False),
    ("Docteur Cabinet de Nathalie médecine Lefèvre générale PAYÉ 303,00 €", False),  # an amount's label
    ("DATE DES SOINS ACTE MONTANT PAYÉ", False),  # a heading in capitals over the amounts
])
def test_a_paid_word_in_capitals_on_a_line_of_other_text_is_a_stamp(line, paid):
    text = f"Note d'honoraires N° de facture FA202609-6105\nConsultation   47,00 €\nTotal TTC   47,00 €\n{line}\n"
    assert extract_amounts(doc_from_text(text), "fr").marked_paid is paid


@pytest.mark.parametrize(("total_line", "total"), [
    ("lalt .   2.840,00 kr.", D("2840.00")),  # 'Ialt' with its capital I read as l
    ("Ialt   2.840,00 kr.", D("2840.00")),
    ("lager   2.840,00 kr.", None),  # a word that begins with l is no label
])
def test_a_total_label_whose_capital_i_ocr_read_as_l_is_still_the_total(total_line, total):
    text = ("Konsultation almen læge   544,00 kr.\nMedicin   228,00 kr.\n2 x Forbinding   152,00 kr.\n"
            "2 x Blodprøver   916,00 kr.\n3 x Indsprøjtning   753,00 kr.\nMedicin   247,00 kr.\n" + total_line + "\n")
    assert extract_amounts(doc_from_text(text), "da").total == total


@pytest.mark.parametrize(("total_line", "total"), [
    ("At betale DKK   699,900", D("699.00")),  # a digit added to the cents: the reading the items make
    ("At betale DKK   698,900", None),  # no reading is the items' sum: unread
])
def test_a_total_with_a_digit_ocr_added_to_its_cents_is_the_reading_the_items_make(total_line, total):
    text = f"Beskrivelse   Beløb\nSpeciallægekonsultation   699,00\n{total_line}\n"
    assert extract_amounts(doc_from_text(text), "da").total == total


@pytest.mark.parametrize(("total_line", "total"), [
    ("Total a pagar EUR   55,900", D("55.00")),  # the sum garbled: the line still ends the items
    ("Total a pagar EUR   55,00", D("55.00")),
])
def test_a_garbled_total_above_a_vat_line_still_ends_the_items_of_a_bill_without_a_header(total_line, total):
    text = f"Fatura\nConsulta de clínica geral   55,00\n{total_line}\n(IVA 23%)   10,28\n"
    found = extract_amounts(doc_from_text(text), "pt", is_invoice=True)
    assert found.total == total and [i.amount for i in found.line_items] == ["55.00"]


def test_a_total_column_header_without_a_sum_does_not_end_the_items():
    text = "Descrição   Total\nConsulta de clínica geral   55,00\nExame   20,00\nTotal a pagar EUR   75,00\n"
    found = extract_amounts(doc_from_text(text), "pt", is_invoice=True)
    assert found.total == D("75.00") and [i.amount for i in found.line_items] == ["55.00", "20.00"]

def test_a_decimal_comma_read_as_a_colon_after_three_digits_is_a_comma_but_a_time_is_a_time():
    from extractors.amounts import _ocr_digits
    assert _ocr_digits("OCT-undersøkelse 1 212,00 1212:00") == "OCT-undersøkelse 1 212,00 1212,00"
    assert _ocr_digits("1 212:00") == "1 212,00"
    assert _ocr_digits("17.10.2026 16:36") == "17.10.2026 16:36"
    assert _ocr_digits("Betales innen: 25:02.2026") == "Betales innen: 25:02.2026"


def test_a_decimal_comma_read_as_a_semicolon_is_a_comma():
    from extractors.amounts import _ocr_digits
    assert _ocr_digits("Beløp GBP:172;50") == "Beløp GBP:172,50"
    assert _ocr_digits("1 212;00") == "1 212,00"
    assert _ocr_digits("ref 12;345") == "ref 12;345"  # three digits after it: not cents
    assert _ocr_digits("a;b 1;2") == "a;b 1;2"


def test_a_bank_receipt_whose_amount_has_a_semicolon_for_its_comma_pays_the_whole_amount():
    """'Beløp GBP:172;50' (a scanned SpareBank 1 receipt, seed 274): the amount paid is
    172.50, not the 50 after the semicolon, which left the invoice looking unpaid."""
    text = ("Betalingskvittering\nBetalt fra konto 8614.53.55032\nMottaker St. Anne's Private Clinic\n"
            "Beløp GBP:172;50\nBetalingsdato 22.09.2026\nStatus Utført\n")
    r = extract_amounts(doc_from_text(text), "no", is_receipt=True)
    assert r.amount_paid == D("172.50") and r.currency == "GBP"


_DANISH_BILL = ("FAKTURA\nSpeciallægekonsultation   1.392,00\nVævsundersøgelse   735,00\nDermatoskopi   343,00\n"
                "Fjernelse af modermærke   1.237,00\nForbinding   134,00\nMedicin   282,00\nSubtotal   4.123,00\n"
                "Moms 25 %   1.030,75\n")


@pytest.mark.parametrize(("total_line", "total"), [
    ("Total DKK   57153,75", D("5153.75")),  # '5.153,75' with its dot read as a 7: the items and VAT make it
    ("Total DKK   5.153,75", D("5153.75")),
    ("Total DKK   57154,75", D("57154.75")),  # not the items' sum with one digit more: as read
    ("Total DKK   51537,55", D("51537.55")),  # a digit added elsewhere than at a separator
])
def test_a_totals_thousands_separator_read_as_a_digit(total_line, total):
    assert extract_amounts(doc_from_text(_DANISH_BILL + total_line + "\n"), "da", is_invoice=True).total == total


def test_separator_read_as_digit_only_at_a_thousands_place():
    from extractors.amounts import separator_read_as_digit
    assert separator_read_as_digit(D("57153.75"), D("5153.75"))
    assert separator_read_as_digit(D("1243567.00"), D("124567.00"))  # '124.567,00' with its dot read as 3
    assert not separator_read_as_digit(D("1153.75"), D("153.75"))  # no separator below a thousand
    assert not separator_read_as_digit(D("51553.75"), D("5153.75"))


_NORWEGIAN_BILL = ("FAKTURA\nFakturanr.: 91268\nKonsultasjon spesialist   2 447,00\nEEG   2 046,00\n"
                   "Blodprøver   1 414,00\n2 x 707,00\nMR-undersøkelse   5 470,090\n")


def test_a_last_item_with_a_digit_added_to_its_cents_does_not_end_the_items_above_it():
    r = extract_amounts(doc_from_text(_NORWEGIAN_BILL + "Sum NOK   11 377,00\n"), "no", is_invoice=True)
    assert [i.amount for i in r.line_items] == ["2447.00", "2046.00", "1414.00", "5470.00"]


def test_a_garbled_item_no_reading_of_which_makes_the_total_is_left_out_and_the_rest_kept():
    r = extract_amounts(doc_from_text(_NORWEGIAN_BILL + "Sum NOK   11 390,00\n"), "no", is_invoice=True)
    assert [i.amount for i in r.line_items] == ["2447.00", "2046.00", "1414.00"]


GREEK_BILL = ("Ιατρική επίσκεψη              69,50\nΕνεση                         24,50\n"
              "Αιματολογικές εξετάσεις       39,50\nΠληρωτέο EUR                 {total}\n")


@pytest.mark.parametrize("read", ["133,58", "133,56", "133,59"])
def test_a_total_with_a_zero_of_its_cents_misread_is_the_sum_of_its_items(read):
    """A zero with a speck or a broken stroke reads as 8, 6 or 9: '133,58' for the items' 133,50."""
    assert extract_amounts(doc_from_text(GREEK_BILL.format(total=read)), "el").total == D("133.50")


@pytest.mark.parametrize("read", ["133,48", "143,50", "133,55", "133,88", "138,50"])
def test_a_total_off_its_items_by_other_than_one_misread_cent_zero_stays_as_read(read):
    """Another cent, a whole unit, a digit no zero reads as, both cents off, a zero of the units misread: as read."""
    assert extract_amounts(doc_from_text(GREEK_BILL.format(total=read)), "el").total == D(read.replace(",", "."))


@pytest.mark.parametrize("account", ["7350.56:97875", "7350:56.97875", "7350.56.97875"])
def test_an_account_number_with_a_colon_read_for_a_dot_is_no_amount(account):
    """A Norwegian account number (4.2.5 digits) is no sum, nor a currency cue, however OCR read its dots."""
    r = extract_amounts(doc_from_text(f"6. Kontonummer for utbetaling\n{account}\n"), "no")
    assert r.total is None and r.currency is None


def test_an_amount_before_a_colon_and_no_digit_is_still_read():
    r = extract_amounts(doc_from_text("Konsultasjon fastlege          450,00\nÅ betale: 450,00: betalt\n"), "no")
    assert r.total == D("450.00")


def test_a_greek_total_label_read_in_latin_look_alikes_labels_the_total():
    """'NAnpwtéo' is 'Πληρωτέο' as a Latin model reads it: a Greek bill's total all the same."""
    bill = GREEK_BILL.replace("Πληρωτέο", "NAnpwtéo").format(total="133,50")
    assert extract_amounts(doc_from_text(bill), "el").total == D("133.50")


def test_latin_look_alikes_of_a_greek_label_label_nothing_on_other_languages_bills():
    from extractors.labels import normalize
    from extractors.lexicon import fuzzy_hit

    assert fuzzy_hit(normalize("NAnpwtéo EUR 133,50"), "amounts", "total_due", "el").phrase == "πληρωτεο"
    assert fuzzy_hit(normalize("NAnpwtéo EUR 133,50"), "amounts", "total_due", "it") is None
    assert fuzzy_hit(normalize("Nanoteo EUR 133,50"), "amounts", "total_due", "el") is None  # two shapes off


@pytest.mark.parametrize(
    "title, label, language",
    [
        ("Betalingsbewijs", "Totaal te betalen:", "nl"),
        ("Proof of payment", "Total:", "en"),
        ("Preuve de paiement", "Total:", "fr"),
        ("Maksutosite", "Yhteensä:", "fi"),
    ],
)
def test_a_proof_of_payment_title_makes_its_total_the_sum_paid(title, label, language):
    """A payment proof titled so ('Betalingsbewijs', a cash receipt with the bill's number)
    paid its total, as a 'Kvittering' or a 'Receipt' does."""
    text = (f"Kliniek Neurologie Amsterdam\n{title}\nNr. 7619\nOntvangen van: Kari Aasen\n"
            f"{label} EUR 436,80\nInzake: Factuurnummer 2026.0807\nContant\n")
    r = extract_amounts(doc_from_text(text), language)
    assert r.total == D("436.80") and r.amount_paid == D("436.80")


def test_a_proof_of_payment_title_alone_does_not_make_an_invoice_paid():
    text = "Betalingsbewijs\nConsult neuroloog 436,80\nTotaal te betalen: EUR 436,80\n"
    assert extract_amounts(doc_from_text(text), "nl", is_invoice=True).amount_paid is None
    # nor does the words in a sentence of a letter: a title stands alone on its line
    text = "Factuur\nStuur ons een bewijs van betaling binnen 14 dagen.\nTotaal te betalen: EUR 436,80\n"
    assert extract_amounts(doc_from_text(text), "nl").amount_paid is None


def _bill(rows: list[tuple[str, str]], total: str):
    text = "".join(f"{d:<32}{a:>12}\n" for d, a in rows) + f"{'Totalt NOK':<32}{total:>12}\n"
    return extract_amounts(doc_from_text(text), "no", is_invoice=True)


def test_an_item_with_a_cents_zero_misread_is_put_right_where_only_that_makes_the_total():
    """'372, 90' on a noisy TIFF for '372,00': read so, the items miss the total by 0,90."""
    r = _bill([("Konsultasjon fastlege", "560,00"), ("3 x Blodprøver", "1 374,00"), ("2 x Legemidler", "402,00"),
               ("Sårskift og bandasje", "372, 90")], "2 708,00")
    assert [a for _, a in _items(r)] == ["560.00", "1374.00", "402.00", "372.00"] and r.total == D("2708.00")


@pytest.mark.parametrize("rows, total", [
    # a 5 is no misread zero: the gap stands
    ([("Konsultasjon fastlege", "560,00"), ("Legemidler", "402,00"), ("Sårskift", "372,50")], "1 334,00"),
    # two items whose cents could each be the misread one: neither is taken
    ([("Konsultasjon fastlege", "560,90"), ("Legemidler", "402,00"), ("Sårskift", "372,90")], "1 334,90"),
    # the gap is more than the cents
    ([("Konsultasjon fastlege", "560,00"), ("Legemidler", "402,00"), ("Sårskift", "372,90")], "1 333,00"),
])
def test_items_whose_cents_no_single_zero_misreading_explains_stay_as_read(rows, total):
    r = _bill(rows, total)
    assert [a for _, a in _items(r)] == [f"{D(a.replace(',', '.')):.2f}" for _, a in rows]


def test_a_vat_number_line_with_a_date_above_the_items_does_not_end_them():
    """'MVA-nr. 118298247 Behandlingsdato: 09.05.2026' in the header: its date is no garbled
    sum, so the header-less items above the real total are still read."""
    text = ("Fakturanr.: TNY-1924\nMVA-nr. 118298247        Behandlingsdato: 09.05.2026\nBehandler: Dr. S. Antoniou\n"
            "Antall\nLegevaktstakst          1      129,00      129,00\nRøntgen                 1       40,00       40,00\n"
            "Til betaling                        169,00 EUR\n")
    r = extract_amounts(doc_from_text(text), "no")
    assert [a for _, a in _items(r)] == ["129.00", "40.00"] and r.total == D("169.00")


def test_a_table_row_whose_description_was_not_read_is_an_item_when_quantity_times_price_is_its_amount():
    """Under the column titles, '1   256,00   256,00' (a stamp hid its description) is an
    item: its quantity times its unit price makes its amount, and the items make the net sum."""
    doc = doc_from_text("Beskrivelse            Antall   Enhetspris   Beløp\n"
                        "Konsultasjon fastlege    1       823,00     823,00\n"
                        "                         1       256,00     256,00\n"
                        "Blodprøver               1       278,00     278,00\n"
                        "Sum eks. mva                              1 357,00\n"
                        "MVA 25 %                                    339,25\n"
                        "Sum                                       1 696,25 NOK\n")
    r = extract_amounts(doc, "no", is_invoice=True)
    assert [i.amount for i in r.line_items] == ["823.00", "256.00", "278.00"]
    assert r.line_items[1].description == ""


@pytest.mark.parametrize("row", [
    "                         2       256,00     256,00",  # two at 256,00 do not make 256,00
    "                                 256,00     256,00",  # no quantity: a subtotal's two readings, say
    "                         1       256,00",  # one sum alone
    "                       25 %      256,00      64,00",  # a rate, not a quantity
])
def test_a_row_of_bare_numbers_that_is_no_priced_row_is_no_item(row):
    doc = doc_from_text("Beskrivelse            Antall   Enhetspris   Beløp\n"
                        "Konsultasjon fastlege    1       823,00     823,00\n"
                        f"{row}\n"
                        "Blodprøver               1       278,00     278,00\n"
                        "Sum                                       1 101,00 NOK\n")
    r = extract_amounts(doc, "no", is_invoice=True)
    assert [i.amount for i in r.line_items] == ["823.00", "278.00"]


@pytest.mark.parametrize(("line", "number"), [
    ("N° de facture: FA202609- 4883", "FA202609-4883"),  # a space OCR put after the hyphen
    ("Fakturanr: 2026/ 118", "2026/118"),
    ("N° de facture: FA202609-4883", "FA202609-4883"),
    ("N° de facture: FA202609 4883", "FA202609"),  # two numbers side by side stay apart
    ("N° de facture: FA202609- Lyon", "FA202609-"),  # a word after the hyphen is no part of it
])
def test_an_invoice_number_split_after_its_hyphen_is_joined(line, number):
    doc = doc_from_text(f"FACTURE\n{line}\nConsultation   109,00\nMontant TTC EUR   109,00\n")
    assert extract_amounts(doc, "fr", is_invoice=True).invoice_number == number


def test_a_total_with_a_digit_added_to_its_cents_is_read_on_a_later_totals_line_than_a_pay_by_date():
    """'Att betala senast: 12/09/2026' (a due date under a totals label) comes first; the
    totals line '1 521,900' read with a digit added to its cents is the total the items make."""
    doc = doc_from_text("Räkning\nAtt betala senast: 12/09/2026\n"
                        "Specialistbesök          1 146,00\nÖronrensning               375,00\n"
                        "Totalt SEK               1 521,900\n(Moms 25 %)                304,20\n")
    assert extract_amounts(doc, "sv", is_invoice=True).total == D("1521.00")
    doc = doc_from_text("Räkning\nAtt betala senast: 12/09/2026\n"
                        "Specialistbesök          1 146,00\nÖronrensning               375,00\n"
                        "Totalt SEK               1 621,900\n(Moms 25 %)                304,20\n")
    assert extract_amounts(doc, "sv", is_invoice=True).total is None  # no reading of it the items make


@pytest.mark.parametrize(("read", "meant"), [("1519,90", "1519.00"), ("1519,08", "1519.00"), ("1519,60", "1519.00")])
def test_an_item_with_a_zero_of_its_cents_misread_is_put_right_where_that_makes_the_total(read, meant):
    doc = doc_from_text(f"FAKTURA\nSpecialistbesök          {read}\nPAD-analys                551,00\n"
                        "Dermatoskopi            1 010,00\nTotalt att betala SEK   3 080,00\n")
    r = extract_amounts(doc, "sv", is_invoice=True)
    assert [i.amount for i in r.line_items] == [meant, "551.00", "1010.00"] and r.total == D("3080.00")


@pytest.mark.parametrize("read", ["1519,50", "1519,91", "1520,90"])
def test_an_item_off_the_total_by_other_than_one_misread_cent_zero_stays_as_read(read):
    doc = doc_from_text(f"FAKTURA\nSpecialistbesök          {read}\nPAD-analys                551,00\n"
                        "Dermatoskopi            1 010,00\nTotalt att betala SEK   3 080,00\n")
    r = extract_amounts(doc, "sv", is_invoice=True)
    assert r.line_items[0].amount == f"{D(read.replace(',', '.')):.2f}"


def test_two_items_each_one_cent_zero_off_the_total_are_left_as_read():
    """Either could be the misread one: neither is put right."""
    doc = doc_from_text("FAKTURA\nSpecialistbesök           519,90\nPAD-analys                551,90\n"
                        "Totalt att betala SEK   1 070,90\n")
    r = extract_amounts(doc, "sv", is_invoice=True)
    assert [i.amount for i in r.line_items] == ["519.90", "551.90"]


@pytest.mark.parametrize(("line", "paid"), [
    ("Te betalen voor: 17-09-2026 · IBAN: NL39 0983 1204 8356 4982 BETAALD 9557", True),  # a stamp over the due line
    ("Te betalen voor: 17-09-2026 · IBAN: NL39 0983 1204 8356 4982 betaald 9557", False),  # a word of the text
    ("Te betalen voor: 17-09-2026 · NIET BETAALD", False),
    ("Te betalen BETAALD € 62,00", False),  # an amount's line
])
def test_a_paid_word_in_capitals_on_a_labelled_line_without_an_amount_is_a_stamp(line, paid):
    text = f"FACTUUR Factuurnummer 2026.7842\nConsult huisarts   € 62,00\nTotaalbedrag   € 62,00\n{line}\n"
    assert extract_amounts(doc_from_text(text), "nl", is_invoice=True).marked_paid is paid


@pytest.mark.parametrize(("line", "paid"), [
    # seed 164: a stamp over a due line whose label is an unpaid phrase ('À régler')
    ("À régler avant le: 3 août 2026 · IBAN: FR88 1331 2979 0700 9443 9337 PAYÉ", True),
    ("À régler avant le: 3 août 2026 · si déjà payé, merci", False),  # a word of the text
    ("Statut : NON PAYÉ", False),  # the paid word inside the unpaid phrase
])
def test_a_paid_stamp_outside_the_lines_unpaid_phrase_still_marks_the_bill_paid(line, paid):
    text = f"FACTURE\nConsultation   67,50 EUR\nTotal   67,50 EUR\n{line}\n"
    assert extract_amounts(doc_from_text(text), "fr", is_invoice=True).marked_paid is paid


@pytest.mark.parametrize(("qty_line", "items"), [
    ("3-X 23,50", ["138.50", "70.50", "45.50", "78.00"]),  # '3 x 23,50', its space read as a dash
    ("3 x 23,50", ["138.50", "70.50", "45.50", "78.00"]),
    ("3- x 23,50", ["138.50", "70.50", "45.50", "78.00"]),  # seed 163: a speck read as a dash after the quantity
    ("3 x 23,50 i", ["138.50", "70.50", "45.50", "78.00"]),  # seed 193: a speck read as a letter after the price
    ("3 x 23,50 |", ["138.50", "70.50", "45.50", "78.00"]),  # or as a bar
    ("3 x 23,50 ;", ["138.50", "70.50", "45.50", "78.00"]),  # seed 205: or as a semicolon
    ("3 x 23,50 ;;", ["45.50", "78.00"]),  # two marks: a row of its own that ends the run
    ("3 x 23,50 stk", ["45.50", "78.00"]),  # a word after it: a row of its own that ends the run
    ("3-8 23,50", ["45.50", "78.00"]),  # no times sign: a row of its own that ends the run
    ("3.x 23,50", ["138.50", "70.50", "45.50", "78.00"]),  # a speck read as a dot after the quantity
    ("3: X.23,50", ["138.50", "70.50", "45.50", "78.00"]),  # as a colon, and as a dot after the x
    ("3. X-ray   23,50", ["138.50", "70.50", "23.50", "45.50", "78.00"]),  # a described item, no quantity line
    ("3 x.23,50", ["138.50", "70.50", "45.50", "78.00"]),  # seed 169: a speck after the x read as a dot
    ("3 x..23,50", ["45.50", "78.00"]),
])
def test_a_quantity_line_with_a_dash_read_before_its_times_sign_does_not_end_the_items(qty_line, items):
    doc = doc_from_text("FATTURA\nPaziente: Håkon Bakke\nVisita specialistica   138,50\nMedicazione   70,50\n"
                        f"{qty_line}\nEsame istologico   45,50\nFarmaci   78,00\nTotale documento EUR   332,50\n")
    assert [i.amount for i in extract_amounts(doc, "it", is_invoice=True).line_items] == items


@pytest.mark.parametrize(("row", "amount"), [
    ("Legemidler            3      9,00      27:00", "27.00"),  # the sum's comma read as a colon
    ("Legemidler            3      9,00      12:30", "9.00"),  # a time, not three times 9,00
    ("Legemidler            3     09:00       9,00", "9.00"),  # a time before the amount
])
def test_a_line_sum_with_a_colon_for_its_comma_is_taken_where_quantity_times_price_makes_it(row, amount):
    doc = doc_from_text("Beskrivelse            Antall Enhetspris   Beløp\n"
                        "Konsultasjon fastlege  1     88,00      88,00\n"
                        f"{row}\nTil betaling   115,00 EUR\n")
    assert [i.amount for i in extract_amounts(doc, "no", is_invoice=True).line_items] == ["88.00", amount]


@pytest.mark.parametrize(("label", "number"), [
    ("Rechnungs -Nr. :", "RE-2026-4786"),  # OCR spaced the label's hyphen
    ("Rechnungs- Nr.:", "RE-2026-4786"),
    ("Rechnungs-Nr.:", "RE-2026-4786"),
    ("Rechnungs - Nr.:", None),  # a dash between two words is no hyphen of one
])
def test_an_invoice_number_label_with_its_hyphen_spaced_is_still_its_label(label, number):
    doc = doc_from_text(f"Gemeinschaftspraxis\n{label} RE-2026-4786\nBeratung   75,00\nEndbetrag EUR   75,00\n")
    assert extract_amounts(doc, "de", is_invoice=True).invoice_number == number


@pytest.mark.parametrize(("row", "items"), [
    ("Medicazione   1750", ["211.50", "67.00", "62.00", "17.50"]),  # the comma lost: the reading that makes the net
    ("Medicazione   1790", ["211.50", "67.00", "62.00"]),  # no reading makes it: left out, the rows above kept
    ("Data di nascita: 1989", []),  # a field, not an item: the run ends there
])
def test_an_item_whose_comma_ocr_lost_does_not_end_the_items_above_it(row, items):
    doc = doc_from_text("Fattura\nPaziente: Solveig Nygård\nPrestazione di pronto soccorso   211,50\n"
                        f"Radiografia   67,00\n2 x Medicazione   62,00\n{row}\n"
                        "Imponibile   358,00\nIVA 22%   78,76\nTotale fattura EUR   436,76\n")
    assert [i.amount for i in extract_amounts(doc, "it", is_invoice=True).line_items] == items


@pytest.mark.parametrize(("total", "items"), [
    ("98,50", ["70.50", "28.00"]),  # '790,50' for 70,50: a speck beside the figure read as a digit
    ("99,50", ["790.50", "28.00"]),  # no one digit less makes this total: as read
])
def test_an_item_with_a_digit_added_to_its_units_is_put_right_where_that_alone_makes_the_total(total, items):
    doc = doc_from_text(f"FACTURE\nConsultation médecine générale   790,50\nPansement   28,00\nTotal EUR   {total}\n")
    assert [i.amount for i in extract_amounts(doc, "fr", is_invoice=True).line_items] == items


_TILL = ("HOSPITAL PARTICULAR\nFATURA\n----------------------------------------\n"
         "Consulta de clínica geral          82,50\nPenso                              28,00\n"
         "Análises clínicas                  {first}\n  3 x 27,00\n"
         "Injeção                            {second}\n  2 x {unit}\n"
         "----------------------------------------\nTotal do documento EUR            {total}\n")


@pytest.mark.parametrize(("first", "second", "unit", "total", "items"), [
    # '81,900' (a digit added, no amount read) and '98, 09': each the quantity line's figure, and so the total
    ("81,900", "98, 09", "49,00", "289,50", ["82.50", "28.00", "81.00", "98.00"]),
    ("81,00", "98, 09", "49,00", "289,50", ["82.50", "28.00", "81.00", "98.00"]),  # one misread
    ("8100", "98,00", "49,00", "289,50", ["82.50", "28.00", "81.00", "98.00"]),  # the comma lost
    # with the quantity lines' figures the items still miss the total (a real mismatch): as read
    ("81,900", "98, 09", "49,00", "309,50", ["82.50", "28.00", "98.09"]),
    # the quantity line gives a figure more than one misreading from the item's: as read
    ("81,00", "93,50", "49,00", "289,50", ["82.50", "28.00", "81.00", "93.50"]),
    # as read the items make the total: the quantity line (misread itself) changes nothing
    ("81,00", "98,00", "48,00", "289,50", ["82.50", "28.00", "81.00", "98.00"]),
])
def test_a_till_s_quantity_line_confirms_its_item_where_with_it_the_items_make_the_total(first, second, unit, total, items):
    doc = doc_from_text(_TILL.format(first=first, second=second, unit=unit, total=total))
    r = extract_amounts(doc, "pt", is_invoice=True)
    assert [i.amount for i in r.line_items] == items


def test_items_a_quantity_line_put_right_say_they_are_less_sure():
    doc = doc_from_text(_TILL.format(first="81,900", second="98, 09", unit="49,00", total="289,50"))
    conf = {f.name: f.confidence for f in extract_amounts(doc, "pt", is_invoice=True).fields}
    assert conf["line_items[2].amount"] < conf["line_items[1].amount"]
    assert conf["line_items[3].amount"] < conf["line_items[1].amount"]


@pytest.mark.parametrize(("row", "total", "amount"), [
    ("Sårskift og bandasje   3   21,00   a OR OO", "302,00", "63.00"),  # the sum lost under a stamp
    ("Sårskift og bandasje   3   21,00", "302,00", "63.00"),
    ("Sårskift og bandasje   3   21,00   a OR OO", "322,00", "21.00"),  # three times it misses the total too
    ("Sårskift og bandasje   1   21,00   a OR OO", "302,00", "21.00"),  # once is the price itself
])
def test_a_row_whose_sum_was_lost_reads_its_quantity_times_its_price_where_that_makes_the_total(row, total, amount):
    assert extract_amounts(_priced_table(row, total), "no", is_invoice=True).line_items[2].amount == amount


def _priced_table(row: str, total: str = "302,00"):
    """Items printing a quantity, a unit price and a sum, with `row` third."""
    return doc_from_text("Beskrivelse            Antall Enhetspris   Beløp\n"
                         "Legevaktstakst         1     135,50      135,50\n"
                         "Legemidler             1      38,50       38,50\n"
                         f"{row}\n"
                         "Blodprøver             1      19,00       19,00\n"
                         "Røntgen                1      46,00       46,00\n"
                         f"Totalbeløp   {total} EUR\n")


def test_a_quantity_beside_a_lone_amount_is_no_repair_where_no_row_prints_a_unit_price():
    doc = doc_from_text("FACTURE\nConsultation   135,50\nMédicaments   38,50\nPansement   3   21,00\n"
                        "Total EUR   218,00\n")
    assert [i.amount for i in extract_amounts(doc, "fr", is_invoice=True).line_items] == ["135.50", "38.50", "21.00"]


@pytest.mark.parametrize(("row", "amount"), [
    ("Sårskift og bandasje   3                  21,00", "21.00"),  # its one amount in the sum column: as read
    ("Sårskift og bandasje   3   21,00   12:30", "21.00"),  # a figure where the sum stands: no lost sum
])
def test_a_lone_amount_in_the_sum_column_or_a_figure_after_it_is_no_lost_sum(row, amount):
    assert extract_amounts(_priced_table(row), "no", is_invoice=True).line_items[2].amount == amount


@pytest.mark.parametrize(("vat_line", "total_line", "total"), [
    ("Moms 25 %   786,25", "Summa att betala SEK   3 931,253", D("3931.25")),  # the items and the VAT read
    ("Moms 25 %   786,2", "Summa att betala SEK   3 931,253", D("3931.25")),  # the VAT unread: at its rate
    ("Moms 25 %   786,25", "Summa att betala SEK   3 932,253", None),  # no reading makes it: unread
])
def test_a_total_with_a_digit_added_to_its_cents_is_the_reading_the_items_and_their_vat_make(vat_line, total_line, total):
    text = ("FAKTURA\nAkutbesök   1 673,00\nOmläggning   460,00\nBlodprov   1 012,00\n"
            f"Summa exkl. moms   3 145,00\n{vat_line}\n{total_line}\n")
    assert extract_amounts(doc_from_text(text), "sv", is_invoice=True).total == total


@pytest.mark.parametrize(("line", "number"), [
    ("Factuurnummer : 2026 . 4099", "2026.4099"),  # the dot read apart, a space either side
    ("Factuurnummer : 2026.4099", "2026.4099"),
    ("Factuurnummer : 2026 . 12", "2026"),  # two digits after a lone dot: no serial
    ("Factuurnummer : 2026 4099", "2026"),  # no dot between: two numbers
])
def test_an_invoice_number_with_its_dot_read_apart_is_one_number(line, number):
    doc = doc_from_text(f"FACTUUR\n{line}\nConsult specialist   154,00\nTe betalen EUR   154,00\n")
    assert extract_amounts(doc, "nl", is_invoice=True).invoice_number == number
def _barely_read(doc, texts: set[str], conf: float = 0.39):
    for page in doc.pages:
        for line in page.lines:
            for w in line.words:
                if w.text in texts:
                    w.conf = conf
    return doc


def _item_confidences(result) -> list[float]:
    return [f.confidence for f in result.fields if f.name.startswith("line_items[") and f.name.endswith("].amount")]


TABLE_46 = ("Description           Qty   Unit price   Amount\n"
            "GP consultation        1      46.00       -46.00\n"
            "Medication             2      41.00        82.00\n"
            "Amount due                             €128.00\n")


def test_an_item_amount_barely_read_is_sure_where_its_unit_price_times_the_quantity_is_it():
    """Seed 169: '1 46.00 -46.00' with the amount's dash and digits barely read: the row
    prints the sum twice, so the amount is as sure as its unit price."""
    r = extract_amounts(_barely_read(doc_from_text(TABLE_46), {"-46.00"}), "en", is_invoice=True)
    assert [a for _, a in _items(r)] == ["46.00", "82.00"]
    assert min(_item_confidences(r)) > 0.8


@pytest.mark.parametrize(("row", "barely"), [
    ("GP consultation        1      44.00       -46.00", "-46.00"),  # unit price not the amount
    ("GP consultation        2      46.00       -46.00", "-46.00"),  # quantity times price not the amount
    ("GP consultation               46.00       -46.00", "-46.00"),  # no quantity read
])
def test_an_item_amount_barely_read_stays_unsure_where_its_row_does_not_bear_it_out(row, barely):
    table = TABLE_46.replace("GP consultation        1      46.00       -46.00", row)
    r = extract_amounts(_barely_read(doc_from_text(table), {barely}), "en", is_invoice=True)
    assert min(_item_confidences(r)) < 0.5


@pytest.mark.parametrize(("total_line", "total"), [
    ("Sum å betale NOK          2 987,598", D("2987.50")),  # seed 182: a dotted zero read as '98'
    ("Sum å betale NOK          2 987,508", D("2987.50")),  # a digit added, as before
    ("Sum å betale NOK          2 987,558", None),  # no reading the items and VAT make: unread
    ("Sum å betale NOK          2 987,5", None),
])
def test_an_unread_total_is_the_reading_the_items_with_their_vat_make(total_line, total):
    """Till print-outs in a monospaced font with dotted zeros: a zero of the cents read as
    two digits ('2 987,598' for 2 987,50), the one item's zero as a 9 ('390,09'); the
    subtotal read right puts the item right, the item and the VAT give the total's reading."""
    text = ("Konsultasjon spesialist          2 390,09\nSum eks. mva          2 390,00\nMVA 25 %          597,50\n"
            f"{total_line}\nBetalingsfrist: 19.08.2026\n")
    found = extract_amounts(doc_from_text(text), "no", is_invoice=True)
    assert found.total == total
    assert [i.amount for i in found.line_items] == ["2390.00"]


def test_an_item_is_not_put_right_by_a_subtotal_more_than_one_zero_off():
    text = ("Konsultasjon spesialist          2 390,19\nSum eks. mva          2 390,00\nMVA 25 %          597,50\n"
            "Sum å betale NOK          2 987,598\n")
    found = extract_amounts(doc_from_text(text), "no", is_invoice=True)
    assert [i.amount for i in found.line_items] == ["2390.19"] and found.total is None


def test_two_digits_for_a_dotted_zero_are_read_as_one_only_in_the_cents():
    from extractors.amounts import _extra_digit_readings
    assert D("371.00") in _extra_digit_readings("Reste à payer EUR 371,890")
    assert D("987.50") in _extra_digit_readings("987,598")
    assert D("987.50") not in _extra_digit_readings("987,578")


GARBLED_RULE = "e....…....…...…..….....29o222»22229p2s2s2o22.20.20o2ssossnnnnnnnnnnnnnnnnnnnnnS"


@pytest.mark.parametrize(("rule", "conf", "items"), [
    (GARBLED_RULE, 0.0, ["45.50", "42.50", "27.50"]),  # seed 183: a dotted rule read as junk
    (GARBLED_RULE, 0.9, []),  # read surely: a line of its own, which ends the run as before
    ("Behandlingsbeitragsabrechnung", 0.1, []),  # a long word barely read, no rule: ends the run as before
    ("-..-.-ħ.ħĻ„....__", 0.0, ["45.50", "42.50", "27.50"]),  # seed 192: a shorter rule, mostly dots and dashes
    ("-..-.-ħ.ħĻ„....__", 0.9, []),
    ("Legeerklæring", 0.1, []),  # a shorter word barely read: ends the run as before
    ("EEEE ETTEEELEEEEEEEEEEEEEEEREE]", 0.0, ["45.50", "42.50", "27.50"]),  # seed 220: a rule read as letters
    ("EEEE ETTEEELEEEEEEEEEEEEEEEREE]", 0.9, []),  # read surely: a line of its own
    ("Tannlege Hellesylt", 0.1, []),  # words barely read, no letter four times running: ends the run
])
def test_a_rule_read_as_one_long_unsure_word_does_not_end_the_items(rule, conf, items):
    text = ("Statement of Account\nInvoice number: INV-50940\nGP consultation   45.50\nInjection   42.50\n"
            f"Wound dressing   27.50\n{rule}\nAmount due GBP   115.50\n")
    doc = _barely_read(doc_from_text(text), set(rule.split()), conf)
    assert [i.amount for i in extract_amounts(doc, "en", is_invoice=True).line_items] == items


@pytest.mark.parametrize(("height", "conf", "items"), [
    (0.0008, 0.1, ["70.50", "15.50", "118.50", "39.00"]),  # seed 238: a thin rule read as 'IEC'
    (0.0008, 0.9, []),  # read surely: a line of its own, which ends the run as before
    (0.0090, 0.1, []),  # as high as print: a word barely read, which ends the run as before
])
def test_a_thin_rule_read_as_a_short_unsure_word_does_not_end_the_items(height, conf, items):
    text = ("Invoice\nInvoice No.: F26/00506\nGP consultation   1   70.50   70.50\nWound dressing   1   15.50   15.50\n"
            "Medication   3   39.50   118.50\nInjection   1   39.00   39.00\nIEC\nTotal   €243.50\n")
    doc = _barely_read(doc_from_text(text), {"IEC"}, conf)
    for line in doc.pages[0].lines:
        for w in line.words:
            if w.text == "IEC":
                w.box = w.box.model_copy(update={"x0": 0.83, "x1": 0.86, "y1": w.box.y0 + height})
    assert [str(i.amount) for i in extract_amounts(doc, "en", is_invoice=True).line_items] == items


@pytest.mark.parametrize(("row", "conf", "items", "unread"), [
    # seed 230: '3.312,00' read '3: 312790' at 17%, right above the total: the run of items
    # had stopped there, and the bill had no items at all (an ITEMISED_INVOICE_MISSING)
    ("MR-scanning   3:   312790", 0.17, ["1092.00", "220.00", "3312.00"], 0),
    ("MR-scanning   3:   318790", 0.17, ["1092.00", "220.00"], 1),  # no reading makes the total: unread
    ("MR-scanning   3:   318790", 0.9, [], 0),  # bare digits read surely are no item, and end the run as before
])
def test_an_item_garbled_past_reading_right_above_the_total_keeps_the_items_above_it(row, conf, items, unread):
    text = ("REGNING\nFaktura nr.: 2026-3594\nSpeciallægekonsultation   1.092,00\nBlodprøver   220,00\n"
            f"{row}\nI alt DKK   4.624,00\n")
    doc = _barely_read(doc_from_text(text), {"3:", "312790", "318790"}, conf)
    result = extract_amounts(doc, "da", is_invoice=True)
    assert [str(i.amount) for i in result.line_items] == items
    assert sum(f.name == "line_items_unread" for f in result.fields) == (1 if unread else 0)


@pytest.mark.parametrize(("row", "items"), [
    ("Konsultation almen læge   5357 00", ["535.00", "954.00", "97.00", "546.00"]),  # seed 183: ',' read as '7 '
    ("Konsultation almen læge   5358 00", ["535.00", "954.00", "97.00", "546.00"]),
    ("Konsultation almen læge   5367 00", ["954.00", "97.00", "546.00"]),  # no digit taken out makes the total
    ("Konsultation almen læge   535700", ["535.00", "954.00", "97.00", "546.00"]),  # no gap: glued (seed 201)
    ("Konsultation almen læge   535790", ["535.00", "954.00", "97.00", "546.00"]),  # and a zero of its cents read as 9
    ("Konsultation almen læge   536700", ["954.00", "97.00", "546.00"]),  # no digit taken out makes the total
])
def test_an_item_whose_decimal_comma_ocr_read_as_a_digit_is_the_reading_that_makes_the_total(row, items):
    text = (f"Faktura\nFaktura nr.: 2026-8403\n{row}\n3 X Indsprøjtning   954,00\nForbinding   97,00\n"
            "2 x Blodprøver   546,00\nAt betale i alt DKK   2.132,00\n")
    assert [i.amount for i in extract_amounts(doc_from_text(text), "da", is_invoice=True).line_items] == items


@pytest.mark.parametrize(("last_row", "total"), [
    ("549,00 €", D("549.00")),  # seed 184: the total's label lost on a photo
    ("                               549,00", D("549.00")),
    ("559,00 €", None),  # not what the items make
    ("Anzahlung   549,00 €", None),  # a described row is no bare total
])
def test_a_bare_amount_under_the_items_that_they_make_is_the_total_whose_label_was_lost(last_row, total):
    text = ("RECHNUNG\nRechnungsnummer: 2026-4711\nLeistung   Anzahl   Einzelpreis   Betrag\n"
            "Fachärztliche Konsultation   139,00   139,00\nLaboruntersuchung Blut   45,50   91,00\n"
            "Ruhe-EKG   56,00   56,00\nEchokardiographie   247,50   247,50\nVerbandwechsel   15,50   15,50\n"
            f"{last_row}\nIBAN: DE53 1336 1338 3601 9781 3596\n")
    found = extract_amounts(doc_from_text(text), "de", is_invoice=True)
    assert found.total == total and len(found.line_items) == 5


@pytest.mark.parametrize(("last_row", "items", "total"), [
    ("549,00 €", 5, D("549.00")),  # seed 184: the header and the total's label lost on a photo
    ("559,00 €", 0, None),  # not the items' sum: nothing to go on
])
def test_items_above_a_bare_amount_that_is_their_sum_are_the_items_where_no_label_was_read(last_row, items, total):
    text = ("MVZ Kardiologie Wien Rechnung\nRechnungsnummer: RE-2026-6789\nPatientin: Sigrid Nygård\n„Leistung\n"
            "Fachärztliche Konsultation   139,00   139,00\nLaboruntersuchung Blut   45,50   91,00\n"
            "Ruhe-EKG   56,00   56,00\nEchokardiographie   247,50   247,50\nVerbandwechsel   15,50   15,50\n"
            f"{last_row}\nIBAN: DE53 1336 1338 3601 9781 3596\n")
    found = extract_amounts(doc_from_text(text), "de", is_invoice=True)
    assert found.total == total and len(found.line_items) == items


THINNED_ZEROS_BILL = ("FAKTURA\nAkut konsultation        1.232,00\nBlodprøver                 182,00\n"
                      "Medicin                    {a}\nRøntgenundersøgelse        {b}\nForbinding                 191,00\n"
                      "Plaster                    164,00\nSubtotal                 3.296,00\nMoms 25 %                  {vat}\nAt betale i alt DKK      {total}\n")


@pytest.mark.parametrize(("a", "b", "vat", "total"), [
    ("888,09", "639,90", "824,00", "4.120,00"),  # two items' cents misread, the rest as printed
    ("888,09", "639,90", "824,090", "4.120,88"),  # a bilevel scan: every figure's zeros thinned
    ("888,08", "639,60", "824,00", "4.120,80"),
])
def test_items_with_several_cents_zeros_misread_are_put_right_where_only_that_makes_the_sums(a, b, vat, total):
    r = extract_amounts(doc_from_text(THINNED_ZEROS_BILL.format(a=a, b=b, vat=vat, total=total)), "da", is_invoice=True)
    assert [i.amount for i in r.line_items] == ["1232.00", "182.00", "888.00", "639.00", "191.00", "164.00"]
    assert r.total == D("4120.00")


@pytest.mark.parametrize(("a", "b"), [
    ("888,05", "639,90"),  # a 5 is no misread zero: no set of zeros read back makes the net
    ("888,09", "639,91"),  # one of the two off by other than a zero
])
def test_items_no_set_of_cents_zeros_explains_stay_as_read(a, b):
    r = extract_amounts(doc_from_text(THINNED_ZEROS_BILL.format(a=a, b=b, vat="824,00", total="4.120,00")), "da",
                        is_invoice=True)
    assert [i.amount for i in r.line_items][2:4] == [f"{D(x.replace(',', '.')):.2f}" for x in (a, b)]


def test_cents_zeros_that_two_sets_of_items_would_explain_alike_are_left_as_read():
    """Any two of the three read back as ,00 make the total: none is taken."""
    doc = doc_from_text("FAKTURA\nKonsultasjon   560,90\nLegemidler   402,90\nSårskift   372,90\n"
                        "Totalbeløp NOK   1 334,90\n")
    r = extract_amounts(doc, "no", is_invoice=True)
    assert [i.amount for i in r.line_items] == ["560.90", "402.90", "372.90"]


@pytest.mark.parametrize(("read", "meant", "misread"), [
    ("4120.88", "4120.00", True), ("223.58", "223.50", True), ("223.06", "223.00", True),
    ("223.55", "223.50", False), ("223.88", "223.50", False), ("224.88", "223.00", False),
])
def test_cent_zero_misread_is_one_or_both_cents_zeros_read_as_9_8_or_6(read, meant, misread):
    assert cent_zero_misread(D(read), D(meant)) is misread


@pytest.mark.parametrize(("text", "currency"), [
    # a record: an address figure read as '8,22' and a Danish phone code, no amount: no currency
    ("Medical record\nCalle Mayor 8, 22, 28010 Madrid : Tel. +45 871 189778\nDate of visit: 7 October 2026\n", None),
    # the same cues beside an amount read: the cues still name it
    ("Invoice\nCalle Mayor 8, 22, 28010 Madrid : Tel. +45 871 189778\nTotal   450,00\n", "DKK"),
])
def test_a_currency_from_the_documents_cues_only_where_an_amount_was_read(text, currency):
    assert extract_amounts(doc_from_text(text), "en").currency == currency


@pytest.mark.parametrize(("vat_line", "total", "vat"), [
    ("IVA 21%   35728", "218,28", D("35.28")),  # seed 164: its comma read as a 7; at 21 % the net makes 35,28
    ("IVA 21%   3572", "218,28", None),  # no digit added to 35,28: neither it nor the difference is taken
    ("IVA 21%   35728", "203,28", D("35.28")),  # the rate makes the total: the difference
    ("IVA   35728", "218,28", D("50.28")),  # no rate printed: the difference
])
def test_an_unread_vat_is_the_difference_only_where_the_printed_rate_does_not_make_another_sum(vat_line, total, vat):
    text = ("FACTURA\nConsulta especialista   168,00\nBase imponible   168,00\n"
            f"{vat_line}\nImporte total EUR   {total}\n")
    assert extract_amounts(doc_from_text(text), "es", is_invoice=True).vat == vat


ITALIAN_BILL = ("FATTURA\nPrestazione di pronto soccorso      142,50\nEsami del sangue      50,90\n"
                "Radiografia      {row}\nTotale EUR      {total}\n")


@pytest.mark.parametrize(("row", "total", "items"), [
    # seed 192: a zero of one item's cents read as 9, the other row's '79,00' read '79,990'
    ("79,990", "271,50", ["142.50", "50.00", "79.00"]),
    ("79,990", "272,50", ["142.50", "50.90"]),  # no set of readings makes the total: as read
])
def test_a_row_whose_amount_did_not_parse_is_one_of_the_misread_where_only_that_set_makes_the_total(row, total, items):
    r = extract_amounts(doc_from_text(ITALIAN_BILL.format(row=row, total=total)), "it", is_invoice=True)
    assert [i.amount for i in r.line_items] == items


def _with_word_conf(doc, words: dict[str, float]):
    """The document with the named words read at the given confidences."""
    for page in doc.pages:
        for line in page.lines:
            for w in line.words:
                if w.text in words:
                    w.conf = words[w.text]
    return doc


GARBLED_TOTAL_BILL = ("Factura\nConsulta especialista   1   433,00   433,00\nCura y vendaje   3   18,00   54,00\n"
                      "Dermatoscopia   1   70,00   70,00\nFa\nMedicación   1   16,00   16,00\nTOTAL =.   {total}\n")


@pytest.mark.parametrize(("total", "conf", "expected"), [
    ("S7600EUR", 0.42, "573.00"),  # '573,00 EUR': 5 read as S, '3,' as 6, barely read: the items' sum
    ("S7600EUR", 0.90, "7600.00"),  # read surely: a wrong total, left for the sum check
    ("S9900EUR", 0.42, "9900.00"),  # two characters off the items' sum: left as read
    ("583,00EUR", 0.42, "583.00"),  # its comma read: a figure read as printed, wrong or not
])
def test_a_barely_read_total_that_lost_its_comma_and_a_digit_is_the_items_sum(total, conf, expected):
    doc = _with_word_conf(doc_from_text(GARBLED_TOTAL_BILL.format(total=total)), {total: conf, "Fa": 0.13})
    r = extract_amounts(doc, "es", is_invoice=True)
    assert len(r.line_items) == 4
    assert r.total == D(expected)


@pytest.mark.parametrize(("speck_conf", "items"), [(0.13, 4), (0.9, 1)])
def test_a_two_letter_speck_between_items_does_not_end_them_but_a_word_read_surely_does(speck_conf, items):
    doc = _with_word_conf(doc_from_text(GARBLED_TOTAL_BILL.format(total="573,00 EUR")), {"Fa": speck_conf})
    assert len(extract_amounts(doc, "es", is_invoice=True).line_items) == items


@pytest.mark.parametrize(("row", "expected"), [
    ("Consultation   1   75,90   795,90", "75.50"),  # the amount a digit off its unit price, the price a digit off the sum
    ("Consultation   1   75,90   75,90", "75.90"),  # the row agrees with itself: a real mismatch, left as read
    ("Consultation   1   71,90   795,90", "795.90"),  # the price two digits off what the total leaves
    ("Consultation   1   79,90   75,90", "75.50"),  # the amount a digit off what the total leaves, the price off it
    ("Consultation   1   79,90   76,90", "76.90"),  # the amount two digits off what the total leaves
])
def test_a_row_misread_in_both_its_unit_price_and_amount_is_the_sum_the_total_leaves(row, expected):
    doc = doc_from_text(f"Facture\n{row}\nPansement   3   26,00   78,00\nBilan sanguin   1   19,50   19,50\n"
                        "Net à payer   173,00 EUR\n")
    r = extract_amounts(doc, "fr", is_invoice=True)
    assert r.line_items[0].amount == expected


@pytest.mark.parametrize(("amount_conf", "unit", "expected"), [
    (0.60, "77,50", "77.50"),  # the amount barely read, its unit price makes the total: the price is the amount
    (0.95, "77,50", "71.90"),  # the amount read surely: a row that disagrees with itself is left as read
    (0.60, "78,50", "71.90"),  # the unit price does not make the total either: left as read
])
def test_a_barely_read_amount_is_its_unit_price_where_that_alone_makes_the_total(amount_conf, unit, expected):
    """'GP consultation 1 77.50 71.90' (a scanned translation, seed 197): the amount read at
    60% is two digits off; the unit price and the total agree on 77.50."""
    doc = _with_word_conf(doc_from_text(f"INVOICE\nDescription  Qty  Unit price  Amount (EUR)\n"
                                        f"GP consultation   1   {unit}   71,90\nBalance due   77,50 EUR\n"),
                          {"71,90": amount_conf})
    r = extract_amounts(doc, "en", is_invoice=True)
    assert [i.amount for i in r.line_items] == [expected]


@pytest.mark.parametrize(("total", "conf", "expected"), [
    ("2322,99", 0.50, "2322.50"),  # barely read, only its cents off what the items and VAT make
    ("2322,99", 0.95, "2322.99"),  # read surely: a wrong total stays as read
    ("2332,99", 0.50, "2332.99"),  # its units off too: no cents misreading
])
def test_a_barely_read_totals_cents_are_what_the_items_make(total, conf, expected):
    """'Belopp att betala SEK 2322,99' read at 50% (a faint scan, seed 198) for 2322,50."""
    doc = _with_word_conf(doc_from_text(
        "Faktura\nSpecialistbesök   1 366,00\n2 x Läkemedel   492,00\nSumma exkl. moms   1 858,00\n"
        f"Moms 25 %   464,50\nBelopp att betala SEK   {total}\n"), {total: conf})
    r = extract_amounts(doc, "sv", is_invoice=True)
    assert r.total == D(expected)


@pytest.mark.parametrize(("total", "items"), [("901,00", [("Akut konsultation", "901.00")]), ("950,00", [])])
def test_a_bills_one_item_with_a_digit_added_to_its_cents_is_read_when_it_makes_the_total(total, items):
    """'Akut konsultation 901,090' (a TIFF, seed 197) is the bill's only item: no item was
    read before it, yet the reading that makes the total is the item. A total it does not
    make leaves the bill with no item read."""
    text = (f"FAKTURA\nFaktura nr.: 2026-9762\nDato for behandling: 7.8.2026\nAkut konsultation      901,090\n"
            f"I alt DKK      {total}\n(Moms 25 %)      189,20\n")
    r = extract_amounts(doc_from_text(text), "da", is_invoice=True)
    assert [(i.description, i.amount) for i in r.line_items] == items


@pytest.mark.parametrize(("total", "items"), [("€75.50", [("GP consultation", "75.50")]), ("€80.00", [])])
def test_an_item_whose_point_ocr_read_as_a_colon_is_read_when_it_makes_the_total(total, items):
    """'GP consultation 1 79:90 75:50' (a scanned translation, seed 197): the colon is the
    point where that reading alone makes the total; else the row is left unread."""
    text = f"Invoice\nDescription   Qty   Unit price   Amount\nGP consultation   1   79:90   75:50\nTotal amount   {total}\n"
    r = extract_amounts(doc_from_text(text), "en", is_invoice=True)
    assert [(i.description, i.amount) for i in r.line_items] == items


def test_a_card_slips_time_is_no_item():
    text = "CARD PAYMENT\nTERM 67518579\n17/09/26   13:51\nVISA DEBIT\nAMOUNT   13.51 EUR\nCUSTOMER COPY\n"
    assert extract_amounts(doc_from_text(text), "en").line_items == []


@pytest.mark.parametrize(("row", "items"), [
    ("2026-07-04   7622   1   ;   321,00   321,00", 4),  # seed 203: its description read at the foot of the page
    ("2026-07-04   7622   2   ;   321,00   321,00", 2),  # the quantity does not price the amount: the run ends
])
def test_an_item_row_whose_description_was_read_elsewhere_stays_in_the_run(row, items):
    text = ("FAKTURA\nFakturanr: 87583\n"
            "2026-07-04   1063   Läkarbesök allmänmedicin   1   935,00   935,00\n"
            f"{row}\n"
            "2026-07-04   2629   Läkemedel   3   148,00   444,00\n"
            "2026-07-04   2629   Läkemedel   1   317,00   317,00\n"
            "Belopp att betala   2 017,00 SEK\n")
    r = extract_amounts(doc_from_text(text), "sv", is_invoice=True)
    assert len(r.line_items) == items


WOUND_DRESSING_BILL = ("Invoice\nDescription   Qty   Unit price   Amount\nGP consultation   1   52.00   52.00\n"
                       "Injection   3   59.50   178.50\nMedication   1   26.00   26.00\nBlood tests   1   22.50   22.50\n"
                       "Wound dressing   3   15.00   45.00\nWound dressing   2   31.50   63.00\nInvoice total   427.00 EUR\n")


@pytest.mark.parametrize("source", ["text_layer", "ocr"])
def test_a_row_that_agrees_with_itself_is_not_put_right_to_make_a_wrong_total(source):
    """Seed 204: items of 387.00 under a total of 427.00, a real mismatch. '3 15.00 45.00'
    agrees with itself, yet was set to 85.00 (a digit off what the total leaves)."""
    r = extract_amounts(doc_from_text(WOUND_DRESSING_BILL, source=source), "en", is_invoice=True)
    assert [i.amount for i in r.line_items][4] == "45.00" and r.total == D("427.00")


@pytest.mark.parametrize(("source", "expected"), [("text_layer", "795.90"), ("ocr", "75.50")])
def test_a_text_layer_is_the_documents_own_text_and_no_figure_of_it_is_put_right(source, expected):
    doc = doc_from_text("Facture\nConsultation   1   75,90   795,90\nPansement   3   26,00   78,00\n"
                        "Bilan sanguin   1   19,50   19,50\nNet à payer   173,00 EUR\n", source=source)
    assert extract_amounts(doc, "fr", is_invoice=True).line_items[0].amount == expected


@pytest.mark.parametrize(("first", "second", "total", "items"), [
    # seed 211: a digit added to one row's cents (no amount read) and to another's units
    ("141,900", "1904,50", "627,00", ["141.00", "104.50", "187.00", "77.50", "12.50"]),
    ("141,00", "1904,50", "627,00", ["141.00", "104.50", "187.00", "77.50", "12.50"]),  # one alone: as before
    ("141,900", "1984,50", "627,00", ["1984.50", "187.00", "77.50", "12.50"]),  # no pair makes it: as read
    # seed 232: one row's cents lost after its comma (read on another line), another's zero read as 9
    ("141,", "104,59", "627,00", ["141.00", "104.50", "187.00", "77.50", "12.50"]),
    ("1.141,", "104,59", "1.627,00", ["1141.00", "104.50", "187.00", "77.50", "12.50"]),
    ("142,", "104,59", "627,00", ["104.59", "187.00", "77.50", "12.50"]),  # no pair makes it: as read
])
def test_two_rows_misread_at_once_are_put_right_where_one_pair_alone_makes_the_total(first, second, total, items):
    text = (f"FACTURE\nConsultation spécialiste   {first}\nExamen anatomopathologique   {second}\n"
            "Exérèse de lésion cutanée   187,00\nDermatoscopie   77,50\nPansement   12,50\n"
            f"Total HT   522,50\nTVA 20 %   104,50\nNet à payer EUR   {total}\n")
    r = extract_amounts(doc_from_text(text), "fr", is_invoice=True)
    assert [i.amount for i in r.line_items] == items


@pytest.mark.parametrize(("total_line", "total"), [
    ("Rechnungsbetrag EUR   223,988", D("223.00")),  # seed 202: one zero read as '98', the other as 8
    ("Rechnungsbetrag EUR   223,958", None),  # a 5 is no misread zero
    ("Rechnungsbetrag EUR   224,988", None),  # nor what the items make
    ("Rechnungsbetrag EUR   223, 090", D("223.00")),  # seed 227: a space after the comma, a digit added
    ("Rechnungsbetrag EUR   224, 090", None),  # a space closed, still not what the items make
])
def test_an_unread_total_with_both_its_zeros_misread_is_what_the_items_make(total_line, total):
    text = ("Rechnung\nBeratung und Untersuchung   64,00\n3 x Verbandwechsel   67,50\nArzneimittel   9,50\n"
            f"2 x Laboruntersuchung Blut   82,00\n{total_line}\n")
    assert extract_amounts(doc_from_text(text), "de", is_invoice=True).total == total


def _unread(found):
    return next((f for f in found.fields if f.name == "line_items_unread"), None)


UNREAD_ITEMS = ("INVOICE\nInvoice No.: INV-48443\nDOB: 19th July 2002\nUrgent care attendance   {first}\n"
                "X-ray   59.50\nMedication   T90\nBlood tests   35.00\nWound dressing   23:50\nMedication   8.00\n"
                "Balance due GBP   261.00\n")


def test_item_rows_whose_amounts_ocr_garbled_are_counted_as_unread():
    """Seed 214: a TIFF's amount column read 'T2750', 'T90', '23:50' for 127.50, 7.50, 23.50."""
    found = extract_amounts(doc_from_text(UNREAD_ITEMS.format(first="T2750")), "en", is_invoice=True)
    unread = _unread(found)
    assert unread is not None and unread.value == "3" and unread.source_text.startswith("Urgent care")
    assert unread.confidence < 0.5 and found.total == D("261.00")


@pytest.mark.parametrize("first", ["127.50", "2750", "12.07.2026"])
def test_a_read_amount_a_bare_number_or_a_date_is_no_garbled_amount(first):
    found = extract_amounts(doc_from_text(UNREAD_ITEMS.format(first=first)), "en", is_invoice=True)
    assert _unread(found).value == "2"  # only 'T90' and '23:50'


def test_items_all_read_have_none_unread():
    text = "INVOICE\nGP consultation   45.50\nInjection   42.50\nAmount due GBP   88.00\n"
    assert _unread(extract_amounts(doc_from_text(text), "en", is_invoice=True)) is None


@pytest.mark.parametrize(("label", "total"), [("I alt", "2275.00"), ("l alt", "2275.00")])
def test_the_danish_total_label_with_its_i_read_as_an_l(label, total):
    """Seed 224: 'l alt 2.275,00 DKK' on a scan; the label's I read as a lone l."""
    text = ("FAKTURA\nSpeciallægekonsultation   1.110,00\nRøntgenundersøgelse   710,00\nSubtotal   1.820,00\n"
            f"Moms 25 %   455,00\n{label}   2.275,00 DKK\n")
    found = extract_amounts(doc_from_text(text), "da", is_invoice=True)
    assert found.total == (D(total) if total else None)


def test_a_row_whose_garbled_amount_a_repair_read_is_not_unread():
    """Seed 223: '938,900' is a garbled figure, but the repair reads it 938,00 and the items add up."""
    text = "REGNING\nSpeciallægekonsultation   938,900\nForbinding   390,00\nTotal DKK   1.328,00\n"
    found = extract_amounts(doc_from_text(text), "da", is_invoice=True)
    assert [i.amount for i in found.line_items] == ["938.00", "390.00"] and _unread(found) is None


@pytest.mark.parametrize(("row", "items"), [
    ("Forfait urgences   1l   253,90   293,50", ["253.50"]),  # seed 225: the price and the amount each a digit off
    ("Forfait urgences   1l   253,50   293,50", ["253.50"]),  # the price right, the amount a digit off
    ("Forfait urgences   1l   283,90   293,50", ["293.50"]),  # the price two digits off: no reading, as read
])
def test_a_row_whose_price_and_amount_are_each_a_digit_off_what_the_total_leaves(row, items):
    text = (f"FACTURE\nDésignation   Qté   Prix unitaire   Montant\n{row}\nTotal HT   299790\nTVA 20 %   50,70\n"
            "Montant total   304,20 EUR\n")
    found = extract_amounts(doc_from_text(text), "fr", is_invoice=True)
    assert [i.amount for i in found.line_items] == items


@pytest.mark.parametrize(("conf", "ecg"), [(0.71, "57.50"), (0.9, "57.30")])
def test_a_barely_read_item_a_digit_off_what_the_total_leaves_is_that(conf, ecg):
    """Seed 227: 'ECG 57,30' read at 71% for 57,50; read surely, a digit off is a real mismatch."""
    text = "FACTUUR\nConsult specialist   205,00\nECG   57,30\nTotaal EUR   262,50\n"
    doc = _barely_read(doc_from_text(text), {"57,30"}, conf)
    assert [i.amount for i in extract_amounts(doc, "nl", is_invoice=True).line_items] == ["205.00", ecg]


def test_an_amount_its_price_bears_out_with_a_digit_added_is_not_put_right_to_a_wrong_total():
    """Seed 227: 'Injectie 1 955,50 55,50' (the price's speck read as a 9): 55,50 twice over,
    so the items make 264,00 against a total of 274,00, a real mismatch, not a misread 65,50."""
    text = ("FACTUUR\nOmschrijving   Aantal   Prijs   Bedrag\nConsult huisarts   1   63,50   63,50\n"
            "Injectie   1   955,50   55,50\nBloedonderzoek   3   30,50   91,50\nMedicatie   1   37,50   37,50\n"
            "Wondverzorging   1   16,00   16,00\nTotaalbedrag €   274,00\n")
    doc = _barely_read(doc_from_text(text), {"955,50"}, 0.74)
    found = extract_amounts(doc, "nl", is_invoice=True)
    assert [i.amount for i in found.line_items] == ["63.50", "55.50", "91.50", "37.50", "16.00"]


def test_two_rows_above_the_items_read_whose_dotted_zeros_ocr_read_as_digits_are_put_right():
    """Seed 247: a photo of a monospaced bill, '1 531,900' and '200,090' for 1 531,00 and
    200,00 above the one item read; the two readings that make the total are the items."""
    text = ("FAKTURA\nFakturanummer: 13350\nPasient: Henrik Bakke\nKonsultasjon spesialist   1 531,900\n"
            "Sårskift og bandasje   200,090\nEksisjon av hudlesjon   3 334,00\nTotalt NOK   5 065,00\n")
    found = extract_amounts(doc_from_text(text), "no", is_invoice=True)
    assert [i.amount for i in found.line_items] == ["1531.00", "200.00", "3334.00"] and _unread(found) is None
    off = text.replace("Totalt NOK   5 065,00", "Totalt NOK   5 965,00")  # no two readings make this
    assert [i.amount for i in extract_amounts(doc_from_text(off), "no", is_invoice=True).line_items] == ["3334.00"]


def test_a_row_of_rules_and_specks_between_two_items_does_not_end_the_run():
    """Seed 251: a table's rule read as '|- Ξ i ΒΞ : -' between the first two rows."""
    text = ("ΤΙΜΟΛΟΓΙΟ\nΘεράπων ιατρός: Δρ. Μαρία Παπαδοπούλου\nΙατρική επίσκεψη   1   68,00   68,00\n|- Ξ i ΒΞ : -\n"
            "Ένεση   1   16,50   16,50\nΦάρμακα   3   22,00   66,00\nΣύνολο EUR   150,50\n")
    found = extract_amounts(_barely_read(doc_from_text(text), {"ΒΞ"}, 0.25), "el", is_invoice=True)
    assert [i.amount for i in found.line_items] == ["68.00", "16.50", "66.00"]
    worded = text.replace("|- Ξ i ΒΞ : -", "Ασθενής: Ingrid Strand")  # a line of words ends the run
    assert [i.amount for i in extract_amounts(doc_from_text(worded), "el", is_invoice=True).line_items] == ["16.50", "66.00"]


@pytest.mark.parametrize(("conf", "unread"), [(0.41, "1"), (0.9, None)])
def test_a_barely_read_figure_with_one_digit_is_a_garbled_amount(conf, unread):
    """Seed 247: 'Blood tests 1 0o A0' (26.00 26.00 on a TIFF) at 20% and 41%."""
    text = ("INVOICE\nInjection   3   32.00   96.00\nBlood tests   1   0o   A0\nMedication   1   12.50   12.50\n"
            "Invoice total   £222.00\n")
    doc = _barely_read(doc_from_text(text), {"A0", "0o"}, conf)
    found = extract_amounts(doc, "en", is_invoice=True)
    got = _unread(found)
    assert (got.value if got else None) == unread


def test_a_garbled_total_no_reading_of_which_the_items_make_gives_its_readings():
    """Seed 250: 'Netto a pagare EUR 223,590' for 223,50, the items making 213,50 (a real
    mismatch): no total is taken, but what the figure may read as is kept for the checks."""
    text = ("Fattura\nFattura n.: 4540/2026\nPrestazione di pronto soccorso   156,50\n3 x Esami del sangue   57,00\n"
            "Netto a pagare EUR   223,590\n")
    found = extract_amounts(doc_from_text(text), "it", is_invoice=True)
    readings = next(f for f in found.fields if f.name == "total_readings")
    assert found.total is None and "223.50" in readings.value.split() and readings.confidence < 0.5
    made = text.replace("57,00", "67,00")  # the items make one reading: that is the total
    found = extract_amounts(doc_from_text(made), "it", is_invoice=True)
    assert found.total == D("223.50") and all(f.name != "total_readings" for f in found.fields)
