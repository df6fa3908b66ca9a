"""Documents: a team sheet is downloaded and handed to the engine; other files get a hint."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.translate import incoming, relay
from bot.chat import FileRef

MAX_DOWNLOAD = 2 * 1024 * 1024  # sheets are small; refuse to pull anything large


async def document(update: Update, context: Context) -> None:
    """A .csv/.xlsx under 2 MB in a private chat becomes a `file`; anything else `media`."""
    message = update.effective_message
    doc = message.document if message else None
    name = (doc.file_name or "") if doc else ""
    small = doc is not None and (doc.file_size or 0) <= MAX_DOWNLOAD
    private = update.effective_chat is not None and update.effective_chat.type == "private"
    if doc is None or not small or not private:
        await relay(update, context, incoming(update, context, "media"))
        return
    if not name.lower().endswith((".csv", ".xlsx")):
        # .xls, .ods, PDF…: not downloaded; the core answers how to save it as .xlsx or CSV.
        await relay(update, context, incoming(update, context, "file", file=FileRef(name, b"")))
        return
    telegram_file = await doc.get_file()
    content = bytes(await telegram_file.download_as_bytearray())
    await relay(update, context, incoming(update, context, "file", file=FileRef(name, content)))


HANDLERS = [MessageHandler(filters.Document.ALL & ~filters.UpdateType.EDITED, document)]
