"""The router's small logistic fits (bot/route_calibration.py)."""

from __future__ import annotations

import pytest

from bot.route_calibration import Logistic

# One in ten points true, and nothing else to go by: the base rate is all a fit can learn.
RARE = [((), True)] * 10 + [((), False)] * 90


def test_without_a_share_the_fit_takes_the_base_rate_of_its_points() -> None:
    assert Logistic.fit(RARE, prior=()).probability(()) == pytest.approx(0.1, abs=0.02)


@pytest.mark.parametrize("share", [0.5, 0.7, 0.9])
def test_a_share_sets_the_base_rate_whatever_the_points_hold(share: float) -> None:
    assert Logistic.fit(RARE, prior=(), share=share).probability(()) == pytest.approx(
        share, abs=0.02
    )


def test_a_share_keeps_what_a_feature_tells() -> None:
    # The feature's points are mostly true, the others mostly false; twice as many false
    # points overall. Weighting to an even share moves both probabilities up, not their order.
    points = [((1.0,), True)] * 30 + [((1.0,), False)] * 10
    points += [((0.0,), True)] * 10 + [((0.0,), False)] * 70
    plain = Logistic.fit(points, prior=(0.0,))
    even = Logistic.fit(points, prior=(0.0,), share=0.5)
    assert plain.probability((1.0,)) > plain.probability((0.0,))
    assert even.probability((1.0,)) > even.probability((0.0,))
    assert even.probability((0.0,)) > plain.probability((0.0,))
    assert even.probability((1.0,)) > plain.probability((1.0,))


def test_a_share_is_ignored_when_the_points_hold_one_class_only() -> None:
    only = [((), True)] * 5
    assert Logistic.fit(only, prior=(), share=0.3).probability(()) == pytest.approx(
        Logistic.fit(only, prior=()).probability(())
    )
