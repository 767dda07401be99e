"""Cutting a file that holds several documents (a packet scanned as one PDF) into them."""

from __future__ import annotations

import pytest

from extractors.segment import cut, document_starts
from tests.helpers import doc_from_text

INVOICE = ("FAKTURA\nOslo Legesenter AS\nFakturanr: 4711\nFakturadato: 12.09.2026\nBehandlingsdato: 12.09.2026\n"
           "Pasient: Ola Nordmann\nKonsultasjon                 450,00\nBlodprøve                    120,00\n"
           "Totalt                       570,00 NOK\n")
INVOICE_ITEMS_PAGE = ("Røntgen                      900,00\nGips                         250,00\n"
                      "Totalt                     1 720,00 NOK\n")
RECORD = ("JOURNALNOTAT\nOslo Legesenter AS\nPasient: Ola Nordmann\nKonsultasjon 12.09.2026\n"
          "Anamnese: hoste i to uker.\nDiagnose: akutt bronkitt\nBehandler: Dr. Kari Hansen\n")
TRANSLATION = ("OVERSETTELSE\nOversatt fra spansk\nFaktura nr. 2026-114\nKonsultasjon 82,00\nTotalt 82,00 EUR\n"
               "Jeg bekrefter at dette er en korrekt oversettelse.\n")
TRANSLATION_RECORD = ("OVERSETTELSE\nOversatt fra spansk\nLegejournal\nDiagnose: forstuet ankel\n"
                      "Jeg bekrefter at dette er en korrekt oversettelse.\n")
SPANISH = ("FACTURA\nClínica Costa del Sol\nFactura n.º 2026-114\nFecha: 12/09/2026\nPaciente: Ola Nordmann\n"
           "Consulta                     82,00\nTotal                        82,00 EUR\n")
SLIP = ("MALMÖ PRIVATKLINIK\nTERM 43176018\nDATUM 24/07/2026 12:43\nMASTERCARD\nKÖP\n"
        "BELOPP 2 171,25 SEK\nGODKÄNT\n")
COVER_LETTER = ("Ola Nordmann\nStorgata 1\n0150 Oslo\nHelfo Utland\nPostboks 2415\n3104 Tønsberg\n"
                "Søknad om refusjon – vedlegg\nHei,\nVedlagt sender jeg dokumentasjon for behandlingen.\n"
                "Med vennlig hilsen\nOla Nordmann\n")
LOW_WORDED_SLIP = ("LÄÄKÄRIKESKUS HELSINKI\nMannerheimintie 12\nTERM 26131305\n13:07-26.: 16:15\nMAESTRO\n"
                   "OSTO\nSUMMA 256,50 EUR\nHYVÄKSYTTY\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
                   "*** ASIAKKAAN KUITTI ***\n")  # its date misread; its receipt words low on the slip
BILLING_LETTER = ("Kliniek KNO Amsterdam\nKeizersgracht 412, 1017 AB Amsterdam\nAmsterdam, 29 juni 2026\n"
                  "Factuurnummer 2026.5411\nDatum consult: 29/06/2026\nConsult specialist         EUR 179,50\n"
                  "Gehoortest                 EUR 56,50\nTe betalen                 EUR 236,00\n")
RECEIPT = "KVITTERING\nOslo Legesenter AS\nBetalt 12.09.2026\nBeløp betalt: 570,00 NOK\nBetalt med kort\n"


@pytest.mark.parametrize(("pages", "starts"), [
    ((INVOICE, RECEIPT), [0, 1]),
    ((RECORD, INVOICE), [0, 1]),
    ((SPANISH, TRANSLATION), [0, 1]),
    ((TRANSLATION, SPANISH), [0, 1]),
    ((TRANSLATION, TRANSLATION_RECORD), [0, 1]),  # each translation headed anew translates another document
    ((INVOICE, SLIP), [0, 1]),  # an untitled card slip: a sum paid on a day, no items
    ((RECORD, INVOICE, INVOICE_ITEMS_PAGE, RECEIPT), [0, 1, 3]),
    ((INVOICE, COVER_LETTER), [0, 1]),  # a cover letter: 'Hei,' under the addresses
    ((COVER_LETTER, INVOICE, RECEIPT), [0, 1, 2]),
    ((TRANSLATION, LOW_WORDED_SLIP), [0, 1]),  # a slip's receipt words, wherever they stand
    ((SLIP, BILLING_LETTER), [0, 1]),  # an untitled bill: items, a total, an invoice number
])
def test_a_page_headed_as_another_document_opens_it(pages, starts):
    assert document_starts(doc_from_text(*pages)) == starts


@pytest.mark.parametrize("pages", [
    (INVOICE, INVOICE_ITEMS_PAGE),  # items and the total go on over the page
    (INVOICE, "Side 2 av 2\nKVITTERING for betaling følger\nBeløp betalt: 570,00 NOK\n"),  # says it goes on
    (INVOICE, "Overført fra forrige side   570,00\nKVITTERING\nBeløp betalt: 570,00 NOK\n"),  # a sum carried over
    (INVOICE, "Betalingsinformasjon\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nKvittering for betaling vedlagt\n"),
    (INVOICE, "Betalt med kort: 570,00 NOK\nTakk for besøket\n"),  # a bill's last page: paid, but no date of its own
    (RECORD, "Videre plan: kontroll om to uker.\nBehandler: Dr. Kari Hansen\n"),
    (RECORD, "Vi ser deg igjen om to uker.\nMed vennlig hilsen\nDr. Kari Hansen\n"),  # a letter's close, not its opening
    (INVOICE, "Takk for besøket.\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nHei, ring oss ved spørsmål\n"),
    (SLIP, BILLING_LETTER.replace("Factuurnummer 2026.5411\n", "")),  # items without a bill's number: a slip's list
    (INVOICE, INVOICE),  # an invoice sent twice in one file stays one document for the duplicate check to see
])
def test_a_later_page_of_the_same_document_stays_with_it(pages):
    assert document_starts(doc_from_text(*pages)) == [0]


def test_one_page_and_no_pages():
    assert document_starts(doc_from_text(INVOICE)) == [0]
    assert document_starts(doc_from_text(INVOICE).model_copy(update={"pages": []})) == []


def test_a_cut_part_numbers_its_pages_from_one_and_keeps_the_first_pages_hash():
    doc = doc_from_text(RECORD, INVOICE, INVOICE_ITEMS_PAGE).model_copy(update={"phash": "ab" * 8})
    part = cut(doc, 1, 3)
    assert [p.number for p in part.pages] == [1, 2]
    assert part.pages[0].text == doc.pages[1].text and part.phash is None
    assert cut(doc, 0, 1).phash == "ab" * 8
