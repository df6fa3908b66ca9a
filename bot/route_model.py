"""The trained parts of the router, built from labelled lines at start-up. Pure Python.

* :class:`NaiveBayes`, multinomial over folded words and word pairs: which topic;
* the request gate, :class:`PresenceGate` (request / not a request) over words, word pairs
  and cue features: headlines, legal questions and comments that name a system are not
  requests.

Neither gives a probability; :mod:`bot.route_calibration` turns their scores into one.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

NONE = "none"  # the class for messages that are not support requests


# Features a training line counts for at most: a longer line's counts are scaled down to this
# many (about ten words and their pairs). Without it the long bug reports and help pages of the
# real corpus outweigh the short chat messages the bot mostly gets, word by word.
LONG_LINE = 20


class NaiveBayes:
    """Multinomial naive Bayes with add-alpha smoothing over folded words and word pairs,
    each training line weighing at most LONG_LINE features."""

    def __init__(self, examples: Iterable[tuple[list[str], str]], alpha: float = 0.3) -> None:
        self.counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.docs: Counter[str] = Counter()
        for feats, label in examples:
            weight = min(1.0, LONG_LINE / len(feats)) if feats else 1.0
            counts = self.counts[label]
            for feat in feats:
                counts[feat] += weight
            self.docs[label] += 1
        self.vocab = {f for c in self.counts.values() for f in c}
        self.alpha = alpha
        self.totals = {label: sum(c.values()) for label, c in self.counts.items()}
        # Plain dicts, no defaultdicts of lambdas: the model must pickle (bot/router_cache.py
        # keeps the built router between starts).
        self.counts = {label: dict(c) for label, c in self.counts.items()}
        self.labels = tuple(self.counts)
        size = len(self.vocab) or 1
        self._denoms = tuple(math.log(self.totals[k] + alpha * size) for k in self.labels)
        # Per feature the tuple of its log(count + alpha) over the labels, filled as features
        # are met: scoring is lookups and sums.
        self._unseen = math.log(alpha)
        self._rows: dict[str, tuple[float, ...]] = {}

    def log_likelihoods(self, feats: list[str]) -> dict[str, float]:
        """Per-class log P(features | class), over the features seen in training."""
        rows = [self._row(f) for f in feats if f in self.vocab]
        if not rows:
            return dict.fromkeys(self.labels, 0.0)
        n = len(rows)
        sums = map(sum, zip(*rows, strict=True))
        return {k: s - d * n for k, s, d in zip(self.labels, sums, self._denoms, strict=True)}

    def _row(self, feature: str) -> tuple[float, ...]:
        row = self._rows.get(feature)
        if row is None:
            alpha, unseen = self.alpha, self._unseen
            row = tuple(
                math.log(n + alpha) if (n := self.counts[k].get(feature)) else unseen
                for k in self.labels
            )
            self._rows[feature] = row
        return row


class PresenceGate:
    """Request / not a request from feature *presence*, one smoothed estimate per feature.

    Presence, not counts: requests run longer than headlines and thanks, and a count model
    would read length as evidence. Each present feature contributes how far it moves the
    chance of "request" from the base rate, estimated with an m-estimate (``strength``
    pseudo-lines at the base rate): a word seen once in a headline moves it a little, one
    seen in twenty moves it a lot. Plain naive Bayes gives a single sighting almost the
    weight of many, and the corpus is full of words seen once. Only present features are
    scored (absent ones carry little information for sparse text).
    """

    def __init__(self, examples: Iterable[tuple[list[str], bool]], strength: float = 2.0) -> None:
        self.present: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
        self.docs: Counter[bool] = Counter()
        for feats, label in examples:
            self.present[label].update(set(feats))
            self.docs[label] += 1
        self.strength = strength
        self._weights: dict[str, float] = {}  # each feature's contribution, once computed

    @property
    def trained(self) -> bool:
        """Both classes seen at least once."""
        return all(self.docs[label] for label in (True, False))

    def log_odds(self, feats: Iterable[str]) -> dict[str, float]:
        """Per-feature log-odds contribution (request over not), plus the prior as "prior"."""
        yes, no = self.docs[True], self.docs[False]
        base = (yes + 1) / (yes + no + 2)
        out = {"prior": math.log(base / (1 - base))}
        for f in set(feats):
            weight = self._weights.get(f)
            if weight is None:
                n_yes, n_no = self.present[True][f], self.present[False][f]
                if not (n_yes or n_no):
                    continue  # never seen: no evidence (and no cache entry for it)
                p = (n_yes + self.strength * base) / (n_yes + n_no + self.strength)
                weight = self._weights[f] = math.log(p / (1 - p)) - out["prior"]
            out[f] = weight
        return out


def word_features(folded: Sequence[str]) -> list[str]:
    """Bag of folded words and adjacent pairs."""
    return list(folded) + [f"{a}_{b}" for a, b in itertools.pairwise(folded)]
