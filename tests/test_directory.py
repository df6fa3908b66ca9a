"""data/contacts.yaml against the seed letter, and start-up validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import default_data_dir
from bot.directory import TOPIC_KEYS, DirectoryError, load_directory

CONTACTS = default_data_dir() / "contacts.yaml"
SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "topics.md"

# Seed letter section 4: who answers what, with the phones as printed there.
SEED = {
    "general": {"+84915351008"},
    "digital_signature": {"+84917672989"},
    "document_management": {"+84975124203"},
    "video_conference": {"+84947815789"},
    "public_service_center": {"+84948985999", "+84989772229"},
    "task_tracking": {"+84945071777"},
    "reporting": {"+84974065768"},
    "network": {"+84947363368", "+84977719888", "+84906495666"},
}


def test_directory_matches_the_seed_letter() -> None:
    directory = load_directory(CONTACTS)
    assert tuple(directory.topics) == TOPIC_KEYS
    for key, phones in SEED.items():
        assert {c.phone for c in directory.topic(key).contacts} == phones
    assert len(directory.all_contacts()) == 11
    operators = {c.operator: c.name for c in directory.topic("network").contacts}
    assert operators == {
        "vnpt": "Trịnh Bá Huy",
        "viettel": "Phan Hoàng Cường",
        "mobifone": "Hàn Ngọc Cường",
    }


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec not beside the checkout")
def test_directory_matches_the_spec_table() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    directory = load_directory(CONTACTS)
    for key, contact in directory.all_contacts():
        assert f"`{key}`" in spec
        assert contact.name in spec


def test_operator_picks_the_communes_own_contact() -> None:
    directory = load_directory(CONTACTS)
    assert [c.name for c in directory.contacts_for("network", "viettel")] == ["Phan Hoàng Cường"]
    assert len(directory.contacts_for("network", None)) == 3


def _broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(CONTACTS.read_text(encoding="utf-8"))
    change(data["topics"])
    path = tmp_path / "contacts.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda t: t.__setitem__("printers", t["general"]), "topics.printers: unknown topic"),
        (lambda t: t["reporting"]["contacts"][0].__setitem__("phone", "0974 06"), "reporting"),
        (
            lambda t: t["task_tracking"]["contacts"][0].__setitem__("phone", "0915.351.008"),
            "topics.task_tracking.contacts.0: phone duplicates topics.general.contacts.0",
        ),
        (lambda t: t["network"]["contacts"].pop(), "needs one contact for each of vnpt"),
        (lambda t: t.pop("video_conference"), "missing topics video_conference"),
        (lambda t: t["general"].pop("tips"), "topics.general: tips"),
    ],
)
def test_bad_file_stops_start_up_naming_file_and_entry(tmp_path: Path, change, where: str) -> None:
    path = _broken(tmp_path, change)
    with pytest.raises(DirectoryError) as err:
        load_directory(path)
    assert str(path) in str(err.value)
    assert where in str(err.value)
