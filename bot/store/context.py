"""The topic last answered in each chat, so that a follow-up stays on it.

The hot path reads and writes it inside the arrival (bot/store/arrival.py); these methods
serve the other paths (menu choices, groups, photo captions)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.arrival import Context
from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database

CONTEXT_READ_SQL = (
    "SELECT topic, operator FROM ask_context WHERE channel = ? AND chat_id = ? AND at >= ?"
)
CONTEXT_WRITE_SQL = (
    "INSERT INTO ask_context (channel, chat_id, topic, operator, at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (channel, chat_id) DO UPDATE SET "
    "topic = excluded.topic, operator = excluded.operator, at = excluded.at"
)


def context_of(row: Sequence[Any] | None) -> Context | None:
    return Context(str(row[0]), row[1] or None) if row else None


class Contexts:
    """The `ask_context` area: the topic last answered in each chat."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def remember(self, channel: str, chat_id: str, context: Context, now: datetime) -> None:
        """The bot just answered this chat on ``context.topic``."""
        values = (channel, chat_id, context.topic, context.operator, to_db(now))
        await self.db.write(CONTEXT_WRITE_SQL, values)

    async def recent(self, channel: str, chat_id: str, since: datetime) -> Context | None:
        """The topic last answered in the chat, if after ``since``."""
        return context_of(
            await self.db.fetchone(CONTEXT_READ_SQL, (channel, chat_id, to_db(since)))
        )
