"""Slash commands, known and unknown: all go to the engine's command table."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.translate import incoming, relay


async def command(update: Update, context: Context) -> None:
    """Any /command (the engine answers unknown ones politely)."""
    await relay(update, context, incoming(update, context, "command"))


HANDLERS = [MessageHandler(filters.COMMAND & ~filters.UpdateType.EDITED, command)]
