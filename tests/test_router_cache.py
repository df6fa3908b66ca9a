"""The trained router kept next to the database: same decisions, rebuilt on any change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bot import default_data_dir
from bot.directory import load_directory
from bot.taught import build_router

DATA = default_data_dir()
KEYWORDS = load_directory(DATA / "contacts.yaml").keywords()
DEV = [
    json.loads(x)["text"] for x in (DATA / "routing" / "dev.jsonl").read_text().splitlines() if x
]

REAL = DATA / "routing" / "real" / "train.jsonl"


def decisions(router: object) -> list[tuple[str | None, str]]:
    return [(r.topic, r.reason) for r in map(router.route, DEV)]  # type: ignore[attr-defined]


def test_a_loaded_router_decides_exactly_like_a_freshly_trained_one(tmp_path: Path) -> None:
    cache = tmp_path / "router.cache"
    fresh = build_router(KEYWORDS, DATA / "routing")
    first = build_router(KEYWORDS, DATA / "routing", cache=cache)
    saved = cache.read_bytes()
    loaded = build_router(KEYWORDS, DATA / "routing", cache=cache)
    assert loaded is not first and cache.read_bytes() == saved  # read back, not retrained
    assert decisions(loaded) == decisions(fresh) == decisions(first)
    assert cache.stat().st_mode & 0o077 == 0  # the owner's only


def test_a_new_label_retrains_instead_of_using_the_stale_file(tmp_path: Path) -> None:
    cache = tmp_path / "router.cache"
    text = DEV[0]
    before = build_router(KEYWORDS, DATA / "routing", cache=cache)
    label = "network" if before.route(text).topic != "network" else "reporting"
    after = build_router(KEYWORDS, DATA / "routing", [(text, label)], cache=cache)
    assert after.route(text).topic == label
    again = build_router(KEYWORDS, DATA / "routing", [(text, label)], cache=cache)
    assert again.route(text).topic == label


def test_a_damaged_or_foreign_file_is_never_trusted(tmp_path: Path) -> None:
    cache = tmp_path / "router.cache"
    fresh = decisions(build_router(KEYWORDS, DATA / "routing"))
    build_router(KEYWORDS, DATA / "routing", cache=cache)
    key = cache.read_bytes().split(b"\n", 1)[0]
    for damaged in (key + b"\nnot a pickle", b"0" * 64 + b"\n" + b"anything", b""):
        cache.write_bytes(damaged)
        assert decisions(build_router(KEYWORDS, DATA / "routing", cache=cache)) == fresh
        assert cache.read_bytes().startswith(key + b"\n") and len(cache.read_bytes()) > 1000


def test_where_the_data_lies_does_not_change_what_is_learned(tmp_path: Path) -> None:
    # The calibration folds are drawn from each line's group; a group must never be the
    # file's absolute path, or a fresh clone in another folder trains another router.
    copy = tmp_path / "a" / "much" / "longer" / "checkout" / "routing"
    shutil.copytree(DATA / "routing", copy)
    here, there = build_router(KEYWORDS, DATA / "routing"), build_router(KEYWORDS, copy)
    texts = DEV + [json.loads(x)["text"] for x in REAL.read_text().splitlines() if x]
    assert [here.explain(t) for t in texts] == [there.explain(t) for t in texts]
