"""A bot process killed mid-broadcast resumes on restart without re-sending to anyone."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from collections import Counter
from pathlib import Path

from bot.access import Access, Roles
from bot.chat import Recipient
from bot.dialogues.broadcast import BroadcastFlow
from bot.runner import open_services
from bot.settings import Settings
from tests.conftest import TOKEN
from tests.fake_telegram import FakeTelegram
from tests.process import free_port, start_bot

CHATS = [str(5001 + n) for n in range(20)]
TEXT = "Thông báo kiểm tra khôi phục"


async def queue_broadcast(database: Path) -> None:
    services = await open_services(Settings(_env_file=None, database=database))
    try:
        for chat in CHATS:
            await services.store.questions.seen(
                "telegram", chat, chat, f"Người {chat}", services.clock()
            )
        sender = Recipient("cli", "", "", "Sở KH&CN")
        await BroadcastFlow(services, Access(services)).queue(
            Roles(coordinator=True), sender, "all", TEXT
        )
    finally:
        await services.store.close()


async def wait_recorded(database: Path, sent: int) -> None:
    for _ in range(400):
        with sqlite3.connect(database) as db:
            (done,) = db.execute("SELECT COUNT(*) FROM outbox WHERE status = 'sent'").fetchone()
        if done >= sent:
            return
        await asyncio.sleep(0.025)
    raise AssertionError(f"only {done} of {sent} deliveries recorded")


def delivered(fake: FakeTelegram) -> Counter:
    return Counter(
        c.chat_id
        for c in fake.calls
        if c.method == "sendMessage" and c.status == 200 and TEXT in c.text
    )


async def test_kill_then_resume_delivers_each_once(fake: FakeTelegram, tmp_path: Path) -> None:
    await queue_broadcast(tmp_path / "bot.sqlite3")
    fake.hang_chats.add(CHATS[6])  # this send reaches the server and is never answered
    settings = {"telegram_token": TOKEN, "telegram_api_url": fake.root}
    first = await start_bot(tmp_path, listen=f"127.0.0.1:{free_port()}", **settings)
    await asyncio.wait_for(fake.hung.wait(), 30)
    # Kill once every other delivery is recorded, while one send is still in flight. (A kill in
    # the milliseconds between Telegram accepting a message and the commit would resend that
    # one message: Telegram has no idempotency key, and resending beats losing it.)
    await wait_recorded(tmp_path / "bot.sqlite3", len(CHATS) - 1)
    first.kill()  # SIGKILL: no clean shutdown at all
    await first.wait()
    assert sum(delivered(fake).values()) == len(CHATS) - 1

    second = await start_bot(tmp_path, listen=f"127.0.0.1:{free_port()}", **settings)
    try:
        for _ in range(300):
            if len(delivered(fake)) == len(CHATS):
                break
            await asyncio.sleep(0.05)
    finally:
        second.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(second.wait(), 20) == 0
    counts = delivered(fake)
    assert set(counts) == set(CHATS)
    assert set(counts.values()) == {1}, counts  # nobody got it twice
