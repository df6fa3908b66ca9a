"""Stickers, photos, voice, files and the rest: a polite request to use words."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.translate import incoming, relay

NOT_WORDS = (
    filters.Sticker.ALL
    | filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | filters.LOCATION
    | filters.CONTACT
    | filters.POLL
    | filters.Dice.ALL
)


async def media(update: Update, context: Context) -> None:
    """Anything that is not text (a caption in a group still needs a mention)."""
    await relay(update, context, incoming(update, context, "media"))


HANDLERS = [MessageHandler(NOT_WORDS & ~filters.UpdateType.EDITED, media)]
