"""One `commune-bot run` per database, with two real processes."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from tests.conftest import TOKEN
from tests.fake_telegram import FakeTelegram
from tests.process import free_port, start_bot


async def _start(fake: FakeTelegram, tmp_path: Path) -> asyncio.subprocess.Process:
    mark = len(fake.calls)
    proc = await start_bot(
        tmp_path,
        telegram_token=TOKEN,
        telegram_api_url=fake.root,
        listen=f"127.0.0.1:{free_port()}",
    )
    await fake.wait_for("deleteWebhook", timeout=20, after=mark)
    return proc


async def test_a_second_run_on_the_same_database_exits_2_naming_the_holder(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    first = await _start(fake, tmp_path)
    try:
        second = await start_bot(
            tmp_path,
            telegram_token=TOKEN,
            telegram_api_url=fake.root,
            listen=f"127.0.0.1:{free_port()}",
        )
        code = await asyncio.wait_for(second.wait(), 20)
        stderr = (await second.stderr.read()).decode()
        assert code == 2, stderr
        assert f"pid {first.pid}" in stderr and "bot.sqlite3" in stderr
        assert "Traceback" not in stderr
        assert first.returncode is None  # the holder runs on, undisturbed
    finally:
        first.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(first.wait(), 20) == 0
    # Stopped cleanly, or killed outright: the next run starts either way.
    after_stop = await _start(fake, tmp_path)
    after_stop.kill()
    await after_stop.wait()
    after_kill = await _start(fake, tmp_path)
    after_kill.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(after_kill.wait(), 20) == 0
