"""Telegram pipeline cost, start-up time and memory.

* cost of one update through the full pipeline (routing, SQLite, the answer: one Bot API
  message, the contact card on request) against a bare PTB echo bot, both polling the same
  fake Bot API in this process;
* a real `python -m bot run` subprocess: time to its first getUpdates, RSS after start.

Run: ``python bench/telegram_bench.py``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.channels.telegram import TelegramChannel  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.runner import open_services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402
from tests.process import start_bot  # noqa: E402

TOKEN = "123456:BENCH"
N = 100
QUESTIONS = [
    "máy in kẹt giấy",
    "không ký số được, token không nhận",
    "mất mạng cả trụ sở",
    "hồ sơ dịch vụ công không về một cửa",
    "báo cáo định kỳ bị trả lại",
]


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(update.effective_message.text)  # type: ignore[union-attr]


async def _drive(fake: FakeTelegram, first_chat: int) -> float:
    """Median ms from pushing an update to the bot's reply (one message), one at a time.

    Paced under Telegram's 30 msg/s so that the rate limiter (a deliberate cap, measured in
    the broadcast bench) does not hide the handling cost.
    """
    samples = []
    for n in range(N):
        mark = len(fake.calls)
        start = time.perf_counter()
        await fake.send_text(first_chat + n, QUESTIONS[n % len(QUESTIONS)])
        await fake.wait_for(count=1, after=mark, timeout=30)
        samples.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(0.08)
    samples.sort()
    return samples[len(samples) // 2]


async def echo_cost(fake: FakeTelegram) -> float:
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{fake.root}/bot")
        .base_file_url(f"{fake.root}/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, _echo))
    async with app:
        await app.updater.start_polling(timeout=10)  # type: ignore[union-attr]
        await app.start()
        cost = await _drive(fake, 10_000)
        await app.updater.stop()  # type: ignore[union-attr]
        await app.stop()
    return cost


async def pipeline_cost(fake: FakeTelegram, folder: Path) -> float:
    settings = Settings(
        _env_file=None,
        telegram_token=TOKEN,
        telegram_api_url=fake.root,
        database=folder / "bench.sqlite3",
    )
    services = await open_services(settings)
    channel = TelegramChannel(services, Engine(services))
    await channel.start()
    cost = await _drive(fake, 20_000)
    await channel.stop()
    await services.store.close()
    return cost


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def startup(fake: FakeTelegram, folder: Path) -> tuple[float, float]:
    mark = len(fake.calls)
    start = time.perf_counter()
    proc = await start_bot(
        folder, telegram_token=TOKEN, telegram_api_url=fake.root, listen="127.0.0.1:0"
    )
    polls_before = fake._poll_generation
    while fake._poll_generation == polls_before:
        await asyncio.sleep(0.005)
    first_poll = time.perf_counter() - start
    await fake.wait_for("setMyCommands", after=mark)
    await asyncio.sleep(1.0)
    rss = rss_mb(proc.pid)
    proc.terminate()
    await proc.wait()
    return first_poll, rss


async def main() -> None:
    fake = FakeTelegram(TOKEN)
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        echo = await echo_cost(fake)
        full = await pipeline_cost(fake, Path(tmp))
        print(f"bare PTB echo bot:   p50 {echo:.2f} ms per update (1 sendMessage)")
        print(f"full pipeline:       p50 {full:.2f} ms per update (route, SQLite, 1 sendMessage)")
        print(f"ratio full / echo:   {full / echo:.2f}x per update")
        first_poll, rss = await startup(fake, Path(tmp))
        print(f"time to first getUpdates: {first_poll:.2f} s (process start included)")
        print(f"RSS after start:          {rss:.1f} MB")
    await fake.stop()


if __name__ == "__main__":
    asyncio.run(main())
