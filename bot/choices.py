"""What a press or a typed option means, read in one place.

Button data (Telegram callback_data) and typed option numbers (Zalo, the console) both come
back as a choice value such as "tm:m:12" or "f:task:lan_upgraded". The value comes from the
chat app and may be stale, forged or from an older version: `parse_choice` never trusts its
shape. The fixed keys of the dialogue contract (cancel, back, resume) and the words that mean
them live here too, so every channel and every dialogue reads them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.inputs import parse_int
from bot.normalize import fold

DIALOGUE = "f"  # the prefix of every option a dialogue shows
CANCEL_VALUE, BACK_VALUE, RESUME_VALUE = "f:cancel", "f:back", "f:resume"
# Folded (no diacritics, lower case): "hủy", "Huỷ bỏ", "thoát" and "cancel" all cancel.
CANCEL_WORDS = frozenset({"huy", "cancel", "thoat", "huy bo"})
BACK_WORDS = frozenset({"quay lai", "back", "tro lai", "lui", "lui lai"})
MAX_OPTION = 999  # three digits at most: a longer number is a phone or a figure, not an option


def parse_choice(payload: str | None, count: int) -> list[str]:
    """Split a choice value like "tm:rp:12" into exactly `count` parts (padded with "").

    The last part keeps any further ":" (a question's text, a key with a colon)."""
    parts = (payload or "").split(":", count - 1)
    return parts + [""] * (count - len(parts))


def prefix_of(payload: str | None) -> str:
    """Which handler a choice value belongs to: "tm" for "tm:m:12"."""
    return parse_choice(payload, 2)[0]


def dialogue_choice(payload: str | None) -> str | None:
    """The option a dialogue showed ("task:x" for "f:task:x"); None for any other value."""
    prefix, rest = parse_choice(payload, 2)
    return rest if prefix == DIALOGUE and payload and ":" in payload else None


def option(value: str | None, action: str) -> str | None:
    """The argument of a dialogue option: option("task:x", "task") → "x"; else None."""
    head, arg = parse_choice(value, 2)
    return arg if value and head == action and ":" in value else None


def typed_option(text: str) -> int | None:
    """A typed option number ("2", " 0 "), or None when the text is not one."""
    number = text.strip()
    return parse_int(number, 0, MAX_OPTION) if len(number) <= len(str(MAX_OPTION)) else None


def number_value(choices: Sequence[str], number: int) -> str | None:
    """The option a typed number picks, as the numbered list showed it (0 = cancel)."""
    if number == 0:
        return CANCEL_VALUE if CANCEL_VALUE in choices else None
    own = [c for c in choices if c != CANCEL_VALUE]
    return own[number - 1] if 1 <= number <= len(own) else None


# "thôi", "thôi ko đăng ký nữa", "không nhập nữa", "dừng lại", "hủy đăng ký": a short message
# that says stop. Safe to read broadly: after anything entered, cancel asks before discarding.
_STOP_SAYING = re.compile(
    r"^(thoi|dung lai|huy bo|huy (dang ky|nhap|viec nay|di))\b"
    r"|\b(khong|ko|k|chua) (muon )?(dang ky|nhap|lam|gui|tiep tuc)( \w+)? nua\b"
)
STOP_WORDS_AT_MOST = 8


def is_cancel_word(text: str) -> bool:
    """ "hủy", "thoát", "cancel", "thôi không đăng ký nữa" …: the typed form of the cancel key."""
    folded = fold(text)
    if folded in CANCEL_WORDS:
        return True
    return len(folded.split()) <= STOP_WORDS_AT_MOST and bool(_STOP_SAYING.search(folded))


def is_back_word(text: str) -> bool:
    """ "quay lại", "back" …: the typed form of the back key."""
    return fold(text) in BACK_WORDS
