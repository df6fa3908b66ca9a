"""kill -9 in the middle of relays and timers: after a restart nothing relayed is lost or sent
twice (outside the one in-flight message, resent by design), every timer fires once."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.runner import open_services
from bot.settings import Settings
from tests.conftest import COORDINATOR, TOKEN
from tests.fake_telegram import FakeTelegram
from tests.process import free_port, start_bot
from tests.requests_harness import STAFF

ASKER, STAFFER, CARD = 5101, 7777, 900
REPLIES = [f"Hướng dẫn bước {n}: kiểm tra lại cấu hình" for n in range(1, 6)]


async def seed(database: Path) -> None:
    """A request made ten days ago whose card the staff group already has (message 900)."""
    services = await open_services(Settings(_env_file=None, database=database))
    created = datetime.now(UTC) - timedelta(days=10)
    fields = {
        "topic": "digital_signature",
        "commune": "14797",
        "asker": f"telegram:{ASKER}",
        "asker_name": "Lan",
        "channel": "telegram",
        "chat_id": str(ASKER),
        "question": "Không ký số được",
        "created_at": created.isoformat(),
    }
    try:
        request = await services.store.requests.create(fields, lambda _id: [])
    finally:
        await services.store.close()
    with sqlite3.connect(database) as db:  # as if the card had been delivered as message 900
        db.execute(
            "INSERT INTO request_links VALUES (?, ?, ?, ?, 'staff')",
            ("telegram", str(STAFF), str(CARD), request),
        )


def count(database: Path, sql: str) -> int:
    with sqlite3.connect(database) as db:
        return int(db.execute(sql).fetchone()[0])


async def until(check, timeout: float = 30.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


def delivered(fake: FakeTelegram) -> list:
    return [c for c in fake.calls if c.method == "sendMessage" and c.status == 200]


def texts_to(fake: FakeTelegram, chat: int) -> Counter:
    return Counter(c.text for c in fake.sent(chat))


async def test_kill_during_relays_and_timers(fake: FakeTelegram, tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    await seed(database)
    fake.add_group(STAFF)
    fake.hang_chats.add(str(ASKER))  # the first message to the asker never gets an answer
    env = {
        "telegram_token": TOKEN,
        "telegram_api_url": fake.root,
        "staff_chat": str(STAFF),
        "coordinators": f"telegram:{COORDINATOR}",
    }
    first = await start_bot(tmp_path, listen=f"127.0.0.1:{free_port()}", **env)
    try:
        # The follow-up reaches the fake, which never answers; PTB gives up after its read
        # timeout and the outbox retries it: the asker must still see it once.
        await asyncio.wait_for(fake.hung.wait(), 30)
        await fake.wait_for("sendMessage", COORDINATOR, timeout=30)  # the escalation
        card = {"message_id": CARD, "chat": fake.chat(STAFF), "date": 0, "text": "#1"}
        card["from"] = fake._bot_user()
        for text in REPLIES:
            msg = fake.message(STAFF, text, user_id=STAFFER, reply_to_message=card)
            await fake.push({"message": msg})
        await until(
            lambda: (
                count(database, "SELECT COUNT(*) FROM request_messages WHERE side='staff'")
                == len(REPLIES)
            )
        )
    finally:
        first.kill()  # SIGKILL: no clean shutdown
        await first.wait()

    second = await start_bot(tmp_path, listen=f"127.0.0.1:{free_port()}", **env)
    try:
        await until(lambda: len(fake.sent(ASKER)) >= len(REPLIES) + 1, 60)
        await asyncio.sleep(1.5)  # anything sent twice would arrive now
    finally:
        second.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(second.wait(), 20) == 0
    to_asker = texts_to(fake, ASKER)
    follow_ups = [t for t in to_asker if "đã được hỗ trợ chưa" in t]
    assert len(follow_ups) == 1 and to_asker[follow_ups[0]] == 1
    for text in REPLIES:
        relayed = [t for t in to_asker if text in t]
        assert len(relayed) == 1 and to_asker[relayed[0]] == 1, to_asker
    escalations = [t for t in texts_to(fake, COORDINATOR).elements() if "#1" in t]
    assert len(escalations) == 1
