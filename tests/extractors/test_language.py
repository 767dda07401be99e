"""Language detection: all 13 languages, Danish vs Norwegian, short and noisy text, determinism."""

import pytest

from extractors import langdata
from extractors.language import detect_language

SNIPPETS = {
    "no": """Oslo Legesenter AS   Org.nr 987 654 321 MVA
FAKTURA  nr 2024-118
Konsultasjon hos fastlege 12.03.2024            450,00
Pasienten ble undersøkt etter henvisning fra legen.
Beløpet betales innen forfallsdato 26.03.2024 til konto 1503.12.34567""",
    "da": """Lægehuset Nørrebro   CVR 12345678
FAKTURA  nr 2024-118
Konsultation hos praktiserende læge 12.03.2024       450,00
Patienten blev undersøgt efter henvisning fra lægen.
Beløbet betales senest på forfaldsdatoen 26.03.2024""",
    "sv": """Vårdcentralen Söder   Org.nr 556677-8899
FAKTURA  nr 2024-118
Läkarbesök hos allmänläkare 2024-03-12            450,00
Patienten undersöktes efter remiss från läkaren.
Beloppet ska betalas före förfallodagen 2024-03-26""",
    "en": """St Mary's Clinic, 12 High Street, London W2 1NY
INVOICE  No. 2024-118
Consultation with the general practitioner 12/03/2024    £120.00
The patient was examined following a referral from her doctor.
Please pay the amount due within 14 days of the invoice date.""",
    "es": """Clínica Dermatológica Sol, C/ Mayor 12, 28013 Madrid
FACTURA Nº F-2024-0311
Consulta de dermatología 12/03/2024                  120,00 €
El paciente fue atendido en nuestra consulta por lesiones cutáneas.
Rogamos abone el importe antes de la fecha de vencimiento.""",
    "de": """Praxis Dr. med. Hans Müller, Hauptstraße 5, 10115 Berlin
RECHNUNG Nr. 2024/118
Beratung und Untersuchung des Patienten 12.03.2024     45,00 EUR
Die Behandlung erfolgte nach der Gebührenordnung für Ärzte.
Bitte überweisen Sie den Betrag innerhalb von 14 Tagen.""",
    "fr": """Cabinet médical du Dr Martin, 5 rue de la Paix, 75002 Paris
FACTURE N° 2024-118
Consultation de médecine générale le 12/03/2024        50,00 €
Le patient a été examiné et un traitement lui a été prescrit.
Merci de régler le montant avant la date d'échéance.""",
    "it": """Studio Medico Rossi, Via Roma 10, 00184 Roma
FATTURA N. 118/2024
Visita specialistica del 12/03/2024                    90,00 €
Il paziente è stato visitato e sono state prescritte le terapie.
Si prega di effettuare il pagamento entro la data di scadenza.""",
    "nl": """Huisartsenpraktijk De Linde, Kerkstraat 4, 1017 GC Amsterdam
FACTUUR nr. 2024-118
Consult bij de huisarts op 12-03-2024                  45,00 EUR
De patiënt werd onderzocht na een verwijzing van de arts.
Gelieve het bedrag voor de vervaldatum over te maken.""",
    "pt": """Clínica Médica do Porto, Rua das Flores 20, 4050-262 Porto
FATURA Nº FT 2024/118
Consulta de medicina geral em 12/03/2024               60,00 €
O doente foi observado e foi-lhe prescrita a terapêutica adequada.
Agradecemos o pagamento até à data de vencimento indicada.""",
    "pl": """Przychodnia Lekarska Zdrowie, ul. Długa 5, 00-238 Warszawa
FAKTURA VAT nr 118/03/2024
Konsultacja lekarska z dnia 12.03.2024                 180,00 zł
Pacjent został zbadany przez lekarza specjalistę w naszej przychodni.
Prosimy o zapłatę należności w terminie czternastu dni.""",
    "fi": """Lääkäriasema Terveys Oy, Mannerheimintie 10, 00100 Helsinki
LASKU nro 2024-118
Lääkärin vastaanotto 12.03.2024                         65,00 €
Potilas tutkittiin lääkärin lähetteen perusteella vastaanotolla.
Pyydämme maksamaan laskun eräpäivään mennessä.""",
    "el": """Ιατρείο Δρ. Παπαδόπουλου, Οδός Ερμού 15, 10563 Αθήνα
ΤΙΜΟΛΟΓΙΟ ΠΑΡΟΧΗΣ ΥΠΗΡΕΣΙΩΝ αρ. 118
Ιατρική επίσκεψη 12/03/2024                             50,00 €
Ο ασθενής εξετάστηκε και του χορηγήθηκε θεραπεία.
Παρακαλούμε εξοφλήστε το ποσό έως την ημερομηνία λήξης.""",
}


@pytest.mark.parametrize("code", sorted(SNIPPETS))
def test_every_supported_language(code):
    language, confidence = detect_language(SNIPPETS[code])
    assert language == code
    assert confidence >= 0.6


def test_snippets_cover_all_supported_languages():
    assert set(SNIPPETS) == set(langdata.all_languages())


DA_NO_PAIRS = [
    ("Vi har modtaget din betaling. Tak for dit besøg hos lægen.",
     "Vi har mottatt din betaling. Takk for ditt besøk hos legen."),
    ("Patienten har haft smerter i knæet i tre uger.",
     "Pasienten har hatt smerter i kneet i tre uker."),
    ("Regning for behandling hos tandlæge",
     "Regning for behandling hos tannlege"),
    ("Journalnotat: Patienten er undersøgt og har ingen tegn på sygdom.",
     "Journalnotat: Pasienten er undersøkt og har ingen tegn på sykdom."),
    ("Beløbet skal betales senest 14 dage efter fakturadato.",
     "Beløpet skal betales senest 14 dager etter fakturadato."),
    ("Henvisning til speciallæge i dermatologi på grund af eksem.",
     "Henvisning til spesialist i hudsykdommer på grunn av eksem."),
    ("Kære patient, du bedes betale regningen nu.",
     "Kjære pasient, du bes betale regningen nå."),
    ("Epikrise\nPatienten blev indlagt på sygehuset med feber og fik antibiotika.",
     "Epikrise\nPasienten ble innlagt på sykehuset med feber og fikk antibiotika."),
]


def test_nynorsk_counts_as_norwegian():
    assert detect_language("Pasienten kom til legen fordi ho ikkje kunne gå. Eg har undersøkt kneet.")[0] == "no"


def test_distinctive_words_of_danish_and_norwegian_do_not_overlap():
    da = set(langdata.section("da", "language")["distinctive"])
    no = set(langdata.section("no", "language")["distinctive"])
    assert da and no
    assert not da & no


ES_PT_PAIRS = [
    # seed 221: a Portuguese header block, full of 'de agosto de', that langdetect calls Spanish
    ("Clínica Rodríguez Calle de Santo Antonio Factura Número FR Paciente Torbjørn Eide "
     "Fecha de la factura de agosto de Fecha de nacimiento de agosto de Fecha de la visita de agosto de "
     "Fecha de vencimiento de septiembre de Médico Dra I Rodríguez Honorarios clínicos Total IVA Importe total",
     "Clínica Rodrigues Rua de Santo António Faro Tel fatura N documento fr Utente Torbjørn Eide Data da fatura de "
     "agosto de Data de nascimento de agosto de Data do ato médico de agosto de Skolegata Data de vencimento de "
     "setembro de Hamar Médico Dra I Rodrigues Honorários clínicos Total ilíquido iva Valor total Clínica Rodrigues "
     "iban bic ptxxbank nif Tel pago paco"),
]


@pytest.mark.parametrize("one,other,languages", [(a, b, ("da", "no")) for a, b in DA_NO_PAIRS]
                         + [(a, b, ("es", "pt")) for a, b in ES_PT_PAIRS])
def test_close_languages_are_told_apart(one, other, languages):
    """Danish and Norwegian; Spanish and Portuguese: the same text in each, told apart."""
    assert (detect_language(one)[0], detect_language(other)[0]) == languages


def test_distinctive_words_of_spanish_and_portuguese_that_tell_them_apart_do_not_overlap():
    es = set(langdata.section("es", "language")["distinctive"])
    pt = set(langdata.section("pt", "language")["distinctive"])
    assert es & pt == {"para", "paciente", "médico"}  # shared, so they count alike for both


def test_short_text_is_less_certain_than_a_full_document():
    short_lang, short_conf = detect_language("Konsultasjon hos legen")
    full_lang, full_conf = detect_language(SNIPPETS["no"])
    assert full_lang == "no"
    assert short_conf < full_conf
    assert short_conf < 0.7


def test_ocr_noise_lowers_confidence():
    clean = SNIPPETS["de"]
    noisy = "\n".join(
        [
            "Pr@x1s Dr. m3d. H#ns Mü||er, H~uptstr@ße 5",
            "R3CHNUNG N r. 2024/118 ;; ..",
            "B3r@tung u#d Unt3rsuchung 12.03.2024 ~~ 45,00 EUR",
            "D1e B3h@ndlung erf0lgte n@ch d#r Gebührenordnung",
        ]
    )
    clean_lang, clean_conf = detect_language(clean)
    _, noisy_conf = detect_language(noisy)
    assert clean_lang == "de"
    assert noisy_conf < clean_conf - 0.2


def test_numbers_amounts_and_codes_alone_have_no_language():
    assert detect_language("12.03.2024  450,00  NO93 8601 1117 947  2024-118") == (None, 0.0)
    assert detect_language("") == (None, 0.0)


def test_numbers_do_not_sway_the_language():
    text = SNIPPETS["da"] + "\n" + "\n".join(f"{i:04d}  12.03.2024  {i * 37},50  DK50 0040 0440 1162 43" for i in range(30))
    assert detect_language(text)[0] == "da"


def test_greek_is_known_by_its_script():
    language, confidence = detect_language("Ιατρική γνωμάτευση για τον ασθενή")
    assert language == "el"
    assert confidence > 0.5


def test_repeated_calls_give_identical_answers():
    texts = [SNIPPETS["no"], SNIPPETS["da"], "Faktura 450,00", "Konsultasjon hos legen", DA_NO_PAIRS[2][1]]
    first = [detect_language(t) for t in texts]
    for _ in range(5):
        assert [detect_language(t) for t in texts] == first


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Faktura\nKonsultasjon 450,00\nTotalt 450,00", "no"),
        ("Faktura\nKonsultation 450,00\nI alt 450,00", "da"),
        ("Kvittering\nBetalt med kort\nTakk for besøket", "no"),
        ("Kvittering\nBetalt med kort\nTak for besøget", "da"),
    ],
)
def test_words_of_one_language_decide_a_text_too_short_for_ngrams(text, expected):
    language, confidence = detect_language(text)
    assert language == expected
    assert confidence < 0.6


DANISH_RECEIPT = ("Almen praksis Jørgensen\nSøndergade 4, 5000 Odense\nKvittering\nNr. 34758\n"
                  "Modtaget fra: Solveig Mykland\nTotal: 3.986,00 kr.\nVedrørende: Faktura nr. 2026-6001\n"
                  "Odense, 8. oktober 2026")


def test_a_danish_cash_receipt_is_danish():
    """Seed 238: every word of it but 'Modtaget' and the street's '-gade' is Norwegian too."""
    assert detect_language(DANISH_RECEIPT)[0] == "da"
    norwegian = DANISH_RECEIPT.replace("Modtaget", "Mottatt").replace("Søndergade", "Storgata").replace("Odense", "Oslo")
    assert detect_language(norwegian)[0] == "no"


# a photographed slip as OCR read it: its Danish letters lost ('HUDLAGE', 'BELOB', 'KØB' as Greek 'κοβ')
DANISH_SLIP = ("HUDLAGE MORTENSEN\nSendergade 4\n59099 Odense\nTERM 22290499\n24.09.26 10:13\nVISA\n"
               "{noise}\nAID ΑΘΘΘΘΘΘΘΘ38243\nκοβ\nBELOB DKK 4.295, 00\nGODKENDT\nAUTH 443771\n*** KUNDENS KOPI ***")


@pytest.mark.parametrize("noise", ["se eeeeeweeeraary", "ee eeeeeeee eeee", "iiii llll"])
def test_a_rule_or_dotted_row_read_as_letters_does_not_sway_a_card_slip(noise):
    """'eeeeeweeeraary' (a dotted row OCR read as letters) is no word of any language."""
    assert detect_language(DANISH_SLIP.format(noise=noise))[0] == "da"


@pytest.mark.parametrize("text,expected", [
    ("Schifffahrtsgesellschaft Rechnung\nBehandlung und Beratung in der Praxis 120,00\nGesamtbetrag 120,00", "de"),
    ("Faktura\nKonsultasjon hos fastlege\nTotalt å betale 450,00\nTakk for besøket", "no"),
])
def test_three_letters_running_are_still_a_word(text, expected):
    assert detect_language(text)[0] == expected
