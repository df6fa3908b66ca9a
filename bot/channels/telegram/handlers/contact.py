"""A shared contact in a private chat: the seat claim by phone (the "share my phone" button).

Only the sender's own contact counts (Telegram sets contact.user_id to the sharer for the
request_contact button); a forwarded card of someone else claims nothing.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.translate import incoming, relay


async def contact(update: Update, context: Context) -> None:
    message = update.effective_message
    card = message.contact if message else None
    sender = update.effective_user
    own = card is not None and sender is not None and card.user_id == sender.id
    inc = incoming(update, context, "contact")
    phone = card.phone_number if card and own else ""
    await relay(update, context, type(inc)(**{**inc.__dict__, "text": phone}))


HANDLERS = [
    MessageHandler(
        filters.CONTACT & filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED, contact
    )
]
