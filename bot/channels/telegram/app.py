"""The Telegram application: factory (handlers in their order), lifecycle (polling or
webhook), the webhook route and the scheduler's timer."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

import httpx
from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, Defaults

from bot.access import Roles
from bot.channels.concurrency import PerChatProcessor, UpdateBacklog
from bot.channels.health import ChannelHealth
from bot.channels.telegram.context import CONTEXT_TYPES, Context
from bot.channels.telegram.handlers import register
from bot.channels.telegram.handlers.menus import sync_all_menus
from bot.channels.telegram.limiter import GateLimiter
from bot.channels.telegram.sender import TelegramSender
from bot.channels.telegram.wire import PollingRequest, QuietRequest, readable
from bot.channels.web import secret_matches
from bot.commands.help import commands_for
from bot.deps import Deps
from bot.engine import Engine
from bot.ratelimit import RateGate

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"


def build_application(
    services: Deps,
    engine: Engine,
    gate: RateGate | None = None,
    health: ChannelHealth | None = None,
) -> Application:
    """The production Application; tests build it through this same factory."""
    settings = services.settings
    assert settings.telegram_token is not None
    api = settings.telegram_api_url
    # One TLS context (the CA bundle read once) for both clients: each load costs ~0.1 s.
    tls = {"verify": httpx.create_ssl_context()}
    app = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .rate_limiter(GateLimiter(gate or RateGate()))
        .request(QuietRequest(connection_pool_size=256, httpx_kwargs=tls))
        .get_updates_request(PollingRequest(health or ChannelHealth("telegram"), httpx_kwargs=tls))
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(PerChatProcessor())
        .update_queue(UpdateBacklog())
        .build()
    )
    app.bot_data.engine = engine
    app.bot_data.services = services
    register(app)
    app.add_error_handler(_log_error)
    return app


async def _log_error(update: object, context: Context) -> None:
    log.error("telegram error: %s", context.error, exc_info=context.error)


def webhook_secret(token: str) -> str:
    """A stable secret for X-Telegram-Bot-Api-Secret-Token, derived from the bot token."""
    return hmac.new(token.encode(), b"commune-bot-webhook", hashlib.sha256).hexdigest()[:48]


class TelegramChannel:
    """Starts and stops the PTB application in polling or webhook mode."""

    name = "telegram"

    def __init__(self, services: Deps, engine: Engine, web: object | None = None) -> None:
        self.services = services
        self.gate = RateGate()
        self.health = ChannelHealth("telegram")
        self.app = build_application(services, engine, self.gate, self.health)
        self.sender = TelegramSender(self.app.bot)
        self.web = web
        self.polling = False
        self.menu_sync_seconds = 120.0

    async def start(self) -> None:
        """initialize (getMe), register commands, then poll or set the webhook."""
        await self.app.initialize()
        # The chats given a menu of their own (kept in SQLite): before the first update.
        self.app.bot_data.menus.update(await self.services.store.access.chat_menus())
        self.services.bot_names["telegram"] = self.app.bot.username or "bot"
        settings = self.services.settings
        if settings.webhook_url and self.web is not None:
            token = settings.telegram_token.get_secret_value()  # type: ignore[union-attr]
            self.health.mode = "webhook"
            self.web.add_post(WEBHOOK_PATH, self._webhook, self._authorized)  # type: ignore[attr-defined]
            await self.app.bot.set_webhook(
                f"{settings.webhook_url}{WEBHOOK_PATH}", secret_token=webhook_secret(token)
            )
        else:
            await self.app.updater.start_polling(  # type: ignore[union-attr]
                timeout=10, bootstrap_retries=3, allowed_updates=Update.ALL_TYPES
            )
            self.polling = True
        await self.app.start()
        # After polling has begun: the menu of commands need not delay the first answer.
        # Everyone's default menu; each person's role menu is set per chat (handlers.menus).
        await self.app.bot.set_my_commands([BotCommand(c, d) for c, d in commands_for(Roles())])
        self._sync_menus_every(self.menu_sync_seconds)
        log.info("telegram channel started as @%s", self.app.bot.username)

    def _sync_menus_every(self, seconds: float) -> None:
        """Role menus follow grants made by the CLI: now, then every `seconds` (a JobQueue job)."""
        engine, queue, store = self.app.bot_data.engine, self.app.job_queue, self.services.store
        assert engine is not None and queue is not None

        async def run(context: Context) -> None:
            await sync_all_menus(self.app.bot, self.app.bot_data.menus, engine.access, store)

        queue.run_repeating(run, seconds, first=0.0, name="menus")

    def timer(
        self, name: str = "nudges"
    ) -> Callable[[float, Callable[[], Coroutine[Any, Any, None]]], None]:
        """Arm one named JobQueue job (replacing the previous of that name): a scheduler's
        timer (nudges, request follow-ups)."""
        queue = self.app.job_queue
        assert queue is not None

        def arm(delay: float, callback: Callable[[], Coroutine[Any, Any, None]]) -> None:
            for job in queue.get_jobs_by_name(name):
                job.schedule_removal()

            async def run(context: Context) -> None:
                await callback()

            # misfire_grace_time=None: a tick that fires late (busy loop, suspend) still runs.
            queue.run_once(run, delay, name=name, job_kwargs={"misfire_grace_time": None})

        return arm

    def report(self) -> dict[str, object]:
        """For /healthz: the last successful poll or webhook; not ok when polling stopped."""
        updater = self.app.updater
        self.health.running = self.health.mode == "webhook" or bool(updater and updater.running)
        return self.health.report()

    async def stop(self) -> None:
        """Stop polling, drain pending updates, shut the application down."""
        if self.polling and self.app.updater and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    def _authorized(self, headers: Mapping[str, str]) -> bool:
        """The secret header, checked before the body is read (any header case)."""
        token = self.services.settings.telegram_token.get_secret_value()  # type: ignore[union-attr]
        return secret_matches(
            headers.get("X-Telegram-Bot-Api-Secret-Token"), webhook_secret(token)
        )

    async def _webhook(self, headers: Mapping[str, str], body: object) -> int:
        """200 for anything authorised, readable or not: Telegram would redeliver an error."""
        self.health.ok_now()
        update = readable(body, self.health)
        if update is not None and len(update) > 1:
            await self.app.update_queue.put(Update.de_json(update, self.app.bot))
        return 200
