"""Broadcasts (`store.broadcasts`): one row per message sent to an audience, its outbox rows
queued with it, the counts and the missed recipients its sender's report names."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from bot.chat import Recipient
from bot.rows.outbox import FinishedBroadcast, Undelivered
from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database


class Broadcasts:
    """A message to an audience: queued at once, reported to its sender when done."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self,
        sender: Recipient,
        audience: str,
        text: str,
        body: list,
        recipients: list[Recipient],
        now: datetime,
    ) -> int:
        """A broadcast and one outbox row per recipient, in one transaction."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO broadcasts (sender, sender_channel, sender_chat, audience, text, "
                "created_at, recipients) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    sender.key,
                    sender.channel or None,  # the CLI has no chat to report to
                    sender.chat_id or None,
                    audience,
                    text,
                    to_db(now),
                    len(recipients),
                ),
            )
            broadcast = cur.lastrowid
            await conn.executemany(
                "INSERT OR IGNORE INTO outbox (broadcast, channel, chat_id, recipient, name, "
                "commune, body, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        broadcast,
                        r.channel,
                        r.chat_id,
                        r.key,
                        r.name,
                        r.commune,
                        json.dumps(body, ensure_ascii=False),
                        to_db(now),
                        to_db(now),
                    )
                    for r in recipients
                ],
            )
        return int(broadcast or 0)

    async def counts(self, broadcast: int) -> dict[str, int] | None:
        """{delivered, unreachable, failed, pending: n} for a broadcast; None if unknown."""
        if not await self.db.fetchone("SELECT 1 FROM broadcasts WHERE id = ?", (broadcast,)):
            return None
        rows = await self.db.fetchall(
            "SELECT status, COUNT(*) FROM outbox WHERE broadcast = ? GROUP BY status", (broadcast,)
        )
        counts: dict[str, int] = {str(status): int(n) for status, n in rows}
        return {
            "delivered": counts.get("sent", 0),
            "unreachable": counts.get("unreachable", 0),
            "failed": counts.get("failed", 0),
            "pending": counts.get("pending", 0) + counts.get("sending", 0),
        }

    async def finished(self) -> list[FinishedBroadcast]:
        """Broadcasts with nothing left to send whose sender has not had the report yet."""
        rows = await self.db.fetchall(
            "SELECT id, sender, sender_channel, sender_chat FROM broadcasts b WHERE reported_at "
            "IS NULL AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.broadcast = b.id AND "
            "o.status IN ('pending', 'sending'))"
        )
        return [FinishedBroadcast(*r) for r in rows]

    async def mark_reported(self, broadcast: int, now: datetime) -> None:
        await self.db.write(
            "UPDATE broadcasts SET reported_at = ? WHERE id = ?", (to_db(now), broadcast)
        )

    async def undelivered(self, broadcast: int) -> list[Undelivered]:
        """Unreachable and failed recipients of a broadcast (for the sender's report)."""
        rows = await self.db.fetchall(
            "SELECT recipient, name, status, error FROM outbox WHERE broadcast = ? AND "
            "status IN ('unreachable', 'failed') ORDER BY status, name",
            (broadcast,),
        )
        return [Undelivered(*r) for r in rows]
