"""The Telegram application before the bot behind it: built from four settings, polling early.

`commune-bot run` calls `begin()` (getMe, then the first getUpdates) before the store, the
router and the engine exist, and imports only what that needs (python-telegram-bot, httpx
and a few leaves of ours). Updates fetched meanwhile wait at the door of the update queue
(`UpdateBacklog.open`): nothing is confirmed to Telegram, so nothing is handled early and a
start-up that fails loses nothing. `TelegramChannel` adds the handlers and opens the door.
"""

from __future__ import annotations

import logging
from datetime import tzinfo

import httpx
from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, Defaults

from bot.channels.concurrency import PerChatProcessor, UpdateBacklog
from bot.channels.health import ChannelHealth
from bot.channels.telegram.context import CONTEXT_TYPES
from bot.channels.telegram.lean import LeanBot
from bot.channels.telegram.limiter import GateLimiter
from bot.channels.telegram.wire import PollingRequest, QuietRequest
from bot.ratelimit import RateGate

log = logging.getLogger(__name__)

POLL_TIMEOUT = 10  # seconds of a long poll


class EarlyTelegram:
    """The PTB Application with our requests, limiter and update queue; no handlers yet."""

    def __init__(self, token: str, api_url: str, tz: tzinfo) -> None:
        self.gate = RateGate()
        self.health = ChannelHealth("telegram")
        self.backlog = UpdateBacklog()
        # One TLS context (the CA bundle read once) for both clients: each load costs ~0.1 s.
        tls = {"verify": httpx.create_ssl_context()}
        bot = LeanBot(
            token,
            base_url=f"{api_url}/bot",
            base_file_url=f"{api_url}/file/bot",
            request=QuietRequest(connection_pool_size=256, httpx_kwargs=tls),
            get_updates_request=PollingRequest(self.health, httpx_kwargs=tls),
            defaults=Defaults(parse_mode=ParseMode.HTML, tzinfo=tz),
            rate_limiter=GateLimiter(self.gate),
            health=self.health,
        )
        self.app: Application = (
            ApplicationBuilder()
            .bot(bot)
            .context_types(CONTEXT_TYPES)
            .concurrent_updates(PerChatProcessor())
            .update_queue(self.backlog)
            .build()
        )
        self.polling = False

    async def begin(self) -> None:
        """getMe, then polling (the door stays shut until `open`); once only."""
        if self.polling:
            return
        await self.app.initialize()
        await self.app.updater.start_polling(  # type: ignore[union-attr]
            timeout=POLL_TIMEOUT,
            bootstrap_retries=3,
            allowed_updates=Update.ALL_TYPES,
            error_callback=_poll_failed,
        )
        self.polling = True

    def open(self) -> None:
        """The handlers are in place: fetched updates go to them from now on."""
        self.backlog.open()

    async def abandon(self) -> None:
        """Stop without handling or confirming anything (start-up failed, or is redone)."""
        updater = self.app.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
        self.polling = False


def _poll_failed(exc: TelegramError) -> None:
    """A failed getUpdates, retried with backoff by PTB: one line, not a traceback a minute
    (a proxy's 502 page comes round every retry while Telegram is down)."""
    log.warning("getUpdates failed, retrying: %s", exc)
