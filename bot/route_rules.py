"""Clause-level label rules the router applies to lexicon evidence. Pure.

From the routing guide: a message that says the network *works* is not a network problem, a
document *already signed* is not a signature problem, several systems failing at once is the
connection. "Works" is read with its negation scope: "không ổn định" is a symptom, not a
statement that all is well.
"""

from __future__ import annotations

import re

NEGATORS = frozenset({"khong", "chua", "chang", "cha"})
# "mất ổn định", "kém ổn định", "hết ổn": also undo a statement that something works.
_WORKS_NEGATORS = NEGATORS | {"kem", "mat", "het"}

_WORKS = (
    r"(van|deu|cung)\s+(dung|vao|chay|hoat dong|truy cap|su dung|ket noi)\w*"
    r"(\s+(duoc|binh thuong|on|tot))?"
    r"|van\s+(binh thuong|on|tot|on dinh)|binh thuong|on dinh"
)
# "the internet still works", "the other PCs go online normally": the network is fine.
_NETWORK_FINE = re.compile(
    r"\b(internet|mang|wifi|web|trang khac|may khac|cac may|phong khac)\b"
    r"(?:\s+\w+){0,6}?\s+(?P<works>" + _WORKS + r")\b"
)
# "X still opens / still runs normally": the system named just before works. Only the forms
# with vẫn/đều/cũng (a bare "bình thường" is too often a comparison: "chậm hơn bình thường").
_STILL_WORKS = re.compile(
    r"\b(van|deu|cung)\s+(dung|vao|chay|hoat dong|truy cap|su dung|ket noi|mo|xem|in|ky|gui|nhan)"
    r"\w*(\s+\w+){0,4}?\s+(duoc|binh thuong|on|tot)\b|\bvan\s+(binh thuong|on|tot|on dinh)\b"
)
# "already signed", "signed and done": the signature did its job.
_SIGNED = re.compile(r"\b(da ky(\s+so)?(\s+\w+){0,2}\s+(xong|roi|day du)|ky so xong|ky xong)\b")
_ALL_DOWN = re.compile(r"\b(deu|ca|tat ca|lan)\b")
# "the network is very slow", "wifi keeps dropping": a symptom of the line itself.
_NETWORK_SYMPTOM = re.compile(
    r"\b(mang|internet|wifi|duong truyen|ket noi)\b(?:\s+\w+){0,4}?\s+"
    r"(cham|yeu|chap chon|mat|dut|rot|khong on dinh|lag|giat|tam tit|cham rua|rot mang)\b"
)
# A computer's own failure: power, start-up, freezing ("sập nguồn", "máy bị đơ", "tiếng bíp").
_MACHINE_SYMPTOM = re.compile(
    r"\b(sap nguon|tat nguon|tu tat|len nguon|tieng bip|man hinh (den|xanh)|treo may|"
    r"may (bi )?do|do may|khoi dong (lai )?lien tuc|khong khoi dong)\b"
)
# "the whole office lost internet": one PC or one program is not the problem.
_WHOLE_OFFICE = re.compile(
    r"\b(ca|toan bo|tat ca)\s+(co quan|tru so|xa|ubnd|van phong|day phong|cac may|cac phong)\b"
)
# After "but" users name what actually failed ("I attached it, but the task software says…").
_CONTRAST = re.compile(r"\b(nhung|ma)\b")
# Thanks, and "it works now" reports that ask nothing ("đã hết lỗi ạ", "mình sửa được rồi").
_THANKS = re.compile(
    r"\b(cam on|ok|oke|da nhan|duoc roi|on roi|xong roi|chay on|het loi|da fix|fix duoc|"
    r"sua duoc roi|binh thuong roi)\b"
)
_COURTESY = re.compile(
    r"\b(cam on|chao|xin chao|hello|hi|alo|ok|oke|okay|vang|da vang|duoc roi|chuc|"
    r"da nhan)\b"
)
# "giờ đã gõ được", "đã fix được lỗi", "hiện tại đã đăng nhập bình thường": somebody reports the
# problem gone. Not "đã được cấp …" (a passive: no verb before "được"), not "không nhận được"
# (no negator in the span or in the two words before it), not what is only hoped for ("hi vọng
# sẽ fix được"), and not when a "but", a "still" or a question tag follows ("đã cài được nhưng
# vẫn lỗi", "đã in được chưa ạ"). ("ko" needs no place here: tokens() reads it as "không".)
_NEGATED = "|".join(sorted(NEGATORS))
_RESOLVED = re.compile(
    rf"\b(da|gio|nay|vua)\s+(((?!({_NEGATED})\b)\w+\s+){{1,3}}?"
    r"(duoc|binh thuong|(?<!cam )on)|on|binh thuong)\b"
    r"|\b(da|vua)\s+(fix|khac phuc|giai quyet)\b"
    rf"|\b(?!({_NEGATED})\b)\w+ duoc roi\b|\bhet loi\b"
    # back again: "có lại rồi", "có mạng lại rồi", "vào lại được rồi"; fine now: "ổn rồi"
    r"|\b(co|chay|vao|len|hoat dong)( (mang|song|tieng|hinh|dien|internet|wifi|mail))? lai"
    r"( duoc)? roi\b|\b(on|ok|oke|okie|binh thuong|on dinh) (roi|lai roi)\b"
)
_NOT_BEFORE = NEGATORS | {"se", "vong"}
_STILL_AFTER = re.compile(
    r"\b(nhung|van|lai bi|lai loi|chua duoc|khong duoc)\b|\b(chua|khong)( a| nhi| vay| ha)?$"
)
PROBLEM = re.compile(
    r"\b(khong|chua|chang|kem|yeu|ngat|dut|loi|bi|sao|the nao|o dau|gi|giup|hong|mat|cham|"
    r"het han|quen|sai|khoa|treo|nho|xin(?! chao)|can|muon|de nghi|cho hoi|xin hoi|muon hoi|"
    r"hoi cach|"
    r"lam the nao|nhu the nao|duoc khong|chap chon|tam tit|giat|lag|dung hinh|bi do|ket)\b|\?"
)


def negated(folded: str, pos: int) -> bool:
    """True when one of the two words before character offset ``pos`` undoes "it works"."""
    before = folded[:pos].split()[-2:]
    return any(w in _WORKS_NEGATORS for w in before)


def network_fine(folded: str) -> list[tuple[int, int]]:
    """Spans saying the network works (not under a negation)."""
    return [
        (m.start(), m.end())
        for m in _NETWORK_FINE.finditer(folded)
        if not negated(folded, m.start("works"))
    ]


def still_works(folded: str) -> list[int]:
    """Character offsets where a "still works normally" statement starts (not negated)."""
    return [m.start() for m in _STILL_WORKS.finditer(folded) if not negated(folded, m.start())]


def signed(folded: str) -> list[tuple[int, int]]:
    """Spans saying a document is already signed."""
    return [(m.start(), m.end()) for m in _SIGNED.finditer(folded)]


def contrast_start(folded: str) -> int:
    """Where the last "but" clause starts (the end of the text when there is none)."""
    return max((m.end() for m in _CONTRAST.finditer(folded)), default=len(folded))


def network_bonus(folded: str, fine: list[tuple[int, int]], systems: set[str]) -> float:
    """Extra network evidence from line symptoms, the whole office, many systems at once."""
    if fine:
        return -3.0
    bonus = 0.0
    if _NETWORK_SYMPTOM.search(folded):
        bonus += 3
    if _WHOLE_OFFICE.search(folded) and "network" in systems:
        bonus += 4
    if len(systems - {"network"}) >= 3 and _ALL_DOWN.search(folded):
        # Three systems failing together point at the connection, not at each system.
        bonus += 6
    return bonus


_DEVICES = frozenset({"loa", "mic", "micro", "camera", "webcam", "am thanh", "tai nghe"})
_COMPUTER = re.compile(r"\b(may tinh|laptop|may tinh ban|pc|windows|win)\b")


def is_device(words: str) -> bool:
    """A meeting room's device named alone (speaker, microphone, camera, sound), folded."""
    return words in _DEVICES


def computer(folded: str) -> bool:
    """A PC is named: with no meeting named, its devices are the PC's."""
    return bool(_COMPUTER.search(folded))


def line_symptom(folded: str) -> bool:
    """A symptom of the line itself ("mạng rất chậm", "wifi không ổn định")."""
    return bool(_NETWORK_SYMPTOM.search(folded))


def machine_symptom(folded: str) -> bool:
    """A symptom of the computer itself ("máy tự tắt", "sập nguồn", "máy bị đơ")."""
    return bool(_MACHINE_SYMPTOM.search(folded))


def is_thanks(folded: str) -> bool:
    """Thanks or an acknowledgement that asks nothing ("Thanks, the token signs again")."""
    # The thanks words themselves are set aside first: "hết lỗi" holds a "lỗi", and "chưa
    # hết lỗi" still has its "chưa" left over.
    return bool(_THANKS.search(folded)) and not PROBLEM.search(_THANKS.sub(" ", folded))


def resolved(folded: str) -> bool:
    """Somebody says the problem is gone, in words no thanks rule lists (see _RESOLVED)."""
    for match in _RESOLVED.finditer(folded):
        if set(folded[: match.start()].split()[-2:]) & _NOT_BEFORE:
            continue
        return not _STILL_AFTER.search(folded, match.end())
    return False


# Asking who to call ("sđt hỗ trợ một cửa", "ai phụ trách chữ ký số", "liên hệ viettel", "đầu
# mối báo cáo là ai"): the bot's own business, whatever the request decision makes of a text
# without a symptom. Short texts only: a narrative that mentions calling is something else.
_CONTACT_ASK = re.compile(
    r"\b(so dien thoai|dien thoai|sdt|so dt|hotline|duong day nong|lien he|lien lac|dau moi|"
    r"ai phu trach|ai lo|ai ho tro|hoi ai|goi ai|goi cho ai|la ai|(nguoi|can bo) phu trach|"
    r"(xin|cho|gui|co) (minh |em |toi |anh |chi )?so)\b|^(can |xin |nho |muon )?ho tro\b"
)
CONTACT_ASK_WORDS = 12


def asks_for_contact(folded: str) -> bool:
    """A short question for the contact point of something ("số điện thoại hỗ trợ HNTH")."""
    return len(folded.split()) <= CONTACT_ASK_WORDS and bool(_CONTACT_ASK.search(folded))


def is_courtesy(folded: str) -> bool:
    """A greeting or courtesy that asks nothing."""
    return bool(_COURTESY.search(folded)) and not PROBLEM.search(folded)


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True when a character offset lies in one of the spans."""
    return any(start <= pos < end for start, end in spans)
