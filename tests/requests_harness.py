"""The bot as `commune-bot run` wires it (channels, outbox, schedulers), startable twice on
one database so tests can restart it between any two steps of a support request."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot import default_data_dir
from bot.deps import Deps
from bot.engine import Engine
from bot.outbox import Outbox
from bot.runner import open_services, start_requests
from bot.settings import Settings
from tests.conftest import COORDINATOR, TOKEN, ZTOKEN
from tests.fake_telegram import Call, FakeTelegram
from tests.fake_zalo import FakeZalo

STAFF = -1001500000001


class MovingClock:
    """Real time plus an offset: time passes (the outbox spaces messages per chat) and a
    test can jump ahead to when a follow-up is due."""

    def __init__(self, start: datetime) -> None:
        self.offset = start - datetime.now(UTC)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def jump(self, delta: timedelta) -> None:
        self.offset += delta


def request_settings(tmp_path: Path, fake: FakeTelegram, zfake: FakeZalo | None) -> Settings:
    return Settings(
        _env_file=None,
        telegram_token=TOKEN,
        telegram_api_url=fake.root,
        zalo_token=ZTOKEN if zfake else None,
        zalo_api_url=zfake.root if zfake else "https://bot-api.zaloplatforms.com",
        database=tmp_path / "bot.sqlite3",
        coordinators=f"telegram:{COORDINATOR}",
        staff_chat=str(STAFF),
        data_dir=default_data_dir(),
    )


class RunningBot:
    """start() / stop(): the real channels against the fakes, the outbox, the timers."""

    def __init__(self, settings: Settings, clock: MovingClock) -> None:
        self.settings, self.clock = settings, clock
        self.services: Deps | None = None
        self.channels: list[Any] = []
        self.outbox: Outbox | None = None

    async def start(self) -> RunningBot:
        from bot.channels.telegram import TelegramChannel
        from bot.channels.zalo import ZaloChannel

        self.services = await open_services(self.settings, self.clock)
        engine = Engine(self.services)
        self.channels = [TelegramChannel(self.services, engine)]
        if self.settings.zalo_token is not None:
            zalo = ZaloChannel(self.services, engine)
            zalo.poll_timeout = 1
            self.channels.append(zalo)
        for channel in self.channels:
            await channel.start()
        self.outbox = Outbox(self.services, {c.name: c.sender for c in self.channels})
        engine.on_queued = self.outbox.wake
        self.outbox.start()
        await start_requests(self.services, engine, self.channels, self.outbox)
        self.engine = engine
        return self

    async def stop(self) -> None:
        if self.outbox:
            await self.outbox.stop()
        for channel in reversed(self.channels):
            await channel.stop()
        if self.services:
            await self.services.store.close()

    async def tick(self) -> None:
        """Run the request timers now (as the armed job would) and let the outbox deliver."""
        from bot.requests.timers import RequestTimers

        assert self.services and self.outbox
        desk = self.engine.requests
        await RequestTimers(
            self.services, desk.policy, desk.calendar, lambda d, c: None, self.outbox.wake
        ).tick()

    async def settle(self, seconds: float = 0.3) -> None:
        """Wait until the outbox has nothing pending."""
        assert self.services
        for _ in range(200):
            row = await self.services.store.fetchone(
                "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
            )
            if row and row[0] == 0:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(seconds)


def last_to(fake: FakeTelegram, chat: int | str, containing: str = "") -> Call:
    """The latest successful message to a chat (containing a text)."""
    found = [c for c in fake.sent(chat) if containing in c.text]
    assert found, (
        f"nothing to {chat} containing {containing!r}: {[c.text for c in fake.sent(chat)]}"
    )
    return found[-1]
