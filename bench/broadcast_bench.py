"""A broadcast to 1,000 reachable chats through a fake Bot API that enforces Telegram's limits
(~30 msg/s per bot, ~1 msg/s per chat, 20/min per group), with questions asked meanwhile.

Prints: time against the 33.3 s floor (target <= 1.1x), duplicates (0), 429s, and the reply
time of questions asked mid-broadcast (target p95 < 0.5 s). Run: python bench/broadcast_bench.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.access import Access, Roles  # noqa: E402
from bot.channels.telegram import TelegramChannel  # noqa: E402
from bot.chat import Recipient  # noqa: E402
from bot.dialogues.broadcast import BroadcastFlow  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.outbox import Outbox  # noqa: E402
from bot.runner import open_services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402

TOKEN = "123456:BROADCAST"
N = 1000
TEXT = "Thông báo: hoàn thành danh sách tổ hỗ trợ kỹ thuật trước 17h thứ Sáu."
FLOOR = N / 30
ASK_EVERY = 1.5  # seconds between questions: about 40 a minute, a busy day


async def ask_questions(fake: FakeTelegram, stop: asyncio.Event, samples: list[float]) -> None:
    chat = 900_000
    while not stop.is_set():
        chat += 1
        mark = len(fake.calls)
        start = time.perf_counter()
        await fake.send_text(chat, "máy in bị kẹt giấy, không in được")
        await fake.wait_for("sendMessage", chat_id=chat, after=mark, timeout=30)
        samples.append(time.perf_counter() - start)
        await asyncio.sleep(ASK_EVERY)


async def main() -> None:
    fake = FakeTelegram(TOKEN)
    fake.enforce_limits = True
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,
            telegram_token=TOKEN,
            telegram_api_url=fake.root,
            database=Path(tmp) / "bench.sqlite3",
        )
        services = await open_services(settings)
        for n in range(N):
            await services.store.questions.seen(
                "telegram", str(10_000 + n), str(10_000 + n), f"U{n}", services.clock()
            )
        channel = TelegramChannel(services, Engine(services))
        await channel.start()
        outbox = Outbox(services, {"telegram": channel.sender})
        outbox.on_pause["telegram"] = channel.gate.pause_bulk
        flow = BroadcastFlow(services, Access(services))
        sender = Recipient("cli", "", "", "Sở KH&CN")
        start = time.perf_counter()
        broadcast, count = await flow.queue(Roles(coordinator=True), sender, "all", TEXT)
        outbox.start()
        stop, samples = asyncio.Event(), []
        asker = asyncio.create_task(ask_questions(fake, stop, samples))
        while (await services.store.broadcasts.counts(broadcast))["pending"]:
            await asyncio.sleep(0.1)
        elapsed = time.perf_counter() - start
        stop.set()
        await asker
        await outbox.stop()
        await channel.stop()
        counts = await services.store.broadcasts.counts(broadcast)
        await services.store.close()
    await fake.stop()
    got = Counter(
        c.chat_id
        for c in fake.calls
        if c.method == "sendMessage" and c.status == 200 and TEXT in c.text
    )
    duplicates = sum(n - 1 for n in got.values() if n > 1)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1] if samples else float("nan")
    print(
        f"broadcast to {count} chats: {elapsed:.1f} s, floor {FLOOR:.1f} s, "
        f"ratio {elapsed / FLOOR:.2f}x (target <= 1.1x)"
    )
    print(
        f"delivered {counts['delivered']}, unique chats {len(got)}, duplicates {duplicates}, "
        f"429 answers {fake.rejected_429}"
    )
    print(
        f"questions mid-broadcast: n={len(samples)}, p50 {statistics.median(samples):.3f} s, "
        f"p95 {p95:.3f} s, max {samples[-1]:.3f} s (target p95 < 0.5 s)"
    )


if __name__ == "__main__":
    asyncio.run(main())
