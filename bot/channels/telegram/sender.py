"""The outbox's port to Telegram: one reply to one chat, failures classified."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from telegram import Bot
from telegram.error import BadRequest, RetryAfter

from bot.channels.telegram.lean import ids_only
from bot.channels.telegram.limiter import retry_seconds
from bot.channels.telegram.render import pieces
from bot.channels.telegram.wire import classify
from bot.chat import Reply
from bot.delivery import Outcome, failure

log = logging.getLogger(__name__)
ThreadGone = Callable[[str, int], Awaitable[None]]


class TelegramSender:
    """The outbox's port to Telegram: one reply to one chat, errors mapped to outcomes."""

    def __init__(self, bot: Bot, thread_gone: ThreadGone | None = None) -> None:
        self.bot = bot
        self.thread_gone = thread_gone  # told when a staff forum topic turns out deleted

    async def send(self, chat_id: str, reply: Reply, bulk: bool = True, skip: int = 0) -> Outcome:
        """Each Bot API call of the reply in turn; a failure is classified (bot.delivery) and
        says how many parts did arrive. A timeout may have arrived: retried all the same."""
        sent = 0
        ids: list[str] = []
        try:
            with ids_only():  # only the message ids are kept: no Message parsed per send
                for piece in pieces(self.bot, chat_id, reply, bulk)[skip:]:
                    result = await piece()
                    sent += 1
                    message_id = getattr(result, "message_id", None)
                    if message_id is not None:  # what staff reply to
                        ids.append(str(message_id))
        except BadRequest as exc:
            if reply.thread is None or "thread not found" not in str(exc).lower():
                return failure("telegram", classify(exc), str(exc), 0.0, sent)
            # The staff forum topic was deleted: the rest goes to the group's General topic
            # rather than nowhere, and the topic is made again for the next notices.
            log.warning("staff forum topic %s of %s is gone: posting in General", *(
                reply.thread, chat_id))  # fmt: skip
            if self.thread_gone is not None:
                try:
                    await self.thread_gone(chat_id, reply.thread)
                except Exception:  # making the topic again must never lose this notice
                    log.exception("could not make the staff forum topic again")
            rest = await self.send(chat_id, replace(reply, thread=None), bulk, skip + sent)
            return replace(
                rest, parts_sent=sent + rest.parts_sent, message_ids=(*ids, *rest.message_ids)
            )
        except Exception as exc:
            wait = retry_seconds(exc.retry_after) if isinstance(exc, RetryAfter) else 0.0
            return failure("telegram", classify(exc), str(exc), wait, sent)
        return Outcome("sent", parts_sent=sent, message_ids=tuple(ids))
