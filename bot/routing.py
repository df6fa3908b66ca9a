"""Question text → support topic. Pure: no network, no model downloads.

Two sources of evidence, combined log-linearly:

* a weighted phrase lexicon per topic (``keywords`` in ``data/contacts.yaml``): domain
  knowledge, which is what carries the router to phrasings it has never seen;
* a multinomial naive Bayes over folded words and word pairs, trained at start-up from the
  labelled files in ``data/routing/`` (milliseconds for a few hundred lines).

Label rules from the routing guide are applied as small clause-level corrections: a message
that says the network *works* is not a network problem, a document *already signed* is not
a signature problem, and several systems failing at once is the connection.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.lexicon import SHORTHAND, Lexicon, tokens
from bot.normalize import has_letters, nfc_lower

__all__ = ["NONE", "SHORTHAND", "Route", "Router", "stratified_folds", "tokens"]

NONE = "none"  # the naive Bayes class for messages that are not support questions

_WORKS = (
    r"(van|deu|cung)\s+(dung|vao|chay|hoat dong|truy cap|su dung|ket noi)\w*"
    r"(\s+(duoc|binh thuong|on|tot))?"
    r"|van\s+(binh thuong|on|tot|on dinh)|binh thuong|on dinh"
)
# "the internet still works", "the other PCs go online normally": the network is fine.
_NETWORK_FINE = re.compile(
    r"\b(internet|mang|wifi|web|trang khac|may khac|cac may|phong khac)\b"
    r"(?:\s+\w+){0,6}?\s+(?:" + _WORKS + r")\b"
)
# "already signed", "signed and done": the signature did its job.
_SIGNED = re.compile(r"\b(da ky(\s+so)?(\s+\w+){0,2}\s+(xong|roi|day du)|ky so xong|ky xong)\b")
_ALL_DOWN = re.compile(r"\b(deu|ca|tat ca|lan)\b")
# "the network is very slow", "wifi keeps dropping": a symptom of the line itself.
_NETWORK_SYMPTOM = re.compile(
    r"\b(mang|internet|wifi|duong truyen|ket noi)\b(?:\s+\w+){0,4}?\s+"
    r"(cham|yeu|chap chon|mat|dut|rot|khong on dinh|lag|giat)\b"
)
# "the whole office lost internet": one PC or one program is not the problem.
_WHOLE_OFFICE = re.compile(
    r"\b(ca|toan bo|tat ca)\s+(co quan|tru so|xa|ubnd|van phong|day phong|cac may|cac phong)\b"
)
# After "but" users name what actually failed ("I attached it, but the task software says…").
_CONTRAST = re.compile(r"\b(nhung|ma)\b")
_THANKS = re.compile(r"\b(cam on|ok|oke|da nhan|duoc roi|on roi|xong roi|chay on)\b")
_COURTESY = re.compile(
    r"\b(cam on|chao|xin chao|hello|hi|alo|ok|oke|okay|vang|da vang|duoc roi|chuc|"
    r"da nhan)\b"
)
_PROBLEM = re.compile(
    r"\b(khong|chua|loi|bi|sao|the nao|o dau|gi|giup|hong|mat|cham|het han|quen|sai|"
    r"khoa|treo|nho|xin(?! chao)|can|muon|de nghi|cho hoi|xin hoi|muon hoi|hoi cach|"
    r"lam the nao)\b|\?"
)


@dataclass(frozen=True)
class Route:
    """The router's verdict: a topic (or None), its confidence and the ranking."""

    topic: str | None
    confidence: float
    runner_up: str | None
    ranking: tuple[tuple[str, float], ...]
    reason: str = ""  # why no topic: "empty", "thanks", "courtesy", "unsure" or "" (not support)

    @property
    def unsure(self) -> bool:
        """True when the bot should offer the menu instead of answering."""
        return self.topic is None and self.reason == "unsure"


class NaiveBayes:
    """Multinomial naive Bayes over words and word pairs, with add-alpha smoothing."""

    def __init__(self, examples: Iterable[tuple[list[str], str]], alpha: float = 0.3) -> None:
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.docs: Counter[str] = Counter()
        for feats, label in examples:
            self.counts[label].update(feats)
            self.docs[label] += 1
        self.vocab = {f for c in self.counts.values() for f in c}
        self.alpha = alpha
        self.totals = {label: sum(c.values()) for label, c in self.counts.items()}

    def log_likelihoods(self, feats: list[str]) -> dict[str, float]:
        """Per-class log P(features | class), features outside the vocabulary ignored."""
        known = [f for f in feats if f in self.vocab]
        size = len(self.vocab) or 1
        out: dict[str, float] = {}
        for label, counts in self.counts.items():
            denom = math.log(self.totals[label] + self.alpha * size)
            out[label] = sum(math.log(counts[f] + self.alpha) - denom for f in known)
        return out


def features(toks: list[tuple[str, str]]) -> list[str]:
    """Bag of folded words and adjacent pairs."""
    folded = [f for f, _ in toks]
    return folded + [f"{a}_{b}" for a, b in itertools.pairwise(folded)]


class Router:
    """Routes a message to a topic key, or to None when it is not a support question."""

    LEXICON_SCALE = 1.0  # log-odds per keyword weight point
    MODEL_SCALE = 0.15  # the trained part only tips close calls; chosen by cross-validation
    THRESHOLD = 0.55  # below this the bot offers the menu

    def __init__(
        self,
        keywords: Mapping[str, Mapping[str, float]],
        examples: Iterable[tuple[str, str | None]] = (),
        extra: Iterable[tuple[str, str | None]] = (),
    ) -> None:
        """``extra``: labelled lines from outside the package (the review queue)."""
        self.topics = tuple(keywords)
        self.lexicon = Lexicon(keywords)
        self.model = NaiveBayes(
            (features(tokens(text)), topic or NONE) for text, topic in [*examples, *extra]
        )

    @classmethod
    def from_files(
        cls,
        keywords: Mapping[str, Mapping[str, float]],
        folder: Path,
        extra: Iterable[tuple[str, str | None]] = (),
    ) -> Router:
        """Build from the lexicon, every ``*.jsonl`` of labelled messages in ``folder`` and
        ``extra`` labelled lines."""
        examples: list[tuple[str, str | None]] = []
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    examples.append((row["text"], row.get("topic")))
        return cls(keywords, examples, extra)

    def route(self, text: str) -> Route:
        """Route one message."""
        if not has_letters(text):
            return Route(None, 1.0, None, (), "empty")
        toks = tokens(text)
        lex = self._lexicon_scores(toks)
        folded = " ".join(f for f, _ in toks)
        if _is_thanks(folded):
            return Route(None, 1.0, None, (), "thanks")
        if not any(lex.values()) and _is_courtesy(folded):
            return Route(None, 1.0, None, (), "courtesy")
        scores = self._combine(lex, self.model.log_likelihoods(features(toks)))
        return self._verdict(scores, lex, folded)

    def _lexicon_scores(self, toks: list[tuple[str, str]]) -> dict[str, float]:
        folded = " ".join(f for f, _ in toks)
        fine = _spans(_NETWORK_FINE, folded)
        signed = _spans(_SIGNED, folded)
        starts = _token_starts(toks)
        contrast = max((m.end() for m in _CONTRAST.finditer(folded)), default=len(folded))
        lex: dict[str, float] = dict.fromkeys(self.topics, 0.0)
        systems: set[str] = set()
        for start, _end, phrase, weight in self.lexicon.matches(toks):
            pos = starts[start]
            if phrase.topic == "network" and _inside(pos, fine):
                continue
            if phrase.topic == "digital_signature" and _inside(pos, signed):
                continue
            lex[phrase.topic] += weight * (1.5 if pos >= contrast else 1.0)
            if weight >= 2:
                systems.add(phrase.topic)
        if "network" in lex:
            lex["network"] += self._network_bonus(folded, fine, systems)
        return lex

    @staticmethod
    def _network_bonus(folded: str, fine: list[tuple[int, int]], systems: set[str]) -> float:
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

    def _combine(self, lex: dict[str, float], nb: dict[str, float]) -> dict[str, float]:
        labels = set(self.topics) | set(nb) | {NONE}
        base = max(nb.values(), default=0.0)
        scores = {}
        for label in labels:
            nb_part = self.MODEL_SCALE * (nb.get(label, base - 10.0) - base)
            lex_part = self.LEXICON_SCALE * lex.get(label, 0.0)
            scores[label] = nb_part + lex_part
        return scores

    def _verdict(self, scores: dict[str, float], lex: dict[str, float], folded: str) -> Route:
        probs = _softmax(scores)
        ranking = tuple(
            sorted(((t, probs[t]) for t in self.topics), key=lambda kv: kv[1], reverse=True)
        )
        best, confidence = max(probs.items(), key=lambda kv: kv[1])
        runner_up = ranking[0][0] if best != ranking[0][0] else ranking[1][0]
        # A problem described without naming a system, or a close call: ask, don't guess.
        reason = "unsure" if best != NONE or _PROBLEM.search(folded) else ""
        if best == NONE or confidence < self.THRESHOLD:
            return Route(
                None, probs.get(NONE, 0.0) if best == NONE else 0.0, runner_up, ranking, reason
            )
        if not any(lex.values()) and not _PROBLEM.search(folded):
            return Route(None, 0.0, best, ranking, "")
        return Route(best, confidence, runner_up, ranking)


def _is_thanks(folded: str) -> bool:
    # "Thanks, the token signs again now" names a system but asks nothing: no topic.
    return bool(_THANKS.search(folded)) and not _PROBLEM.search(folded)


def _is_courtesy(folded: str) -> bool:
    return bool(_COURTESY.search(folded)) and not _PROBLEM.search(folded)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def _token_starts(toks: list[tuple[str, str]]) -> list[int]:
    starts, pos = [], 0
    for folded, _ in toks:
        starts.append(pos)
        pos += len(folded) + 1
    return starts


def _softmax(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values())
    exps = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def stratified_folds(rows: list[dict], k: int) -> list[list[dict]]:
    """Deterministic k folds with each topic spread evenly (for cross-validating the router)."""
    by_topic: dict[str | None, list[dict]] = defaultdict(list)
    for row in rows:
        by_topic[row["topic"]].append(row)
    ordered = [row for topic in sorted(by_topic, key=str) for row in by_topic[topic]]
    return [ordered[n::k] for n in range(k)]


def normalized_preview(text: str) -> str:
    """The folded, shorthand-expanded form the router sees (for `commune-bot route`)."""
    return " ".join(f for f, _ in tokens(nfc_lower(text)))
