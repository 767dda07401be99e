"""Compose the rules into one claim's result and status."""

from __future__ import annotations

import datetime as dt
import logging

from claim_intake.model import ClaimResult, ClaimStatus, DocumentResult, Finding, FindingCode, Severity

from .duplicates import IndexedDocument, active_content_findings, duplicate_findings
from .facts import Claim
from .linking import link_translations
from .messages import finding
from .rules import RULES, Rule

log = logging.getLogger(__name__)

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
    try:
        linked = link_translations(docs)
    except Exception as exc:  # noqa: BLE001 (see _rule_failed)
        log.error("claim %s: translation linking failed: %s", claim_id, type(exc).__name__)
        linked = list(docs)
    claim = Claim(received=received, docs=tuple(linked))
    findings = [f for rule in RULES for f in _run_rule(rule, claim, claim_id)]
    findings += duplicate_findings(claim_id, linked, list(earlier)) + active_content_findings(linked)
    findings = sort_findings(findings)
    return ClaimResult(
        claim_id=claim_id,
        received_date=received,
        status=claim_status(findings),
        documents=linked,
        findings=findings,
    )


def _run_rule(rule: Rule, claim: Claim, claim_id: str) -> list[Finding]:
    """A bug in one rule must neither fail the batch nor pass the claim in silence: that
    check is reported as not made (LOW_CONFIDENCE, so a caseworker looks) and the other
    rules still run. The log gets the rule and the exception's type only, since its text
    may quote the documents."""
    try:
        return list(rule(claim))
    except Exception as exc:  # noqa: BLE001
        log.error("claim %s: rule %s failed: %s", claim_id, rule.__name__, type(exc).__name__)
        return [finding(FindingCode.LOW_CONFIDENCE, None, "check_failed", severity=Severity.warning,
                        values={"check": rule.__name__.upper()})]


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
