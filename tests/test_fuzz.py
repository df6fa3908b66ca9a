"""Fuzz through the real stack: 2,000 hostile Telegram updates, 1,000 hostile Zalo updates.

Seeded and bounded for CI (`bench/fuzz_bench.py` runs bigger ones): no traceback, no Bot API
4xx, every update that deserves an answer answered, nothing answered that must stay silent.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr

from bot.channels.zalo import ZaloChannel
from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import ZTOKEN
from tests.fake_telegram import BOT_USERNAME, OUTGOING, FakeTelegram
from tests.fake_zalo import BOT_ID, BOT_NAME, FakeZalo
from tests.hostile import TelegramHostile, ZaloHostile

TELEGRAM_UPDATES = 2000
ZALO_UPDATES = 1000


def unleash(gate: Any) -> None:
    """The fakes have no flood limit: let replies through as fast as they are made."""
    gate.rate, gate.capacity, gate.tokens = 100_000.0, 100_000.0, 100_000.0


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()[:200]
        for r in caplog.records
        if r.exc_info or r.exc_text or r.levelno >= logging.ERROR
    ]


async def settle(count: Any, timeout: float) -> None:
    """Until the number of answers stops growing for a second."""
    deadline, last, still = time.monotonic() + timeout, -1, 0
    while time.monotonic() < deadline and still < 10:
        now = count()
        still = still + 1 if now == last else 0
        last = now
        await asyncio.sleep(0.1)


async def test_telegram_fuzz(
    fake: FakeTelegram, telegram: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    unleash(telegram.gate)
    hostile = TelegramHostile(seed=20251213, bot_username=BOT_USERNAME)
    expected: set[str] = set()
    for update, chat in itertools.islice(hostile, TELEGRAM_UPDATES):
        await fake.push(update)
        if chat is not None:
            expected.add(str(chat))

    def answered() -> set[str]:
        return {c.chat_id for c in fake.calls if c.method in OUTGOING and c.status == 200}

    await settle(lambda: len(answered()), timeout=240)
    bad = [c for c in fake.calls if c.status >= 400]
    assert fake.errors == [] and bad == []  # no Bot API 4xx (nor 5xx) caused by the bot
    assert tracebacks(caplog) == []
    assert expected - answered() == set()  # every update that deserves an answer got one
    assert hostile.silent & answered() == set()  # not addressed, another bot's: silence


@pytest.fixture
async def zalo(zfake: FakeZalo, services: Deps) -> AsyncIterator[ZaloChannel]:
    services.settings.zalo_token = SecretStr(ZTOKEN)
    services.settings.zalo_api_url = zfake.root
    services.settings.zalo_monthly_limit = 0  # the fuzz sends more than a free month
    channel = ZaloChannel(services, Engine(services))
    channel.poll_timeout = 1
    unleash(channel.gate)
    await channel.start()
    yield channel
    await channel.stop()


async def test_zalo_fuzz(
    zfake: FakeZalo, zalo: ZaloChannel, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    hostile = ZaloHostile(seed=20251213, bot_id=BOT_ID, bot_name=BOT_NAME)
    expected: dict[str, int] = {}
    for update, chat in itertools.islice(hostile, ZALO_UPDATES):
        await zfake.push(update)
        if chat is not None:
            expected[chat] = expected.get(chat, 0) + 1
    await settle(lambda: len(zfake.sent), timeout=240)
    answered = {m["chat_id"] for m in zfake.sent}
    assert zfake.errors == []  # no Zalo Bot API error caused by the bot
    assert tracebacks(caplog) == []
    assert set(expected) - answered == set()
    assert hostile.silent & answered == set()  # echoes and other bots: silence
    assert zalo.health.report()["ok"] is True
