"""The trained parts of the router, built from labelled lines at start-up. Pure Python.

* :class:`NaiveBayes`, multinomial over folded words and word pairs: which topic;
* :class:`Calibration`, a two-parameter logistic fit of "the top topic is right" on the score
  margin, measured leave-one-out on the training lines: turns scores into a probability that
  is compared with the cost of a wrong contact instead of a fixed softmax threshold;
* the request gate, :class:`PresenceGate` (request / not a request) over words and cue
  features, turned into a probability by :class:`Platt` scaling fitted leave-one-out:
  headlines, legal questions and comments that name a system are not requests.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

NONE = "none"  # the class for messages that are not support requests


class NaiveBayes:
    """Multinomial naive Bayes with add-alpha smoothing; supports leave-one-out scoring."""

    def __init__(self, examples: Iterable[tuple[list[str], str]], alpha: float = 0.3) -> None:
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.docs: Counter[str] = Counter()
        for feats, label in examples:
            self.counts[label].update(feats)
            self.docs[label] += 1
        self.vocab = {f for c in self.counts.values() for f in c}
        self.alpha = alpha
        self.totals = {label: sum(c.values()) for label, c in self.counts.items()}
        # log(count + alpha) per class, precomputed once: scoring is then lookups only.
        # Plain dicts and a floor, not defaultdicts of lambdas: the model must pickle
        # (bot/router_cache.py keeps the built router between starts).
        self._floor = math.log(alpha)
        self._log: dict[str, dict[str, float]] = {
            label: {f: math.log(n + alpha) for f, n in counts.items()}
            for label, counts in self.counts.items()
        }

    def log_likelihoods(
        self, feats: list[str], without: tuple[list[str], str] | None = None
    ) -> dict[str, float]:
        """Per-class log P(features | class); ``without`` removes one training line (LOO)."""
        size = len(self.vocab) or 1
        own: Counter[str] = Counter(without[0]) if without else Counter()
        own_label = without[1] if without else None
        out: dict[str, float] = {}
        known = [f for f in feats if f in self.vocab]
        floor = self._floor
        for label, counts in self.counts.items():
            mine = own_label == label
            total = self.totals[label] - (sum(own.values()) if mine else 0)
            denom = math.log(total + self.alpha * size) * len(known)
            table = self._log[label]
            if mine:
                out[label] = (
                    sum(
                        math.log(counts[f] - own[f] + self.alpha)
                        if f in own
                        else table.get(f, floor)
                        for f in known
                    )
                    - denom
                )
            else:
                out[label] = sum(table.get(f, floor) for f in known) - denom
        return out

    def log_prior(self, label: str) -> float:
        """log P(class) from the document counts."""
        return math.log((self.docs[label] + 1) / (sum(self.docs.values()) + len(self.docs)))


class PresenceGate:
    """Two-class naive Bayes over feature *presence* (request / not a request).

    Presence, not counts: requests run longer than headlines and thanks, and a count model
    would read length as evidence. Only present features are scored (absent ones carry
    little information for sparse text and would make scoring cost the vocabulary size).
    """

    def __init__(self, examples: Iterable[tuple[list[str], bool]], alpha: float = 0.5) -> None:
        self.present: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
        self.docs: Counter[bool] = Counter()
        for feats, label in examples:
            self.present[label].update(set(feats))
            self.docs[label] += 1
        self.alpha = alpha

    @property
    def trained(self) -> bool:
        """Both classes seen at least once."""
        return all(self.docs[label] for label in (True, False))

    def log_odds(self, feats: Iterable[str], without: bool | None = None) -> dict[str, float]:
        """Per-feature log-odds contribution (request over not), plus the prior as "prior".
        ``without``: the label of a training line to leave out (its features are ``feats``)."""
        feats = set(feats)
        own = {label: int(without is label) for label in (True, False)}
        yes, no = self.docs[True] - own[True], self.docs[False] - own[False]
        out = {"prior": math.log((yes + 1) / (no + 1))}
        for f in feats:
            n_yes = self.present[True][f] - own[True]
            n_no = self.present[False][f] - own[False]
            if n_yes or n_no:
                p_yes = (n_yes + self.alpha) / (yes + 2 * self.alpha)
                p_no = (n_no + self.alpha) / (no + 2 * self.alpha)
                out[f] = math.log(p_yes / p_no)
        return out


def word_features(folded: Sequence[str]) -> list[str]:
    """Bag of folded words and adjacent pairs."""
    return list(folded) + [f"{a}_{b}" for a, b in itertools.pairwise(folded)]


class Calibration:
    """P(top topic is right | margin) = σ(a·margin), the slope fitted on training lines.

    A tie between two topics (margin 0) is a coin toss at best, so there is no intercept: the
    data only decides how fast certainty grows with the margin. A Gaussian prior a ~ N(1, 1)
    keeps the fit finite, since training lines are nearly separable.
    """

    def __init__(self, a: float = 1.0) -> None:
        self.a = a

    @classmethod
    def fit(cls, points: Sequence[tuple[float, bool]], steps: int = 30) -> Calibration:
        """Maximum a posteriori slope by Newton steps, halved until the objective improves."""
        a = 1.0
        best = _objective(points, a)
        for _ in range(steps):
            grad, hess = -(a - 1.0), -1.0
            for margin, right in points:
                p = _sigmoid(a * margin)
                grad += ((1.0 if right else 0.0) - p) * margin
                hess -= p * (1 - p) * margin * margin
            step = grad / hess
            for _ in range(30):
                value = _objective(points, a - step)
                if value >= best:
                    break
                step /= 2
            if abs(step) < 1e-6:
                break
            a, best = a - step, value
        return cls(a)

    def probability(self, margin: float) -> float:
        """Calibrated probability that the top topic is the right one."""
        return _sigmoid(self.a * margin)


class Platt:
    """P(request | naive Bayes log-odds) = σ(a·x + b), fitted leave-one-out on the training
    lines: naive Bayes over-counts correlated words, and its raw log-odds are no probability."""

    def __init__(self, a: float = 0.5, b: float = 0.0) -> None:
        self.a, self.b = a, b

    @classmethod
    def fit(cls, points: Sequence[tuple[float, bool]], steps: int = 30) -> Platt:
        """Maximum a posteriori (a ~ N(0.5, 1), b ~ N(0, 1)); Newton steps, halved until the
        objective improves."""
        a, b = 0.5, 0.0
        best = _platt_objective(points, a, b)
        for _ in range(steps):
            ga, gb, haa, hab, hbb = -(a - 0.5), -b, -1.0, 0.0, -1.0
            for x, right in points:
                p = _sigmoid(a * x + b)
                err, w = (1.0 if right else 0.0) - p, p * (1 - p)
                ga, gb = ga + err * x, gb + err
                haa, hab, hbb = haa - w * x * x, hab - w * x, hbb - w
            det = haa * hbb - hab * hab
            da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
            value = best
            for _ in range(30):
                value = _platt_objective(points, a - da, b - db)
                if value >= best:
                    break
                da, db = da / 2, db / 2
            if abs(da) + abs(db) < 1e-6:
                break
            a, b, best = a - da, b - db, value
        return cls(a, b)

    def probability(self, x: float) -> float:
        """Calibrated probability."""
        return _sigmoid(self.a * x + self.b)


def _platt_objective(points: Sequence[tuple[float, bool]], a: float, b: float) -> float:
    total = -0.5 * ((a - 0.5) ** 2 + b * b)
    for x, right in points:
        p = min(max(_sigmoid(a * x + b), 1e-12), 1 - 1e-12)
        total += math.log(p if right else 1 - p)
    return total


def _objective(points: Sequence[tuple[float, bool]], a: float) -> float:
    total = -0.5 * (a - 1.0) ** 2
    for margin, right in points:
        p = min(max(_sigmoid(a * margin), 1e-12), 1 - 1e-12)
        total += math.log(p if right else 1 - p)
    return total


def _sigmoid(x: float) -> float:
    if x < -40:
        return 0.0
    if x > 40:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))
