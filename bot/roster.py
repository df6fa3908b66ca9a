"""Team rules from seed letter section 3: seats per role, what is missing. Pure."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.normalize import fold

# key → (Vietnamese label, seats, short label for messages)
ROLES: dict[str, tuple[str, int, str]] = {
    "it_officer": ("Cán bộ phụ trách CNTT của đơn vị cấp xã", 1, "cán bộ phụ trách CNTT"),
    "software_guide": (
        "Cán bộ hướng dẫn sử dụng phần mềm dùng chung, hồ sơ TTHC và dịch vụ công trực tuyến",
        2,
        "cán bộ hướng dẫn phần mềm, TTHC và dịch vụ công",
    ),
    "youth_member": (
        "Đoàn viên thanh niên (tổ Công nghệ số cộng đồng)",
        2,
        "đoàn viên thanh niên",
    ),
    "telecom_technician": (
        "Cán bộ kỹ thuật doanh nghiệp viễn thông trên địa bàn",
        1,
        "cán bộ kỹ thuật viễn thông",
    ),
}
_NAME = re.compile(r"^[^\W\d_][^\d_@#/\\<>{}\[\]|=+*^$~`]{1,99}$")
# A name is letters, with spaces, hyphens, apostrophes or dots between them (no emoji, no "?").
_NAME_LETTERS = re.compile(r"^[^\W\d_]+(?:[ .'’-]+[^\W\d_]+)*\.?$")
MAX_NAME_WORDS = 7
# Words no Vietnamese personal name holds (accented as typed: "Được", "Lợi", "Thị" are names):
# a sentence typed at the name prompt ("máy in ko in được thì hỏi ai") is nobody's name.
_NOT_IN_NAMES_WORDS = (
    "không ko khong thì gì hỏi lỗi mạng nữa rồi đăng hủy huỷ xin giúp với nhé ạ "
    "ơi vậy bị chưa máy làm nào đâu muốn cần để của và nhưng mà này dc đc hỏng"
)
_NOT_IN_NAMES = frozenset(_NOT_IN_NAMES_WORDS.split())
_POSITION = re.compile(r"^[^\W_][^<>{}\[\]|=`^~\\]{0,99}$")
_DIGIT = re.compile(r"[0-9]")
PHONE_DIGITS = 7  # a title may hold a number ("Tổ 3"), never a phone's worth of digits
# Question words and chat no job title holds ("thì liên hệ ai", "thôi ko đăng ký nữa")
_NOT_A_TITLE = re.compile(r"\?|\b(thì|gì|hỏi|nữa|ko|dc|đc|giúp|nhé|vậy|ạ|ơi|ai)\b")
TEAM_SIZE = sum(seats for _, seats, _ in ROLES.values())
TELECOM = "telecom_technician"


class DuplicatePhone(ValueError):
    """The phone is already on this commune's team."""


@dataclass(frozen=True)
class Member:
    """A person on a commune's team."""

    id: int
    commune: str
    role: str
    name: str
    phone: str
    position: str = ""
    operator: str | None = None
    reachable: bool = False


def valid_name(name: str) -> bool:
    """A person's name: 2–100 characters, letters and the marks between them, at most
    MAX_NAME_WORDS words, none of them a word that names never hold."""
    if not (_NAME.match(name) and _NAME_LETTERS.match(name)):
        return False
    said = name.lower().split()
    return len(said) <= MAX_NAME_WORDS and not _NOT_IN_NAMES.intersection(said)


def valid_position(text: str) -> bool:
    """A job title: empty, or up to 100 characters starting with a letter or digit, no markup,
    with letters, and not a phone number or a sentence someone typed at the wrong prompt."""
    if text == "":
        return True
    if _POSITION.match(text) is None or not any(ch.isalpha() for ch in text):
        return False
    return len(_DIGIT.findall(text)) < PHONE_DIGITS and not _NOT_A_TITLE.search(text.lower())


def name_case(name: str) -> str:
    """A name typed all in one case ("nguyen van cuong", "TRẦN THỊ DUNG") with each word
    capitalised, as the official lists write it; a name typed in mixed case stays as typed."""
    if name != name.lower() and name != name.upper():
        return name
    return " ".join(word[:1].upper() + word[1:].lower() for word in name.split())


def label(role: str) -> str:
    """The official Vietnamese label of a role."""
    return ROLES[role][0]


def short_label(role: str) -> str:
    """The short Vietnamese name of a role for sentences."""
    return ROLES[role][2]


def missing(roles: Iterable[str]) -> dict[str, int]:
    """Role → seats still empty, only for roles that lack people."""
    have = Counter(roles)
    return {r: seats - have[r] for r, (_, seats, _) in ROLES.items() if have[r] < seats}


def is_complete(roles: Iterable[str]) -> bool:
    """Every role has at least its seats (so at least six people)."""
    return not missing(roles)


def seats_to_fill(roles: Iterable[str]) -> list[str]:
    """The empty seats, one entry per seat, in the letter's order."""
    return [role for role, n in missing(roles).items() for _ in range(n)]


def describe_missing(gaps: dict[str, int]) -> str:
    """ "2 đoàn viên thanh niên, 1 cán bộ kỹ thuật viễn thông" (empty when complete)."""
    return ", ".join(f"{n} {short_label(role)}" for role, n in gaps.items())


_ROLE_NAMES = {fold(k.replace("_", " ")): k for k in ROLES}
_ROLE_NAMES.update({fold(v[0]): k for k, v in ROLES.items()})
_ROLE_NAMES.update({fold(v[2]): k for k, v in ROLES.items()})
_ROLE_NAMES.update(
    {
        "cntt": "it_officer",
        "can bo cntt": "it_officer",
        "huong dan": "software_guide",
        "huong dan phan mem": "software_guide",
        "doan vien": "youth_member",
        "thanh nien": "youth_member",
        "vien thong": "telecom_technician",
        "ky thuat vien thong": "telecom_technician",
    }
)


def role_from_text(text: str) -> str | None:
    """A role from its key or its Vietnamese label, tolerant of accents and small typos."""
    key = text.strip()
    if key in ROLES:
        return key
    folded = fold(key)
    if folded in _ROLE_NAMES:
        return _ROLE_NAMES[folded]
    found = process.extractOne(folded, list(_ROLE_NAMES), scorer=fuzz.ratio, score_cutoff=85)
    if found:
        return _ROLE_NAMES[found[0]]
    # A label cut short in a spreadsheet cell: a long enough start of exactly one role's label.
    starts = {
        k for name, k in _ROLE_NAMES.items() if len(folded) >= 12 and name.startswith(folded)
    }
    return starts.pop() if len(starts) == 1 else None
