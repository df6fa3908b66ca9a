"""Support requests at load: 200 requests across the 8 topics, each answered by staff.

Everything runs in this process through the real PTB stack, engine, SQLite store and outbox
against the fake Bot API (staff supergroup with forum topics). Figures:

* relay latency, p50/p95: from the staff's reply reaching the fake API to the relayed
  message reaching the asker, as a ratio to a plain sendMessage round trip measured in the
  same run (the floor any relay pays once);
* opening a request (question → answer → "Tạo yêu cầu" → commune → the card in the topic);
* database statements per request (SQLite trace), for opening it and for one relay.

The outbox's one-second spacing per chat (Telegram's own limit, 20/min in groups) is switched
off here: it is a deliberate cap measured in the broadcast bench, and with it 200 cards in one
staff group would take 200 s and hide the cost being measured.

Run: ``python bench/requests_bench.py``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.outbox  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402
from tests.requests_harness import (  # noqa: E402
    STAFF,
    MovingClock,
    RunningBot,
    request_settings,
)
from tests.test_requests_e2e import MONDAY_9  # noqa: E402

TOKEN = "123456:TEST-token_abc"
N = 200
QUESTIONS = {  # one typical question per topic (routed by the real router)
    "general": "máy in kẹt giấy không in được",
    "digital_signature": "không ký số được, token không nhận",
    "document_management": "văn bản đến không hiện trên phần mềm quản lý văn bản",
    "video_conference": "hội nghị truyền hình chiều nay không vào được phòng",
    "public_service_center": "hồ sơ dịch vụ công không về bộ phận một cửa",
    "task_tracking": "phần mềm theo dõi nhiệm vụ không cập nhật tiến độ",
    "reporting": "hệ thống báo cáo tỉnh không gửi được báo cáo định kỳ",
    "network": "mất mạng cả trụ sở từ sáng",
}


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def reference(fake: FakeTelegram) -> list[float]:
    """A plain sendMessage round trip: a bare PTB Bot (no rate limiter) and the same fake."""
    from telegram import Bot

    plain = Bot(TOKEN, base_url=f"{fake.root}/bot")
    await plain.initialize()
    samples = []
    for n in range(N):
        start = time.perf_counter()
        await plain.send_message(30000 + n, "ping")
        samples.append((time.perf_counter() - start) * 1000)
    await plain.shutdown()
    return samples


async def answered(fake: FakeTelegram) -> list[float]:
    """A question answered by the bot: update in → answer out (the interactive pipeline)."""
    samples = []
    for n in range(N):
        mark = len(fake.calls)
        start = time.perf_counter()
        await fake.send_text(40000 + n, QUESTIONS["network"])
        await fake.wait_for("sendMessage", 40000 + n, after=mark, timeout=30)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def open_one(fake: FakeTelegram, chat: int, question: str) -> float:
    start = time.perf_counter()
    mark = len(fake.calls)
    await fake.send_text(chat, question)
    (answer,) = await fake.wait_for("sendMessage", chat, after=mark, timeout=30)
    create = next(data for label, data in answer.buttons if data.startswith("rq:new:"))
    mark = len(fake.calls)
    await fake.press(chat, create)
    await fake.wait_for("sendMessage", chat, after=mark, timeout=30)
    mark = len(fake.calls)
    await fake.send_text(chat, "hac thanh")
    await fake.wait_for("sendMessage", STAFF, after=mark, timeout=30)
    return (time.perf_counter() - start) * 1000


async def main() -> None:
    bot.outbox.PER_CHAT_GAP = timedelta(0)
    fake = FakeTelegram(TOKEN)
    await fake.start()
    fake.add_group(STAFF)
    statements = [0]
    with tempfile.TemporaryDirectory() as tmp:
        running = await RunningBot(
            request_settings(Path(tmp), fake, None), MovingClock(MONDAY_9)
        ).start()
        try:
            assert running.services
            await running.services.store.db.set_trace_callback(
                lambda _sql: statements.__setitem__(0, statements[0] + 1)
            )
            ref = await reference(fake)
            answers = await answered(fake)
            topics = list(QUESTIONS)
            opened, before = [], statements[0]
            for n in range(N):
                opened.append(await open_one(fake, 20000 + n, QUESTIONS[topics[n % 8]]))
            open_statements = (statements[0] - before) / N
            cards = [c for c in fake.sent(STAFF) if "Yêu cầu hỗ trợ #" in c.text]
            assert len(cards) == N, len(cards)
            per_topic = {t: 0 for t in fake.groups[str(STAFF)]["topics"]}
            for c in cards:
                per_topic[c.thread] += 1
            relays, before = [], statements[0]
            for n, card in enumerate(cards):
                mark = len(fake.calls)
                start = time.perf_counter()
                await fake.reply_to(card, f"Trả lời số {n}: làm theo hướng dẫn", user_id=7777)
                asker = int(card.text.split("#")[1].split()[0]) + 19999
                await fake.wait_for("sendMessage", asker, after=mark, timeout=30)
                relays.append((time.perf_counter() - start) * 1000)
            relay_statements = (statements[0] - before) / N
            await running.settle(0.2)
        finally:
            await running.stop()
    await fake.stop()
    report(
        ref,
        answers,
        relays,
        opened,
        per_topic,
        open_statements,
        relay_statements,
        len(fake.errors),
    )


def report(
    ref: list[float],
    answers: list[float],
    relays: list[float],
    opened: list[float],
    per_topic: dict,
    open_statements: float,
    relay_statements: float,
    errors: int,
) -> None:
    r50, r95 = pct(ref, 0.5), pct(ref, 0.95)
    l50, l95 = pct(relays, 0.5), pct(relays, 0.95)
    used = [v for v in per_topic.values() if v]
    print(f"requests: {N} across {len(used)} forum topics {sorted(used)}")
    print(f"plain sendMessage round trip: p50 {r50:.1f} ms, p95 {r95:.1f} ms (reference)")
    a50, a95 = pct(answers, 0.5), pct(answers, 0.95)
    print(
        f"a question answered (update → answer): p50 {a50:.1f} ms ({a50 / r50:.1f}×), "
        f"p95 {a95:.1f} ms ({a95 / r95:.1f}×)"
    )
    print(
        f"staff reply → asker relay: p50 {l50:.1f} ms ({l50 / r50:.1f}× the round trip, "
        f"{l50 / a50:.1f}× an answer), p95 {l95:.1f} ms ({l95 / r95:.1f}×)"
    )
    print(
        f"opening a request (3 user steps + the card): p50 {pct(opened, 0.5):.0f} ms "
        f"({pct(opened, 0.5) / r50:.0f}×), p95 {pct(opened, 0.95):.0f} ms"
    )
    print(
        f"database statements per request: opening {open_statements:.0f}, "
        f"per relay {relay_statements:.0f}"
    )
    print(f"Bot API errors: {errors}")


if __name__ == "__main__":
    asyncio.run(main())
