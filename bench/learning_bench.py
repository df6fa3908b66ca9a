"""How routing on held-out real messages improves as coordinators label messages.

The held-out real messages (``bench/data/real_holdout.jsonl``) are cut into 5 folds by source
family (no site or repository in two folds). For each fold, the other four folds are the
pool a coordinator could have labelled in the review queue; the fold itself is scored. The
router is built as at start-up (every training file plus the labelled lines as ``extra``,
via ``TaughtRouter``) with the first N pool lines labelled, N = 0, 10, 25, 50 and all. No
scored message is ever labelled, so the exact-text memory of labels cannot help; the figures
show what the labels teach about *other* messages. N = 0 is the reference every line is
compared with (ratio), measured in the same run.

Run: ``python bench/learning_bench.py``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.directory import load_directory  # noqa: E402
from bot.routing_corpus import (  # noqa: E402
    REAL_HOLDOUT,
    grouped_folds,
    labelled,
    load_rows,
    sources,
    training_rows,
)
from bot.taught import TaughtRouter  # noqa: E402

FOLDS = 5
STEPS = (0, 10, 25, 50, None)  # None: the whole pool
ORDERS = 3  # label arrival orders averaged, so one lucky order does not decide


def scores(router: TaughtRouter, rows: list[dict]) -> tuple[int, int]:
    """(right answers, wrong contacts) on ``rows``."""
    right = wrong = 0
    for row in rows:
        got = router.route(row["text"]).topic
        right += got == row["topic"]
        wrong += got is not None and got != row["topic"]
    return right, wrong


def main() -> None:
    keywords = load_directory(ROOT / "data" / "contacts.yaml").keywords()
    rows = training_rows(ROOT / "data")
    base, groups = labelled(rows), sources(rows)  # grouped by source, as Router.build does
    holdout = load_rows(REAL_HOLDOUT)
    folds = grouped_folds(holdout, FOLDS)
    totals = {step: [0, 0, 0, 0.0] for step in STEPS}  # right, wrong, scored, build seconds
    runs = [(n, order) for n in range(FOLDS) for order in range(ORDERS)]
    for n, order in runs:
        fold = folds[n]
        pool = [row for m, other in enumerate(folds) if m != n for row in other]
        random.Random(order).shuffle(pool)  # the order labels arrive in: fixed, not by topic
        for step in STEPS:
            taught = labelled(pool if step is None else pool[:step])
            started = time.perf_counter()
            router = TaughtRouter(keywords, base, taught, groups)
            built = time.perf_counter() - started
            right, wrong = scores(router, fold)
            totals[step][0] += right
            totals[step][1] += wrong
            totals[step][2] += len(fold)
            totals[step][3] += built / len(runs)
    reference = totals[0][0] / totals[0][2]
    print(
        f"held-out real messages: {len(holdout)} in {FOLDS} source-grouped folds, "
        f"{ORDERS} label orders each"
    )
    print(f"training files: {len(base)} lines; labels drawn from the other folds")
    print("labelled  accuracy  (x reference)  wrong-contact  router build")
    for step in STEPS:
        right, wrong, scored, built = totals[step]
        acc = right / scored
        label = "all" if step is None else str(step)
        print(
            f"{label:>8}  {acc:8.3f}  (x{acc / reference:.2f})      {wrong / scored:8.3f}"
            f"      {built * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
