"""Poison input never stops a channel: unreadable updates are logged once, counted, skipped."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from bot.channels.health import STUCK_AFTER, ChannelHealth
from bot.channels.web import WebServer
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_client import ZaloClient
from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import ZTOKEN, Chat
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo
from tests.process import free_port

# Shapes PTB's Update.de_json raises on: objects where strings belong and the reverse.
POISON = [
    {"message": {"message_id": 1, "date": 0, "chat": "not an object"}},
    {"message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "from": 7}},
    {"callback_query": {"id": "1", "from": [], "chat_instance": "x"}},
    {"edited_message": []},
]


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


async def test_telegram_skips_an_update_it_cannot_read(
    fake: FakeTelegram, telegram: Any, caplog: pytest.LogCaptureFixture
) -> None:
    for body in POISON:
        await fake.push(body)
    polls = fake_polls(fake)
    chat = Chat(fake, 6100)
    await chat.send("/help")  # after the poison: answered, in order
    assert "Cách dùng" in chat.last_text
    await asyncio.sleep(1.0)
    assert telegram.health.skipped == len(POISON)
    skipped = [r for r in caplog.records if "cannot be read" in r.getMessage()]
    assert len(skipped) == len(POISON)  # once each, and briefly: no update content
    assert all("not an object" not in r.getMessage() for r in skipped)
    assert fake_polls(fake) - polls <= 5  # confirmed past it: no tight getUpdates loop
    assert fake.updates == [] or all("poison" not in str(u) for u in fake.updates)
    assert not tracebacks(caplog)


def fake_polls(fake: FakeTelegram) -> int:
    return fake._poll_generation


async def test_telegram_health_reports_the_last_poll(fake: FakeTelegram, telegram: Any) -> None:
    await Chat(fake, 6101).send("/help")
    report = telegram.report()
    assert report["ok"] is True and report["mode"] == "polling"
    assert report["last_ok_seconds_ago"] is not None and report["last_ok_seconds_ago"] < 15


def test_a_poller_that_stopped_polling_is_stuck() -> None:
    health = ChannelHealth("telegram")
    health.ok_now()
    assert not health.stuck()
    assert health.stuck(now=(health.last_ok or 0) + STUCK_AFTER + 1)
    webhook = ChannelHealth("zalo", mode="webhook")
    assert not webhook.stuck(now=webhook.started + 10 * STUCK_AFTER)  # idle is not stuck
    webhook.running = False
    assert webhook.stuck()


@pytest.fixture
async def zalo_web(zfake: FakeZalo, services: Deps) -> AsyncIterator[tuple[Any, int]]:
    """The Zalo channel polling the fake, with /healthz served."""
    services.settings.zalo_token = SecretStr(ZTOKEN)
    services.settings.zalo_api_url = zfake.root
    port = free_port()
    web = WebServer("127.0.0.1", port)
    channel = ZaloChannel(services, Engine(services), web)
    channel.poll_timeout = 1
    await channel.start()
    web.health = {"zalo": channel.report}
    await web.start()
    yield channel, port
    await channel.stop()
    await web.stop()


ZALO_POISON: list[Any] = [
    {"event_name": "message.text.received", "message": "not an object"},
    {"event_name": "message.text.received", "message": {"chat": [], "from": 5, "text": 7}},
    {"event_name": "message.text.received", "message": {"from": {"id": {"x": 1}}}},
    {"event_name": ["x"], "message": {"from": {"id": "p4"}, "chat": {"id": None}}},
    {"event_name": "message.text.received", "message": {"from": {"id": "p5"}, "text": "²"}},
]


async def test_zalo_survives_malformed_updates(
    zfake: FakeZalo, zalo_web: tuple[Any, int], caplog: pytest.LogCaptureFixture
) -> None:
    _, port = zalo_web
    for body in ZALO_POISON:
        await zfake.push(body)
    await zfake.text("z-after", "máy in kẹt giấy")
    (answer,) = await zfake.wait_sent("z-after")
    assert "0915 351 008" in answer
    await zfake.wait_sent("p5")  # "²" is text, not a numbered choice: an answer, no crash
    async with httpx.AsyncClient() as http:
        health = await http.get(f"http://127.0.0.1:{port}/healthz")
    assert health.status_code == 200 and health.json()["health"]["zalo"]["ok"] is True
    assert not tracebacks(caplog)


class FailingOnce(ZaloClient):
    """A Zalo client whose first getUpdates breaks in a way nobody planned for."""

    failed = False

    async def get_update(self, timeout: int = 30) -> dict[str, Any] | None:
        if not self.failed:
            self.failed = True
            raise RuntimeError("unexpected")
        return await super().get_update(timeout)


async def test_the_zalo_poller_is_restarted(zfake: FakeZalo, services: Deps) -> None:
    services.settings.zalo_token = SecretStr(ZTOKEN)
    services.settings.zalo_api_url = zfake.root
    channel = ZaloChannel(services, Engine(services))
    channel.client = FailingOnce(ZTOKEN, zfake.root)
    channel.sender.client = channel.client
    channel.poll_timeout, channel.restart_pause = 1, 0.1
    await channel.start()
    try:
        await zfake.text("z-restart", "mất mạng cả xã")
        (answer,) = await zfake.wait_sent("z-restart")
        assert "0947 363 368" in answer and channel.health.restarts == 1
    finally:
        await channel.stop()


async def test_healthz_fails_when_the_zalo_poller_is_gone(zalo_web: tuple[Any, int]) -> None:
    channel, port = zalo_web
    channel._poller.cancel()
    await asyncio.sleep(0.05)
    async with httpx.AsyncClient() as http:
        health = await http.get(f"http://127.0.0.1:{port}/healthz")
    assert health.status_code == 503 and health.json()["health"]["zalo"]["ok"] is False
