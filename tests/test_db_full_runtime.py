"""The disk fills up while the bot runs: answers go on, and whoever loses a write is told.

A real `commune-bot run` on a 2 MiB tmpfs of its own (a mount namespace); the test fills that
disk through /proc/<pid>/root while the bot is serving, then talks to it over the fake Bot API.
"""

from __future__ import annotations

import asyncio
import errno
import signal
import sys
from pathlib import Path

from bot import texts
from tests.conftest import COORDINATOR, TOKEN
from tests.fake_telegram import FakeTelegram
from tests.process import bot_env, free_port
from tests.test_db_faults import tmpfs_prefix

NOT_SAVED = texts.NOT_SAVED.split(",")[0]


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    # Unbuffered: a buffered file keeps the part of the last chunk that did not fit and
    # fails again on close, depending on how much room the bot's own files left.
    with open(filler, "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


async def reply_to(fake: FakeTelegram, chat: int, text: str) -> str:
    mark = len(fake.calls)
    await fake.send_text(chat, text)
    await fake.wait_for("sendMessage", chat_id=chat, after=mark, timeout=20)
    await asyncio.sleep(0.1)
    return "\n".join(c.text for c in fake.sent(chat, after=mark))


async def test_a_disk_that_fills_while_running(fake: FakeTelegram, tmp_path: Path) -> None:
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    prefix = tmpfs_prefix(mountpoint, fill=False, size="2m")
    env = bot_env(
        tmp_path,
        telegram_token=TOKEN,
        telegram_api_url=fake.root,
        listen=f"127.0.0.1:{free_port()}",
        coordinators=f"telegram:{COORDINATOR}",
    )
    env["BOT_DATABASE"] = str(mountpoint / "bot.sqlite3")
    proc = await asyncio.create_subprocess_exec(
        *prefix,
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        # Running, not only polling (the first getUpdates comes before the database is
        # opened): one question answered first, then the disk fills.
        assert "Xin chào" in await reply_to(fake, 6100, "/start")
        disk = Path(f"/proc/{proc.pid}/root") / str(mountpoint).lstrip("/")
        filler = fill(disk)
        answers = [await reply_to(fake, COORDINATOR, "/register") for _ in range(6)]
        assert any(NOT_SAVED in a for a in answers), answers  # told, once the disk is full
        assert "Xin chào" in await reply_to(fake, 6101, "/start")  # a newcomer: no record
        assert "Danh bạ" in await reply_to(fake, 6101, "/contacts")
        assert "📞" in await reply_to(fake, 6101, "máy tính không vào được mạng internet")
        filler.unlink()  # space again: the same step now goes through
        assert NOT_SAVED not in await reply_to(fake, COORDINATOR, "/register")
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 30)
    stderr = (await proc.stderr.read()).decode()
    assert code == 0, stderr
    assert "Traceback" not in stderr, stderr[
        stderr.find("Traceback") - 600 : stderr.find("Traceback") + 2500
    ]
