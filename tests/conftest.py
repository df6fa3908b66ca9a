"""Shared fixtures: settings on a temp database, the fake Bot API, the real PTB stack."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot import default_data_dir
from bot.deps import Deps
from bot.engine import Engine
from bot.runner import open_services
from bot.settings import Settings
from tests.fake_telegram import Call, FakeTelegram
from tests.fake_zalo import FakeZalo

TOKEN = "123456:TEST-token_abc"
ZTOKEN = "12345689:zalo-secret-token"
COORDINATOR = 900001


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        telegram_token=TOKEN,
        telegram_api_url="http://127.0.0.1:1",
        database=tmp_path / "bot.sqlite3",
        coordinators=f"telegram:{COORDINATOR},console:boss",
        data_dir=default_data_dir(),
    )


class Clock:
    """A settable clock: tests move time, nothing sleeps."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 3, 0, tzinfo=UTC))


@pytest.fixture
async def services(settings: Settings, clock: Clock) -> AsyncIterator[Deps]:
    """Built by the production factory (reference data, migrations, default campaign)."""
    built = await open_services(settings, clock)
    yield built
    await built.store.close()


@pytest.fixture
async def engine(services: Deps) -> Engine:
    return Engine(services)


class Chat:
    """A user talking to the bot through the fake server: `await chat.send("/start")`."""

    def __init__(self, fake: FakeTelegram, chat_id: int, user_id: int | None = None) -> None:
        self.fake, self.chat_id, self.user_id = fake, chat_id, user_id
        self.replies: list[Call] = []

    async def _exchange(self, push: Any, expect: int, timeout: float = 5.0) -> list[Call]:
        mark = len(self.fake.calls)
        await push
        await self.fake.wait_for(chat_id=self.chat_id, count=expect, after=mark, timeout=timeout)
        await asyncio.sleep(0.05)  # let any further part of the same answer arrive
        self.replies = self.fake.sent(self.chat_id, after=mark)
        return self.replies

    async def send(
        self, text: str, expect: int = 1, timeout: float = 5.0, **kw: Any
    ) -> list[Call]:
        kw.setdefault("user_id", self.user_id)
        push = self.fake.send_text(self.chat_id, text, **kw)
        return await self._exchange(push, expect, timeout)

    async def press_slow(self, data: str, expect: int = 1, timeout: float = 30.0) -> list[Call]:
        """A press whose answer takes long to make (a chart at national scale)."""
        return await self._exchange(
            self.fake.press(self.chat_id, data, self.user_id), expect, timeout
        )

    async def press(self, data: str, expect: int = 1) -> list[Call]:
        return await self._exchange(self.fake.press(self.chat_id, data, self.user_id), expect)

    async def sticker(self, expect: int = 1) -> list[Call]:
        return await self._exchange(self.fake.send_sticker(self.chat_id), expect)

    async def photo(self, expect: int = 1) -> list[Call]:
        return await self._exchange(self.fake.send_photo(self.chat_id), expect)

    async def edit(self, text: str, expect: int = 1) -> list[Call]:
        return await self._exchange(self.fake.edit_text(self.chat_id, text), expect)

    async def share_phone(self, phone: str, owner: int | None = None) -> list[Call]:
        return await self._exchange(self.fake.send_contact(self.chat_id, phone, owner), 1)

    async def document(self, name: str, content: bytes, expect: int = 1) -> list[Call]:
        return await self._exchange(self.fake.send_document(self.chat_id, name, content), expect)

    @property
    def last_text(self) -> str:
        texts = [c.text for c in self.replies if c.method == "sendMessage"]
        return texts[-1] if texts else ""

    @property
    def all_text(self) -> str:
        return "\n".join(c.text for c in self.replies if c.method == "sendMessage")


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram(TOKEN)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def telegram(fake: FakeTelegram, services: Deps) -> AsyncIterator[Any]:
    """The real Telegram channel, polling the fake server."""
    from bot.channels.telegram import TelegramChannel

    services.settings.telegram_api_url = fake.root
    channel = TelegramChannel(services, Engine(services))
    await channel.start()
    yield channel
    await channel.stop()
    assert fake.errors == [], f"the bot caused Bot API errors: {fake.errors}"


@pytest.fixture
async def running_outbox(services: Deps, telegram: Any) -> AsyncIterator[Any]:
    """The outbox worker running beside the Telegram channel, as `commune-bot run` has it."""
    from bot.outbox import Outbox

    outbox = Outbox(services, {"telegram": telegram.sender})
    outbox.on_pause["telegram"] = telegram.gate.pause_bulk
    telegram.app.bot_data.engine.on_queued = outbox.wake
    outbox.start()
    yield outbox
    await outbox.stop()


@pytest.fixture
async def zfake() -> AsyncIterator[FakeZalo]:
    server = FakeZalo(ZTOKEN)
    await server.start()
    yield server
    await server.stop()


@asynccontextmanager
async def zalo_only_bot(
    settings: Settings, zfake: FakeZalo, clock: Clock, *coordinators: str
) -> AsyncIterator[Deps]:
    """A Zalo-only bot on its own services (tests that restart it), with extra coordinators."""
    from pydantic import SecretStr

    from bot.channels.zalo import ZaloChannel

    settings.zalo_token = SecretStr(ZTOKEN)
    settings.zalo_api_url = zfake.root
    settings.telegram_token = None
    settings.coordinators = (*settings.coordinators, *coordinators)
    services = await open_services(settings, clock)
    channel = ZaloChannel(services, Engine(services))
    channel.poll_timeout = 1
    await channel.start()
    try:
        yield services
    finally:
        await channel.stop()
        await services.store.close()


@pytest.fixture
async def zalo(zfake: FakeZalo, services: Deps) -> AsyncIterator[Any]:
    """The real Zalo channel, polling the fake Zalo Bot API."""
    from pydantic import SecretStr

    from bot.channels.zalo import ZaloChannel

    services.settings.zalo_token = SecretStr(ZTOKEN)
    services.settings.zalo_api_url = zfake.root
    channel = ZaloChannel(services, Engine(services))
    channel.poll_timeout = 1
    await channel.start()
    yield channel
    await channel.stop()
