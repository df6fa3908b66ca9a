"""Telegram through python-telegram-bot 22: application factory, rendering and sending."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram._utils.types import JSONDict
from telegram.constants import ParseMode
from telegram.error import RetryAfter
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter, ContextTypes, Defaults

from bot import texts
from bot.access import Roles
from bot.channels.concurrency import PerChatProcessor, UpdateBacklog
from bot.channels.health import ChannelHealth
from bot.channels.telegram_wire import PollingRequest, QuietRequest, classify, readable
from bot.channels.web import secret_matches
from bot.delivery import Outcome, failure
from bot.engine import Engine
from bot.flows.help import commands_for
from bot.messages import ContactCard, Reply
from bot.ratelimit import RateGate
from bot.services import Services

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
CAPTION_LIMIT = 1024  # Bot API: captions of photos and documents


@dataclass
class TelegramData:
    """Typed bot_data: what handlers reach through `context.bot_data`."""

    engine: Engine | None = None
    services: Services | None = None
    handled: int = 0
    extras: dict[str, object] = field(default_factory=dict)


Context = ContextTypes.DEFAULT_TYPE
CONTEXT_TYPES = ContextTypes(bot_data=TelegramData)


def build_application(
    services: Services,
    engine: Engine,
    gate: RateGate | None = None,
    health: ChannelHealth | None = None,
) -> Application:
    """The production Application; tests build it through this same factory."""
    settings = services.settings
    assert settings.telegram_token is not None
    api = settings.telegram_api_url
    app = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .rate_limiter(GateLimiter(gate or RateGate()))
        .request(QuietRequest(connection_pool_size=256))
        .get_updates_request(PollingRequest(health or ChannelHealth("telegram")))
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(PerChatProcessor())
        .update_queue(UpdateBacklog())
        .build()
    )
    app.bot_data.engine = engine
    app.bot_data.services = services
    from bot.handlers import register

    register(app)
    app.add_error_handler(_log_error)
    return app


async def _log_error(update: object, context: Context) -> None:
    log.error("telegram error: %s", context.error, exc_info=context.error)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    """Choices as inline buttons, `columns` per row (or the share-my-phone button)."""
    if reply.ask_phone and not reply.choices:
        button = KeyboardButton(reply.ask_phone, request_contact=True)
        return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    if not reply.choices:
        return None
    buttons = [InlineKeyboardButton(c.label, callback_data=c.value) for c in reply.choices]
    cols = max(1, reply.columns)
    return InlineKeyboardMarkup([buttons[n : n + cols] for n in range(0, len(buttons), cols)])


Piece = Callable[[], Coroutine[Any, Any, object]]


def pieces(bot: Bot, chat_id: int | str, reply: Reply, bulk: bool = False) -> list[Piece]:
    """One reply as its Bot API calls, in order: text (split at 4096), contact card, file.

    A file goes out with the text as its caption when it fits: one message, not two.
    """
    limit = {"rate_limit_args": {"bulk": True}} if bulk else {}
    out: list[Piece] = []
    if reply.attachment and _fits_caption(reply):
        out.append(lambda: _send_file(bot, chat_id, reply, **limit))
        if reply.contact:
            out.append(lambda c=reply.contact: _send_card(bot, chat_id, c, **limit))
        return out
    parts = texts.split_rich(reply.text) if reply.text else []
    for n, part in enumerate(parts):
        markup = keyboard(reply) if n == len(parts) - 1 else None
        html = texts.render_html(part)
        out.append(lambda h=html, m=markup: bot.send_message(chat_id, h, reply_markup=m, **limit))
    if reply.contact:
        out.append(lambda c=reply.contact: _send_card(bot, chat_id, c, **limit))
    if reply.attachment:
        bare = replace(reply, text=(), choices=())
        out.append(lambda: _send_file(bot, chat_id, bare, **limit))
    return out


async def send_reply(bot: Bot, chat_id: int | str, reply: Reply, bulk: bool = False) -> None:
    """Render and send one reply: text (split at 4096), buttons, contact card, file."""
    for piece in pieces(bot, chat_id, reply, bulk):
        await piece()


def _fits_caption(reply: Reply) -> bool:
    # Telegram counts caption length in UTF-16 code units of the text after entity parsing.
    return len(texts.render_plain(reply.text).encode("utf-16-le")) // 2 <= CAPTION_LIMIT


async def _send_file(bot: Bot, chat_id: int | str, reply: Reply, **limit: Any) -> None:
    assert reply.attachment is not None
    attachment = reply.attachment
    file = InputFile(attachment.content, filename=attachment.filename)
    caption = texts.render_html(reply.text) if reply.text else None
    if caption is None and attachment.caption:
        caption = texts.render_html((texts.t(attachment.caption),))
    markup = keyboard(reply)
    send = bot.send_photo if attachment.photo else bot.send_document
    await send(chat_id, file, caption=caption, reply_markup=markup, **limit)


async def _send_card(bot: Bot, chat_id: int | str, card: ContactCard, **limit: Any) -> None:
    await bot.send_contact(
        chat_id,
        phone_number=card.phone,
        first_name=card.first_name,
        last_name=card.last_name,
        **limit,
    )


class GateLimiter(BaseRateLimiter[dict]):
    """PTB rate limiter on the shared RateGate: bulk sends keep headroom for replies."""

    def __init__(self, gate: RateGate) -> None:
        self.gate = gate

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict | None,
    ) -> bool | JSONDict | list[JSONDict]:
        bulk = bool(rate_limit_args and rate_limit_args.get("bulk"))
        if data.get("chat_id") is not None:  # getUpdates, answerCallbackQuery: not metered
            await self.gate.acquire(bulk)
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            # No retry here (bot.delivery decides: the outbox resends it); bulk waits meanwhile.
            self.gate.pause_bulk(_seconds(exc.retry_after))
            raise


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    """The outbox's port to Telegram: one reply to one chat, errors mapped to outcomes."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, reply: Reply, bulk: bool = True, skip: int = 0) -> Outcome:
        """Each Bot API call of the reply in turn; a failure is classified (bot.delivery) and
        says how many parts did arrive. A timeout may have arrived: retried all the same."""
        sent = 0
        try:
            for piece in pieces(self.bot, chat_id, reply, bulk)[skip:]:
                await piece()
                sent += 1
        except Exception as exc:
            wait = _seconds(exc.retry_after) if isinstance(exc, RetryAfter) else 0.0
            return failure("telegram", classify(exc), str(exc), wait, sent)
        return Outcome("sent", parts_sent=sent)


def webhook_secret(token: str) -> str:
    """A stable secret for X-Telegram-Bot-Api-Secret-Token, derived from the bot token."""
    return hmac.new(token.encode(), b"commune-bot-webhook", hashlib.sha256).hexdigest()[:48]


class TelegramChannel:
    """Starts and stops the PTB application in polling or webhook mode."""

    name = "telegram"

    def __init__(self, services: Services, engine: Engine, web: object | None = None) -> None:
        self.services = services
        self.gate = RateGate()
        self.health = ChannelHealth("telegram")
        self.app = build_application(services, engine, self.gate, self.health)
        self.sender = TelegramSender(self.app.bot)
        self.web = web
        self.polling = False

    async def start(self) -> None:
        """initialize (getMe), register commands, then poll or set the webhook."""
        await self.app.initialize()
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
        # Everyone's default menu; each person's role menu is set per chat (bot.handlers.menus).
        await self.app.bot.set_my_commands([BotCommand(c, d) for c, d in commands_for(Roles())])
        log.info("telegram channel started as @%s", self.app.bot.username)

    def timer(self) -> Callable[[float, Callable[[], Coroutine[Any, Any, None]]], None]:
        """Arm one named JobQueue job (replacing the previous): the nudge scheduler's timer."""
        queue = self.app.job_queue
        assert queue is not None

        def arm(delay: float, callback: Callable[[], Coroutine[Any, Any, None]]) -> None:
            for job in queue.get_jobs_by_name("nudges"):
                job.schedule_removal()

            async def run(context: Context) -> None:
                await callback()

            # misfire_grace_time=None: a tick that fires late (busy loop, suspend) still runs.
            queue.run_once(run, delay, name="nudges", job_kwargs={"misfire_grace_time": None})

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
