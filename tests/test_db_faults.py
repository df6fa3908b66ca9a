"""A database that cannot be used stops `run` and every command with a sentence and exit 2.

Real files and real processes: a garbage file, a text file, a folder in its place, a missing
folder, a read-only file and folder, and a full disk (a 320 KiB tmpfs, filled up). Each command
must end on its own within the timeout (it used to print a traceback and hang).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import TOKEN
from tests.process import bot_env

COMMANDS = {
    "run": ["run"],
    "chat": ["chat"],
    "teams status": ["teams", "status"],
    "teams import": ["teams", "import", "team.csv"],
    "grant": ["grant", "telegram:777", "coordinator"],
    "revoke": ["revoke", "telegram:777"],
    "backup": ["backup", "copy.sqlite3"],
    "nudges plan": ["nudges", "plan", "--at", "2025-06-12T08:00:00"],
    "broadcast": ["broadcast", "--audience", "all", "--text", "Chào"],
    "broadcast status": ["broadcast", "status", "1"],
}


def commune_bot(
    folder: Path, database: Path, *args: str, prefix: tuple[str, ...] = (), write: bool = True
) -> subprocess.CompletedProcess:
    env = bot_env(folder, telegram_token=TOKEN, telegram_api_url="http://127.0.0.1:1")
    env["BOT_DATABASE"] = str(database)
    if write:
        (folder / "team.csv").write_text("commune,role,name,phone\n", encoding="utf-8")
    return subprocess.run(
        [*prefix, sys.executable, "-m", "bot", *args],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,  # a hang fails here
    )


def assert_refused(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert any(w in result.stderr for w in words), result.stderr


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def text_file(path: Path) -> None:
    path.write_text("commune,role,name\n" * 400, encoding="utf-8")


def truncated(path: Path) -> None:
    good = commune_bot(path.parent, path, "teams", "status")
    assert good.returncode == 0, good.stderr
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        side.unlink(missing_ok=True)
    path.write_bytes(path.read_bytes()[:5000])  # a header that promises pages that are gone


def folder(path: Path) -> None:
    path.mkdir()


FAULTS: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "garbage": (garbage, ("not a valid SQLite database",)),
    "text file": (text_file, ("not a valid SQLite database",)),
    "truncated": (truncated, ("not a valid SQLite database",)),
    "a folder": (folder, ("is a folder",)),
}


@pytest.mark.parametrize("fault", [*FAULTS, "missing folder"])
@pytest.mark.parametrize("command", ["run", "teams status"])
def test_a_broken_database_file_is_named_and_exits_2(
    tmp_path: Path, fault: str, command: str
) -> None:
    if fault == "missing folder":
        database, words = tmp_path / "no" / "such" / "bot.sqlite3", ("does not exist",)
    else:
        database, (make, words) = tmp_path / "bot.sqlite3", FAULTS[fault]
        make(database)
    assert_refused(commune_bot(tmp_path, database, *COMMANDS[command]), *words)
    assert not (tmp_path / "no").exists()  # nothing was created on the way


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_a_corrupt_database(tmp_path: Path, command: str) -> None:
    corrupt = tmp_path / "bot.sqlite3"
    garbage(corrupt)
    assert_refused(commune_bot(tmp_path, corrupt, *COMMANDS[command]), "not a valid SQLite")
    assert corrupt.stat().st_size == 8192  # refused, not "repaired" over


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp_path is private to its owner)."""
    made = Path(tempfile.mkdtemp(prefix="commune-bot-ro-"))
    made.chmod(0o755)
    yield made
    for path in (made, *made.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(made)


def read_only(folder: Path) -> tuple[tuple[str, ...], dict]:
    """Make `folder` read-only for the bot: file modes, or a read-only bind mount for root."""
    if os.geteuid() != 0:
        for path in folder.iterdir():
            path.chmod(0o444)
        folder.chmod(0o555)
        return (), {}
    # Root ignores file modes (CI runs as root); a read-only mount binds root too.
    script = f'mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && exec "$@"'
    for unshare in (["unshare", "-m"], ["unshare", "-rm"]):
        if shutil.which("unshare") and _works([*unshare, "sh", "-c", script, "sh", "true"]):
            return (*unshare, "sh", "-c", script, "sh"), {}
    pytest.skip("running as root without a mount namespace: no way to make a file read-only")


def _works(argv: list[str]) -> bool:
    return subprocess.run(argv, capture_output=True).returncode == 0


@pytest.mark.parametrize("command", ["run", "teams status", "grant"])
def test_a_read_only_database_is_named_and_exits_2(shared_folder: Path, command: str) -> None:
    database = shared_folder / "bot.sqlite3"
    created = commune_bot(shared_folder, database, "teams", "status")
    assert created.returncode == 0, created.stderr
    prefix, _ = read_only(shared_folder)
    result = commune_bot(shared_folder, database, *COMMANDS[command], prefix=prefix, write=False)
    assert_refused(result, "read-only", "permission denied")


def tmpfs_prefix(mountpoint: Path, fill: bool, size: str = "320k") -> tuple[str, ...]:
    """Run the command in its own mount namespace on a small tmpfs, filled up first."""
    filler = f"dd if=/dev/zero of={mountpoint}/filler bs=4k 2>/dev/null; " if fill else ""
    script = f'mount -t tmpfs -o size={size} tmpfs {mountpoint} && {filler}exec "$@"'
    for unshare in (["unshare", "-m"], ["unshare", "-rm"]):
        if shutil.which("unshare") is None:
            break
        ok = subprocess.run(
            [*unshare, "sh", "-c", f"mount -t tmpfs -o size=320k tmpfs {mountpoint}"],
            capture_output=True,
        )
        if ok.returncode == 0:
            return (*unshare, "sh", "-c", script, "sh")
    pytest.skip("no mount namespace here for a small tmpfs")


@pytest.mark.parametrize("command", ["run", "teams status", "grant"])
def test_a_full_disk_is_named_and_exits_2(tmp_path: Path, command: str) -> None:
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    prefix = tmpfs_prefix(mountpoint, fill=True)
    result = commune_bot(tmp_path, mountpoint / "bot.sqlite3", *COMMANDS[command], prefix=prefix)
    assert_refused(result, "full")


def test_teams_import_on_a_disk_that_fills_up_reports_every_row(tmp_path: Path) -> None:
    # The database opens with 64 KiB to spare; a 166-commune sheet needs far more. Rows of
    # the communes saved before the disk filled are reported ok, each as it is saved; every
    # later row says it was not saved; then one sentence and exit 2 (it was a traceback).
    import csv

    from bot import default_data_dir

    table = (default_data_dir() / "communes.csv").read_text(encoding="utf-8")
    codes = [r["code"] for r in csv.DictReader(table.splitlines())]

    def letters(n: int) -> str:  # names take no digits
        return chr(65 + n % 26) + chr(97 + n // 26)

    seats = ["it_officer", "software_guide", "software_guide", "youth_member", "youth_member"]
    sheet = ["commune,role,name,phone,position,operator"]
    for n, code in enumerate(codes):
        sheet += [
            f"{code},{role},Người {letters(n)} {'ABCDE'[i]},0912{n:03d}{i:03d},,"
            for i, role in enumerate(seats)
        ]
        sheet.append(f"{code},telecom_technician,Kỹ Thuật {letters(n)},0913{n:03d}001,,VNPT")
    (tmp_path / "all.csv").write_text("\n".join(sheet) + "\n", encoding="utf-8")
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    prefix = tmpfs_prefix(mountpoint, fill=False, size="2m")
    database = mountpoint / "bot.sqlite3"
    script = (
        f'"$@" teams status >/dev/null && dd if=/dev/zero of={mountpoint}/filler bs=4k '
        f'2>/dev/null; truncate -s -64k {mountpoint}/filler && exec "$@" teams import all.csv'
    )
    # The prefix ends in `sh -c SCRIPT sh`: swap in a script that prepares the disk first.
    prefix = (*prefix[:-2], prefix[-2].replace('exec "$@"', script), "sh")
    env = bot_env(tmp_path)
    env["BOT_DATABASE"] = str(database)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "database error" in result.stderr and "full" in result.stderr
    reported = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["row"] for r in reported) == list(range(2, len(sheet) + 1))
    saved = [r for r in reported if r["ok"]]
    lost = [r for r in reported if not r["ok"]]
    assert saved and lost and all("not saved" in r["error"] for r in lost)
    assert reported[: len(saved)] == saved  # saved rows came out first, as they were saved
