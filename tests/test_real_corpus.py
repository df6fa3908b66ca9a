"""The real-message corpus: well-formed, labelled with known keys, split by source."""

from __future__ import annotations

from collections import Counter

from bot import default_data_dir
from bot.directory import load_directory
from bot.routing_corpus import (
    REAL_AMBIGUOUS,
    REAL_HOLDOUT,
    REAL_TRAIN,
    grouped_folds,
    load_rows,
    training_rows,
)

DATA = default_data_dir()
TRAIN = load_rows(DATA / REAL_TRAIN)
HOLDOUT = load_rows(REAL_HOLDOUT)
AMBIGUOUS = load_rows(DATA / REAL_AMBIGUOUS)
FIELDS = {"id", "text", "topic", "source", "note", "style", "styles", "kind", "group", "family"}


def test_at_least_300_real_messages_outside_the_ambiguous_file() -> None:
    assert len(TRAIN) + len(HOLDOUT) >= 300


def test_every_row_has_the_documented_fields_and_a_known_topic() -> None:
    topics = set(load_directory(DATA / "contacts.yaml").keywords()) | {None}
    for row in TRAIN + HOLDOUT + AMBIGUOUS:
        assert set(row) >= FIELDS, row["id"]
        assert row["topic"] in topics, row["id"]
        assert row["source"].startswith(("http://", "https://")), row["id"]
        assert row["text"].strip() == row["text"] and row["text"], row["id"]


def test_ids_and_texts_are_unique_across_all_parts() -> None:
    rows = TRAIN + HOLDOUT + AMBIGUOUS
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)


def test_no_source_thread_or_family_is_on_both_sides_of_the_split() -> None:
    for key in ("group", "family"):
        assert not {r[key] for r in TRAIN} & {r[key] for r in HOLDOUT}, key


def test_holdout_covers_support_topics_and_non_support_messages() -> None:
    topics = Counter(r["topic"] for r in HOLDOUT)
    assert topics[None] >= 20
    assert sum(n for t, n in topics.items() if t) >= 60


def test_training_rows_take_the_real_train_part_but_never_the_ambiguous_or_held_out_ones() -> None:
    texts = {r["text"] for r in training_rows(DATA)}
    assert {r["text"] for r in TRAIN} <= texts
    assert not texts & {r["text"] for r in AMBIGUOUS}
    assert not texts & {r["text"] for r in HOLDOUT}


def test_grouped_folds_keep_each_family_in_one_fold_and_lose_no_row() -> None:
    rows = TRAIN + HOLDOUT
    folds = grouped_folds(rows, 5)
    assert sum(len(f) for f in folds) == len(rows)
    seen: dict[str, int] = {}
    for n, fold in enumerate(folds):
        for row in fold:
            assert seen.setdefault(row["family"], n) == n
