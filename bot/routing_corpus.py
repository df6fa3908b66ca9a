"""The labelled routing corpora on disk, and folds that keep a source group together.

Three kinds of files hold labelled messages (one JSON object a line, ``text`` and ``topic``
at least):

* ``data/routing/*.jsonl`` and ``data/routing/real/train.jsonl``: training material;
* ``data/routing/real/ambiguous.jsonl``: real messages whose label is arguable, kept out of
  training and scoring;
* ``bench/data/real_holdout.jsonl``: real messages never trained on (whole source families,
  so no thread or site is on both sides).

Evaluating on real messages must be grouped by source: lines from one thread share wording,
so a random split would flatter the router. ``grouped_folds`` does that for cross-validation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "REAL_AMBIGUOUS",
    "REAL_HOLDOUT",
    "REAL_TRAIN",
    "grouped_folds",
    "labelled",
    "load_rows",
    "sources",
    "training_rows",
]

_REPO = Path(__file__).resolve().parents[1]
REAL_TRAIN = Path("routing") / "real" / "train.jsonl"  # relative to the data directory
REAL_AMBIGUOUS = Path("routing") / "real" / "ambiguous.jsonl"
REAL_HOLDOUT = _REPO / "bench" / "data" / "real_holdout.jsonl"  # not shipped in the package


def load_rows(path: Path) -> list[dict]:
    """Every labelled row of one JSONL file (blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def training_rows(data_dir: Path) -> list[dict]:
    """All training rows under ``data_dir/routing`` (sub-folders too), ambiguous files left out."""
    rows: list[dict] = []
    for path in sorted((data_dir / "routing").rglob("*.jsonl")):
        if "ambiguous" not in path.name:
            rows.extend(load_rows(path))
    return rows


def labelled(rows: Iterable[dict]) -> list[tuple[str, str | None]]:
    """``(text, topic or None)`` pairs, the shape the router trains on."""
    return [(row["text"], row.get("topic")) for row in rows]


def source_of(row: dict, line: object) -> str:
    """A row's source for the router's out-of-fold decision fit (``Router(groups=…)``): its
    repository or site, else its thread, else ``line`` (the line itself, named by the caller)."""
    return str(row.get("family") or row.get("group") or line)


def sources(rows: list[dict]) -> list[str]:
    """Each row's source (`source_of`), a line named by its id or its position."""
    return [source_of(r, r.get("id") or n) for n, r in enumerate(rows)]


def grouped_folds(rows: list[dict], k: int, key: str = "family") -> list[list[dict]]:
    """``k`` deterministic folds in which all rows of one source (``key``, else the thread,
    else the row itself) fall together; the largest sources are placed first, each in the
    smallest fold so far, so the folds come out about equal even when one repository holds
    a sixth of the lines. Rows without a source (hand-written sets) are one-row groups."""
    groups: dict[str, list[dict]] = {}
    for n, row in enumerate(rows):
        source = str(row.get(key) or row.get("group") or row.get("id") or n)
        groups.setdefault(source, []).append(row)
    folds: list[list[dict]] = [[] for _ in range(k)]
    for _, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        min(folds, key=len).extend(members)
    return folds
