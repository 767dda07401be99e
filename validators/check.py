"""Compose the rules into one claim's result and status."""

from __future__ import annotations

import datetime as dt

from claim_intake.model import ClaimResult, ClaimStatus, DocumentResult, Finding, FindingCode

from .duplicates import IndexedDocument, active_content_findings, duplicate_findings
from .facts import Claim
from .linking import link_translations
from .rules import RULES

# Something must be sent in before the claim can be decided.
INCOMPLETE_CODES = frozenset(
    {
        FindingCode.TRANSLATION_MISSING,
        FindingCode.ORIGINAL_MISSING,
        FindingCode.DOCTOR_NAME_MISSING,
        FindingCode.ITEMISED_INVOICE_MISSING,
        FindingCode.PROOF_OF_PAYMENT_MISSING,
        FindingCode.REFERRAL_MISSING,
    }
)
# A case handler must look before the claim can be decided.
REVIEW_CODES = frozenset(
    {
        FindingCode.UNREADABLE_DOCUMENT,
        FindingCode.AMOUNT_MISMATCH,
        FindingCode.DEADLINE_EXCEEDED,
        FindingCode.LOW_CONFIDENCE,
        FindingCode.DUPLICATE_DOCUMENT,  # a possible double payment
    }
)
# For the case handler's information, no status of their own: the pages were read, and if
# an attachment was the missing invoice, the presence rules already say so.
INFO_CODES = frozenset({FindingCode.ACTIVE_CONTENT_IGNORED})


def check_claim(claim_id: str, received: dt.date, docs: list[DocumentResult],
                earlier: list[IndexedDocument] = ()) -> ClaimResult:
    """Link translations, run every rule, and report the findings and status.
    `earlier`: payment documents of earlier claims that may repeat one of these."""
    linked = link_translations(docs)
    claim = Claim(received=received, docs=tuple(linked))
    findings = [f for rule in RULES for f in rule(claim)]
    findings += duplicate_findings(claim_id, linked, list(earlier)) + active_content_findings(linked)
    findings = sort_findings(findings)
    return ClaimResult(
        claim_id=claim_id,
        received_date=received,
        status=claim_status(findings),
        documents=linked,
        findings=findings,
    )


def claim_status(findings: list[Finding]) -> ClaimStatus:
    codes = {f.code for f in findings}
    if codes & INCOMPLETE_CODES:
        return ClaimStatus.incomplete
    if codes & REVIEW_CODES:
        return ClaimStatus.needs_review
    return ClaimStatus.ready


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """One finding per (code, document), ordered by code then file (claim-wide first);
    when a rule reports the same document twice, the first report is kept."""
    unique: dict[tuple[str, str], Finding] = {}
    for f in findings:
        unique.setdefault((f.code.value, f.document or ""), f)
    return [unique[k] for k in sorted(unique)]
