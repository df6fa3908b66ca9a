"""First-line tips chosen by the symptom the user describes. Pure.

A topic has several tips; a login problem should get the login tip first, not the one about
updating progress. Tips and the question are compared by symptom groups (words users and
tip writers use for the same thing) and by shared content words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.directory import Topic
from bot.lexicon import folded_text

SHOWN = 3  # tips per answer: enough to act on, short enough to read on a phone

# One pattern per group: any of its phrases as whole words of the space-padded folded text
# (one search in C instead of a substring test per phrase).
_SYMPTOMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile("|".join(f" {re.escape(phrase)} " for phrase in group.split(",")))
    for group in (
        "dang nhap,mat khau,tai khoan,quen mat khau,phien lam viec,bi khoa,dang xuat",
        "tep,file,dinh kem,pdf,dung luong,tai len,tai file",
        "tien do,qua han,gia han,hoan thanh,ket qua,giai trinh,den han",
        "token,usb,cam lai,cong usb,driver,khong nhan",
        "pin,ma pin",
        "chung thu,thu hoi,het han",
        "tieng,loa,micro,vang,hu,re,am thanh",
        "hinh,camera,hinh anh,man hinh",
        "modem,router,den los,cap quang,day mang",
        "virus,ma doc,bi nhiem,nhiem virus,nhiem ma doc",
        "may in,may scan,muc,ket giay,in",
        "so van ban,van ban den,van ban di,lien thong",
        "ho so,dong bo,tra ket qua,ma ho so",
        "so lieu,bieu,nhap lieu,chi tieu,ky bao cao",
    )
)
_STOP = frozenset(
    " ".join(
        (
            "va la cua thi de khi co khong duoc cho cac mot nhung tren trong ra vao lai neu",
            "hoac da dang se bi voi ve nay do roi chua",
        )
    ).split()
)


def tips_for(topic: Topic, question: str) -> tuple[str, ...]:
    """The topic's tips, those that match the question's symptom first (at most SHOWN)."""
    folded = _folded(question)
    asked = [g for g in _SYMPTOMS if g.search(folded)]
    if not asked:
        return topic.tips[:SHOWN]
    words = set(folded.split()) - _STOP
    scored = []
    for n, tip in enumerate(topic.tips):
        text = _folded_tip(tip)
        groups = sum(1 for g in asked if g.search(text))
        if not groups and any(g.search(text) for g in _SYMPTOMS):
            continue  # a tip for another symptom (a virus tip for a printer): never a filler
        shared = len(words & set(text.split()))
        scored.append((-groups, -shared, n, tip))  # symptom first, shared words break ties
    chosen = tuple(tip for *_, tip in sorted(scored)[:SHOWN])
    return chosen or topic.tips[:SHOWN]


def _folded(text: str) -> str:
    # a screenshot is what to send the helper, not a screen that fails
    return f" {folded_text(text)} ".replace(" chup man hinh ", " chup_man_hinh ")


@lru_cache(maxsize=1024)  # the tips are fixed data: each is folded once, not per answer
def _folded_tip(tip: str) -> str:
    return _folded(tip)
