"""kill -9 at random points while staff replies are relayed and follow-up timers fire.

The bot runs as a real subprocess (`python -m bot run`) against the fake Bot API. Before the
first start, the database holds requests created ten days ago (so each one's follow-up and
escalation are due) whose cards the staff group already has. Meanwhile staff replies to
those cards keep arriving in the fake API's update queue at a steady pace, whoever is
running. The bot is killed with SIGKILL at random moments (uniform over start-up and work, so
kills land in imports, polling, a transaction, a send), restarted, and finally left to finish.

Figures, per kill and in total:
* staff replies lost (pushed but never relayed to the asker) — the promise is 0;
* relayed messages sent twice, against the in-flight window (outbox rows being sent when the
  process died: at-least-once, documented in the README);
* follow-ups per request and escalation lines per request — the promise is exactly 1 each.

Run: ``python bench/requests_kill_bench.py [--kills N] [--requests N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.directory import TOPIC_KEYS as TOPICS  # noqa: E402
from bot.runner import open_services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.conftest import COORDINATOR, TOKEN  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402
from tests.process import free_port, start_bot  # noqa: E402
from tests.requests_harness import STAFF  # noqa: E402

ASKER0, STAFFER, CARD = 5101, 7777, 900
FOLLOW_UP_MARK = "đã được hỗ trợ chưa"
ESCALATION_MARK = "chưa giải quyết sau một ngày làm việc:"


def relayed_to(fake: FakeTelegram) -> Counter:
    """(asker chat, staff reply tag) → times delivered (status 200)."""
    out: Counter = Counter()
    for call in fake.calls:
        if call.method != "sendMessage" or call.status != 200:
            continue
        for tag in re.findall(r"\[R\d+\]", call.text or ""):
            out[(str(call.chat_id), tag)] += 1
    return out


def timer_counts(fake: FakeTelegram) -> tuple[Counter, Counter]:
    follow_ups: Counter = Counter()
    escalations: Counter = Counter()
    for call in fake.calls:
        if call.method != "sendMessage" or call.status != 200:
            continue
        text = call.text or ""
        if FOLLOW_UP_MARK in text:
            follow_ups[str(call.chat_id)] += 1
        if str(call.chat_id) == str(COORDINATOR) and ESCALATION_MARK in text:
            for ident in re.findall(r"#(\d+)", text):
                escalations[ident] += 1
    return follow_ups, escalations


def in_flight(database: Path) -> int:
    with sqlite3.connect(database) as db:
        (n,) = db.execute("SELECT COUNT(*) FROM outbox WHERE status = 'sending'").fetchone()
    return int(n)


def settled(database: Path, replies: int) -> bool:
    with sqlite3.connect(database) as db:
        (left,) = db.execute(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
        ).fetchone()
        (staff,) = db.execute(
            "SELECT COUNT(*) FROM request_messages WHERE side = 'staff'"
        ).fetchone()
    return left == 0 and staff >= replies


async def seed_requests(database: Path, count: int) -> None:
    """`count` ten-day-old requests, asker 5101 + n, card message 900 + n in the staff group
    (as if the cards had been delivered before the first start)."""
    services = await open_services(Settings(_env_file=None, database=database))
    created = datetime.now(UTC) - timedelta(days=10)
    try:
        for n in range(count):
            fields = {
                "topic": TOPICS[n % len(TOPICS)],
                "commune": "14797",
                "asker": f"telegram:{ASKER0 + n}",
                "asker_name": f"Người hỏi {n}",
                "channel": "telegram",
                "chat_id": str(ASKER0 + n),
                "question": "Không ký số được",
                "created_at": created.isoformat(),
            }
            await services.store.requests.create(fields, lambda _id: [])
    finally:
        await services.store.close()
    with sqlite3.connect(database) as db:
        db.executemany(
            "INSERT INTO request_links VALUES ('telegram', ?, ?, ?, 'staff')",
            [(str(STAFF), str(CARD + n), n + 1) for n in range(count)],
        )


async def push_replies(fake: FakeTelegram, count: int, requests: int, pace: float) -> None:
    rng = random.Random(11)
    for k in range(count):
        n = rng.randrange(requests)
        card = {"message_id": CARD + n, "chat": fake.chat(STAFF), "date": 0, "text": f"#{n + 1}"}
        card["from"] = fake._bot_user()
        text = f"[R{k}] Hướng dẫn: kiểm tra lại chứng thư số"
        await fake.push(
            {"message": fake.message(STAFF, text, user_id=STAFFER, reply_to_message=card)}
        )
        await asyncio.sleep(pace)


async def run(kills: int, requests: int, replies: int) -> None:
    pace = 0.35  # replies keep arriving through the whole kill phase (about a minute)
    fake = FakeTelegram(TOKEN)
    await fake.start()
    fake.add_group(STAFF)
    rng = random.Random(7)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        database = tmp_path / "bot.sqlite3"
        await seed_requests(database, requests)
        env = {
            "telegram_token": TOKEN,
            "telegram_api_url": fake.root,
            "staff_chat": str(STAFF),
            "coordinators": f"telegram:{COORDINATOR}",
        }
        producer = asyncio.create_task(push_replies(fake, replies, requests, pace))
        windows: list[int] = []
        for _ in range(kills):
            proc = await start_bot(tmp_path, listen=f"127.0.0.1:{free_port()}", **env)
            await asyncio.sleep(rng.uniform(0.3, 6.0))
            windows.append(in_flight(database))  # rows being sent at the moment of the kill
            proc.kill()
            await proc.wait()
        await producer
        proc = await start_bot(tmp_path, listen=f"127.0.0.1:{free_port()}", **env)
        for _ in range(2400):
            if settled(database, replies):
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.5)  # anything sent twice would arrive now
        proc.send_signal(signal.SIGTERM)
        await proc.wait()
    await fake.stop()

    got = relayed_to(fake)
    tags = {tag for _, tag in got}
    lost = replies - len(tags)
    twice = sum(n - 1 for n in got.values())
    follow_ups, escalations = timer_counts(fake)
    askers = {str(ASKER0 + n) for n in range(requests)}
    fired = [follow_ups[a] for a in askers]
    escalated = [escalations[str(n + 1)] for n in range(requests)]
    print(
        f"kill -9 during relays and timers: {kills} kills at random points "
        f"({time.perf_counter() - started:.0f} s), {requests} requests, {replies} staff replies"
    )
    print(f"  staff replies lost: {lost} of {replies}")
    print(
        f"  relayed messages sent twice: {twice}; in-flight window at the kills "
        f"{sum(windows)} rows ({windows}); ratio {twice}/{max(1, sum(windows))}"
    )
    print(
        f"  follow-ups per request: min {min(fired)}, max {max(fired)}; "
        f"escalations per request: min {min(escalated)}, max {max(escalated)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--requests", type=int, default=16)
    parser.add_argument("--replies", type=int, default=150)
    args = parser.parse_args()
    asyncio.run(run(args.kills, args.requests, args.replies))


if __name__ == "__main__":
    main()
