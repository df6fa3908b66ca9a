"""Invite and claim codes people type or paste: short, unambiguous, found inside a sentence.

A code is a kind letter (R: registrar invite, M: team member's seat) and 8 characters from an
alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), with at least two digits so
that an ordinary word is never mistaken for one. Codes are case-insensitive: they are stored
hashed in upper case. Codes of the earlier long format are still accepted.
"""

from __future__ import annotations

import hashlib
import re
import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
INVITE_KIND, CLAIM_KIND = "R", "M"
BODY = 8
_SHORT = re.compile(
    rf"(?<![0-9A-Za-z])([{INVITE_KIND}{CLAIM_KIND}][{ALPHABET}]{{{BODY}}})(?![0-9A-Za-z])",
    re.IGNORECASE,
)
_LONG = re.compile(r"(?<![\w-])([im][A-Za-z0-9_-]{22})(?![\w-])")


def new_code(kind: str) -> str:
    """A fresh single-use code of this kind (9 characters)."""
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
        digits = sum(c.isdigit() for c in body)
        if 2 <= digits <= BODY - 2:
            return kind + body


def find_code(text: str) -> str | None:
    """The code in a message ("mã của tôi là m7kq3xa9p"), normalised; None when there is none."""
    for match in _SHORT.finditer(text or ""):
        candidate = match.group(1).upper()
        if sum(c.isdigit() for c in candidate) >= 2:
            return candidate
    long = _LONG.search(text or "")
    return long.group(1) if long else None


def code_kind(code: str) -> str:
    """INVITE_KIND or CLAIM_KIND."""
    first = code[:1]
    if first in ("i", INVITE_KIND):
        return INVITE_KIND
    return CLAIM_KIND


def code_hash(code: str) -> str:
    """Codes are stored hashed: a copy of the database does not hand out seats."""
    normal = code if _LONG.fullmatch(code) else code.upper()
    return hashlib.sha256(normal.encode()).hexdigest()
