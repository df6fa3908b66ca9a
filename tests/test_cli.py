"""The operators' command-line contract (spec/interfaces.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.process import ROOT, bot_env


def cli(tmp_path: Path, *args: str, stdin: str = "", **settings: str):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        cwd=tmp_path, env=bot_env(tmp_path, **settings), timeout=60,
    )  # fmt: skip


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
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True,
                            text=True, cwd=ROOT)  # fmt: skip
    assert result.returncode == 0 and "commune-bot" in result.stdout
