"""Documents: a team sheet is downloaded and handed to the engine; other files get a hint."""

from __future__ import annotations

import asyncio
import logging

from telegram import Document, Update
from telegram.error import NetworkError, RetryAfter
from telegram.ext import MessageHandler, filters

from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.translate import incoming, relay
from bot.channels.telegram.limiter import retry_seconds
from bot.chat import FileRef

MAX_DOWNLOAD = 2 * 1024 * 1024  # sheets are small; refuse to pull anything large
FETCH_ATTEMPTS = 3
MAX_FETCH_WAIT = 5.0  # seconds: the chat's next messages wait behind the download
log = logging.getLogger(__name__)


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
    content = await _fetch(doc)
    sheet = FileRef(name, content or b"", fetched=content is not None)
    await relay(update, context, incoming(update, context, "file", file=sheet))


async def _fetch(doc: Document) -> bytes | None:
    """The file's bytes, retried through a flood wait or a passing network fault (an update
    once confirmed is never sent again: a lost download would lose the sheet)."""
    for attempt in range(FETCH_ATTEMPTS):
        try:
            telegram_file = await doc.get_file()
            return bytes(await telegram_file.download_as_bytearray())
        except RetryAfter as exc:
            wait = retry_seconds(exc.retry_after)
        except NetworkError:  # TimedOut too; BadRequest ("file is too big") is not retried
            wait = 2.0**attempt
        if attempt + 1 < FETCH_ATTEMPTS:
            await asyncio.sleep(min(wait, MAX_FETCH_WAIT))
    log.warning("a document could not be fetched after %d attempts", FETCH_ATTEMPTS)
    return None


HANDLERS = [MessageHandler(filters.Document.ALL & ~filters.UpdateType.EDITED, document)]
