"""The Telegram application: factory (handlers in their order, on the `EarlyTelegram` that
may be polling already), lifecycle (polling or webhook), the webhook route and the
scheduler's timer."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from telegram.ext import Application

from bot.channels.telegram.context import Context
from bot.channels.telegram.early import EarlyTelegram
from bot.channels.telegram.handlers import register
from bot.channels.telegram.handlers.menus import menus_of_chats, set_default_menu, sync_all_menus
from bot.channels.telegram.lean import parse_update
from bot.channels.telegram.sender import TelegramSender
from bot.channels.telegram.wire import readable
from bot.channels.web import secret_matches
from bot.deps import Deps
from bot.engine import Engine

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"


def build_application(
    services: Deps, engine: Engine, early: EarlyTelegram | None = None
) -> Application:
    """The production Application (the early one when polling already began), with the
    engine and every handler; tests build it through this same factory."""
    settings = services.settings
    assert settings.telegram_token is not None
    if early is None:
        token = settings.telegram_token.get_secret_value()
        early = EarlyTelegram(token, settings.telegram_api_url, settings.tz)
    app = early.app
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

    def __init__(
        self,
        services: Deps,
        engine: Engine,
        web: object | None = None,
        early: EarlyTelegram | None = None,
    ) -> None:
        self.services = services
        settings = services.settings
        if early is None:
            token = settings.telegram_token.get_secret_value()  # type: ignore[union-attr]
            early = EarlyTelegram(token, settings.telegram_api_url, settings.tz)
        self.early = early
        self.gate, self.health = early.gate, early.health
        self.app = build_application(services, engine, early)
        self.sender = TelegramSender(self.app.bot, self._thread_gone)
        self.web = web
        self.menu_sync_seconds = 120.0

    async def _thread_gone(self, chat_id: str, thread: int) -> None:
        """A staff forum topic was deleted: forget it and make the missing topics again."""
        from bot.channels.staff_group import prepare_staff_group

        await self.services.store.staff.forget_thread(chat_id, thread)
        await prepare_staff_group(self.services, self.app.bot)

    @property
    def polling(self) -> bool:
        return self.early.polling

    async def start(self) -> None:
        """initialize (getMe), poll or set the webhook, then let updates in; the menus after.

        Polling may have begun already (`EarlyTelegram.begin`, by `commune-bot run`)."""
        settings = self.services.settings
        webhook = bool(settings.webhook_url and self.web is not None)
        if not self.early.polling:
            await self.app.initialize()
        # The chats given a menu of their own (kept in SQLite): before the first update.
        self.app.bot_data.menus.update(await menus_of_chats(self.services.store))
        self.services.bot_names["telegram"] = self.app.bot.username or "bot"
        if webhook:
            token = settings.telegram_token.get_secret_value()  # type: ignore[union-attr]
            self.health.mode = "webhook"
            self.web.add_post(WEBHOOK_PATH, self._webhook, self._authorized)  # type: ignore[union-attr]
            await self.app.bot.set_webhook(
                f"{settings.webhook_url}{WEBHOOK_PATH}", secret_token=webhook_secret(token)
            )
        self.early.open()
        if not webhook:
            await self.early.begin()
        await self.app.start()
        # After polling has begun: the menu of commands need not delay the first answer.
        # Everyone's default menu (set again only when it changed); each person's role menu
        # is set per chat (handlers.menus).
        await set_default_menu(self.app.bot, self.services.store)
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
        if self.early.polling and self.app.updater and self.app.updater.running:
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
        item = readable(body, self.health)
        update = parse_update(item, self.app.bot, self.health) if item and len(item) > 1 else None
        if update is not None:
            await self.app.update_queue.put(update)
        return 200
