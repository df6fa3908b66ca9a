"""Question text → support topic. Pure: no network, no model downloads.

Evidence, combined log-linearly per topic (:mod:`bot.route_evidence` reads it off the text):

* a weighted phrase lexicon per topic (``keywords`` in ``data/contacts.yaml``): domain
  knowledge, which carries the router to phrasings it has never seen; clause rules
  (:mod:`bot.route_rules`) correct it ("the internet still works", "already signed");
* a multinomial naive Bayes over folded words and word pairs, trained at start-up from the
  labelled files under ``data/routing/`` plus any ``extra`` labelled lines.

One decision sits on top, learned jointly (:mod:`bot.route_calibration`): from the topic's
score margin and the request gate's log-odds (is this a request for technical help at all?
headlines, legal questions, comments are not), the probability that answering with the top
topic's contact is right. It is fitted on out-of-fold points (each training line scored by
models that never saw its source), and the bot answers only when a wrong contact is less
likely than a menu tap is worth.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.lexicon import SHORTHAND, Lexicon, tokens
from bot.normalize import fold, has_letters, nfc_lower
from bot.route_calibration import Logistic
from bot.route_cues import NOT_ASKING
from bot.route_evidence import Evidence, Reading, operator, operator_named, ranking, read, top
from bot.route_model import NONE, NaiveBayes, PresenceGate, word_features
from bot.route_rules import asks_for_contact
from bot.routing_corpus import source_of

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
_Row = tuple[Reading, str | None, str]  # a training line read once, its label, its source


@dataclass(frozen=True)
class Route:
    """The router's verdict: a topic (or None), its confidence and the ranking."""

    topic: str | None
    confidence: float
    runner_up: str | None
    ranking: tuple[tuple[str, float], ...]
    # why no topic: "empty", "thanks", "courtesy", "unsure", "resolved" (not support: somebody
    # says the problem is gone) or "" (not support)
    reason: str = ""
    operator: str | None = None  # a telecom operator named in the text (vnpt/viettel/mobifone)

    @property
    def unsure(self) -> bool:
        """True when the bot should offer the menu instead of answering."""
        return self.topic is None and self.reason == "unsure"


class Router:
    """Routes a message to a topic key, or to None when it is not a support request."""

    LEXICON_SCALE = 1.0  # log-odds per keyword weight point
    MODEL_SCALE = 0.15  # the trained part tips close calls; chosen by cross-validation
    MENU_COST = 1.0  # one tap on the menu …
    WRONG_COST = 3.0  # a phone call to the wrong person and back, in menu taps (dev CV)
    EXTRA_WEIGHT = 3  # a reviewed real message counts as much as three written lines
    FOLDS = 3  # out-of-fold scoring of the training lines, for fitting the decision
    GATE_CAP = 12.0  # |request log-odds| beyond this says nothing more
    # The share of requests the request decision assumes. The training lines' own share only
    # says how much non-support text was collected (headlines, laws, comments): 41 more
    # headlines must teach what a headline looks like, not make every plain report less likely
    # to be a request. Chosen by the grouped CV of the real training lines (0.67–0.78 tried).
    REQUEST_SHARE = 0.7

    def __init__(
        self,
        keywords: Mapping[str, Mapping[str, float]],
        examples: Iterable[Labelled] = (),
        extra: Iterable[Labelled] = (),
        groups: Sequence[str] | None = None,
    ) -> None:
        """``extra``: labelled lines from outside the package (the coordinators' review queue);
        they train like the files, each counted EXTRA_WEIGHT times, so a coordinator's label
        takes effect at the next start-up. topic None labels a message "not a request".
        ``groups``: the source of each of ``examples`` (a thread, a site); lines of one source
        are scored out-of-fold together, so the decision is fitted as if on unseen sources."""
        self.topics = tuple(keywords)
        self.lexicon = Lexicon(keywords)
        given = list(examples)
        sources = list(groups) if groups is not None else [f"line:{n}" for n in range(len(given))]
        labelled = list(zip(given, sources, strict=True))
        labelled += [((t, topic), f"taught:{fold(t)}") for t, topic in extra] * self.EXTRA_WEIGHT
        # Lines a rule answers (thanks, greetings) never reach the learned parts.
        rows: list[_Row] = [
            (reading, topic, source)
            for (text, topic), source in labelled
            if topic in (*self.topics, None) and has_letters(text)
            for reading in [read(self.lexicon, self.topics, text)]
            if not reading.polite
        ]
        self.model, self.gate = _train(rows)
        points = self._out_of_fold(rows)
        self.request = Logistic.fit(
            [(x[1:], req) for x, _, req in points],
            prior=(0.5, 0.5, 1.0, 0.0),
            share=self.REQUEST_SHARE,
        )
        self.topical = Logistic.fit(
            [(x[:1], right) for x, right, req in points if req], prior=(1.0,)
        )

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
        groups: list[str] = []
        for path in sorted(folder.rglob("*.jsonl")):
            if "ambiguous" in path.name:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                if line.strip():
                    row = json.loads(line)
                    examples.append((row["text"], row.get("topic")))
                    groups.append(source_of(row, f"{path.relative_to(folder)}:{n}"))
        return cls(keywords, examples, extra, groups)

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

    def systems_named(self, text: str) -> dict[str, float]:
        """The lexicon's evidence per topic: which systems the text names, and how plainly."""
        if not has_letters(text):
            return {}
        return {k: v for k, v in read(self.lexicon, self.topics, text).lex.items() if v > 0}

    @property
    def answer_at(self) -> float:
        """Answer when P(right) beats this: a wrong contact costs WRONG_COST menu taps."""
        return 1.0 - self.MENU_COST / self.WRONG_COST

    # --- the pipeline ---------------------------------------------------------------------

    def _decide(self, text: str, ev: Evidence | None) -> Route:
        if not has_letters(text):
            return Route(None, 1.0, None, (), "empty")
        reading = read(self.lexicon, self.topics, text, ev)
        folded = " ".join(reading.folded)
        if ev is not None:
            ev.folded, ev.lexicon = folded, reading.lex
        if reading.polite:
            return Route(None, 1.0, None, (), reading.polite)
        nb = self.model.log_likelihoods(word_features(reading.folded))
        scores, best, x = self._features(reading, nb, self.gate.log_odds(reading.gate))
        order = ranking(scores)
        runner_up = order[1][0] if len(order) > 1 else None
        request = self.request.probability(x[1:])
        probability = request * self.topical.probability(x[:1])
        if ev is not None:
            ev.model, ev.scores, ev.request = nb, scores, request
            ev.margin, ev.probability = x[0], probability
        if probability >= self.answer_at and (any(reading.lex.values()) or nb):
            named = operator(reading.folded) if best == "network" else None
            return Route(best, probability, runner_up, order, operator=named)
        if self._contact_asked(reading, folded, best):
            named = operator(reading.folded) if best == "network" else None
            return Route(best, self.answer_at, runner_up, order, operator=named)
        # "Not what this bot is for" to somebody who asked costs as much as a wrong contact,
        # the menu costs anybody one tap: say it only when a request is that unlikely, and
        # never to somebody asking for hands-on help ("xem giúp", "hỗ trợ"), whatever the words.
        if request * self.WRONG_COST < self.MENU_COST and "c:help" not in reading.gate:
            gone = "resolved" if "c:resolved" in reading.gate else ""
            return Route(None, 0.0, best, order, gone)
        return Route(None, probability, best, order, "unsure")

    @staticmethod
    def _contact_asked(reading: Reading, folded: str, best: str) -> bool:
        """Who to call about one clearly named system, asked as such (not a headline)."""
        if NOT_ASKING & set(reading.gate) or not asks_for_contact(folded):
            return False
        claimed = sorted(reading.lex.values(), reverse=True)
        lead = claimed[0] - (claimed[1] if len(claimed) > 1 else 0.0) if claimed else 0.0
        return reading.lex.get(best, 0.0) == claimed[0] >= 2 and lead >= 1

    def _features(
        self, reading: Reading, nb: dict[str, float], gate: dict[str, float]
    ) -> tuple[dict[str, float], str, tuple[float, ...]]:
        """Combined topic scores, the best topic, and the decision's inputs: the best topic's
        lead over the next, the request gate's log-odds from its cues and from its words
        (kept apart: naive Bayes over-counts correlated words, the fit weighs each kind),
        and whether this is a bare "system + symptom" report."""
        base = max(nb.values(), default=0.0)
        scores = {
            t: self.LEXICON_SCALE * reading.lex.get(t, 0.0)
            + self.MODEL_SCALE * (nb.get(t, base - 10.0) - base)
            for t in self.topics
        }
        best, margin = top(scores)
        cues = words = 0.0
        for k, v in gate.items():  # one pass: the gate's cue classes, then its words
            if k.startswith("c:"):
                cues += v
            elif k != "prior":
                words += v
        cap = self.GATE_CAP
        return (
            scores,
            best,
            (
                min(margin, cap),
                max(-cap, min(cap, cues)),
                max(-cap, min(cap, words)),
                1.0 if reading.bare else 0.0,
                float(len(NOT_ASKING & set(reading.gate))),
            ),
        )

    def _out_of_fold(self, rows: list[_Row]) -> list[tuple[tuple[float, ...], bool, bool]]:
        """Every training line's decision inputs from models trained without its source,
        with whether its top topic is right and whether it is a request."""
        fold_of = [_fold(source, self.FOLDS) for _, _, source in rows]
        points = []
        for k in range(self.FOLDS):
            held = [row for row, f in zip(rows, fold_of, strict=True) if f == k]
            if not held:
                continue
            model, gate = _train([row for row, f in zip(rows, fold_of, strict=True) if f != k])
            for reading, topic, _ in held:
                nb = model.log_likelihoods(word_features(reading.folded))
                _, best, x = self._features(reading, nb, gate.log_odds(reading.gate))
                points.append((x, best == topic, topic is not None))
        return points


def _train(rows: Iterable[_Row]) -> tuple[NaiveBayes, PresenceGate]:
    rows = list(rows)
    model = NaiveBayes((word_features(r.folded), topic) for r, topic, _ in rows if topic)
    gate = PresenceGate((r.gate, topic is not None) for r, topic, _ in rows)
    return model, gate


def _fold(source: str, k: int) -> int:
    return int(hashlib.sha256(source.encode()).hexdigest()[:8], 16) % k


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
