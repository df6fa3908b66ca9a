"""What the router reads off one message: lexicon evidence per topic and request cues. Pure.

* :func:`lexicon_scores`: the weighted phrases of each topic found in the text, corrected by
  the clause rules of :mod:`bot.route_rules` ("the internet still works", "already signed"),
  and the words no topic phrase claimed;
* :func:`gate_features`: those unclaimed words (negated ones marked) plus the cues that tell a
  request from a headline, a law or a comment, for the learned request gate;
* :func:`bare_report`: a system's name alone, or with a failure word, in a short message.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from bot import route_rules as rules
from bot.lexicon import Lexicon, tokens
from bot.normalize import has_letters
from bot.route_model import word_features

OPERATOR_WORDS = {"vnpt": "vnpt", "viettel": "viettel", "mobifone": "mobifone", "mobi": "mobifone"}
_FIRST_PERSON = frozenset({"em", "toi", "minh", "chung", "bon", "xa", "anh", "chi", "ban"})
# Particles and pronouns that add nothing to a bare report ("igate lỗi rồi ạ").
_PARTICLES = frozenset(
    {"a", "oi", "voi", "nhe", "nha", "em", "anh", "chi", "bi", "loi", "hoi", "roi", "qua", "lam"}
    | {"luon", "nua", "vay", "the", "ha", "ak", "ah", "nhi", "day", "kia", "nay"}
)
_FAILURE = frozenset(
    {"khong", "mat", "loi", "cham", "hong", "dut", "treo", "sai", "quen", "khoa", "chap", "giat"}
    | {"yeu", "rot", "ket", "het", "vang", "re", "tit", "lag", "chon"}
)
_CIVIL = re.compile(
    r"\b(khai sinh|ket hon|ly hon|ho chieu|can cuoc|so do|dat dai|thue|giay to|tam tru|"
    r"thuong tru|con minh|con toi|bao hiem|luong huu)\b"
)
SHORT_REPORT = 6  # words: a bare "system + symptom" message, shorter than any headline
# Cue classes for the request gate, on folded text. A headline names a system and a symptom
# too; what it lacks is somebody who cannot do something, asks, or is addressed.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("negated", r"\b(khong|chua|chang|cha)\b"),
        # "không vào được", "chưa gửi được", "không làm được gì": somebody cannot do something
        # and "không hiển thị", "chưa hoạt động", "không ổn định": something does not work
        (
            "cannot",
            r"\b(khong|chua|chang)\s+(\w+\s+){1,2}duoc\b|\bkhong the\b|"
            r"\b(khong|chua|chang|ko)\s+(\w+\s+)?(on|on dinh|hoat dong|chay|len|hien|hien thi|"
            r"nhan|mo|vao|cho|sua|xoa|in|ky|ket noi|dang nhap|truy cap|gui|tai|nghe|thay|"
            r"co song|phan hoi)\b",
        ),
        (
            "failure",
            r"\b(loi|bi|hong|treo|mat|cham|dut|khoa|quen|sai|het han|giat|lag|do|ket|"
            r"chap chon|tam tit|bao loi|khong hien|trang|den)\b",
        ),
        ("ask", r"\b(xin|can|muon|de nghi|nho|cho hoi|hoi|tu van|lam on)\b"),
        # asking for hands-on help: somebody to look at, fix or sort something out
        (
            "help",
            r"\b(giup|(?<!to )ho tro|sua|khac phuc|xu ly|kiem tra|xem lai|cai lai|cai dat)\b",
        ),
        (
            "howto",
            r"^(cach|lam sao|lam the nao|huong dan)\b|\b(lam sao|the nao|cach nao|o dau|"
            r"duoc khong|phai lam gi|sao)\b",
        ),
        ("addressed", r"\b(a|oi|voi|nhe|nha|dum|giup)$|^(anh|chi|em|ad|admin|ban)\b"),
        # legal vocabulary as whole words: the syllables alone ("thông", "quy") are everywhere
        (
            "legal",
            r"\b(luat|nghi dinh|quy dinh|dieu \d+|khoan \d+|xu phat|ban hanh|chi thi|"
            r"nghi quyet|phap luat|quyet dinh so)\b",
        ),
        # a citizen's own paperwork, not the staff's software
        (
            "civil",
            r"\b(khai sinh|ket hon|ly hon|ho chieu|can cuoc|so do|dat dai|thue|giay to|"
            r"tam tru|thuong tru|con minh|con toi|bao hiem|luong huu)\b",
        ),
        # people written about, not writing: a report on users, customers, citizens
        (
            "third",
            r"\b(nguoi dung|khach hang|nha mang|nguoi dan|cong dan|phu huynh|hoc sinh|"
            r"doanh nghiep|cac xa|cac dia phuong|toan tinh)\b",
        ),
        # figures and dates: headlines and announcements count things
        ("figures", r"\b\d+(\s*(%|trieu|nghin|ty|xa|don vi))\b|\bnam 20\d\d\b"),
        ("thanks", r"\b(cam on|tot qua|tuyet voi|hay qua|thich)\b"),
    )
)


_CONVERSATIONAL = frozenset({"c:me", "c:ask", "c:addressed", "c:question", "c:howto"})
_TROUBLE = frozenset({"c:failure", "c:cannot", "c:help", "c:symptom"})


@dataclass
class Evidence:
    """Everything one routing decision looked at (``commune-bot route --explain``)."""

    folded: str
    matches: list[dict] = field(default_factory=list)
    lexicon: dict[str, float] = field(default_factory=dict)
    model: dict[str, float] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    request: float = 1.0
    margin: float = 0.0
    probability: float = 0.0


@dataclass(frozen=True)
class Reading:
    """One message read once: its tokens, lexicon evidence and request-gate features."""

    toks: list[tuple[str, str]]
    folded: list[str]
    lex: dict[str, float]
    free: list[str]
    gate: list[str]

    @property
    def polite(self) -> str:
        """ "thanks" or "courtesy" when a rule answers the message (a thank-you, a greeting
        that asks nothing); "" when the learned decision must."""
        folded = " ".join(self.folded)
        if rules.is_thanks(folded):
            return "thanks"
        if not any(self.lex.values()) and rules.is_courtesy(folded):
            return "courtesy"
        return ""

    @property
    def bare(self) -> bool:
        """A system's name alone or with a failure word: the user picked it (see bare_report)."""
        return max(self.lex.values(), default=0.0) >= 2 and bare_report(self.folded, self.free)


def read(
    lexicon: Lexicon, topics: tuple[str, ...], text: str, ev: Evidence | None = None
) -> Reading:
    """Read ``text`` (which must hold letters) for every piece of evidence the router uses."""
    assert has_letters(text)
    toks = tokens(text)
    folded = [f for f, _ in toks]
    lex, free = lexicon_scores(lexicon, topics, toks, ev)
    return Reading(toks, folded, lex, free, gate_features(folded, free, lex, text))


def lexicon_scores(
    lexicon: Lexicon, topics: tuple[str, ...], toks: list[tuple[str, str]], ev: Evidence | None
) -> tuple[dict[str, float], list[str]]:
    """Evidence per topic, and the words no topic phrase claimed (for the request gate:
    naming a system says which topic, not whether this is a request)."""
    folded = " ".join(f for f, _ in toks)
    covered: set[int] = set()
    fine = rules.network_fine(folded)
    working = rules.still_works(folded)
    signed = rules.signed(folded)
    starts = _token_starts(toks)
    contrast = rules.contrast_start(folded)
    lex: dict[str, float] = dict.fromkeys(topics, 0.0)
    systems: set[str] = set()
    for start, end, phrase, weight in lexicon.matches(toks):
        pos = starts[start]
        dropped = (
            (phrase.topic == "network" and rules.inside(pos, fine))
            or (phrase.topic == "digital_signature" and rules.inside(pos, signed))
            or _works_next(starts, end, working)
        )
        gain = 0.0 if dropped else weight * (1.5 if pos >= contrast else 1.0)
        if ev is not None:
            words = " ".join(f for f, _ in toks[start:end])
            ev.matches.append({"words": words, "topic": phrase.topic, "weight": gain})
        covered.update(range(start, end))
        if dropped or phrase.topic not in lex:
            continue
        lex[phrase.topic] += gain
        if weight >= 2:
            systems.add(phrase.topic)
    if "network" in lex:
        lex["network"] += rules.network_bonus(folded, fine, systems)
    return lex, [f for i, (f, _) in enumerate(toks) if i not in covered]


def _works_next(starts: list[int], end: int, working: list[int]) -> bool:
    """A "still works" statement starts right after the phrase (within two words): "phần mềm
    quản lý văn bản vẫn mở bình thường" clears that system, whatever its topic."""
    if not working or end > len(starts):
        return False
    first = starts[end] if end < len(starts) else None
    if first is None:
        return False
    last = starts[min(end + 2, len(starts) - 1)]
    return any(first <= w <= last for w in working)


def bare_report(folded: list[str], free: list[str]) -> bool:
    """Nothing but a system's name ("máy in", "igate"), or a short one with a failure word
    ("máy in hết mực", "igate lỗi"): the user picked it, no headline is worded so."""
    rest = set(free) - _PARTICLES
    return not rest or (len(folded) <= SHORT_REPORT and bool(rest & _FAILURE))


def gate_features(
    folded: list[str], free: list[str], lex: dict[str, float], text: str
) -> list[str]:
    """The words no topic phrase claimed (negated ones marked: "không ổn" is not "ổn"), their
    pairs, plus the cues that tell a request from a headline, a law or a comment. Each cue is
    one vocabulary class, so the gate learns one weight for the class whatever the word."""
    joined = " ".join(folded)
    present = set(folded)
    cues = [f"c:{name}" for name, pattern in _CUES if pattern.search(joined)]
    if "?" in text:
        cues.append("c:question")
    if _FIRST_PERSON & present:
        cues.append("c:me")
    if _FAILURE & (present - set(free)) or rules.line_symptom(joined):
        cues.append("c:symptom")  # a topic phrase that describes a failure ("mất mạng")
    if not cues:
        cues.append("c:statement")
    best = max(lex.values(), default=0.0)
    level = "lex_strong" if best >= 3 else "lex_weak" if best > 0 else "lex_none"
    # Talking to somebody is a request when a system or a problem is named, and chat when
    # neither is (naive Bayes sees no interactions, so the conjunctions are cues of their own).
    talk = bool(_CONVERSATIONAL & set(cues))
    trouble = bool(_TROUBLE & set(cues))
    crossed = [f"{c}|{level}" for c in cues if c in _CONVERSATIONAL]
    if talk and trouble:
        crossed.append("c:talk|trouble")
    return word_features(_mark_negated(free)) + cues + crossed + [f"c:{level}"]


def _mark_negated(words: list[str]) -> list[str]:
    out, scope = [], 0
    for word in words:
        if word in rules.NEGATORS:
            out.append(word)
            scope = 2
        else:
            out.append(f"!{word}" if scope else word)
            scope = max(scope - 1, 0)
    return out


def operator_named(text: str) -> str | None:
    """The telecom operator a message names ("mạng viettel chập chờn" → viettel)."""
    return operator([f for f, _ in tokens(text)])


def operator(folded: list[str]) -> str | None:
    """The first operator word among folded words."""
    for word in folded:
        if word in OPERATOR_WORDS:
            return OPERATOR_WORDS[word]
    return None


def top(scores: dict[str, float]) -> tuple[str, float]:
    """The best topic and its lead over the second."""
    ordered = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if len(ordered) < 2:
        return (ordered[0][0], 10.0) if ordered else ("", 0.0)
    return ordered[0][0], ordered[0][1] - ordered[1][1]


def ranking(scores: dict[str, float]) -> tuple[tuple[str, float], ...]:
    """Topics by softmax of their scores, best first (the menu's order)."""
    best = max(scores.values())
    exps = {k: math.exp(v - best) for k, v in scores.items()}
    total = sum(exps.values())
    return tuple(sorted(((k, v / total) for k, v in exps.items()), key=lambda kv: -kv[1]))


def _token_starts(toks: list[tuple[str, str]]) -> list[int]:
    starts, pos = [], 0
    for folded, _ in toks:
        starts.append(pos)
        pos += len(folded) + 1
    return starts
