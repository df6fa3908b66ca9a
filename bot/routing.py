"""Question text → support topic. Pure: no network, no model downloads.

Evidence, combined log-linearly per topic:

* a weighted phrase lexicon per topic (``keywords`` in ``data/contacts.yaml``): domain
  knowledge, which carries the router to phrasings it has never seen; clause rules
  (:mod:`bot.route_rules`) correct it ("the internet still works", "already signed");
* a multinomial naive Bayes over folded words and word pairs, trained at start-up from the
  labelled files under ``data/routing/`` plus any ``extra`` labelled lines.

Two learned, calibrated probabilities sit on top (:mod:`bot.route_model`): that this is a
request for technical help at all (headlines, legal questions, comments are not), and that
the top topic is the right one. Their product is the chance the contact is right; the bot
answers only when a wrong contact is less likely than a menu tap is worth.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot import route_rules as rules
from bot.lexicon import SHORTHAND, Lexicon, tokens
from bot.normalize import has_letters, nfc_lower
from bot.route_model import (
    NONE,
    Calibration,
    NaiveBayes,
    Platt,
    PresenceGate,
    word_features,
)

__all__ = [
    "NONE",
    "SHORTHAND",
    "Route",
    "Router",
    "operator_named",
    "stratified_folds",
    "tokens",
]

Labelled = tuple[str, str | None]
OPERATOR_WORDS = {"vnpt": "vnpt", "viettel": "viettel", "mobifone": "mobifone", "mobi": "mobifone"}
_FIRST_PERSON = frozenset({"em", "toi", "minh", "chung", "bon", "xa", "anh", "chi", "ban"})
_PARTICLES = frozenset({"a", "oi", "voi", "nhe", "nha", "em", "anh", "chi", "bi", "loi", "hoi"})
_FAILURE = frozenset(
    {"khong", "mat", "loi", "cham", "hong", "dut", "treo", "sai", "quen", "khoa", "chap", "giat"}
    | {"yeu", "rot", "ket", "het", "vang", "re", "tit", "lag", "chon"}
)
_CIVIL = re.compile(
    r"\b(khai sinh|ket hon|ly hon|ho chieu|can cuoc|so do|dat dai|thue|giay to|tam tru|"
    r"thuong tru|con minh|con toi|bao hiem|luong huu)\b"
)
SHORT_REPORT = 6  # words: a bare "system + symptom" message, shorter than any headline
_LEGAL = frozenset({"luat", "nghi", "thong", "quy", "dieu", "khoan", "phat", "ban", "hanh"})
# "không vào được", "chưa gửi được", "không làm được gì": somebody cannot do something.
_CANNOT = re.compile(r"\b(khong|chua|chang)\s+(\w+\s+){1,2}duoc\b")


@dataclass(frozen=True)
class Route:
    """The router's verdict: a topic (or None), its confidence and the ranking."""

    topic: str | None
    confidence: float
    runner_up: str | None
    ranking: tuple[tuple[str, float], ...]
    reason: str = ""  # why no topic: "empty", "thanks", "courtesy", "unsure" or "" (not support)
    operator: str | None = None  # a telecom operator named in the text (vnpt/viettel/mobifone)

    @property
    def unsure(self) -> bool:
        """True when the bot should offer the menu instead of answering."""
        return self.topic is None and self.reason == "unsure"


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


class Router:
    """Routes a message to a topic key, or to None when it is not a support request."""

    LEXICON_SCALE = 1.0  # log-odds per keyword weight point
    MODEL_SCALE = 0.15  # the trained part tips close calls; chosen by cross-validation
    MENU_COST = 1.0  # one tap on the menu …
    WRONG_COST = 3.0  # a phone call to the wrong person and back, in menu taps (dev CV)
    EXTRA_WEIGHT = 3  # a reviewed real message counts as much as three written lines

    def __init__(
        self,
        keywords: Mapping[str, Mapping[str, float]],
        examples: Iterable[Labelled] = (),
        extra: Iterable[Labelled] = (),
    ) -> None:
        """``extra``: labelled lines from outside the package (the coordinators' review queue);
        they train like the files, each counted EXTRA_WEIGHT times, so a coordinator's label
        takes effect at the next start-up. topic None labels a message "not a request"."""
        self.topics = tuple(keywords)
        self.lexicon = Lexicon(keywords)
        taught = [row for row in extra for _ in range(self.EXTRA_WEIGHT)]
        rows = [(t, topic) for t, topic in [*examples, *taught] if topic in (*self.topics, None)]
        prepared = [(self._prepare(text), topic) for text, topic in rows if has_letters(text)]
        topical = [(word_features(p[1]), topic) for p, topic in prepared if topic]
        self.model = NaiveBayes(topical)
        self.gate = PresenceGate((p[3], topic is not None) for p, topic in prepared)
        points = []
        for (feats, topic), (p, _) in zip(topical, (x for x in prepared if x[1]), strict=True):
            scores = self._scores(p[2], self.model.log_likelihoods(feats, (feats, topic or "")))
            best, margin = _top(scores)
            points.append((margin, best == topic))
        self.calibration = Calibration.fit(points) if points else Calibration()
        gate_points = [
            (sum(self.gate.log_odds(p[3], topic is not None).values()), topic is not None)
            for p, topic in prepared
        ]
        self.gate_calibration = Platt.fit(gate_points) if self.gate.trained else Platt()

    @classmethod
    def build(
        cls,
        keywords: Mapping[str, Mapping[str, float]],
        folder: Path,
        extra: Iterable[Labelled] = (),
    ) -> Router:
        """From the lexicon, every ``*.jsonl`` under ``folder`` (files whose name holds
        "ambiguous" are left out) and ``extra`` labelled (text, topic or None) lines."""
        examples: list[Labelled] = []
        for path in sorted(folder.rglob("*.jsonl")):
            if "ambiguous" in path.name:
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    examples.append((row["text"], row.get("topic")))
        return cls(keywords, examples, extra)

    from_files = build

    def route(self, text: str) -> Route:
        """Route one message."""
        return self._decide(text, None)

    def explain(self, text: str) -> dict:
        """The decision and the evidence behind it, as plain data."""
        ev = Evidence("")
        route = self._decide(text, ev)
        return {
            "topic": route.topic,
            "reason": route.reason,
            "normalized": ev.folded,
            "matches": ev.matches,
            "lexicon": {k: v for k, v in ev.lexicon.items() if v},
            "model": {k: round(v, 2) for k, v in sorted(ev.model.items())},
            "scores": {k: round(v, 2) for k, v in ev.scores.items()},
            "request_probability": round(ev.request, 3),
            "margin": round(ev.margin, 2),
            "probability": round(ev.probability, 3),
            "answer_at": round(self.answer_at, 3),
        }

    @property
    def answer_at(self) -> float:
        """Answer when P(right) beats this: a wrong contact costs WRONG_COST menu taps."""
        return 1.0 - self.MENU_COST / self.WRONG_COST

    # --- the pipeline ---------------------------------------------------------------------

    def _prepare(self, text: str) -> tuple[list[tuple[str, str]], list[str], dict, list[str]]:
        toks = tokens(text)
        lex, free = self._lexicon_scores(toks, None)
        folded = [f for f, _ in toks]
        return toks, folded, lex, _gate_features(folded, free, lex, text)

    def _decide(self, text: str, ev: Evidence | None) -> Route:
        if not has_letters(text):
            return Route(None, 1.0, None, (), "empty")
        toks = tokens(text)
        folded_words = [f for f, _ in toks]
        folded = " ".join(folded_words)
        lex, free = self._lexicon_scores(toks, ev)
        if ev is not None:
            ev.folded, ev.lexicon = folded, lex
        if rules.is_thanks(folded):
            return Route(None, 1.0, None, (), "thanks")
        if not any(lex.values()) and rules.is_courtesy(folded):
            return Route(None, 1.0, None, (), "courtesy")
        nb = self.model.log_likelihoods(word_features(folded_words))
        scores = self._scores(lex, nb)
        best, margin = _top(scores)
        ranking = _ranking(scores)
        runner_up = ranking[1][0] if len(ranking) > 1 else None
        request = self._request(_gate_features(folded_words, free, lex, text))
        if max(lex.values()) >= 2 and _bare_report(folded_words, free):
            request = 1.0  # a system's name, alone or with a symptom ("máy in hết mực")
        probability = self.calibration.probability(margin)
        if ev is not None:
            ev.model, ev.scores, ev.request = nb, scores, request
            ev.margin, ev.probability = margin, probability
        if request < 0.5:
            return Route(None, 0.0, best, ranking, "")
        # A contact is right only if this is a request *and* the topic is right.
        if probability * request < self.answer_at or not (any(lex.values()) or nb):
            return Route(None, probability, best, ranking, "unsure")
        operator = _operator(folded_words) if best == "network" else None
        return Route(best, probability, runner_up, ranking, operator=operator)

    def _request(self, feats: list[str]) -> float:
        if not self.gate.trained:
            return 1.0
        return self.gate_calibration.probability(sum(self.gate.log_odds(feats).values()))

    def _scores(self, lex: dict[str, float], nb: dict[str, float]) -> dict[str, float]:
        base = max(nb.values(), default=0.0)
        return {
            t: self.LEXICON_SCALE * lex.get(t, 0.0)
            + self.MODEL_SCALE * (nb.get(t, base - 10.0) - base)
            for t in self.topics
        }

    def _lexicon_scores(
        self, toks: list[tuple[str, str]], ev: Evidence | None
    ) -> tuple[dict[str, float], list[str]]:
        """Evidence per topic, and the words no topic phrase claimed (for the request gate:
        naming a system says which topic, not whether this is a request)."""
        folded = " ".join(f for f, _ in toks)
        covered: set[int] = set()
        fine = rules.network_fine(folded)
        signed = rules.signed(folded)
        starts = _token_starts(toks)
        contrast = rules.contrast_start(folded)
        lex: dict[str, float] = dict.fromkeys(self.topics, 0.0)
        systems: set[str] = set()
        for start, end, phrase, weight in self.lexicon.matches(toks):
            pos = starts[start]
            dropped = (phrase.topic == "network" and rules.inside(pos, fine)) or (
                phrase.topic == "digital_signature" and rules.inside(pos, signed)
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


def _bare_report(folded: list[str], free: list[str]) -> bool:
    """Nothing but a system's name ("máy in", "igate"), or a short one with a failure word
    ("máy in hết mực", "igate lỗi"): the user picked it, no headline is worded so."""
    rest = set(free) - _PARTICLES
    return not rest or (len(folded) <= SHORT_REPORT and bool(rest & _FAILURE))


def _gate_features(
    folded: list[str], free: list[str], lex: dict[str, float], text: str
) -> list[str]:
    """The words no topic phrase claimed (negated ones marked: "không ổn" is not "ổn") plus
    the cues that tell a request from a headline, a law or a comment."""
    joined = " ".join(folded)
    cues = ["c:problem"] if rules.PROBLEM.search(joined) or "?" in text else ["c:statement"]
    if "?" in text:
        cues.append("c:question")
    if _FIRST_PERSON & set(folded):
        cues.append("c:me")
    top = max(lex.values(), default=0.0)
    cues.append("c:lex_strong" if top >= 3 else "c:lex_weak" if top > 0 else "c:lex_none")
    if _LEGAL & set(folded):
        cues.append("c:legal")
    if _FAILURE & (set(folded) - set(free)):
        cues.append("c:symptom")  # a topic phrase that describes a failure ("mất mạng")
    if _CANNOT.search(joined):
        cues.append("c:cannot")  # one cue for the whole phrase, whatever the verb
    if _CIVIL.search(joined):
        cues.append("c:civil")  # a citizen's own paperwork, not the staff's software
    return _mark_negated(free) + cues


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
    return _operator([f for f, _ in tokens(text)])


def _operator(folded: list[str]) -> str | None:
    for word in folded:
        if word in OPERATOR_WORDS:
            return OPERATOR_WORDS[word]
    return None


def _top(scores: dict[str, float]) -> tuple[str, float]:
    ordered = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if len(ordered) < 2:
        return (ordered[0][0], 10.0) if ordered else ("", 0.0)
    return ordered[0][0], ordered[0][1] - ordered[1][1]


def _ranking(scores: dict[str, float]) -> tuple[tuple[str, float], ...]:
    top = max(scores.values())
    exps = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exps.values())
    return tuple(sorted(((k, v / total) for k, v in exps.items()), key=lambda kv: -kv[1]))


def _token_starts(toks: list[tuple[str, str]]) -> list[int]:
    starts, pos = [], 0
    for folded, _ in toks:
        starts.append(pos)
        pos += len(folded) + 1
    return starts


def stratified_folds(rows: list[dict], k: int) -> list[list[dict]]:
    """Deterministic k folds with each topic spread evenly (for cross-validating the router)."""
    by_topic: dict[str | None, list[dict]] = {}
    for row in rows:
        by_topic.setdefault(row["topic"], []).append(row)
    ordered = [row for topic in sorted(by_topic, key=str) for row in by_topic[topic]]
    return [ordered[n::k] for n in range(k)]


def normalized_preview(text: str) -> str:
    """The folded, shorthand-expanded form the router sees (for `commune-bot route`)."""
    return " ".join(f for f, _ in tokens(nfc_lower(text)))
