"""Finding messages from `messages.toml`: templates are data, filled with the file
name only, so no document value can reach a message."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from claim_intake.model import Finding, FindingCode, Severity

DEFAULT_VARIANT = "default"


@cache
def templates() -> dict[str, dict[str, dict[str, str]]]:
    return tomllib.loads(resources.files(__package__).joinpath("messages.toml").read_text("utf-8"))


def _template(code: FindingCode, variant: str) -> dict[str, str]:
    try:
        return templates()[code.value][variant]
    except KeyError:
        raise KeyError(f"no message template for {code.value}.{variant}") from None


def _fill(text: str, document: str | None, values: dict[str, str] | None = None) -> str:
    # str.replace, not str.format: a file name with braces must not break the template.
    # `values` are ids too (another file's name, a claim id), never document content.
    for key, value in (values or {}).items():
        text = text.replace("{" + key + "}", value)
    return text.replace("{file}", document) if document is not None else text


def finding(
    code: FindingCode,
    document: str | None = None,
    variant: str = DEFAULT_VARIANT,
    severity: Severity = Severity.error,
    values: dict[str, str] | None = None,
) -> Finding:
    t = _template(code, variant)
    return Finding(
        code=code,
        severity=severity,
        document=document,
        message=_fill(t["en"], document, values),
        message_no=_fill(t["no"], document, values),
    )


def ask_for(f: Finding) -> str | None:
    """The English request to the claimant behind a finding, or None when the finding
    is for the case handler alone. The model has no slot for the variant, so it is
    recovered from the English message the variant produced."""
    for t in templates().get(f.code.value, {}).values():
        if _fill(t["en"], f.document) == f.message:
            return _fill(t["ask"], f.document) if "ask" in t else None
    return None
