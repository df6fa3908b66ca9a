"""A person's replies: sent in order at once, or queued in the outbox behind the ones waiting.

A reply refused transiently (a 429, a 5xx, a reset) becomes an outbox row, sent when the channel
answers again. The person may write again meanwhile: that answer must not overtake the one still
waiting ("Đã lưu" before the question it answers), so while a chat has replies queued, its next
replies are queued behind them. Which chats have some is kept in memory (a set lookup per
answer); the database is asked only for those, and a chat leaves the set once it has none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.chat import Incoming, Reply
from bot.delivery import REPLY_RETRY, Action, Outcome
from bot.deps import Deps
from bot.outbox_codec import reply_to_json

if TYPE_CHECKING:
    from bot.outbox import Sender

log = logging.getLogger(__name__)
Chat = tuple[str, str]  # (channel, chat_id)


async def answer(
    services: Deps,
    sender: Sender,
    inc: Incoming,
    replies: list[Reply],
    wake: Callable[[], None],
) -> None:
    """Send a person's replies in order; if the channel fails transiently, the rest (from the
    part that failed) goes to the durable outbox instead of being lost. While earlier replies
    to this chat wait there, these go behind them."""
    chat = (inc.channel, inc.chat_id)
    if chat in services.waiting_replies:
        last = await services.store.outbox.last_reply_at(*chat)
        if last is not None:
            await _enqueue(services, inc.channel, inc.chat_id, inc.user.key, replies, last)
            wake()
            return
        services.waiting_replies.discard(chat)
    for n, reply in enumerate(replies):
        outcome = await sender.send(inc.chat_id, reply, bulk=False)
        if outcome.status == "sent":
            continue
        if outcome.retryable:
            await queue_replies(
                services, inc.channel, inc.chat_id, inc.user.key, replies[n:], outcome
            )
            wake()
        else:
            log.warning("%s reply not delivered: %s", inc.channel, outcome.fault or outcome.status)
            if outcome.status == Action.UNREACHABLE:
                await services.store.people.mark_unreachable(inc.channel, inc.chat_id)
        return


async def queue_replies(
    services: Deps,
    channel: str,
    chat_id: str,
    recipient: str,
    replies: list[Reply],
    first: Outcome,
) -> None:
    """Replies a person is waiting for that failed transiently: durable rows in the outbox,
    sent when the channel answers again (the parts that did arrive are not resent)."""
    soon = services.clock() + timedelta(seconds=max(first.retry_after, REPLY_RETRY))
    await _enqueue(services, channel, chat_id, recipient, replies, soon, first.parts_sent)
    log.warning(
        "%s reply to be resent from the outbox (%s, %d messages)",
        channel, first.fault or first.status, len(replies),
    )  # fmt: skip


async def _enqueue(
    services: Deps,
    channel: str,
    chat_id: str,
    recipient: str,
    replies: list[Reply],
    after: datetime,
    skip: int = 0,
) -> None:
    """Rows due from `after`, a millisecond apart so that they keep their order."""
    now = services.clock()
    start = max(after, now)
    services.waiting_replies.add((channel, chat_id))
    for n, reply in enumerate(replies):
        body = reply_to_json(reply, skip=skip if n == 0 else 0)
        at = start + timedelta(milliseconds=n + 1)
        await services.store.outbox.enqueue_reply(channel, chat_id, recipient, body, at, now)
