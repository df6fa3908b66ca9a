"""Recognising "I want a person": the words people use to ask for a human helper."""

from __future__ import annotations

import re

from bot.normalize import fold

# Folded (no diacritics, lower case): "tôi muốn gặp cán bộ hỗ trợ", "cho em nói chuyện với
# người", "tạo yêu cầu hỗ trợ", "cần người hỗ trợ trực tiếp", "gọi lại cho tôi".
_PATTERNS = (
    r"\b(gap|noi chuyen( voi)?|lien he( voi)?|ket noi( voi)?|chuyen( cho)?)"
    r" (can bo|nguoi|nhan vien|ky thuat vien|ai do)\b",
    r"\btao yeu cau( ho tro)?\b",
    r"\bcan (nguoi|can bo) ho tro\b",
    r"\b(goi lai|goi dien) cho (toi|em|minh)\b",
    r"\bho tro truc tiep\b",
)
PERSON = re.compile("|".join(_PATTERNS))


def wants_person(text: str) -> bool:
    """True when the message asks for a person rather than describing a problem."""
    return bool(text) and len(text) < 200 and bool(PERSON.search(fold(text)))
