"""Inline-keyboard presses, including stale buttons from before a restart."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.channels.telegram import Context
from bot.handlers.translate import incoming, relay


async def press(update: Update, context: Context) -> None:
    """Acknowledge the press at once (the spinner stops), then answer like a message."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await relay(update, context, incoming(update, context, "choice", payload=query.data or ""))


HANDLERS = [CallbackQueryHandler(press)]
