"""Copy stamps (and card-slip near misses), translation headers, specialties."""

import pytest

from extractors.marks import detect_copy, detect_specialty, detect_translation
from tests.helpers import doc_from_text

INVOICE_BODY = """Oslo Legesenter AS
FAKTURA nr 2024-118
Konsultasjon hos lege                  450,00
Å betale                               450,00"""


@pytest.mark.parametrize(
    "stamp",
    ["COPY", "KOPI", "KOPIA", "COPIA", "KOPIE", "DUPLICATA", "DUPLICATE", "DUPLIKAT", "KOPIO", "ΑΝΤΙΓΡΑΦΟ",
     "Copie conforme", "Abschrift", "*** KOPI ***", "- COPY -", "Cópia", "Duplicado", "Kopia zgodna z oryginałem"],
)
def test_copy_stamp_on_its_own_line(stamp):
    is_copy, field = detect_copy(doc_from_text(INVOICE_BODY + "\n\n" + stamp))
    assert is_copy
    assert field.name == "is_copy" and field.value == "true"
    assert field.page == 1 and field.box is not None
    assert field.confidence >= 0.8


def test_rotated_stamp_read_as_a_short_line_between_body_lines():
    text = """Praxis Dr. Weber
Rechnung Nr. 118
Beratung                        20,00
                                               KOPIE
Untersuchung                    25,00
Summe                           45,00"""
    is_copy, field = detect_copy(doc_from_text(text))
    assert is_copy
    assert field.source_text == "KOPIE"
    assert field.box.x0 > 0.4  # the stamp's own position, not the line above


def test_rotated_stamp_read_one_letter_per_line():
    text = INVOICE_BODY + "\n" + "\n".join("                                   " + c for c in "KOPI")
    is_copy, field = detect_copy(doc_from_text(text))
    assert is_copy and field.page == 1


def test_ocr_slips_in_a_stamp_still_count():
    assert detect_copy(doc_from_text(INVOICE_BODY + "\nC0PY"))[0]
    assert detect_copy(doc_from_text(INVOICE_BODY + "\nK O P I"))[0]


def test_printed_capital_marker_inside_a_heading():
    assert detect_copy(doc_from_text("RECHNUNG - KOPIE\nBehandlung 80,00"))[0]
    assert detect_copy(doc_from_text("FACTURA (DUPLICADO)\nConsulta 80,00"))[0]


@pytest.mark.parametrize(
    "slip_line",
    ["CUSTOMER COPY", "KUNDENBELEG", "Copia per il cliente", "KUNDEKVITTERING", "Merchant copy",
     "CARDHOLDER COPY", "COPIA CLIENTE", "Ticket client", "Kopia dla klienta", "Kundens kopi",
     "TIK COPIA-CETENEE *YE"],  # seed 208: 'COPIA CLIENTE' barely read, its words joined by a dash
)
def test_card_slip_copy_lines_are_not_copies(slip_line):
    slip = f"BANK TERMINAL\nVISA ************1234\nEUR 80,00\nAPPROVED\n{slip_line}\nAID A0000000031010"
    assert detect_copy(doc_from_text(slip)) == (False, None)


@pytest.mark.parametrize(("line", "copy"), [
    ("ΑΝΤ Ι Γ Ρ ΑΦΟ", True),  # seed 209: a born-digital bill's turned stamp, its letters split at the gaps
    ("K O P I", True),
    ("KO PI Faktura", False),  # more on the line than the marker
    ("ΑΝΤ Ι Γ Ρ", False),  # not the whole marker
])
def test_a_line_that_is_only_a_copy_word_in_pieces_is_a_stamp(line, copy):
    bill = f"ΤΙΜΟΛΟΓΙΟ\nΕπίσκεψη ειδικού ιατρού   205,50\nΠληρωτέο ποσό   205,50 €\n{line}\n"
    assert detect_copy(doc_from_text(bill))[0] is copy


@pytest.mark.parametrize("stamp_line", ["COPIA", "KOPI", "COPIA-"])
def test_a_copy_stamp_word_alone_on_a_slip_is_still_a_copy(stamp_line):
    slip = f"BANK TERMINAL\nVISA ************1234\nEUR 80,00\nAPPROVED\n{stamp_line}\nAID A0000000031010"
    assert detect_copy(doc_from_text(slip))[0]


def test_copy_words_in_running_text_are_not_stamps():
    assert not detect_copy(doc_from_text("Informe médico\nSe adjunta copia del informe anterior.\nDiagnóstico: gripe"))[0]
    assert not detect_copy(doc_from_text("Epikrise\nKopi til: fastlege\nPasienten ble utskrevet."))[0]
    assert not detect_copy(doc_from_text("Arztbrief\nKopie an Hausarzt Dr. Meier\nBefund unauffällig"))[0]


def test_original_is_not_a_copy():
    assert detect_copy(doc_from_text(INVOICE_BODY)) == (False, None)


@pytest.mark.parametrize(
    "text",
    [
        "CERTIFIED TRANSLATION\nfrom Spanish into English\nInvoice no. 123\nConsultation 80.00",
        "Oversettelse fra spansk\nFaktura nr. 123\nKonsultasjon 80,00",
        "Oversættelse\nFaktura nr. 123\nKonsultation 80,00",
        "Översättning från tyska\nFaktura nr 123",
        "Invoice no. 123\nConsultation 80.00\n\n\nI certify that this is a true and accurate translation of the original.\nJane Doe, Sworn translator",
        "Faktura nr. 123\nKonsultasjon 80,00\n\n\n\nStatsautorisert translatør Kari Nordmann",
        "Beglaubigte Übersetzung aus dem Spanischen\nRechnung Nr. 123",
    ],
)
def test_translations_are_detected(text):
    is_translation, field = detect_translation(doc_from_text(text))
    assert is_translation
    assert field.name == "is_translation" and field.page == 1 and field.confidence >= 0.7


def test_translation_service_line_on_an_invoice_is_not_a_translation():
    text = "\n" * 20 + "INVOICE 2024-7\nDescription                       Amount\nTranslation of medical record from Spanish to English    120.00\nTotal 120.00"
    # a translator's invoice: the word appears only as an item, low on the page
    assert not detect_translation(doc_from_text(text))[0]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Clínica Sol\nServicio de Dermatología\nInforme médico", "dermatology"),
        ("Hudlege Kari Hansen\nFaktura", "dermatology"),
        ("Praxis für Kardiologie\nDr. med. Weber\nRechnung", "cardiology"),
        ("Cabinet d'ophtalmologie\nDr Martin\nFacture", "ophthalmology"),
        ("HNO-Praxis Dr. Weber\nRechnung", "ent"),
        ("Studio di Ortopedia e Traumatologia\nFattura", "orthopaedics"),
        ("Poradnia ginekologiczna\nFaktura", "gynaecology"),
        ("Neurologie\nMedisch verslag", "neurology"),
        ("Consulta de Psiquiatria\nRecibo", "psychiatry"),
        ("Urologian klinikka\nUrologi Matti Virtanen\nLasku", "urology"),
        ("Γαστρεντερολόγος Δρ. Παπαδόπουλος\nΤιμολόγιο", "gastroenterology"),
        ("Barnläkare Anna Svensson\nFaktura", "paediatrics"),
        ("Børnelæge Jens Jensen\nFaktura", "paediatrics"),
        ("Dr Smith, Consultant Dermatologist\nInvoice", "dermatology"),
    ],
)
def test_specialty_in_many_languages(text, expected):
    specialty, field = detect_specialty(doc_from_text(text))
    assert specialty == expected
    assert field.name == "specialty" and field.value == expected and field.box is not None


@pytest.mark.parametrize(
    "text",
    [
        "Dr. med. Schmidt\nFacharzt für Allgemeinmedizin\nRechnung\nneurologisch unauffällig",
        "Centro de Salud\nMedicina general\nFactura",
        "Fastlege Ola Nordmann\nFaktura",
        "General Practitioner\nInvoice",
    ],
)
def test_general_practice_is_no_specialty(text):
    assert detect_specialty(doc_from_text(text))[0] is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Neurologmottagningen Stockholm AB Räkning\nFakturanr: 44417", "neurology"),
        ("Lääkärikeskus Turku, ortopedian poliklinikka\nLasku", "orthopaedics"),
        ("Kardiologische Gemeinschaftspraxis\nDr. med. Weber\nRechnung", "cardiology"),
        ("Centro Cardiologico Roma\nFattura", "cardiology"),
        ("Ortopædisk Klinik Aarhus\nFaktura", "orthopaedics"),
        ("Nevrologiavdelingen\nFaktura", "neurology"),
        ("Orthopedische praktijk Utrecht\nFactuur", "orthopaedics"),
        ("Cabinet Cardiologique du Parc\nFacture", "cardiology"),
        ("Clínica Oftalmológica Sevilla\nFactura", "ophthalmology"),
        ("Clínica Ortopédica do Porto\nFatura", "orthopaedics"),
        ("Hautarztpraxis Dr. Weber\nRechnung", "dermatology"),
        ("Nefrologisk poliklinikk\nFaktura", "nephrology"),
        ("Neurochirurgische Praxis Dr. Brandt\nRechnung", "neurosurgery"),
        ("Studio di Chirurgia Plastica\nFattura", "plastic_surgery"),
        ("Poradnia Alergologiczna\nFaktura", "allergology"),
        ("Dr. Anna Berg, hematolog\nFaktura", "haematology"),
        # a form whose stem is not the name's: Finnish genitive plural ('ihotaudit' -> 'ihotautien')
        ("Lääkärikeskus Helsinki, ihotautien poliklinikka\nLasku", "dermatology"),
        ("Sydäntautien vastaanotto Tampere\nLasku", "cardiology"),
        ("Lastentautien klinikka Oulu\nLasku", "paediatrics"),
        ("Lääkärikeskus Tampere, korva-, nenä- ja kurkkutautien poliklinikka\nLasku", "ent"),  # seed 198
        ("Lääkärikeskus Tampere, korva-, nenä- kurkkutautien poliklinikk\nLasku", "ent"),  # a photo: 'ja' and a letter lost
        ("LÄÄKÄRIKESKUS TURKU, NEUROLOGIAN POLIK\nLasku", "neurology"),  # the word cut at the edge (seed 199)
        # a short first part of a compound, joined straight to a department word
        ("Hudkliniken Stockholm AB Faktura\nFakturanummer: 61692", "dermatology"),
        ("Ögonmottagningen Uppsala\nFaktura", "ophthalmology"),
        ("Hjärtkliniken Malmö\nFaktura", "cardiology"),
        ("Hudklinikken Bergen\nFaktura", "dermatology"),
        ("Øjenafdelingen, Rigshospitalet\nFaktura", "ophthalmology"),
        ("Hautklinik Dr. Weber\nRechnung", "dermatology"),
        ("Herzzentrum Berlin\nRechnung", "cardiology"),
        ("Huidkliniek Utrecht\nFactuur", "dermatology"),
        ("Oogkliniek Delft\nFactuur", "ophthalmology"),
    ],
)
def test_specialty_in_a_department_name(text, expected):
    """Compounds and inflected forms name a department only beside or joined to a
    department word."""
    assert detect_specialty(doc_from_text(text))[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dr. med. Schmidt\nRechnung\nBefund: neurologisch unauffällig, kardiologisch ohne Befund",
        "Vårdcentral Norr\nJournal\nNeurologiskt status utan anmärkning",
        "Terveyskeskus\nLasku\nortopedian konsultaatio ei tarpeen",
        "Medical Centre\nGeneral Practitioner\nInvoice\nNo need for a neurological consultation.",
        "Legesenter Nord\nFaktura\nHematologi: Hb 13,2\nBlodprøver 182,00",
        "Centro de Salud\nFactura\nAnálisis: hematología y bioquímica",
        # a department-only form beside no department word names none
        "Terveyskeskus\nLasku\nihotautien hoito ei tarpeen",
        "Terveyskeskus\nLasku\nLähete: lastentautien arvio myöhemmin",
        # a department word cut at the line's end counts only right after the specialty word, at the end
        "Terveyskeskus\nLasku\nihotautien po",
        "Terveyskeskus\nLasku\nortopedian arvio, klin",
        # a short form names a department only joined straight to a department word
        "Vårdcentralen Norr\nJournal\nHud klinik: utan anmärkning",
        "Vårdcentralen Norr\nJournal\nHudens status utan anmärkning",
        "Legesenter Nord\nJournal\nHud og øyne: normale funn",
        "Hausarztpraxis Dr. Weber\nBefund\nHaut: unauffällig. Herz: rhythmisch.",
        "Huisartsenpraktijk\nFactuur\nHuidonderzoek 45,00",
    ],
)
def test_an_inflected_specialty_word_beside_no_department_is_no_specialty(text):
    assert detect_specialty(doc_from_text(text))[0] is None


def test_no_specialty_named():
    assert detect_specialty(doc_from_text(INVOICE_BODY)) == (None, None)


def test_letterhead_specialty_outweighs_a_mention_in_the_text():
    text = "Hudlegesenteret\nHudlege Kari Hansen\nJournalnotat\n" + "\n" * 30 + "Henvist videre til ortoped ved behov."
    assert detect_specialty(doc_from_text(text))[0] == "dermatology"


def test_referral_names_the_specialty_it_sends_to_not_the_referring_gp():
    from claim_intake.model import DocType

    text = """Sentrum legekontor
HENVISNING
Henvisende lege Fastlege Tone Kvam, Sentrum legekontor
Henvises til Spesialist i øre-nese-hals
Med vennlig hilsen
Tone Kvam
Fastlege, Sentrum legekontor"""
    assert detect_specialty(doc_from_text(text), DocType.referral)[0] == "ent"
    assert detect_specialty(doc_from_text(text))[0] is None  # read as a GP's own document


def test_bank_transaction_id_is_not_a_translation_header():
    text = "Danske Bank\nKvittering for overførsel\nBeløb 875,12 DKK\nTransaktions-ID 308959755"
    assert detect_translation(doc_from_text(text)) == (False, None)


def test_duplicate_for_the_customer_on_a_card_slip_is_not_a_copy():
    slip = "CLÍNICA MÉDICA\nCOMPRA\nMONTANTE EUR 877,00\nAUTORIZADA\n*** DUPLICADO CLIENTE ***"
    assert detect_copy(doc_from_text(slip)) == (False, None)


def test_a_framed_lowercase_stamp_word_is_a_copy():
    assert detect_copy(doc_from_text("Mottaget från: Eirik Johansen [kopia] Peng\n"))[0]
    assert detect_copy(doc_from_text("Privathospitalet Hellerup |kopi| Danmark\n"))[0]


def test_a_lowercase_marker_in_running_text_is_no_copy():
    assert not detect_copy(doc_from_text("Vi sender en kopia till dig per post.\n"))[0]
    assert not detect_copy(doc_from_text("Se adjunta copia [1] del informe.\n"))[0]


def test_a_half_read_greek_copy_stamp_is_a_copy():
    assert detect_copy(doc_from_text("Τιμολόγιο\nΑΝΤΙΡΑΦΟ ΑΝΤΗ ΡΑΦΟ\nΣύνολο 120,00 €\n"))[0]


def test_capitalised_words_near_a_marker_are_no_copy():
    for text in ("KOPIERT\n", "RECHNUNG KOPIERER\n", "Τιμολόγιο ΑΝΤΙΓΡΑΦΗΣ\n"):
        assert not detect_copy(doc_from_text(text))[0], text


def test_a_stamp_in_a_column_beside_a_customer_label_is_a_copy():
    """'COPIA' stamped between columns, read into one row with the patient's 'Cliente'
    label, is no card slip's 'Copia cliente'."""
    row = "Nº factura F26/09365        COPIA        Cliente Magnus Bakke"
    assert detect_copy(doc_from_text(f"Clínica Larios\nFACTURA\n{row}\nFecha 18/10/2026"))[0]


def test_a_large_stamp_lying_over_a_customer_label_is_a_copy():
    doc = doc_from_text("Clínica Larios\nFACTURA\nNº factura F26/09365 COPIA Cliente Magnus Bakke\nFecha 18/10/2026")
    words = doc.pages[0].lines[2].words
    stamp, label = words[3], words[4]
    stamp.box = stamp.box.model_copy(update={"y0": stamp.box.y0 - 0.01, "y1": stamp.box.y1 + 0.01,
                                             "x1": label.box.x1 + 0.02})
    assert detect_copy(doc)[0]


def test_a_slip_phrase_printed_as_one_phrase_in_a_row_is_still_no_copy():
    assert not detect_copy(doc_from_text("TERMINAL 0042\nCOPIA CLIENTE   EUR 80,00\nAPROBADO"))[0]


def test_a_copy_stamp_that_lost_both_end_letters_is_a_copy():
    """'DUPLIKAT' wider than its frame, read beside the row it is pressed on: 'UPLIKA'."""
    doc = doc_from_text("Faktura nr 2026/14 UPLIKA 22.10.2026\nKwota do zapłaty 430,00 PLN\n")
    assert detect_copy(doc)[0]


def test_the_inside_of_a_copy_word_in_running_text_is_no_copy():
    doc = doc_from_text("Faktura nr 2026/14 uplika 22.10.2026\nKwota do zapłaty 430,00 PLN\n")
    assert not detect_copy(doc)[0]


def test_a_stamp_read_with_a_letter_of_the_print_under_it_is_a_copy():
    doc = doc_from_text("Ögonkliniken Göteborg AB\nFAKTURA\nFORA FKOPIA\nDatum 16/07/2026")
    assert detect_copy(doc)[0]


@pytest.mark.parametrize("line", ["Kopiator AB", "SKOPIAN", "EKOPI AB SVERIGE LTD"])
def test_words_that_only_contain_a_stamp_word_are_no_copy(line):
    assert not detect_copy(doc_from_text(f"Faktura\n{line}\nDatum 16/07/2026"))[0]


def _taller(doc, line: int, first_word: int, last_word: int, factor: float = 2.3):
    """Make words first..last of a line `factor` times as tall as the print: a stamp's letters."""
    for w in doc.pages[0].lines[line].words[first_word : last_word + 1]:
        h = w.box.y1 - w.box.y0
        w.box = w.box.model_copy(update={"y0": w.box.y0 - (factor - 1) * h / 2, "y1": w.box.y1 + (factor - 1) * h / 2})
    return doc


def test_a_stamp_read_in_pieces_into_a_row_of_print_is_a_copy():
    """A level 'KOPI' stamp beside the patient's name, read into that row as 'KO P i'."""
    doc = doc_from_text("Privatklinikken Drammen\nJournalnotat\nPasient: Ola Lunde        KO P i\nFødt: 19.2.1977")
    assert detect_copy(_taller(doc, 2, 3, 5))[0]


def test_pieces_of_a_marker_in_the_print_size_are_no_copy():
    """The same pieces at the size of the row's print are print, not a stamp."""
    doc = doc_from_text("Privatklinikken Drammen\nJournalnotat\nPasient: Ola Lunde        KO P i\nFødt: 19.2.1977")
    assert not detect_copy(doc)[0]


def test_big_letters_that_spell_no_marker_are_no_copy():
    doc = doc_from_text("Privatklinikken Drammen\nPasient: Ola Lunde        KO P E\nFødt: 19.2.1977")
    assert not detect_copy(_taller(doc, 1, 3, 5))[0]


def test_a_latin_stamp_read_in_greek_look_alike_letters_is_a_copy():
    """A Dutch page read with the Greek model: 'KOPIE' comes out 'ΟΚΟΡΙΕ' (a stray O)."""
    assert detect_copy(doc_from_text("Gezondheidscentrum De Linde\nFactuur\nΑΔΡΙΕ ΟΚΟΡΙΕ\nTotaal 228,69"))[0]
    assert detect_copy(doc_from_text("Gezondheidscentrum De Linde\nFactuur\nΚΟΡΙΕ\nTotaal 228,69"))[0]


@pytest.mark.parametrize("line", ["ΚΟΡΗ ΤΟΥ ΓΙΑΝΝΗ", "Κόρη Παπαδάκη", "ΚΟΠΙΑ"])
def test_greek_words_that_only_look_like_no_marker_are_no_copy(line):
    assert not detect_copy(doc_from_text(f"Ιατρείο Αθηνών\n{line}\nΣύνολο 80,00"))[0]
