"""Input hygiene: strict ids and numbers, clean names, formulas kept as text, strict CLI."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.chat import Incoming, Person
from bot.deps import Deps
from bot.engine import Engine
from bot.inputs import MAX_ID, clean_text, parse_int, valid_user_key
from bot.sheets.team_sheet import import_rows, read_sheet
from bot.sheets.workbooks import export_xlsx
from tests.test_cli import cli, lines

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
BOSS = Person("console", "boss", "Sở")  # a coordinator in the test settings
HUGE = str(2**63)  # one past SQLite's INTEGER range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("0", 0),
        (str(MAX_ID), MAX_ID),
        (HUGE, None),
        ("9" * 40, None),
        ("²", None),  # str.isdigit() is True, int() raises
        ("١٢", None),  # Arabic-Indic digits: int() would read 12
        ("１２", None),  # full-width
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1_000", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_int_takes_ascii_digits_in_range_only(text, expected) -> None:
    assert parse_int(text) == expected


def test_parse_int_checks_the_range() -> None:
    assert parse_int("5", 1, 4) is None and parse_int("4", 1, 4) == 4 and parse_int("0", 1) is None


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("telegram:777", True),
        ("zalo:6ede9afa66b88fe6d6a9", True),
        ("console:boss", True),
        ("telegram:abc", False),
        ("telegram:-5", False),
        ("telegram:0", False),
        ("telegram:²", False),
        (f"telegram:{HUGE}", False),
        ("telegram:", False),
        ("zalo:a b", False),
        ("zalo:<script>", False),
        ("facebook:1", False),
        ("777", False),
    ],
)
def test_user_keys_are_checked_per_channel(key: str, ok: bool) -> None:
    assert valid_user_key(key) is ok


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Nguyễn\u200b Văn An", "Nguyễn Văn An"),  # zero-width space
        ("\u202eAn Văn Nguyễn", "An Văn Nguyễn"),  # right-to-left override
        ("Lê\u200dThị\ufeff Bình", "LêThị Bình"),  # zero-width joiner, BOM
        ("Trần\tVăn\nCư\x00", "Trần Văn Cư"),  # controls become one space
        ("Phạm\u2028Dung\u00a0\u00a0Thị", "Phạm Dung Thị"),
        ("Nguye\u0302\u0303n", "Nguyễn"),  # decomposed accents composed (NFC)
    ],
)
def test_clean_text_drops_invisible_characters(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def as_text(replies) -> str:
    return " ".join("".join(s.text for s in r.text) for r in replies)


@pytest.mark.parametrize(
    "payload",
    [
        "tm:rp:²",
        f"tm:rp:{HUGE}",
        "tm:rm:²",
        f"tm:rmok:{HUGE}",
        "t:network:²",
        f"t:network:{HUGE}",
        "card:network:²",
        f"card:network:{HUGE}",
        "dl:cc:²",
        f"dl:cc:{HUGE}",
        "st:²",
        f"st:{HUGE}",
        "rv:²:network",
        f"rv:{HUGE}:network",
    ],
)
async def test_forged_numbers_in_buttons_get_a_polite_answer(engine: Engine, payload: str):
    replies = await engine.handle(Incoming("telegram", "boss", BOSS, "choice", payload=payload))
    assert replies and "gặp lỗi" not in as_text(replies)


@pytest.mark.parametrize("text", ["²", "¹", "١", "٣", "１"])
async def test_a_unicode_digit_is_text_not_an_option(engine: Engine, text: str) -> None:
    await engine.handle(Incoming("console", "u1", BOSS, "command", command="start"))
    replies = await engine.handle(Incoming("console", "u1", BOSS, "text", text))
    assert replies and "gặp lỗi" not in as_text(replies)


async def test_names_are_stored_clean_and_formula_positions_refused(services: Deps) -> None:
    sheet = (
        "commune,role,name,phone,position\n"
        "14758,it_officer,Nguyễn\u200b Văn\u202e An,0912345601,Công chức VP\n"
        '14797,it_officer,Lê Văn Bình,0912345602,"=HYPERLINK(""http://x.example"",""bấm"")"\n'
    )
    rows = read_sheet("doi.csv", sheet.encode())
    results = await import_rows(services, rows, None, NOW)
    assert [r.ok for r in results] == [True, False]
    assert "chức vụ" in (results[1].error or "")
    (member,) = await services.store.teams.members_of("14758")
    assert member.name == "Nguyễn Văn An"


async def test_export_writes_formula_looking_text_as_text(services: Deps) -> None:
    hostile = ['=HYPERLINK("http://x.example","bấm")', "+84 cmd", "-2+3", "@SUM(A1)"]
    await services.store.teams.add(
        "14758",
        [
            {
                "role": "youth_member",
                "name": f"Người {i}",
                "phone": f"+8491234560{i}",
                "position": p,
            }
            for i, p in enumerate(hostile)
        ],
        NOW,
    )
    teams = await services.store.teams.by_commune(["14758"])
    book = load_workbook(io.BytesIO(export_xlsx(services, teams, ["14758"])))
    cells = [row[5] for row in book["Thành viên"].iter_rows(min_row=2)]
    assert sorted(c.value for c in cells) == sorted(hostile)
    assert {c.data_type for c in cells} == {"s"}  # text, never a live formula ("f")


@pytest.mark.parametrize("user", ["telegram:abc", "telegram:²", f"telegram:{HUGE}", "zalo:"])
def test_grant_and_revoke_refuse_a_malformed_user_id(tmp_path: Path, user: str) -> None:
    for args in (("grant", user, "coordinator"), ("revoke", user)):
        result = cli(tmp_path, *args)
        assert result.returncode == 2 and "not a user id" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00", "2025-13-01"])
def test_nudges_plan_refuses_a_date_out_of_range(tmp_path: Path, at: str) -> None:
    result = cli(tmp_path, "nudges", "plan", "--at", at)
    assert result.returncode == 2 and "--at" in result.stderr
    assert "Traceback" not in result.stderr


def test_broadcast_status_takes_a_plain_number(tmp_path: Path) -> None:
    for ident in ("²", HUGE, "-1"):
        result = cli(tmp_path, "broadcast", "status", ident)
        assert result.returncode == 2 and "Traceback" not in result.stderr
    assert lines(cli(tmp_path, "broadcast", "status", "1").stdout) == []
