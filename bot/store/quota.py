"""Each channel's monthly count of messages sent (`store.quota`): Zalo's official accounts
have a monthly limit, and the coordinators are warned once when it comes near."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.store.database import Database


class Quotas:
    """Messages sent per channel and month, and whether the coordinators were warned."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def count_sent(self, channel: str, month: str, messages: int) -> int:
        """Add to this month's outbound count; returns the new total."""
        await self.db.write(
            "INSERT INTO channel_usage (channel, month, sent) VALUES (?, ?, ?) "
            "ON CONFLICT (channel, month) DO UPDATE SET sent = sent + excluded.sent",
            (channel, month, messages),
        )
        return await self.used(channel, month)

    async def used(self, channel: str, month: str) -> int:
        row = await self.db.fetchone(
            "SELECT sent FROM channel_usage WHERE channel = ? AND month = ?", (channel, month)
        )
        return int(row[0]) if row else 0

    async def first_warning(self, channel: str, month: str) -> bool:
        """True once per channel and month (the coordinators are warned once)."""
        changed = await self.db.change(
            "UPDATE channel_usage SET warned = 1 WHERE channel = ? AND month = ? AND warned = 0",
            (channel, month),
        )
        return changed == 1

    async def spend(self, channel: str, month: str, limit: int) -> None:
        """The channel said its quota is spent: count the month as used up."""
        await self.db.write(
            "INSERT INTO channel_usage (channel, month, sent) VALUES (?, ?, ?) "
            "ON CONFLICT (channel, month) DO UPDATE SET sent = MAX(sent, excluded.sent)",
            (channel, month, limit),
        )
