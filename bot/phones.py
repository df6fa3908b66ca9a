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


# The 11-digit mobile prefixes retired in 2018 and the 10-digit ones that replaced them:
# people still write the old number they always had ("0168 …" is "038 …").
_RETIRED = {
    **{f"16{d}": f"3{d}" for d in "23456789"},  # Viettel
    **{"120": "70", "121": "79", "122": "77", "126": "76", "128": "78"},  # MobiFone
    **{"123": "83", "124": "84", "125": "85", "127": "81", "129": "82"},  # VinaPhone
    **{"186": "56", "188": "58", "199": "59"},  # Vietnamobile, Gmobile
}
_OLD_MOBILE = re.compile(r"^(?:\+?84|0)(1\d\d)(\d{7})$")


def _renumbered(text: str) -> str:
    """An old 11-digit mobile number in its current 10-digit form; anything else unchanged."""
    digits = re.sub(r"[\s.\-()]", "", text)
    old = _OLD_MOBILE.match(digits)
    if old and old.group(1) in _RETIRED:
        return "0" + _RETIRED[old.group(1)] + old.group(2)
    return text


def to_e164(text: str) -> str:
    """Parse any usual spelling (dots, spaces, +84, the pre-2018 11-digit mobile numbers)
    into E.164, or raise InvalidPhone."""
    phonenumbers = _library()
    try:
        number = phonenumbers.parse(_renumbered(str(text).strip()), "VN")
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
