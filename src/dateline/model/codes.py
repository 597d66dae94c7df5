"""Stable error codes for validation problems, decided in one place.

pydantic names its errors after how they were detected (``string_pattern_mismatch``);
people and CI want to know what is wrong (``invalid_slug``). Tests match these codes,
never message wording, so the wording can improve without breaking anyone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from dateline.errors import Finding

__all__ = ["CODES", "code_for", "validation_findings"]

#: pydantic error type → dateline code.
CODES = {
    "missing": "missing_field",
    "extra_forbidden": "unknown_property",
    "string_too_short": "empty_value",
    "literal_error": "invalid_choice",
    "union_tag_invalid": "invalid_choice",
    "datetime_parsing": "invalid_date",
    "datetime_from_date_parsing": "invalid_date",
    "date_parsing": "invalid_date",
    "date_from_datetime_parsing": "invalid_date",
    "timezone_aware": "invalid_date",
    "datetime_type": "invalid_date",
    "greater_than": "out_of_range",
    "greater_than_equal": "out_of_range",
    "less_than": "out_of_range",
    "less_than_equal": "out_of_range",
    "list_type": "expected_list",
    "model_type": "expected_mapping",
    "dict_type": "expected_mapping",
    "int_parsing": "expected_number",
    "float_parsing": "expected_number",
    # raised by dateline's own validators (dateline.model.types)
    "invalid_url": "invalid_url",
    "date_out_of_range": "date_out_of_range",
    "invalid_date": "invalid_date",
}
_PATTERN_CODES = {"slug": "invalid_slug", "id": "invalid_key", "country": "invalid_country_code"}


def code_for(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        last = str(error["loc"][-1]) if error["loc"] else ""
        return _PATTERN_CODES.get(last, "invalid_format")
    return CODES.get(kind, "invalid_value")


def _describe(error: ErrorDetails) -> str:
    message = error["msg"]
    value: Any = error.get("input")
    if error["type"] != "missing" and not isinstance(value, dict | list) and value is not None:
        shown = value.isoformat() if hasattr(value, "isoformat") else repr(value)
        message += f" (got {shown})"
    return message


def validation_findings(
    exc: ValidationError,
    path: Path | None,
    lines: dict[str, int] | None = None,
    prefix: str = "",
    rename: dict[str, str] | None = None,
) -> list[Finding]:
    """One finding per pydantic error, with its field path and, where known, its line.

    ``rename`` maps model fields to the keys a person wrote (``date_published`` → ``date``).
    """
    findings = []
    for error in exc.errors():
        loc = tuple((rename or {}).get(str(p), p) for p in error["loc"])
        field = prefix + ".".join(str(p) for p in loc)
        top = str(loc[0]) if loc else ""
        findings.append(
            Finding(
                code=code_for(error),
                message=_describe(error),
                path=path,
                line=(lines or {}).get(top),
                field=field or None,
            )
        )
    return findings
