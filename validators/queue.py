"""Order checked claims for case handlers, and say what to ask claimants for."""

from __future__ import annotations

import datetime as dt

from claim_intake.model import ClaimResult, ClaimStatus

from .messages import ask_for


_STATUS_ORDER = {ClaimStatus.incomplete: 0, ClaimStatus.needs_review: 1, ClaimStatus.ready: 2}


def triage_order(results: list[ClaimResult]) -> list[ClaimResult]:
    """Incomplete claims first (a letter must go out), then needs_review, then ready;
    in each group the oldest treatment first, since the 6-month deadline runs from it;
    claims without any treatment date last; then by claim id."""

    return sorted(results, key=lambda r: queue_key(r.status, earliest_treatment(r), r.claim_id))


def queue_key(status: ClaimStatus, earliest: dt.date | None, claim_id: str) -> tuple[int, int, dt.date, str]:
    """The sort key of `triage_order`, for callers that keep queue rows, not records."""
    return (_STATUS_ORDER[status], 0 if earliest is not None else 1, earliest or dt.date.max, claim_id)


def earliest_treatment(result: ClaimResult) -> dt.date | None:
    return min((d.dates.treatment for d in result.documents if d.dates.treatment), default=None)


def ask_claimant(result: ClaimResult) -> list[str]:
    """What to ask the claimant for, in English, once each, in finding order.
    Findings a case handler settles alone (e.g. low confidence) ask for nothing."""
    asks: list[str] = []
    for f in result.findings:
        ask = ask_for(f)
        if ask is not None and ask not in asks:
            asks.append(ask)
    return asks
