"""The operators' command-line contract (spec/interfaces.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.process import ROOT, bot_env


def cli(tmp_path: Path, *args: str, stdin: str = "", **settings: str):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=bot_env(tmp_path, **settings),
        timeout=60,
    )


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_contacts_lists_the_eleven_with_e164(tmp_path: Path) -> None:
    result = cli(tmp_path, "contacts")
    assert result.returncode == 0
    rows = lines(result.stdout)
    assert len(rows) == 11
    assert {"topic", "name", "phone", "title", "organisation"} <= set(rows[0])
    by_phone = {r["phone"]: r for r in rows}
    assert by_phone["+84975124203"]["topic"] == "document_management"
    assert by_phone["+84906495666"]["operator"] == "mobifone"
    assert "Ngô Thị Phương" in result.stdout  # UTF-8, not ASCII-escaped


def test_route_reads_json_lines(tmp_path: Path) -> None:
    stdin = '{"text": "mất mạng cả xã", "id": 7}\n{"text": "ok"}\n'
    result = cli(tmp_path, "route", stdin=stdin)
    assert result.returncode == 0
    first, second = lines(result.stdout)
    assert first["topic"] == "network" and 0 < first["confidence"] <= 1
    assert second["topic"] is None


def test_route_rejects_bad_lines_with_exit_1(tmp_path: Path) -> None:
    result = cli(tmp_path, "route", stdin='not json\n{"txt": 1}\n{"text": "máy in"}\n')
    assert result.returncode == 1
    rows = lines(result.stdout)
    assert len(rows) == 3 and "error" in rows[0] and rows[2]["topic"] == "general"


def test_route_explain_shows_the_deciding_evidence(tmp_path: Path) -> None:
    stdin = '{"text": "plugin viettel ca báo lỗi"}\n{"text": "Tỉnh khen thưởng các xã"}\n'
    result = cli(tmp_path, "route", "--explain", stdin=stdin)
    assert result.returncode == 0
    signed, headline = lines(result.stdout)
    assert signed["topic"] == "digital_signature"
    words = {m["words"]: m["topic"] for m in signed["explain"]["matches"]}
    assert words["viettel ca"] == "digital_signature"  # the product, not the operator
    assert signed["explain"]["probability"] >= signed["explain"]["answer_at"]
    assert headline["topic"] is None and headline["explain"]["request_probability"] < 0.5


def test_run_without_token_explains_how_to_get_one(tmp_path: Path) -> None:
    result = cli(tmp_path, "run")
    assert result.returncode == 2
    assert "BotFather" in result.stderr and "commune-bot chat" in result.stderr


def test_bad_setting_is_a_configuration_error(tmp_path: Path) -> None:
    result = cli(tmp_path, "contacts", listen="nonsense")
    assert result.returncode == 2
    assert "listen" in result.stderr.lower()


def test_broken_data_dir_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "data"
    bad.mkdir()
    (bad / "contacts.yaml").write_text("topics: {general: {}}\n", encoding="utf-8")
    result = cli(tmp_path, "contacts", data_dir=str(bad))
    assert result.returncode == 2
    assert str(bad / "contacts.yaml") in result.stderr


def test_chat_talks_in_the_terminal_with_numbered_choices(tmp_path: Path) -> None:
    result = cli(tmp_path, "chat", stdin="xin chào\n8\nmáy in kẹt giấy\n")
    assert result.returncode == 0
    assert "1. Hỗ trợ chung" in result.stdout
    assert "0947 363 368" in result.stdout  # "8" picked the network topic
    assert "0915 351 008" in result.stdout


def test_python_dash_m_bot_is_the_console_script() -> None:
    assert (ROOT / "bot" / "__main__.py").exists()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and "commune-bot" in result.stdout


def test_communes_list_has_the_166_with_codes_types_districts(tmp_path: Path) -> None:
    result = cli(tmp_path, "communes", "list")
    rows = lines(result.stdout)
    assert result.returncode == 0 and len(rows) == 166
    by_code = {r["code"]: r for r in rows}
    assert by_code["14812"] == {
        "code": "14812",
        "name": "Phường Bỉm Sơn",
        "type": "phường",
        "former_districts": ["Thị xã Bỉm Sơn", "Huyện Hà Trung"],
    }


def test_communes_find_without_accents_separates_the_colliding_pair(tmp_path: Path) -> None:
    rows = lines(cli(tmp_path, "communes", "find", "dong", "tien").stdout)
    assert {r["code"] for r in rows[:2]} == {"15724", "15853"}
    assert {r["type"] for r in rows[:2]} == {"xã", "phường"}
    rows = lines(cli(tmp_path, "communes", "find", "phuong dong tien").stdout)
    assert rows[0]["code"] == "15853" and rows[0]["score"] > rows[1]["score"]


def test_teams_import_then_status(tmp_path: Path) -> None:
    sheet = tmp_path / "doi.csv"
    sheet.write_text(
        "commune,role,name,phone,position,operator\n"
        "14758,it_officer,Nguyễn Văn An,0912345601,,\n"
        "14758,software_guide,Lê Thị Bình,0912345602,,\n"
        "14758,software_guide,Trần Văn Cư,0912345603,,\n"
        "14758,youth_member,Phạm Thị Dung,0912345604,,\n"
        "14758,youth_member,Hoàng Văn Em,0912345605,,\n"
        "14758,telecom_technician,Đỗ Văn Giang,0912345606,,MobiFone\n"
        "14797,it_officer,Ngô Văn Minh,0913,,\n",
        encoding="utf-8",
    )
    first = cli(tmp_path, "teams", "import", str(sheet))
    assert first.returncode == 1
    report = lines(first.stdout)
    assert [r["ok"] for r in report] == [True] * 6 + [False] and "error" in report[6]
    again = cli(tmp_path, "teams", "import", str(sheet))  # idempotent re-import
    assert lines(again.stdout)[:6] == report[:6]
    status = {r["code"]: r for r in lines(cli(tmp_path, "teams", "status").stdout)}
    assert len(status) == 166
    assert status["14758"] == {
        "code": "14758",
        "name": "Phường Hàm Rồng",
        "members": 6,
        "complete": True,
        "missing": {},
    }
    assert status["14797"]["members"] == 0 and status["14797"]["missing"]["youth_member"] == 2
    assert "0912345601" not in first.stderr + again.stderr  # phones stay out of the log


def test_grant_and_revoke(tmp_path: Path) -> None:
    ok = cli(
        tmp_path,
        "grant",
        "telegram:777",
        "registrar",
        "--district",
        "Hoằng Hóa",
        "--commune",
        "14758",
    )
    assert ok.returncode == 0
    assert lines(ok.stdout)[0] == {
        "user": "telegram:777",
        "role": "registrar",
        "districts": ["399"],
        "communes": ["14758"],
    }
    assert cli(tmp_path, "grant", "777", "coordinator").returncode == 2
    assert (
        cli(tmp_path, "grant", "telegram:7", "registrar", "--district", "Atlantis").returncode == 1
    )
    assert cli(tmp_path, "grant", "telegram:7", "registrar").returncode == 2
    assert lines(cli(tmp_path, "revoke", "telegram:777").stdout)[0]["revoked"] is True
    assert cli(tmp_path, "revoke", "telegram:777").returncode == 1


def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    cli(tmp_path, "grant", "telegram:777", "coordinator")
    result = cli(tmp_path, "backup", str(tmp_path / "copy.sqlite3"))
    assert result.returncode == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "copy.sqlite3") as db:
        assert db.execute("SELECT role FROM grants").fetchone() == ("coordinator",)


def test_nudges_plan_follows_the_policy(tmp_path: Path) -> None:
    cli(tmp_path, "grant", "telegram:777", "registrar", "--commune", "14758")
    coordinators = {"coordinators": "telegram:1"}
    before = lines(
        cli(tmp_path, "nudges", "plan", "--at", "2025-06-10T12:00:00+07:00", **coordinators).stdout
    )
    assert {(r["deadline"], r["commune"], r["recipient"], r["kind"]) for r in before} == {
        ("team_formed", "14758", "telegram:777", "before_3d")
    }
    quiet = cli(tmp_path, "nudges", "plan", "--at", "2025-06-12T23:00:00+07:00", **coordinators)
    assert quiet.returncode == 0 and quiet.stdout == ""
    after = lines(
        cli(tmp_path, "nudges", "plan", "--at", "2025-06-16T08:30", **coordinators).stdout
    )
    kinds = {(r["deadline"], r["commune"], r["kind"]) for r in after}
    assert ("team_formed", None, "summary") in kinds and (
        "lan_upgraded",
        "14758",
        "overdue",
    ) in kinds
    assert all(r["channel"] == "telegram" for r in after)
    assert cli(tmp_path, "nudges", "plan", "--at", "tomorrow").returncode == 2


def test_broadcast_queue_and_status(tmp_path: Path) -> None:
    cli(tmp_path, "grant", "telegram:777", "registrar", "--commune", "14758")
    queued = cli(tmp_path, "broadcast", "--audience", "registrars", "--text", "Họp lúc 8h")
    assert queued.returncode == 0 and lines(queued.stdout) == [{"broadcast": 1, "recipients": 1}]
    status = lines(cli(tmp_path, "broadcast", "status", "1").stdout)
    assert status == [
        {"broadcast": 1, "delivered": 0, "unreachable": 0, "failed": 0, "pending": 1}
    ]
    assert cli(tmp_path, "broadcast", "status", "9").returncode == 1
    assert (
        cli(tmp_path, "broadcast", "--audience", "district:Atlantis", "--text", "x").returncode
        == 1
    )
    assert cli(tmp_path, "broadcast", "--audience", "all").returncode == 2


def test_broadcast_all_is_never_fewer_than_registrars_and_empty_is_refused(tmp_path: Path):
    # Issue 12: `--audience all` gave 0 where `registrars` gave 2, and the empty broadcast
    # was still queued with exit 0.
    cli(tmp_path, "grant", "telegram:777", "registrar", "--commune", "14758")
    cli(tmp_path, "grant", "telegram:778", "registrar", "--district", "Hoằng Hóa")
    registrars = cli(tmp_path, "broadcast", "--audience", "registrars", "--text", "a")
    everyone = cli(tmp_path, "broadcast", "--audience", "all", "--text", "b")
    assert lines(registrars.stdout)[0]["recipients"] == 2
    assert everyone.returncode == 0 and lines(everyone.stdout)[0]["recipients"] >= 2
    empty = cli(tmp_path, "broadcast", "--audience", "members", "--text", "c")
    assert empty.returncode == 1 and empty.stdout == "" and "no recipients" in empty.stderr
    assert cli(tmp_path, "broadcast", "status", "3").returncode == 1  # nothing was queued
