"""Claim rules over one claim's extracted documents: findings, status, triage."""

from .check import check_claim, claim_status
from .linking import link_translations
from .queue import ask_claimant, triage_order

__all__ = ["ask_claimant", "check_claim", "claim_status", "link_translations", "triage_order"]
