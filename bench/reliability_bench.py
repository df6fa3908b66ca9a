"""Reliability figures: fuzz, network faults during a broadcast, Zalo under a queue, kill -9.

Prints, each against a reference measured in the same run:
- fuzz: hostile Telegram and Zalo updates through the real stack (tracebacks, Bot API 4xx,
  unanswered, RSS before/after);
- faults: a 300-recipient broadcast through each network fault (lost, duplicated, time
  against the same broadcast with no fault);
- Zalo: reply delay p50/p95/max for 400 updates queued at once (against the 5/s gate floor);
- kill -9 at random points mid-broadcast: duplicates per kill (against the in-flight window).
Run: python bench/reliability_bench.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import random
import resource
import signal
import sqlite3
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
from bot.channels.zalo import ZaloChannel  # noqa: E402
from bot.chat import Recipient  # noqa: E402
from bot.dialogues.broadcast import BroadcastFlow  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.outbox import IN_FLIGHT, Outbox  # noqa: E402
from bot.runner import open_services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.fake_telegram import BOT_USERNAME, FAULTS, OUTGOING, FakeTelegram  # noqa: E402
from tests.fake_zalo import BOT_ID, BOT_NAME, FakeZalo  # noqa: E402
from tests.hostile import TelegramHostile, ZaloHostile  # noqa: E402
from tests.process import free_port, start_bot  # noqa: E402

TOKEN = "123456:RELIABILITY"
ZTOKEN = "12345689:zalo-reliability"
TEXT = "Thông báo kiểm tra độ tin cậy"


class Problems(logging.Handler):
    """Counts log records that carry a traceback or are errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.tracebacks = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.levelno >= logging.ERROR:
            self.tracebacks += 1


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def unleash(gate) -> None:
    gate.rate, gate.capacity, gate.tokens = 100_000.0, 100_000.0, 100_000.0


async def settle(count, timeout: float) -> None:
    deadline, last, still = time.monotonic() + timeout, -1, 0
    while time.monotonic() < deadline and still < 20:
        now = count()
        still = still + 1 if now == last else 0
        last = now
        await asyncio.sleep(0.1)


def settings(tmp: str, **extra) -> Settings:
    return Settings(_env_file=None, database=Path(tmp) / "bench.sqlite3", **extra)


async def fuzz_telegram(n: int) -> None:
    fake = FakeTelegram(TOKEN)
    await fake.start()
    problems = Problems()
    logging.getLogger().addHandler(problems)
    with tempfile.TemporaryDirectory() as tmp:
        services = await open_services(
            settings(tmp, telegram_token=TOKEN, telegram_api_url=fake.root)
        )
        channel = TelegramChannel(services, Engine(services))
        unleash(channel.gate)
        await channel.start()
        before = rss_mb()
        expected = set()
        started = time.perf_counter()
        for update, chat in itertools.islice(TelegramHostile(1, BOT_USERNAME), n):
            await fake.push(update)
            if chat is not None:
                expected.add(str(chat))

        def answered() -> set[str]:
            return {c.chat_id for c in fake.calls if c.method in OUTGOING and c.status == 200}

        await settle(lambda: len(answered()), 900)
        elapsed = time.perf_counter() - started
        after = rss_mb()
        await channel.stop()
        await services.store.close()
    await fake.stop()
    logging.getLogger().removeHandler(problems)
    bad = sum(1 for c in fake.calls if 400 <= c.status < 500) + len(fake.errors)
    print(
        f"telegram fuzz: {n} updates in {elapsed:.1f} s, tracebacks {problems.tracebacks}, "
        f"Bot API 4xx {bad}, unanswered {len(expected - answered())} of {len(expected)}, "
        f"RSS {before:.0f} → {after:.0f} MB ({after / before:.2f}x)"
    )


async def fuzz_zalo(n: int) -> None:
    zfake = FakeZalo(ZTOKEN)
    await zfake.start()
    problems = Problems()
    logging.getLogger().addHandler(problems)
    with tempfile.TemporaryDirectory() as tmp:
        services = await open_services(
            settings(tmp, zalo_token=ZTOKEN, zalo_api_url=zfake.root, zalo_monthly_limit=0)
        )
        channel = ZaloChannel(services, Engine(services))
        channel.poll_timeout = 1
        unleash(channel.gate)
        await channel.start()
        before = rss_mb()
        expected = set()
        started = time.perf_counter()
        hostile = ZaloHostile(1, BOT_ID, BOT_NAME)
        for update, chat in itertools.islice(hostile, n):
            await zfake.push(update)
            if chat is not None:
                expected.add(chat)
        await settle(lambda: len(zfake.sent), 900)
        elapsed = time.perf_counter() - started
        after = rss_mb()
        await channel.stop()
        await services.store.close()
    await zfake.stop()
    logging.getLogger().removeHandler(problems)
    answered = {m["chat_id"] for m in zfake.sent}
    print(
        f"zalo fuzz: {n} updates in {elapsed:.1f} s, tracebacks {problems.tracebacks}, "
        f"Bot API errors {len(zfake.errors)}, unanswered {len(expected - answered)} of "
        f"{len(expected)}, answered when it must stay silent {len(answered & hostile.silent)}, "
        f"RSS {before:.0f} → {after:.0f} MB ({after / before:.2f}x)"
    )


async def broadcast_through(kind: str | None, recipients: int) -> tuple[float, int, int]:
    """(seconds, lost, duplicated) for one broadcast while `kind` lasts 3 s."""
    fake = FakeTelegram(TOKEN)
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        services = await open_services(
            settings(tmp, telegram_token=TOKEN, telegram_api_url=fake.root)
        )
        chats = [str(20_000 + n) for n in range(recipients)]
        for chat in chats:
            await services.store.questions.seen("telegram", chat, chat, "U", services.clock())
        channel = TelegramChannel(services, Engine(services))
        await channel.start()
        outbox = Outbox(services, {"telegram": channel.sender})
        outbox.on_pause["telegram"] = channel.gate.pause_bulk
        flow = BroadcastFlow(services, Access(services))
        started = time.perf_counter()
        broadcast, _ = await flow.queue(
            Roles(coordinator=True), Recipient("cli", "", ""), "all", TEXT
        )
        if kind:
            fake.break_for(kind, 3.0, {"sendMessage", "getUpdates"})
        outbox.start()
        deadline = time.monotonic() + 300
        while (await services.store.broadcasts.counts(broadcast))["pending"]:
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        elapsed = time.perf_counter() - started
        await outbox.stop()
        await channel.stop()
        await services.store.close()
    await fake.stop()
    got = Counter(c.chat_id for c in fake.calls if c.method == "sendMessage" and c.status == 200)
    lost = sum(1 for c in chats if got[c] == 0)
    duplicated = sum(got[c] - 1 for c in chats if got[c] > 1)
    return elapsed, lost, duplicated


async def faults(recipients: int) -> None:
    reference, lost, dup = await broadcast_through(None, recipients)
    print(f"faults: {recipients}-recipient broadcast, no fault: {reference:.1f} s, "
          f"lost {lost}, duplicated {dup}")  # fmt: skip
    for kind in FAULTS:
        elapsed, lost, dup = await broadcast_through(kind, recipients)
        print(
            f"  {kind:9s} for 3 s: {elapsed:.1f} s ({elapsed / reference:.2f}x the fault-free "
            f"run), lost {lost}, duplicated {dup}"
        )


async def zalo_queue(n: int) -> None:
    zfake = FakeZalo(ZTOKEN)
    await zfake.start()
    with tempfile.TemporaryDirectory() as tmp:
        services = await open_services(
            settings(tmp, zalo_token=ZTOKEN, zalo_api_url=zfake.root, zalo_monthly_limit=0)
        )
        channel = ZaloChannel(services, Engine(services))
        users = [f"q{k:04d}" for k in range(n)]
        for user in users:  # queued while the bot was not polling
            zfake.updates.append(zfake.update("message.text.received", user, text="máy in"))
        started = time.perf_counter()
        await channel.start()
        first: dict[str, float] = {}
        while len(first) < n and time.perf_counter() - started < 900:
            for m in zfake.sent:
                first.setdefault(m["chat_id"], time.perf_counter() - started)
            await asyncio.sleep(0.05)
        await channel.stop()
        await services.store.close()
    await zfake.stop()
    delays = sorted(first.values())
    floor = n / channel.gate.rate
    p95 = delays[int(len(delays) * 0.95) - 1]
    print(
        f"zalo: {n} queued updates, {len(delays)} answered; reply delay p50 "
        f"{statistics.median(delays):.1f} s, p95 {p95:.1f} s, max {delays[-1]:.1f} s; the "
        f"{channel.gate.rate:.0f}/s reply gate's floor for the last one {floor:.1f} s "
        f"(max {delays[-1] / floor:.2f}x)"
    )


async def kill_mid_broadcast(kills: int, recipients: int) -> None:
    fake = FakeTelegram(TOKEN)
    await fake.start()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "bot.sqlite3"
        services = await open_services(Settings(_env_file=None, database=database))
        chats = [str(30_000 + n) for n in range(recipients)]
        for chat in chats:
            await services.store.questions.seen("telegram", chat, chat, "U", services.clock())
        await BroadcastFlow(services, Access(services)).queue(
            Roles(coordinator=True), Recipient("cli", "", ""), "all", TEXT
        )
        await services.store.close()
        env = {"telegram_token": TOKEN, "telegram_api_url": fake.root}
        per_kill = []
        for _ in range(kills):
            before = delivered_count(fake)
            proc = await start_bot(Path(tmp), listen=f"127.0.0.1:{free_port()}", **env)
            target = before + rng.randint(5, recipients // (kills + 1))
            while delivered_count(fake) < target:
                await asyncio.sleep(0.005)
            proc.kill()
            await proc.wait()
            sent_now = Counter(c.chat_id for c in fake.calls if c.method == "sendMessage")
            per_kill.append(sum(n - 1 for n in sent_now.values()) - sum(per_kill))
        proc = await start_bot(Path(tmp), listen=f"127.0.0.1:{free_port()}", **env)
        for _ in range(2400):
            with sqlite3.connect(database) as db:
                (left,) = db.execute(
                    "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
                ).fetchone()
            if not left:
                break
            await asyncio.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        await proc.wait()
    await fake.stop()
    got = Counter(c.chat_id for c in fake.calls if c.method == "sendMessage" and c.status == 200)
    lost = sum(1 for c in chats if got[c] == 0)
    print(
        f"kill -9 mid-broadcast: {kills} kills at random points of a {recipients}-recipient "
        f"broadcast: lost {lost}, duplicates per kill {per_kill} (max {max(per_kill)}; "
        f"in-flight window {IN_FLIGHT})"
    )


def delivered_count(fake: FakeTelegram) -> int:
    return sum(1 for c in fake.calls if c.method == "sendMessage" and c.status == 200)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    quick = args.quick
    await fuzz_telegram(2000 if quick else 10_000)
    await fuzz_zalo(1000 if quick else 2000)
    await faults(100 if quick else 300)
    await zalo_queue(100 if quick else 400)
    await kill_mid_broadcast(3 if quick else 10, 300)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
