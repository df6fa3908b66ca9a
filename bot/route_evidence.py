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
from dataclasses import dataclass, field

from bot import route_rules as rules
from bot.directory import OPERATOR_WORDS
from bot.lexicon import Lexicon, tokens
from bot.normalize import has_letters
from bot.route_cues import FAILURE, gate_features

# Particles and pronouns that add nothing to a bare report ("igate lỗi rồi ạ").
_PARTICLES = frozenset(
    {"a", "oi", "voi", "nhe", "nha", "em", "anh", "chi", "bi", "loi", "hoi", "roi", "qua", "lam"}
    | {"luon", "nua", "vay", "the", "ha", "ak", "ah", "nhi", "day", "kia", "nay"}
)
SHORT_REPORT = 6  # words: a bare "system + symptom" message, shorter than any headline


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
    return Reading(toks, folded, lex, free, gate_features(toks, free, lex, text))


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
    devices = 0.0  # meeting-room devices' share of the video-conference evidence
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
        if phrase.topic == "video_conference" and rules.is_device(
            " ".join(f for f, _ in toks[start:end])
        ):
            devices += gain
    if "network" in lex:
        lex["network"] += rules.network_bonus(folded, fine, systems)
    if devices and devices == lex.get("video_conference") and rules.computer(folded):
        # a speaker, microphone or camera on a PC, no meeting named: the PC's problem
        lex["video_conference"] = 0.0
        lex["general"] = lex.get("general", 0.0) + devices
    covered |= lexicon.covered(toks)
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
    return not rest or (len(folded) <= SHORT_REPORT and bool(rest & FAILURE))


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
