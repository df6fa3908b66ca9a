"""Telegram Update → neutral Incoming, and the replies back. The one place that knows both."""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Message, Update
from telegram.constants import ChatType, MessageEntityType

from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.menus import sync_menu
from bot.channels.telegram.sender import TelegramSender
from bot.chat import FileRef, Incoming, Kind, Person
from bot.replies import answer

log = logging.getLogger(__name__)


def person(update: Update) -> Person:
    """The sender as a channel-qualified person."""
    user = update.effective_user
    if user is None:
        return Person("telegram", "0", "")
    # An anonymous group admin writes as the bot "Group" (GroupAnonymousBot): no name to use.
    return Person("telegram", str(user.id), "" if user.is_bot else user.full_name or "")


def incoming(
    update: Update,
    context: Context,
    kind: Kind,
    *,
    payload: str | None = None,
    file: FileRef | None = None,
) -> Incoming:
    """Build the neutral message; in groups, note whether the bot was addressed."""
    message = update.effective_message
    chat = update.effective_chat
    group = chat is not None and chat.type != ChatType.PRIVATE
    text = (message.text or message.caption or "") if message else ""
    command = None
    addressed = kind in ("command", "choice") or not group
    if kind == "command" and text.startswith("/"):
        head, _, text = text[1:].partition(" ")
        command, _, target = head.partition("@")
        command = command.lower()
        # "/start@other_bot" in a group is for another bot.
        addressed = not target or target.lower() == (context.bot.username or "").lower()
    elif message is not None and group and kind != "choice":  # a press is always meant
        addressed, text = _address(message, context.bot.username or "", context.bot.id)
    return Incoming(
        channel="telegram",
        chat_id=str(chat.id) if chat else "0",
        user=person(update),
        kind=kind,
        text=text.strip(),
        command=command,
        payload=payload,
        file=file,
        group=group,
        addressed=addressed,
        message_id=str(message.message_id) if message else "",
        reply_to=_replied_to(message),
        thread=message.message_thread_id if message and message.is_topic_message else None,
    )


def _replied_to(message: Message | None) -> str:
    # In a forum every message "replies" to the topic's creation message: that is no reply.
    replied = message.reply_to_message if message else None
    if replied is None or replied.forum_topic_created is not None:
        return ""
    return str(replied.message_id)


def _address(message: Message, username: str, bot_id: int) -> tuple[bool, str]:
    # In groups the bot answers only when mentioned or replied to; the mention is dropped.
    text = message.text or message.caption or ""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True, text
    mention = f"@{username}".lower()
    for entity, value in message.parse_entities([MessageEntityType.MENTION]).items():
        if value.lower() == mention:
            start = entity.offset
            return True, (text[:start] + text[start + entity.length :]) if start < len(
                text
            ) else text
    if mention in text.lower():
        return True, text.lower().replace(mention, " ")
    return False, text


async def relay(update: Update, context: Context, inc: Incoming) -> None:
    """Hand the message to the engine and send what it answers."""
    engine = context.bot_data.engine
    assert engine is not None
    replies = await engine.handle(inc)
    context.bot_data.handled += 1
    if inc.thread is not None:  # answer in the same forum topic of a supergroup
        replies = [r if r.thread is not None else replace(r, thread=inc.thread) for r in replies]
    await answer(engine.s, TelegramSender(context.bot), inc, replies, engine.on_queued)
    await sync_menu(context, inc)  # the role may just have changed
