"""What comes from outside, read strictly: ids and numbers, user ids, names and positions.

Every id or number in a button, a command argument or a sheet goes through `parse_int`:
`str.isdigit()` is true for "²" and "١٢" (which `int()` rejects or reads), and a 20-digit id
overflows SQLite's INTEGER. Free text that becomes a record (names, positions) goes through
`clean_text`, which drops control, zero-width and direction characters that make two names
look alike, or a name display backwards.
"""

from __future__ import annotations

import re
import unicodedata

MAX_ID = 2**63 - 1  # SQLite's INTEGER range
_DIGITS = re.compile(r"[0-9]{1,19}")  # ASCII only
_USER_IDS = {
    "zalo": re.compile(r"[A-Za-z0-9_-]{1,64}"),  # an opaque token of letters and digits
    "console": re.compile(r"[A-Za-z0-9_.@-]{1,64}"),
}
_SPACES = frozenset({"Cc", "Zl", "Zp", "Zs"})  # become one ordinary space
_DROPPED = frozenset({"Cf", "Co", "Cn", "Cs"})  # zero-width, direction marks, private, unassigned
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would compute these


def parse_int(text: object, lo: int = 0, hi: int = MAX_ID) -> int | None:
    """ASCII digits only, within [lo, hi]; None for anything else (never an exception)."""
    if not isinstance(text, str) or not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if lo <= number <= hi else None


def valid_user_key(key: str) -> bool:
    """`telegram:777`, `zalo:8a1b…` or `console:name`, with the id in its channel's shape."""
    channel, _, user_id = key.partition(":")
    if channel == "telegram":  # a positive 64-bit integer
        return parse_int(user_id, 1) is not None
    pattern = _USER_IDS.get(channel)
    return pattern is not None and pattern.fullmatch(user_id) is not None


def clean_text(text: str, limit: int = 200) -> str:
    """NFC, invisible characters dropped, any run of spaces or controls one space, cut."""
    out = []
    for ch in unicodedata.normalize("NFC", str(text)):
        kind = unicodedata.category(ch)
        if kind in _SPACES:
            out.append(" ")
        elif kind not in _DROPPED:
            out.append(ch)
    return " ".join("".join(out).split())[:limit]


def as_cell_text(value: str) -> bool:
    """True when a spreadsheet would read this string as a formula (so write it as text)."""
    return value.startswith(FORMULA_START)
