"""Document types from titles and body vocabulary, in all 13 languages."""

import pytest

from claim_intake.model import DocType
from extractors.classify import classify, classify_with_evidence
from tests.helpers import doc_from_text

INVOICES = {
    "no": "Oslo Legesenter AS\nFAKTURA\nFakturanr: 118   Fakturadato: 12.03.2024\nKonsultasjon        450,00\nÅ betale            450,00",
    "da": "Lægehuset\nFaktura nr. 118\nKonsultation        450,00\nAt betale           450,00",
    "sv": "Vårdcentralen Söder\nFaktura\nLäkarbesök          450,00\nAtt betala          450,00",
    "en": "St Mary's Clinic\nINVOICE\nInvoice no: 118   Due date: 26/03/2024\nConsultation        120.00",
    "es": "Clínica Sol\nFACTURA\nNº de factura: F-118\nConsulta            120,00",
    "de": "Praxis Dr. Weber\nRechnung\nRechnungsnummer 118\nBeratung (GOÄ 1)     10,72",
    "fr": "Cabinet médical\nFacture n° 118\nConsultation         50,00",
    "it": "Studio Medico Rossi\nFattura n. 118\nVisita specialistica 90,00",
    "nl": "Huisartsenpraktijk\nFactuur\nFactuurnummer 118\nConsult              45,00",
    "pt": "Clínica do Porto\nFatura nº FT 118\nConsulta             60,00",
    "pl": "Przychodnia Zdrowie\nFaktura VAT nr 118\nKonsultacja         180,00",
    "fi": "Lääkäriasema Terveys\nLasku\nLaskun numero 118\nVastaanotto          65,00",
    "el": "Ιατρείο Παπαδόπουλου\nΤιμολόγιο Παροχής Υπηρεσιών\nΙατρική επίσκεψη     50,00",
}

RECEIPTS = {
    "es": "Clínica Sol\nRecibo\nRecibí de D. Ole Hansen la cantidad de 120,00 €",
    "de": "Praxis Dr. Weber\nQuittung\nBetrag erhalten: 45,00 EUR",
    "no": "Oslo Legesenter\nKvittering\nBetalt med kort 450,00",
    "sv": "Vårdcentralen\nKvitto\nBetalt 450,00 kr",
    "fr": "Cabinet médical\nReçu\nPayé en espèces 50,00 €",
    "pl": "Apteka\nPARAGON FISKALNY\nSuma PLN 45,00",
    "it": "Studio Medico\nRicevuta\nPagato 90,00 €",
    "nl": "Apotheek\nKwitantie\nBetaald 45,00",
    "pt": "Clínica\nRecibo\nPago 60,00 €",
    "fi": "Apteekki\nKuitti\nMaksettu 65,00",
    "el": "Ιατρείο\nΑπόδειξη Πληρωμής\nΕξοφλήθηκε 50,00",
    "en": "Clinic\nRECEIPT\nAmount paid 120.00",
    "da": "Apoteket\nKvittering\nBetalt 120,00 kr",
}

RECORDS = {
    "es": "Hospital Clínico\nINFORME MÉDICO\nDiagnóstico: dermatitis\nTratamiento: corticoides",
    "de": "Klinikum Nord\nArztbrief\nDiagnose: Ekzem\nTherapie: Salbe",
    "de2": "Radiologie Mitte\nBefund\nMRT Knie rechts: Meniskusläsion",
    "fr": "Hôpital Saint-Louis\nCompte rendu de consultation\nDiagnostic: eczéma",
    "no": "Oslo universitetssykehus\nEPIKRISE\nDiagnose: Pneumoni",
    "no2": "Legesenteret\nJournalnotat\nVurdering: Ok",
    "da": "Rigshospitalet\nJournal\nDiagnose: Influenza",
    "pl": "Szpital Miejski\nKarta informacyjna leczenia szpitalnego\nRozpoznanie: zapalenie płuc",
    "it": "Ospedale Maggiore\nReferto\nDiagnosi: frattura del polso",
    "nl": "Ziekenhuis\nVerslag\nConclusie: geen afwijkingen",
    "pt": "Hospital de Santa Maria\nRelatório médico\nDiagnóstico: gripe",
    "fi": "Terveyskeskus\nSairauskertomus\nDiagnoosi: flunssa",
    "fi2": "Lääkäriasema\nLääkärinlausunto\nDiagnoosi: nyrjähdys",
    "el": "Νοσοκομείο\nΙατρική γνωμάτευση\nΔιάγνωση: γρίπη",
    "en": "St Thomas' Hospital\nDischarge summary\nDiagnosis: appendicitis",
    "en2": "Clinic\nMedical report\nFindings: normal",
}


@pytest.mark.parametrize("key", sorted(INVOICES))
def test_invoices(key):
    doc_type, confidence = classify(doc_from_text(INVOICES[key]), key)
    assert doc_type == DocType.invoice and confidence >= 0.6


@pytest.mark.parametrize("key", sorted(RECEIPTS))
def test_receipts(key):
    doc_type, confidence = classify(doc_from_text(RECEIPTS[key]), key[:2])
    assert doc_type == DocType.receipt and confidence >= 0.6


@pytest.mark.parametrize("key", sorted(RECORDS))
def test_medical_records(key):
    doc_type, confidence = classify(doc_from_text(RECORDS[key]), key[:2])
    assert doc_type == DocType.medical_record and confidence >= 0.6


@pytest.mark.parametrize(
    "text",
    [
        "BANKAXEPT\nKJØP\nNOK 450,00\nGODKJENT\nKUNDEKVITTERING\nRef: 123456",
        "VISA\nSALE\nEUR 80.00\nAPPROVED\nCUSTOMER COPY\nAID: A0000000031010",
        "girocard\nKartenzahlung\nEUR 45,00\nBetrag erhalten\nKUNDENBELEG",
        "DNB\nBetalingsbekreftelse\nOverført beløp: 450,00\nTil konto: 1503.12.34567",
        "Banco Santander\nJustificante de transferencia\nImporte: 120,00 EUR",
    ],
)
def test_card_slips_and_transfer_confirmations_are_receipts(text):
    assert classify(doc_from_text(text), None)[0] == DocType.receipt


def test_a_bankaxept_slip_is_a_receipt_and_a_bill_paid_with_bankaxept_is_not():
    """Seed 202: a letter-style bill, no title, its items and 'Til betaling', 'Betalt med
    BankAxept' at its foot. BankAxept is the card scheme, a receipt's hint, not its title."""
    slip = "BANKAXEPT\nKJØP\nNOK 450,00\nGODKJENT\nRef: 123456"
    bill = ("Ortopedi Oslo\nOslo, 13. september 2026\nFakturanummer 17267\nKonsultasjonsdato: 4. september 2026\n"
            "Konsultasjon spesialist   1 629,00 kr\nUltralyd   834,00 kr\nTil betaling   2 463,00 kr\n"
            "Innbetalt   2 463,00 kr\nDr. P. Dahl\nBetalt med BankAxept · 22. september 2026")
    from extractors.interpret import interpret

    assert classify(doc_from_text(slip), "no")[0] == DocType.receipt
    assert interpret(doc_from_text(bill)).doc_type == DocType.invoice


def test_norwegian_referral():
    text = "Legesenteret\nHENVISNING\nTil: Hudlege Hansen\nProblemstilling: kløende utslett"
    assert classify(doc_from_text(text), "no")[0] == DocType.referral


def test_nynorsk_referral():
    """Nynorsk is Norwegian too: its 'tilvising' is the henvisning the referral rule asks for."""
    text = "Voss legekontor\nTILVISING\nTilvist til: Augelege\nTilvisande lege: fastlege Kari Vik"
    assert classify(doc_from_text(text), "no")[0] == DocType.referral


def test_referrals_in_other_languages():
    assert classify(doc_from_text("Praxis Dr. Meier\nÜberweisungsschein\nZur Mitbehandlung"), "de")[0] == DocType.referral
    assert classify(doc_from_text("Vårdcentralen\nRemiss\nFrågeställning: eksem"), "sv")[0] == DocType.referral
    assert classify(doc_from_text("Dr Jones\nReferral letter\nReason for referral: rash"), "en")[0] == DocType.referral


def test_helfo_claim_form_mentioning_invoices_is_a_claim_form():
    text = (
        "Helfo\nSøknad om refusjon av utgifter til helsetjenester i et annet EU/EØS-land\n"
        + "\n" * 30
        + "Legg ved faktura og kvittering for betalingen.\nUnderskrift"
    )
    assert classify(doc_from_text(text), "no")[0] == DocType.claim_form
    assert classify(doc_from_text("KRAV OM REFUSJON\nNavn:\nFødselsnummer:"), "no")[0] == DocType.claim_form


def test_translation_of_an_invoice_is_a_translation():
    text = "CERTIFIED TRANSLATION\nINVOICE\nInvoice no: 118\nConsultation 120.00\nSworn translator Jane Doe"
    doc_type, confidence, field = classify_with_evidence(doc_from_text(text), "en")
    assert doc_type == DocType.translation and confidence >= 0.7
    assert field.name == "doc_type" and field.value == "translation" and field.page == 1


def test_a_title_priced_as_an_item_is_no_title():
    """Seed 234: a French till invoice with no title of its own, a 'Bilan sanguin' (blood
    tests) item on it; 'Bilan' also heads a French report."""
    text = ("CABINET DE CARDIOLOGIE\n8 rue de la République\nSIRET 386991885\nN° de facture: FA202607-1026\n"
            "Émise le: 18 juil. 2026\nMédecin: Dr Nathalie Moreau\nConsultation spécialiste 190, 50\n"
            "{item}\nTotal à payer EUR 240,50")
    assert classify(doc_from_text(text.format(item="Bilan sanguin 50, 00")), "fr")[0] is DocType.invoice
    assert classify(doc_from_text(text.format(item="Certificat médical 25,00")), "fr")[0] is DocType.invoice
    assert classify(doc_from_text(text.format(item="01/07/2026 Bilan sanguin 1 50,00")), "fr")[0] is DocType.invoice
    record = "CABINET DE CARDIOLOGIE\nBilan\nPatient: Torbjørn Aasen\nExamen: 12.06.2026\nConclusion: normal"
    assert classify(doc_from_text(record), "fr")[0] is DocType.medical_record
    dated = "Clinique\nCertificat médical du 12.06.2026\nJe soussigné certifie avoir examiné"
    assert classify(doc_from_text(dated), "fr")[0] is DocType.medical_record  # a date is no price


def test_title_at_the_top_outweighs_a_mention_further_down():
    text = "Klinik\nKVITTERING\nBetalt 450,00\n" + "\n" * 40 + "Gjelder faktura nr 118 og faktura nr 119"
    assert classify(doc_from_text(text), "no")[0] == DocType.receipt


def test_greek_service_receipt_is_the_doctors_invoice():
    text = "ΑΠΟΔΕΙΞΗ ΠΑΡΟΧΗΣ ΥΠΗΡΕΣΙΩΝ\nΕξέταση από ειδικό ιατρό 177,50\nΠληρωτέο ποσό 240,00"
    assert classify(doc_from_text(text), "el")[0] == DocType.invoice


def test_greek_service_receipt_with_its_title_cut_short_is_still_the_invoice():
    """'ΑΠΟΔΕΙΞΗ ΠΑΡΟΧΗ[Σ ΥΠΗΡΕΣΙΩΝ]': the title's last word lost under a stamp or the scan's
    edge; a plain 'Απόδειξη Πληρωμής' stays a receipt."""
    text = "ΙΑΤΡΙΚΟ ΚΕΝΤΡΟ\nΑΠΟΔΕΙΞΗ ΠΑΡΟΧΗ\nΑριθμός τιμολογίου: ΤΠΥ-4510\nΕπείγουσα περίθαλψη 162,00\nΠληρωτέο ποσό EUR 240,50"
    assert classify(doc_from_text(text), "el")[0] == DocType.invoice
    text = "ΙΑΤΡΙΚΟ ΚΕΝΤΡΟ\nΑΠΟΔΕΙΞΗ ΠΛΗΡΩΜΗΣ\nΠοσό EUR 240,50\nΕξοφλήθηκε"
    assert classify(doc_from_text(text), "el")[0] == DocType.receipt


def test_repeated_body_word_does_not_outweigh_a_heading():
    text = "PKO Bank Polski\nPotwierdzenie przelewu\nZ rachunku PL59 5604 9862\nNa rachunek PL12 4615 0504\nKwota 1 890,00 PLN"
    assert classify(doc_from_text(text), "pl")[0] == DocType.receipt


def test_simplified_invoice_is_a_till_receipt():
    assert classify(doc_from_text("FACTURA SIMPLIFICADA\nTicket 001\nTotal 20,00 €"), "es")[0] == DocType.receipt


def test_ocr_slip_in_a_title():
    assert classify(doc_from_text("Praxis\nRechnunq\nBeratung 10,72"), "de")[0] == DocType.invoice


def test_word_inside_a_longer_word_is_no_title():
    doc = doc_from_text("Rechnungsdatum 12.03.2024\nBetrag 10,72")
    assert classify(doc, "de")[0] != DocType.invoice or classify(doc, "de")[1] < 0.5


def test_nothing_recognisable_is_other_with_low_confidence():
    doc_type, confidence = classify(doc_from_text("Lorem ipsum dolor sit amet\n12345"), None)
    assert doc_type == DocType.other and confidence <= 0.5


def test_decision_keeps_provenance_of_the_title_line():
    _, _, field = classify_with_evidence(doc_from_text(INVOICES["es"]), "es")
    assert field.value == "invoice" and field.source_text == "FACTURA" and field.page == 1


def test_cover_letter_asking_for_a_refund_is_not_the_claim_form():
    text = """Hilde Pedersen
Nedre Torggate 5
6004 Ålesund
Helfo, Postboks 2415, 3104 Tønsberg
Ålesund, 8. november 2026
Søknad om refusjon - behandling i utlandet
Hei,
Vedlagt følger dokumentasjon for behandling jeg fikk under opphold i utlandet i år.
Vedlegg: faktura, kvittering og øvrig dokumentasjon.
Med vennlig hilsen
Hilde Pedersen"""
    assert classify(doc_from_text(text), "no")[0] != DocType.claim_form


def test_italian_fee_receipt_with_due_date_is_the_invoice():
    text = "Studio Medico Ortopedico\nRICEVUTA SANITARIA\nFattura n. 6104/2026   Data scadenza 19/08/2026\nVisita specialistica 159,00\nTOTALE EUR 159,00"
    assert classify(doc_from_text(text), "it")[0] == DocType.invoice


def test_a_cover_letter_listing_its_enclosures_is_no_receipt():
    doc = doc_from_text(
        "Hilde Pedersen\nNedre Torggate 5\n6004 Ålesund\n"
        "Ålesund, 8. november 2026\n"
        "Søknad om refusjon - behandling i utlandet\n"
        "Hei,\nVedlagt følger dokumentasjon for behandling jeg fikk i utlandet.\n"
        "Vedlegg: faktura, kvittering og øvrig dokumentasjon.\n"
        "Med vennlig hilsen\nHilde Pedersen\n"
    )
    assert classify(doc, "no")[0] == DocType.other


def test_enclosures_line_does_not_hide_a_real_title():
    doc = doc_from_text("KVITTERING\nBeløp: 450,00 kr\nBetalt med kort\nVedlegg: faktura\n")
    assert classify(doc, "no")[0] == DocType.receipt


def test_an_untitled_finnish_record_is_known_by_its_headings():
    doc = doc_from_text("Terveystalo Tampere\nKOPIO\nPotilas Marit Sæther\nKäyntipäivä 29.06.2026\nEsitiedot\n"
                        "Potilas hakeutuu vastaanotolle.\nLöydökset\nYleistila hyvä.\nDiagnoosi\nNilkan nyrjähdys\n"
                        "Hoito\nKontrolli tarvittaessa.\nAllekirjoitus:\nTiina Mäkinen, LT\n")
    assert classify(doc, "fi")[0] == DocType.medical_record


def test_a_spanish_factura_simplificada_is_an_invoice():
    """Since 2013 the simplified invoice replaces the till ticket in Spain: it is a bill."""
    doc = doc_from_text("CLÍNICA DE DERMATOLOGÍA ALICANTE\nFACTURA SIMPLIFICADA\nNúmero: F26/07945\n"
                        "Fecha de emisión: 02/10/2026\nConsulta especialista 162,00\nTotal factura EUR 182,00\n"
                        "Vencimiento: 16/10/2026\nPAGADO\n")
    assert classify(doc, "es")[0] == DocType.invoice


def test_a_norwegian_bank_confirmation_of_a_foreign_payment_is_a_receipt():
    doc = doc_from_text("Sparebanken Vest\nUtlandsbetaling – bekreftelse\nBetalt fra konto 1261.86.35278\n"
                        "Mottaker Κλινική Καρδιολογίας\nMottakers IBAN GR74 2362 9953 1354 3564 9498\n"
                        "Beløp EUR 197,78\nBetalingsdato 09.07.2026\nMelding til mottaker ΤΠΥ-2312\nStatus Utført\n")
    assert classify(doc, "no")[0] == DocType.receipt


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The Hughes Clinic\nReceived from: Kari Solberg\nTotal due: GBP 318.00\n"
           "In respect of: Invoice number INV-20879\nCash\nLondon, 14 June 2026\n"),
    ("no", "Legesenteret Sentrum\nMottatt fra: Kari Solberg\nBeløp: 450,00 kr\n"
           "Gjelder: faktura nr 20879\nOslo, 14. juni 2026\n"),
    ("de", "Praxis Dr. Weber\nErhalten von: Kari Solberg\nBetrag: 318,00 EUR\n"
           "Verwendungszweck: Rechnung Nr. 20879\nBerlin, 14.06.2026\n"),
])
def test_an_untitled_payment_naming_the_bill_it_pays_is_a_receipt(language, text):
    """A receipt whose title the reading lost: the 'In respect of: Invoice ...' line names
    the bill it pays, so neither its 'Invoice' nor its invoice number makes it a bill."""
    from extractors.interpret import interpret

    d = interpret(doc_from_text(text))
    assert d.doc_type == DocType.receipt
    assert d.dates.payment is not None and d.dates.invoice is None


def test_an_untitled_bill_with_an_invoice_number_is_still_an_invoice():
    from extractors.interpret import interpret

    d = interpret(doc_from_text("Praxis Dr. Weber\nRechnungsnummer: 20879\nBehandlungsdatum: 14.06.2026\n"
                                "Gesamtbetrag: 318,00 EUR\n"))
    assert d.doc_type == DocType.invoice


def test_an_address_label_on_a_claim_form_is_no_french_referral():
    """'3. Adresse' is 'Adressage' (a French referral title) two letters short: another word."""
    text = ("Søknad om refusjon av utgifter til helsehjelp\n1. Navn\nKari Nordmann\n3. Adresse\n"
            "Storgata 1, 0155 Oslo\n6. Kontonummer for utbetaling\n1234.56.78901\nUnderskrift:\n")
    assert classify(doc_from_text(text), "no")[0] == DocType.claim_form
    assert classify(doc_from_text("Adresse\nStorgata 1, 0155 Oslo\n"), "no")[0] == DocType.other


def test_a_title_cut_at_the_page_edge_still_counts():
    """A photo's edge took 'Utl' of 'Utlandsbetaling': what is left is a piece of the title."""
    text = "andsbetaling - bekreftelse\nalt fra konto 4129.61.11240\nttakers IBAN ES26 4912 7101 6284 3496 9729\n"
    assert classify(doc_from_text(text), "no")[0] == DocType.receipt


@pytest.mark.parametrize("line", ["HENVIS NING", "HEN VIS NING"])
def test_a_one_word_title_read_in_pieces_counts(line):
    text = f"Tønsberg legesenter\n{line}\nØyelege / poliklinikk\nFastlege Terje Nilsen\n"
    assert classify(doc_from_text(text), "no")[0] == DocType.referral


def test_words_of_a_sentence_that_join_into_a_title_are_no_title():
    """Only a short line is a heading read in pieces; four words or more are a sentence."""
    text = "Tønsberg legesenter\nvi sender hen vis ning\nØyelege / poliklinikk\n"
    assert classify(doc_from_text(text), "no")[0] != DocType.referral


def test_a_long_word_of_a_title_beside_a_short_other_word_is_no_title():
    """'Specialist consultation EUR 168.50' is an item of a letter's bill: 'consultation
    EUR' scores close to 'Consultation report' as one string, but 'EUR' is no misread
    'report'. A title read with a slip in each word still counts."""
    letter = ("Cardiology Associates Ltd\nDublin, 10 April 2026\nInvoice number INV-82349\n"
              "Appointment date: 10 April 2026\n")
    items = "Specialist consultation EUR 168.50\nECG EUR 53.50\nTotal due EUR 222.00\n"
    assert classify(doc_from_text(letter + items), "en")[0] != DocType.medical_record
    assert classify(doc_from_text(letter + "Consu1tation rep0rt\n"), "en")[0] == DocType.medical_record
    assert classify(doc_from_text("Dermatology clinic\nMedlcal rec0rd\nFindings: eczema\n"), "en")[0] \
        == DocType.medical_record


def test_a_date_label_read_right_is_no_loosely_matched_title():
    """'Data porady: 24 czerwca 2026' is the Polish visit date's label, as read: no 'Karta
    porady' (a record's title) misread. The title itself, misread, still counts."""
    letter = ("NZOZ Zdrowie\nul. Floriańska 15, 31-042 Kraków\nVegard Lunde Kraków, 13 lipca 2026\n"
              "Faktura nr FV/260/07/2026\nData porady: 24 czerwca 2026\nData urodzenia: 9 marca 1992\n"
              "Porada lekarza rodzinnego 280,00 zł\nBadania krwi 100,00 zł\nSuma 380,00 zł\n")
    assert classify(doc_from_text(letter), "pl")[0] == DocType.invoice
    assert classify(doc_from_text("Przychodnia Zdrowie\nKarta porady\nRozpoznanie: grypa\n"), "pl")[0] \
        == DocType.medical_record
    assert classify(doc_from_text("Przychodnia Zdrowie\nKarta poradv\nRozpoznanie: grypa\n"), "pl")[0] \
        == DocType.medical_record


@pytest.mark.parametrize(("title", "doc_type"), [
    ("ΑΠΟΔΕΙΞΗ Η ΠΑΡΟΧΗΣ ΥΠΗΡΕΣΙΩΝ", DocType.invoice),  # seed 271: a speck read as a letter inside the title
    ("ΑΠΟΔΕΙΞΗ ΠΑΡΟΧΗΣ ΥΠΗΡΕΣΙΩΝ", DocType.invoice),
    ("ΑΠΟΔΕΙΞΗ ΠΛΗΡΩΜΗΣ", DocType.receipt),
])
def test_a_greek_title_read_with_a_stray_glyph_between_its_words_is_still_that_title(title, doc_type):
    text = (f"Ιατρικό Κέντρο Θεσσαλονίκη\n{title}\nΓιατρός: Δρ. Νικόλαος Παπαδόπουλος\n"
            "Ιατρική επίσκεψη   51,50\nΓενικό σύνολο EUR   51,50\n")
    assert classify_with_evidence(doc_from_text(text), "el")[0] == doc_type
