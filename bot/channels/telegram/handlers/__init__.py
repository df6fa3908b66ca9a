"""Telegram adapter: one module per flow, registered here in order."""

from __future__ import annotations

from telegram.ext import Application

from bot.channels.telegram.handlers import (
    ask,
    buttons,
    commands,
    contact,
    files,
    media,
    membership,
)

MODULES = (membership, commands, buttons, files, contact, media, ask)


def register(app: Application) -> None:
    """Add every handler, in the order above (first match wins)."""
    for module in MODULES:
        for handler in module.HANDLERS:
            app.add_handler(handler)
