"""Telegram through python-telegram-bot 22: application factory, rendering and sending."""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass, field

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults

from bot import texts
from bot.engine import Engine
from bot.messages import Reply
from bot.services import Services

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"


@dataclass
class TelegramData:
    """Typed bot_data: what handlers reach through `context.bot_data`."""

    engine: Engine | None = None
    services: Services | None = None
    handled: int = 0
    extras: dict[str, object] = field(default_factory=dict)


Context = ContextTypes.DEFAULT_TYPE
CONTEXT_TYPES = ContextTypes(bot_data=TelegramData)


def build_application(services: Services, engine: Engine) -> Application:
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
        .rate_limiter(AIORateLimiter(max_retries=2))
        .context_types(CONTEXT_TYPES)
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


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Choices as inline buttons, `columns` per row."""
    if not reply.choices:
        return None
    buttons = [InlineKeyboardButton(c.label, callback_data=c.value) for c in reply.choices]
    cols = max(1, reply.columns)
    return InlineKeyboardMarkup([buttons[n : n + cols] for n in range(0, len(buttons), cols)])


async def send_reply(bot: Bot, chat_id: int | str, reply: Reply) -> None:
    """Render and send one reply: text (split at 4096), buttons, contact card, file."""
    parts = texts.split_rich(reply.text)
    for n, part in enumerate(parts):
        markup = keyboard(reply) if n == len(parts) - 1 else None
        await bot.send_message(chat_id, texts.render_html(part), reply_markup=markup)
    if reply.contact:
        card = reply.contact
        await bot.send_contact(
            chat_id, phone_number=card.phone, first_name=card.first_name, last_name=card.last_name
        )
    if reply.attachment:
        file = InputFile(reply.attachment.content, filename=reply.attachment.filename)
        caption = reply.attachment.caption or None
        if reply.attachment.photo:
            await bot.send_photo(chat_id, file, caption=caption, parse_mode=None)
        else:
            await bot.send_document(chat_id, file, caption=caption, parse_mode=None)


def webhook_secret(token: str) -> str:
    """A stable secret for X-Telegram-Bot-Api-Secret-Token, derived from the bot token."""
    return hmac.new(token.encode(), b"commune-bot-webhook", hashlib.sha256).hexdigest()[:48]


class TelegramChannel:
    """Starts and stops the PTB application in polling or webhook mode."""

    def __init__(self, services: Services, engine: Engine, web: object | None = None) -> None:
        self.services = services
        self.app = build_application(services, engine)
        self.web = web
        self.polling = False

    async def start(self) -> None:
        """initialize (getMe), register commands, then poll or set the webhook."""
        await self.app.initialize()
        self.services.bot_names["telegram"] = self.app.bot.username or "bot"
        await self.app.bot.set_my_commands([BotCommand(c, d) for c, d in texts.COMMANDS])
        settings = self.services.settings
        if settings.webhook_url and self.web is not None:
            token = settings.telegram_token.get_secret_value()  # type: ignore[union-attr]
            self.web.add_post(WEBHOOK_PATH, self._webhook)  # type: ignore[attr-defined]
            await self.app.bot.set_webhook(
                f"{settings.webhook_url}{WEBHOOK_PATH}", secret_token=webhook_secret(token)
            )
        else:
            await self.app.updater.start_polling(  # type: ignore[union-attr]
                timeout=10, bootstrap_retries=3, allowed_updates=Update.ALL_TYPES
            )
            self.polling = True
        await self.app.start()
        log.info("telegram channel started as @%s", self.app.bot.username)

    async def stop(self) -> None:
        """Stop polling, drain pending updates, shut the application down."""
        if self.polling and self.app.updater and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    async def _webhook(self, headers: dict[str, str], body: object) -> int:
        token = self.services.settings.telegram_token.get_secret_value()  # type: ignore[union-attr]
        given = headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), webhook_secret(token).encode()):
            return 403
        if isinstance(body, dict):
            await self.app.update_queue.put(Update.de_json(body, self.app.bot))
        return 200
