"""The 166 communes: data against the reference, lookup with accents, typos, collisions."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from bot import default_data_dir
from bot.communes import load_communes

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "thanhhoa_communes.csv"


@pytest.fixture(scope="module")
def communes():
    return load_communes(default_data_dir())


def test_counts(communes) -> None:
    kinds = [c.type for c in communes.communes.values()]
    assert len(communes) == 166
    assert kinds.count("xã") == 147 and kinds.count("phường") == 19
    assert len(communes.districts) == 26


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference not beside the checkout")
def test_matches_the_reference_csv(communes) -> None:
    with REFERENCE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(communes)
    for row in rows:
        c = communes.get(row["code"])
        assert c is not None, row["code"]
        assert (c.name, c.type) == (row["name"], row["type"])
        assert list(c.former_districts) == [x.strip() for x in row["former_districts"].split(";")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("14758", "14758"),
        ("Phường Hàm Rồng", "14758"),
        ("ham rong", "14758"),
        ("P. Hàm Rồng", "14758"),
        ("phuong ham rong", "14758"),
        ("ham rongg", "14758"),  # typo
        ("Hoà Lộc", "16072"),  # new-style tone placement
        ("xa dong tien", "15724"),
        ("phuong dong tien", "15853"),
        ("Xã Đồng Tiến", "15724"),
        ("Phường Đông Tiến", "15853"),
    ],
)
def test_unique_lookups(communes, text: str, code: str) -> None:
    assert communes.lookup(text).unique.code == code


def test_accentless_collision_asks(communes) -> None:
    found = communes.lookup("dong tien")
    assert found.unique is None and found.ambiguous
    assert {m.commune.code for m in found.matches[:2]} == {"15724", "15853"}


@pytest.mark.parametrize(
    ("text", "offered"),
    [("xyz không có", "Xã Cổ Lũng"), ("ham rogn", "Phường Hàm Rồng"), ("hello cam thuy ok", None)],
)
def test_a_name_found_only_inside_other_words_is_offered_not_taken(
    communes, text: str, offered: str | None
) -> None:
    # WRatio scores a name hidden in unrelated words highly; only a close whole name is sure.
    found = communes.lookup(text)
    assert found.unique is None
    if offered:
        assert offered in [m.commune.name for m in found.matches]


@pytest.mark.parametrize(
    ("text", "district"),
    [("Hoằng Hóa", "399"), ("hoang hoa", "399"), ("Đông Sơn", "380"), ("tho xuan", "395")],
)
def test_name_that_is_also_a_former_district_asks(communes, text: str, district: str) -> None:
    found = communes.lookup(text)
    assert found.unique is None
    assert found.district is not None and found.district.code == district


def test_former_districts_and_aliases(communes) -> None:
    assert communes.district("Huyện Hoằng Hóa").code == "399"
    assert communes.district("Tĩnh Gia").code == "407"
    assert len(communes.in_district("399")) == 8
    # Phường Đông Tiến came from two former districts; it belongs to both.
    assert "15853" in {c.code for c in communes.in_district("398")}


def test_nothing_found(communes) -> None:
    assert communes.lookup("abcxyz").matches == []
    assert communes.lookup("").matches == []


@pytest.mark.skipif(
    importlib.util.find_spec("vietnam_provinces") is None,
    reason="regeneration needs the 'regen' extra (Python >= 3.12)",
)
def test_regeneration_reproduces_the_shipped_files(tmp_path: Path) -> None:
    from bot.regen import regenerate

    regenerate(tmp_path)
    for name in ("communes.csv", "old_districts.csv"):
        shipped = (default_data_dir() / name).read_text("utf-8")
        assert (tmp_path / name).read_text("utf-8") == shipped
