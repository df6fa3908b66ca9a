"""The outbox's port to Telegram: one reply to one chat, failures classified."""

from __future__ import annotations

from telegram import Bot
from telegram.error import RetryAfter

from bot.channels.telegram.lean import ids_only
from bot.channels.telegram.limiter import retry_seconds
from bot.channels.telegram.render import pieces
from bot.channels.telegram.wire import classify
from bot.chat import Reply
from bot.delivery import Outcome, failure


class TelegramSender:
    """The outbox's port to Telegram: one reply to one chat, errors mapped to outcomes."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

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
        except Exception as exc:
            wait = retry_seconds(exc.retry_after) if isinstance(exc, RetryAfter) else 0.0
            return failure("telegram", classify(exc), str(exc), wait, sent)
        return Outcome("sent", parts_sent=sent, message_ids=tuple(ids))
