"""Free-text questions, also when edited."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.translate import incoming, relay


async def ask(update: Update, context: Context) -> None:
    """A question in words (an edited question is answered again: users fix typos)."""
    await relay(update, context, incoming(update, context, "text"))


HANDLERS = [MessageHandler(filters.TEXT & ~filters.COMMAND, ask)]
