"""Conversation state and numbered choices, keyed by (channel, chat_id), JSON in SQLite."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database

CONVERSATION_SQL = "SELECT flow, state FROM conversations WHERE channel = ? AND chat_id = ?"


class Conversations:
    """The open dialogue of each chat (flow and JSON state) and the numbered options last
    shown in a chat without buttons."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, channel: str, chat_id: str) -> tuple[str, dict[str, Any]] | None:
        """The flow name and state of the chat's open conversation, if any."""
        row = await self.db.fetchone(CONVERSATION_SQL, (channel, chat_id))
        return (row[0], json.loads(row[1])) if row else None

    async def save(
        self, channel: str, chat_id: str, flow: str, state: dict[str, Any], now: datetime
    ) -> None:
        """Create or replace the chat's conversation state."""
        await self.db.write(
            "INSERT INTO conversations (channel, chat_id, flow, state, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, chat_id) DO UPDATE SET "
            "flow = excluded.flow, state = excluded.state, updated_at = excluded.updated_at",
            (channel, chat_id, flow, json.dumps(state, ensure_ascii=False), to_db(now)),
        )

    async def end(self, channel: str, chat_id: str) -> None:
        """Forget the chat's conversation."""
        await self.db.write(
            "DELETE FROM conversations WHERE channel = ? AND chat_id = ?", (channel, chat_id)
        )

    async def save_choices(self, channel: str, chat_id: str, values: list[str]) -> None:
        """Remember the numbered options last shown in a chat without buttons."""
        await self.db.write(
            "INSERT INTO pending_choices (channel, chat_id, choices) VALUES (?, ?, ?) "
            "ON CONFLICT (channel, chat_id) DO UPDATE SET choices = excluded.choices",
            (channel, chat_id, json.dumps(values)),
        )

    async def pending_choices(self, channel: str, chat_id: str) -> list[str]:
        """The numbered options last shown in this chat."""
        row = await self.db.fetchone(
            "SELECT choices FROM pending_choices WHERE channel = ? AND chat_id = ?",
            (channel, chat_id),
        )
        return json.loads(row[0]) if row else []
