"""interpret() end to end on plain-text invoices, receipts and records."""

import datetime as dt

import pytest

from claim_intake.model import DocType
from extractors.interpret import decimal_text, interpret
from tests.helpers import doc_from_text, page_from_text

ES = """Clínica Dermatológica Sol
Dra. María López García
Dermatología
C/ Mayor 12, 28013 Madrid          CIF B12345678

FACTURA
Nº de factura: F-2024-0311                 Fecha de factura: 14/03/2024
Paciente: Ole Hansen

Fecha        Concepto                                   Importe
12/03/2024   Consulta de dermatología                    120,00
12/03/2024   Biopsia cutánea                              85,00

Total                                                205,00 EUR
"""

DE = """Praxis Dr. med. Hans Weber
Facharzt für Orthopädie
Hauptstraße 5, 10115 Berlin

RECHNUNG
Rechnungsnummer: 2024-0815                 Rechnungsdatum: 20.03.2024
Patient: Kari Nordmann

Datum        Leistung                                   Betrag
18.03.2024   Beratung (GOÄ 1)                             10,72
18.03.2024   Untersuchung (GOÄ 7)                         21,45

Rechnungsbetrag                                      32,17 EUR
"""

NO = """Oslo Legesenter AS
Lege Per Hansen
Org.nr 987 654 321

FAKTURA
Fakturanr: 118                             Fakturadato: 05.04.2024
Pasient: Kari Nordmann

Dato         Beskrivelse                                 Beløp
03.04.2024   Konsultasjon hos lege                       450,00
03.04.2024   Blodprøve                                   150,00

Å betale                                             600,00 NOK
"""

EL = """Ιατρείο Δρ. Γεώργιος Παπαδόπουλος
Καρδιολόγος
Οδός Ερμού 15, 10563 Αθήνα            ΑΦΜ 123456789

ΤΙΜΟΛΟΓΙΟ ΠΑΡΟΧΗΣ ΥΠΗΡΕΣΙΩΝ
Αριθμός: 118                               Ημερομηνία: 22/03/2024
Ασθενής: Ole Hansen

Ημερομηνία   Περιγραφή                                   Ποσό
21/03/2024   Καρδιολογική εξέταση                         80,00
21/03/2024   Υπερηχογράφημα καρδιάς                       70,00

Σύνολο                                               150,00 EUR
"""

CASES = [
    # text, language, accepted, specialty, doctor, treatment, total, currency
    (ES, "es", False, "dermatology", "María López García", dt.date(2024, 3, 12), "205.00", "EUR"),
    (DE, "de", False, "orthopaedics", "Hans Weber", dt.date(2024, 3, 18), "32.17", "EUR"),
    (NO, "no", True, None, "Per Hansen", dt.date(2024, 4, 3), "600.00", "NOK"),
    (EL, "el", False, "cardiology", "Γεώργιος Παπαδόπουλος", dt.date(2024, 3, 21), "150.00", "EUR"),
]


@pytest.mark.parametrize("text,language,accepted,specialty,doctor,treatment,total,currency", CASES,
                         ids=[c[1] for c in CASES])
def test_invoice_end_to_end(text, language, accepted, specialty, doctor, treatment, total, currency):
    result = interpret(doc_from_text(text, file=f"invoice_{language}.pdf"))
    assert result.file == f"invoice_{language}.pdf"
    assert result.pages == 1 and result.text_source == "ocr" and result.ocr_confidence == 0.95
    assert result.language == language and result.language_accepted is accepted
    assert result.doc_type == DocType.invoice
    assert not result.is_copy and not result.is_translation and result.translation_of is None
    assert result.specialty == specialty
    assert result.doctor_name == doctor
    assert result.dates.treatment == treatment
    names = {f.name for f in result.fields}
    assert {"language", "doc_type", "is_copy", "is_translation", "doctor_name", "dates.treatment", "specialty"} - (
        set() if specialty else {"specialty"}
    ) <= names
    assert result.field("doc_type").page == 1 and result.field("doc_type").box is not None


@pytest.mark.parametrize("text,language,accepted,specialty,doctor,treatment,total,currency", CASES,
                         ids=[c[1] for c in CASES])
def test_invoice_amounts_end_to_end(text, language, accepted, specialty, doctor, treatment, total, currency):
    """Through extractors.amounts: totals as two-place strings, items adding up."""
    result = interpret(doc_from_text(text))
    assert result.total == total and result.currency == currency
    assert [i.amount for i in result.line_items] == [a for a in _item_amounts(text)]
    assert sum(float(i.amount) for i in result.line_items) == pytest.approx(float(total))
    assert result.field("total") is not None and result.field("total").value is not None


def _item_amounts(text: str) -> list[str]:
    rows = [line.split()[-1] for line in text.splitlines() if line[:2].isdigit() and line.split()[-1][-3] == ","]
    return [r.replace(",", ".") for r in rows]


def test_copy_stamp_and_translation_reach_the_result():
    copy = interpret(doc_from_text(NO + "\n                    KOPI"))
    assert copy.is_copy and copy.field("is_copy").value == "true"
    translated = interpret(doc_from_text("CERTIFIED TRANSLATION\n" + ES.replace("FACTURA", "INVOICE")))
    assert translated.doc_type == DocType.translation and translated.is_translation
    assert translated.translation_of is None
    assert translated.field("is_translation").value == "true"


def test_receipt_lone_date_is_the_payment_date():
    result = interpret(doc_from_text("Oslo Legesenter AS\nKVITTERING\n03.04.2024\nKonsultasjon 450,00\nBetalt med kort 450,00"))
    assert result.doc_type == DocType.receipt
    assert result.dates.payment == dt.date(2024, 4, 3)
    assert result.dates.invoice is None
    assert result.field("dates.payment") is not None


def test_medical_record_carries_no_totals():
    text = "Oslo universitetssykehus\nEPIKRISE\nInnlagt 03.04.2024\nDiagnose: Pneumoni\nCRP 120,00\nSum væske 1500,00"
    result = interpret(doc_from_text(text))
    assert result.doc_type == DocType.medical_record
    assert result.total is None and result.line_items == [] and result.amount_paid is None
    assert result.language == "no" and result.language_accepted


def test_empty_document_is_other_and_unknown_language():
    result = interpret(doc_from_text(""))
    assert result.doc_type == DocType.other and result.language is None and not result.language_accepted


def test_decimals_are_two_place_strings():
    from decimal import Decimal

    assert decimal_text(Decimal("1227.5")) == "1227.50"
    assert decimal_text(Decimal("3")) == "3.00"
    assert decimal_text(None) is None


def test_poor_ocr_lowers_language_and_type_confidence():
    clean = interpret(doc_from_text(ES, conf=0.95))
    poor = interpret(doc_from_text(ES, conf=0.5))
    assert poor.language == clean.language == "es"
    assert poor.field("language").confidence < clean.field("language").confidence
    assert poor.field("doc_type").confidence < clean.field("doc_type").confidence


def test_referral_specialty_is_the_target_not_the_referring_gp():
    text = "Sentrum legekontor\nHENVISNING\nHenvisende lege: Fastlege Tone Kvam\nHenvises til: Hudlege\nProblemstilling: eksem"
    result = interpret(doc_from_text(text))
    assert result.doc_type == DocType.referral and result.specialty == "dermatology"
    assert result.language == "no"


def test_amount_results_are_copied_as_two_place_strings(monkeypatch):
    """The glue to extractors.amounts, with a stand-in result of the agreed shape."""
    import types
    from decimal import Decimal

    from claim_intake.model import ExtractedField, LineItem

    calls = []

    def extract_amounts(doc, language, is_invoice=False, is_receipt=False):
        calls.append(language)
        return types.SimpleNamespace(
            currency="EUR", total=Decimal("1227.5"), vat=Decimal("0"), vat_included=True,
            amount_paid=Decimal("1227.50"), invoice_number="F-7", marked_paid=True, adjustment=Decimal("-2.5"),
            line_items=[LineItem(description="Consulta", amount="1227.50")],
            fields=[ExtractedField(name="total", value="1227.50", page=1, confidence=0.9)],
        )

    monkeypatch.setattr("extractors.interpret.extract_amounts", extract_amounts)
    invoice = interpret(doc_from_text(ES))
    assert calls == ["es"]
    assert (invoice.total, invoice.vat, invoice.amount_paid, invoice.adjustment) == ("1227.50", "0.00", "1227.50", "-2.50")
    assert invoice.currency == "EUR" and invoice.invoice_number == "F-7" and invoice.marked_paid
    assert invoice.field("total").value == "1227.50"

    record = interpret(doc_from_text("Hospital Clínico\nINFORME MÉDICO\nDiagnóstico: dermatitis\nHemoglobina 13,50"))
    assert record.doc_type == DocType.medical_record
    assert calls == ["es"]  # no amounts read from a medical record
    assert record.total is None and record.field("total") is None


def test_a_referral_has_no_invoice_or_payment_date():
    referral = interpret(doc_from_text("HENVISNING\nDato: 11.09.2026\nHenvisende lege: Marit Hovland, fastlege\n"
                                       "Henvises til: hudlege (dermatologi)\nPasient: Kari Nordmann\n"))
    assert referral.doc_type == DocType.referral
    assert referral.dates.invoice is None and referral.dates.payment is None
    assert referral.doctor_name is None  # the referring GP is not the treating doctor


def test_a_claim_form_names_no_treating_doctor():
    form = interpret(doc_from_text("Søknad om refusjon av utgifter til helsehjelp i EU/EØS\n"
                                   "Navn: Kari Nordmann\nUnderskrift\nKari Nordmann\n"))
    assert form.doc_type == DocType.claim_form and form.doctor_name is None


def test_a_cover_letter_has_no_invoice_date_and_no_doctor():
    letter = interpret(doc_from_text("Hilde Pedersen\nNedre Torggate 5\n6004 Ålesund\nÅlesund, 8. november 2026\n"
                                     "Søknad om refusjon - behandling i utlandet\nHei,\n"
                                     "Vedlegg: faktura, kvittering og øvrig dokumentasjon.\n"
                                     "Med vennlig hilsen\nHilde Pedersen\n"))
    assert letter.doc_type == DocType.other
    assert letter.dates.invoice is None and letter.dates.payment is None
    assert letter.doctor_name is None


def test_a_bill_with_an_unknown_title_is_typed_an_invoice_by_its_shape():
    bill = interpret(doc_from_text(
        "Praxis Dr. Weber, Leopoldstraße 23, München\n"
        "Leistungsabrechnung            RE-2026-4145\n"
        "Notfallbehandlung                 € 149,50\n"
        "Verbandwechsel                     € 39,00\n"
        "Zu zahlen                         € 188,50\n"
    ))
    assert bill.doc_type == DocType.invoice and bill.total == "188.50"
    assert bill.field("doc_type").confidence < 0.8  # inferred, and says so


RECEIVED_FROM = (
    "Cabinet de cardiologie\n"
    "8 rue de la République, 69002 Lyon\n"
    "{opening} Vegard Fjeld\n"
    "Montant TTC: 227,50 EUR\n"
    "Pour: N° de facture FA202606-0314\n"
    "Carte\n"
    "Lyon, 24/6/2026\n"
)


def test_an_untitled_slip_saying_whom_it_received_money_from_is_a_receipt():
    """It names the invoice it settles, as a bill names itself: the payer's line decides."""
    slip = interpret(doc_from_text(RECEIVED_FROM.format(opening="Reçu de:")))
    assert slip.doc_type == DocType.receipt and slip.invoice_number == "FA202606-0314"
    assert slip.dates.payment == dt.date(2026, 6, 24)


def test_an_untitled_slip_naming_an_invoice_without_a_payer_line_is_an_invoice():
    bill = interpret(doc_from_text(RECEIVED_FROM.format(opening="Patient:")))
    assert bill.doc_type == DocType.invoice


def test_a_letter_without_a_total_stays_other():
    letter = interpret(doc_from_text("Hei,\nJeg sender papirene fra legebesøket.\nMed vennlig hilsen\nKari\n"))
    assert letter.doc_type == DocType.other


def test_an_invoice_that_says_when_it_was_paid_is_marked_paid():
    bill = interpret(doc_from_text("RECHNUNG\nRechnungsnummer RE-77\nRechnungsdatum: 01.09.2026\n"
                                   "Behandlung                 100,00\nGesamtbetrag             100,00 EUR\n"
                                   "Zahlungseingang: 03.09.2026\n"))
    assert bill.doc_type == DocType.invoice and bill.marked_paid
    assert bill.dates.payment is not None and bill.field("marked_paid").value == "true"


TRANSLATED_BILL = ("Certified translation\nTranslated from Italian into English by a state-authorised translator\n"
                   "Centro Medico Roma\nInvoice\nRef.: 4249/2026 Date of invoice: 20/07/2026\n"
                   "20/07/2026 Specialist consultation 1 120.00 120.00\nTotal due 120.00 EUR\n")


def test_a_translated_invoice_that_says_when_it_was_paid_is_marked_paid():
    """A translation repeats its original's facts: a bill paid on a stated date is marked paid."""
    bill = interpret(doc_from_text(TRANSLATED_BILL + "Payment date: 20/07/2026\n"))
    assert bill.doc_type == DocType.translation and bill.marked_paid
    assert bill.dates.payment == dt.date(2026, 7, 20) and bill.field("marked_paid").value == "true"


def test_a_translated_bill_without_a_payment_date_is_not_marked_paid():
    bill = interpret(doc_from_text(TRANSLATED_BILL + "Payment due: 03/08/2026\n"))
    assert bill.doc_type == DocType.translation and not bill.marked_paid


def test_a_translated_record_is_not_marked_paid():
    record = interpret(doc_from_text("Certified translation\nTranslated from Italian into English by a "
                                     "state-authorised translator\nMedical record\nDate of visit: 20/07/2026\n"
                                     "Findings: otitis media. Paid on 20/07/2026 at the desk.\n"))
    assert not record.marked_paid


def test_a_claim_form_has_no_invoice_or_payment_date():
    """The claimant writes the treatment date; a date under a misread label, or the
    signing date, is no invoice date."""
    form = interpret(doc_from_text("Søknad om refusjon av utgifter til helsehjelp\n1. Navn\nKari Nordmann\n"
                                   "5. Dato for bahandi.\n31.08.2026\n6. Kontonummer for utbetaling\n"
                                   "1234.56.78901\nSted/dato: Hamar, 15.11.2026 Underskrift:\n"))
    assert form.doc_type == DocType.claim_form
    assert form.dates.invoice is None and form.dates.payment is None


FINNISH_NAMES = ("Lääkärikeskus Turku, yleislääketiede poliklinikka\nAurakatu 8 - 20100 Turku : Puh. +47 634 255214\n"
                 "Lääkärikeskus Turku, yleislääketiede poliklinikka - Y-tunnus 107902654 - Puh. +47 634 255214\n"
                 "Yleislääkärin vastaanotto Turun terveyskeskus Aurakatu Lääkärikeskus\n")


def test_a_translation_whose_names_outweigh_its_words_is_in_its_heading_s_language():
    """Seed 182: a short translation into Norwegian of a Finnish invoice, the clinic's
    names and address carried over: langdetect says Finnish, the heading says Norwegian."""
    text = ("Oversettelse\nOversatt fra finsk til norsk av statsautorisert translatør\n" + FINNISH_NAMES +
            "FAKTURA\nFakturanr. 202605617\nBehandlingsdato 23.08.2026\nSum 145,00 EUR\n")
    result = interpret(doc_from_text(text))
    assert result.is_translation and result.language == "no" and result.language_accepted


def test_an_original_with_the_same_names_keeps_its_language():
    text = FINNISH_NAMES + "LASKU\nLaskun numero 202605617\nKäyntipäivä 23.08.2026\nYhteensä 145,00 EUR\n"
    result = interpret(doc_from_text(text))
    assert not result.is_translation and result.language == "fi"


def test_a_receipt_typed_by_a_title_only_the_classifier_knows_pays_its_total():
    """'Wydruk z terminala' types a receipt, though the amounts' own receipt titles lack it:
    its 'Razem do zapłaty' is what was paid, and a part payment (seed 196) can be compared."""
    text = ("Centrum Medyczne Zielińska\nWYDRUK Z TERMINALA\nNr. 49277\nOtrzymano od: Sindre Nygård\n"
            "Razem do zapłaty: 796,00 PLN\nTytułem: Faktura nr FV/2976/07/2026\nGdańsk, 31.07.2026")
    result = interpret(doc_from_text(text))
    assert result.doc_type == DocType.receipt
    assert result.amount_paid == "796.00"


def test_a_letter_with_a_sum_to_pay_is_no_payment():
    """Near miss: the same sum on a document nothing types a receipt pays nothing."""
    text = "Centrum Medyczne Zielińska\nNr. 49277\nSzanowny Panie,\nRazem do zapłaty: 796,00 PLN\nGdańsk, 31.07.2026"
    result = interpret(doc_from_text(text))
    assert result.doc_type != DocType.receipt and result.amount_paid is None


RECORD_NO = """Ortopedi Bergen
Journalnotat
Pasient: Eirik Bakke
Dato for behandling: 10.10.2026
Anamnese
Pasienten oppsøker lege med plager siste uke.
Diagnose
Meniskskade høyre kne
Signert: Dr. Ragnhild Dahl
"""
# the paper grain of a nearly blank second page, read as letters
NOISE = " ".join(["REE E Ai a EE E a K a RTIA e CAR ASEN A SES x a AS Eat e RES",
                  "ADA Ens AR A R E e CET LE A A A ENR ASE ENEZ IERA AN S AOE a AEE AEE S S AEIR"] * 12)


def test_a_page_of_noise_does_not_outvote_a_clean_page_s_language():
    doc = doc_from_text(RECORD_NO)
    doc.pages.append(page_from_text(NOISE, number=2, conf=0.17))
    result = interpret(doc)
    assert result.language == "no"


def test_a_document_read_poorly_throughout_still_gets_a_language():
    doc = doc_from_text(RECORD_NO, conf=0.3)
    assert interpret(doc).language == "no"


def test_a_bills_translation_dates_as_its_bill_does():
    """Seed 247: a translation of a Finnish bill whose title OCR garbled ('aktur a'): its
    bare 'Dato:' is the bill's date, beside the visit's labelled one."""
    text = ("OVERSETTELSE\nOversatt fra finsk til norsk av statsautorisert translatør\naktur a\n"
            "Fakturanr.: 202603245\nDato: 1. august 2026\nBehandlet dato: 1. august 2026\nForfall: 31. august 2026\n"
            "Konsultasjon spesialist   1   178,50   178,50\nØrerens   1   52,00   52,00\nTotalbeløp   230,50 EUR\n")
    result = interpret(doc_from_text(text))
    assert result.doc_type == DocType.translation
    assert result.dates.invoice == dt.date(2026, 8, 1) and result.dates.treatment == dt.date(2026, 8, 1)
    record = ("OVERSETTELSE\nOversatt fra finsk til norsk av statsautorisert translatør\nJournalnotat\n"
              "Dato: 1. august 2026\nBehandlet dato: 1. august 2026\nPasienten hadde vondt i øret.\n")
    assert interpret(doc_from_text(record)).dates.invoice is None  # a record's translation bills nothing
