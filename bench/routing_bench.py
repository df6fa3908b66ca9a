"""Routing bench: accuracy and wrong-contact rate, per topic and style, latency, start-up.

Nothing is scored by a model that trained on it:
* dev set (``data/routing/dev.jsonl``), 5-fold stratified cross-validation; the other
  training files (``written.jsonl``, ``real/train.jsonl``) are always in the training part;
* real messages, training part (``data/routing/real/train.jsonl``), 5-fold cross-validation
  grouped by source family (no thread, and no repository or site, on both sides);
* real messages held out (``bench/data/real_holdout.jsonl``), grouped by source: scored by
  the router built from every training file, never used to tune it;
* the written holdout (``bench/data/holdout.jsonl``).

Wrong contact = a topic was given and it is not the label (a non-request given a topic
counts too); a menu or "not a question" is not a wrong contact.
Latency and start-up are reported with the same-run cost of normalising the same text
(``tokens``) and of loading ``contacts.yaml`` as references.

Run: ``python bench/routing_bench.py [--by-source]``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.directory import load_directory  # noqa: E402
from bot.lexicon import tokens  # noqa: E402
from bot.normalize import strip_marks  # noqa: E402
from bot.routing import Router, stratified_folds  # noqa: E402
from bot.routing_corpus import grouped_folds, sources  # noqa: E402

FOLDS = 5
ROUTING = ROOT / "data" / "routing"
Result = tuple[dict, str | None]


def load(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def pairs(rows: list[dict]) -> list[tuple[str, str | None]]:
    return [(r["text"], r.get("topic")) for r in rows]


def styles(text: str) -> list[str]:
    """diacritics / none, and short (≤ 5 words) / long (> 25 words)."""
    out = ["no_diacritics" if strip_marks(text) == text else "diacritics"]
    n = len(text.split())
    if n <= 5:
        out.append("short")
    elif n > 25:
        out.append("long")
    return out


def report(title: str, results: list[Result], by_source: bool = False) -> None:
    if not results:
        print(f"\n== {title}: no data")
        return
    n = len(results)
    right = sum(row.get("topic") == got for row, got in results)
    wrong = sum(got is not None and got != row.get("topic") for row, got in results)
    print(f"\n== {title}: accuracy {right / n:.3f} ({right}/{n}), wrong contact {wrong / n:.3f}")
    groups: dict[str, dict[str, list[Result]]] = defaultdict(lambda: defaultdict(list))
    for row, got in results:
        groups["topic"][str(row.get("topic"))].append((row, got))
        for style in styles(row["text"]):
            groups["style"][style].append((row, got))
        if by_source:
            groups["source kind"][str(row.get("kind", "?"))].append((row, got))
    for key, parts in groups.items():
        print(f"  per {key}:")
        for name, part in sorted(parts.items()):
            ok = sum(r.get("topic") == g for r, g in part) / len(part)
            bad = sum(g is not None and g != r.get("topic") for r, g in part) / len(part)
            print(f"    {name:24} acc {ok:.2f}  wrong {bad:.2f}  (n={len(part)})")
    confusions = Counter(
        (str(row.get("topic")), str(got)) for row, got in results if row.get("topic") != got
    )
    print("  main confusions (label → routed):")
    for (want, got), count in confusions.most_common(10):
        print(f"    {want} → {got}: {count}")


def cross_validate(keywords: dict, rows: list[dict], fixed: list[dict], folds) -> list[Result]:
    out: list[Result] = []
    for k, test in enumerate(folds):
        train = [r for j, part in enumerate(folds) if j != k for r in part]
        router = Router(keywords, pairs(train + fixed), groups=sources(train + fixed))
        out += [(row, router.route(row["text"]).topic) for row in test]
    return out


def timing(fn, repeat: int) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def main() -> None:
    by_source = "--by-source" in sys.argv
    keywords = load_directory(ROOT / "data" / "contacts.yaml").keywords()
    dev = load(ROUTING / "dev.jsonl")
    written = load(ROUTING / "written.jsonl")
    real_train = load(ROUTING / "real" / "train.jsonl")
    real_holdout = load(ROOT / "bench" / "data" / "real_holdout.jsonl")

    cv = cross_validate(keywords, dev, written + real_train, stratified_folds(dev, FOLDS))
    report(f"dev set, {FOLDS}-fold cross-validation", cv)
    if real_train:
        folds = grouped_folds(real_train, FOLDS)
        real_cv = cross_validate(keywords, real_train, dev + written, folds)
        report("real messages, training part, grouped 5-fold CV", real_cv, by_source)

    full = Router.build(keywords, ROUTING)
    held = [(row, full.route(row["text"]).topic) for row in real_holdout]
    report("real messages held out (never trained or tuned on)", held, True)
    written_holdout = load(ROOT / "bench" / "data" / "holdout.jsonl")
    report("written holdout", [(r, full.route(r["text"]).topic) for r in written_holdout])

    texts = [r["text"] for r in dev + real_holdout + written_holdout]
    timings, reference = [], []
    # A message's normal forms are kept for the last 64 texts (bot.normalize, bot.lexicon):
    # each route and each reference reads a text not seen for 100 texts, as a new message.
    ahead = 100
    for _ in range(5):
        for n, text in enumerate(texts):
            start = time.perf_counter()
            full.route(text)
            mid = time.perf_counter()
            tokens(texts[(n + ahead) % len(texts)])
            reference.append(time.perf_counter() - mid)
            timings.append(mid - start)
    timings.sort()
    reference.sort()
    p50, p99 = statistics.median(timings) * 1000, timings[int(len(timings) * 0.99)] * 1000
    ref50 = statistics.median(reference) * 1000
    ref99 = reference[int(len(reference) * 0.99)] * 1000
    print(
        f"\nlatency per message: p50 {p50:.3f} ms, p99 {p99:.3f} ms (n={len(timings)}); "
        f"reference tokens() p50 {ref50:.3f} ms, p99 {ref99:.3f} ms; "
        f"ratio p50 {p50 / ref50:.1f}x, p99 {p99 / ref99:.1f}x"
    )
    build = timing(lambda: Router.build(keywords, ROUTING), 5)
    contacts = timing(lambda: load_directory(ROOT / "data" / "contacts.yaml"), 5)
    lines = len(dev) + len(written) + len(real_train)
    print(
        f"start-up: Router.build {build * 1000:.0f} ms for {lines} labelled lines; "
        f"reference load_directory {contacts * 1000:.0f} ms, ratio {build / contacts:.1f}x"
    )


if __name__ == "__main__":
    main()
