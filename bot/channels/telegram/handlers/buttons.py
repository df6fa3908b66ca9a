"""Inline-keyboard presses, including stale buttons from before a restart."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from bot import texts
from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.translate import incoming, relay

log = logging.getLogger(__name__)


async def press(update: Update, context: Context) -> None:
    """Acknowledge the press at once (the spinner stops), then answer like a message."""
    query = update.callback_query
    assert query is not None
    # A button under an inline-mode message has no chat to answer in: say so in the popup.
    inline = query.message is None
    try:
        await query.answer(texts.INLINE_BUTTON if inline else None, show_alert=inline)
    except TelegramError as exc:  # too old, or the network: the answer below still counts
        log.info("callback answer not delivered: %s", type(exc).__name__)
    if inline:
        return
    await relay(update, context, incoming(update, context, "choice", payload=query.data or ""))


HANDLERS = [CallbackQueryHandler(press)]
