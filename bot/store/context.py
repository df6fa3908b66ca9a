"""The topic last answered in each chat, so that a follow-up stays on it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.store import Database

    _Base = Database
else:
    _Base = object


class ContextMixin(_Base):
    async def remember_topic(
        self, channel: str, chat_id: str, topic: str, shown: list[str], now: datetime
    ) -> None:
        """The bot just answered this chat on ``topic`` with the contacts ``shown`` (E.164)."""
        await self.write(
            "INSERT INTO ask_context (channel, chat_id, topic, shown, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (channel, chat_id) DO UPDATE SET "
            "topic = excluded.topic, shown = excluded.shown, at = excluded.at",
            (channel, chat_id, topic, ",".join(shown), now.isoformat()),
        )

    async def recent_topic(
        self, channel: str, chat_id: str, since: datetime
    ) -> tuple[str, list[str]] | None:
        """The topic last answered in the chat and the phones shown, if after ``since``."""
        row = await self.fetchone(
            "SELECT topic, shown FROM ask_context WHERE channel = ? AND chat_id = ? AND at >= ?",
            (channel, chat_id, since.isoformat()),
        )
        return (str(row[0]), [p for p in str(row[1]).split(",") if p]) if row else None
