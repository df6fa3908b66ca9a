"""Vietnamese phone numbers: parse to E.164, show in national format, mask for logs."""

from __future__ import annotations

import re
from typing import Any

_MOBILE = re.compile(r"^\+84(\d{3})(\d{3})(\d{3})$")


class InvalidPhone(ValueError):
    """The text is not a valid Vietnamese phone number."""


def _library() -> Any:
    """phonenumbers, imported at the first parse: its metadata costs ~0.1 s of start-up."""
    import phonenumbers

    return phonenumbers


def to_e164(text: str) -> str:
    """Parse any usual spelling (dots, spaces, +84) into E.164, or raise InvalidPhone."""
    phonenumbers = _library()
    try:
        number = phonenumbers.parse(str(text).strip(), "VN")
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(str(text)) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(str(text))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national(e164: str) -> str:
    """+84915351008 → 0915 351 008 (how Vietnamese users read and dial it)."""
    mobile = _MOBILE.match(e164)  # the usual case, without a parse (exports format thousands)
    if mobile:
        return "0" + " ".join(mobile.groups())
    phonenumbers = _library()
    number = phonenumbers.parse(e164, "VN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def masked(e164: str) -> str:
    """For logs: never a phone in clear (+84915351008 → +8491****008)."""
    return e164[:5] + "****" + e164[-3:] if len(e164) > 8 else "****"
