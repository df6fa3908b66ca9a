"""A Reply as Bot API calls: text split at 4096 (HTML), buttons, contact card, file."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import replace
from functools import partial
from typing import Any, cast

from telegram import (
    Bot,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot import texts
from bot.chat import ContactCard, Reply

CAPTION_LIMIT = 1024  # Bot API: captions of photos and documents


def keyboard(reply: Reply) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    """Choices as inline buttons, `columns` per row (or the share-my-phone button)."""
    if reply.ask_phone and not reply.choices:
        button = KeyboardButton(reply.ask_phone, request_contact=True)
        return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    if not reply.choices:
        return None
    # The Bot API's JSON as it is: PTB would build an object per button only to turn each
    # back into this dict when the request is encoded (about 5% of an answer's CPU). PTB
    # sends a dict unchanged, so it stands in for the InlineKeyboardMarkup it would become.
    buttons = [{"text": c.label, "callback_data": c.value} for c in reply.choices]
    cols = max(1, reply.columns)
    rows = [buttons[n : n + cols] for n in range(0, len(buttons), cols)]
    return cast(InlineKeyboardMarkup, {"inline_keyboard": rows})


Piece = Callable[[], Coroutine[Any, Any, object]]


def pieces(bot: Bot, chat_id: int | str, reply: Reply, bulk: bool = False) -> list[Piece]:
    """One reply as its Bot API calls, in order: text (split at 4096), contact card, file.

    A file goes out with the text as its caption when it fits: one message, not two.
    """
    limit: dict[str, Any] = {"rate_limit_args": {"bulk": True}} if bulk else {}
    if reply.thread is not None:  # a forum topic of the staff supergroup
        limit["message_thread_id"] = reply.thread
    out: list[Piece] = []
    if reply.attachment and _fits_caption(reply):
        out.append(lambda: _send_file(bot, chat_id, reply, **limit))
        if reply.contact:
            out.append(partial(_send_card, bot, chat_id, reply.contact, **limit))
        return out
    parts = texts.split_rich(reply.text) if reply.text else []
    for n, part in enumerate(parts):
        markup = keyboard(reply) if n == len(parts) - 1 else None
        html = texts.render_html(part)
        out.append(partial(bot.send_message, chat_id, html, reply_markup=markup, **limit))
    if reply.copy:  # a relayed photo or document: Telegram copies it, nothing is downloaded
        source, message_id = reply.copy
        out.append(lambda: bot.copy_message(chat_id, source, int(message_id), **limit))
    if reply.contact:
        out.append(partial(_send_card, bot, chat_id, reply.contact, **limit))
    if reply.attachment:
        bare = replace(reply, text=(), choices=())
        out.append(lambda: _send_file(bot, chat_id, bare, **limit))
    return out


async def send_reply(bot: Bot, chat_id: int | str, reply: Reply, bulk: bool = False) -> None:
    """Render and send one reply: text (split at 4096), buttons, contact card, file."""
    for piece in pieces(bot, chat_id, reply, bulk):
        await piece()


def _fits_caption(reply: Reply) -> bool:
    # Telegram counts caption length in UTF-16 code units of the text after entity parsing.
    return texts.utf16_len(texts.render_plain(reply.text)) <= CAPTION_LIMIT


async def _send_file(bot: Bot, chat_id: int | str, reply: Reply, **limit: Any) -> None:
    assert reply.attachment is not None
    attachment = reply.attachment
    file = InputFile(attachment.content, filename=attachment.filename)
    caption = texts.render_html(reply.text) if reply.text else None
    if caption is None and attachment.caption:
        caption = texts.render_html((texts.t(attachment.caption),))
    markup = keyboard(reply)
    send = bot.send_photo if attachment.photo else bot.send_document
    await send(chat_id, file, caption=caption, reply_markup=markup, **limit)


async def _send_card(bot: Bot, chat_id: int | str, card: ContactCard, **limit: Any) -> None:
    await bot.send_contact(
        chat_id,
        phone_number=card.phone,
        first_name=card.first_name,
        last_name=card.last_name,
        **limit,
    )
