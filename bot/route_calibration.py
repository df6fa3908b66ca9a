"""Small logistic regressions that turn router scores into probabilities. Pure Python.

The router's raw numbers (a topic's score margin, the request gate's naive-Bayes log-odds) are
no probabilities: naive Bayes over-counts correlated words and the lexicon's weights are hand
set. :class:`Logistic` maps a few such numbers to P(outcome), fitted at start-up on
out-of-fold points (each training line scored by models that never saw its source), by
maximum a posteriori Newton steps with a Gaussian prior that keeps nearly separable data finite.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


class Logistic:
    """P(y | x) = σ(w·x + b) for a handful of features."""

    def __init__(self, weights: Sequence[float], bias: float = 0.0) -> None:
        self.weights = list(weights)
        self.bias = bias

    @classmethod
    def fit(
        cls,
        points: Sequence[tuple[Sequence[float], bool]],
        prior: Sequence[float],
        spread: float = 1.0,
        steps: int = 30,
        share: float | None = None,
    ) -> Logistic:
        """MAP fit with weights ~ N(prior, spread²) and bias ~ N(0, spread²). Newton steps;
        the log-posterior is concave, so a step that lowers it is only ever too long: it
        is halved back towards the previous point.

        ``share``: the points are weighted so that the true ones carry this share of the total
        weight, whatever their share of the points: the fitted probabilities then assume that
        base rate, not the one of the material at hand."""
        mean = [*prior, 0.0]
        rows = [([*x, 1.0], 1.0 if y else 0.0, 1.0) for x, y in points]
        trues = sum(1 for _, y in points if y)
        if share is not None and 0 < trues < len(points):
            up, down = (
                share * len(points) / trues,
                (1 - share) * len(points) / (len(points) - trues),
            )
            rows = [(x, y, up if y else down) for x, y, _ in rows]
        theta, last, best = list(mean), list(mean), -math.inf
        step = [0.0] * len(mean)
        for _ in range(steps):
            value, grad, hess = _derivatives(rows, theta, mean, spread)
            if value < best:  # overshot: halve the last step and look again
                step = [s / 2 for s in step]
                theta = [t - s for t, s in zip(last, step, strict=True)]
                continue
            best, last = value, theta
            step = _solve(hess, grad)
            theta = [t - s for t, s in zip(last, step, strict=True)]
            if sum(abs(s) for s in step) < 1e-4:
                break
        return cls(last[:-1], last[-1])

    def probability(self, x: Sequence[float]) -> float:
        """σ(w·x + b)."""
        return _sigmoid(self.bias + _dot(self.weights, x))


def _derivatives(
    rows: list[tuple[list[float], float, float]],
    theta: list[float],
    mean: list[float],
    spread: float,
) -> tuple[float, list[float], list[list[float]]]:
    """Log-posterior, its gradient and its Hessian at ``theta``, in one pass."""
    d = len(theta)
    inv = 1.0 / spread**2
    value = -0.5 * inv * sum((t - m) ** 2 for t, m in zip(theta, mean, strict=True))
    grad = [-(t - m) * inv for t, m in zip(theta, mean, strict=True)]
    hess = [[-inv if i == j else 0.0 for j in range(d)] for i in range(d)]
    for x, y, weight in rows:
        p = _sigmoid(sum(t * v for t, v in zip(theta, x, strict=True)))
        q = min(max(p, 1e-12), 1 - 1e-12)
        value += weight * (math.log(q) if y else math.log(1 - q))
        err, w = weight * (y - p), weight * p * (1 - p)
        for i in range(d):
            grad[i] += err * x[i]
            wx = w * x[i]
            row = hess[i]
            for j in range(i + 1):
                row[j] -= wx * x[j]
    for i in range(d):
        for j in range(i):
            hess[j][i] = hess[i][j]
    return value, grad, hess


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=False))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """a·x = b by Gaussian elimination with partial pivoting (a is small and negative definite)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= factor * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) < 1e-12:
            continue
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def _sigmoid(x: float) -> float:
    if x < -40:
        return 0.0
    if x > 40:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))
