"""People to reach (`store.people`): who wrote to the bot and where, who cannot be reached any
more, which accounts are linked to team seats (the `people` table is written on arrival,
`store.questions.seen`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.chat import Recipient
from bot.rows.teams import LinkedSeat
from bot.timestamps import from_db

if TYPE_CHECKING:
    from bot.store.database import Database


class People:
    """Everybody the bot knows a chat for, and whether a message still reaches them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def contact_of(self, channel: str, user_id: str) -> tuple[str, str]:
        """(chat to write to, display name): the chat they last used, else their user id."""
        row = await self.db.fetchone(
            "SELECT chat_id, name FROM people WHERE channel = ? AND user_id = ?",
            (channel, user_id),
        )
        return (row[0], row[1]) if row else (user_id, "")

    async def linked_seats(self) -> list[LinkedSeat]:
        """Linked seats with their accounts, the most recently used account first."""
        rows = await self.db.fetchall(
            "SELECT a.member_id, m.commune, m.name, a.channel, a.user_id, a.chat_id, "
            "COALESCE(p.last_seen, a.linked_at) AS used FROM member_accounts a "
            "JOIN members m ON m.id = a.member_id LEFT JOIN people p ON p.channel = a.channel "
            "AND p.user_id = a.user_id ORDER BY a.member_id, used DESC"
        )
        return [LinkedSeat(r[0], r[1], r[2], r[3], r[4], r[5], from_db(r[6])) for r in rows]

    async def everyone(self) -> list[Recipient]:
        """Everybody who has reached the bot in a private chat and is still reachable."""
        rows = await self.db.fetchall(
            "SELECT channel, user_id, chat_id, name FROM people WHERE unreachable = 0"
        )
        return [Recipient(f"{r[0]}:{r[1]}", r[0], r[2], r[3]) for r in rows]

    async def mark_unreachable(self, channel: str, chat_id: str) -> None:
        """The user blocked the bot or the chat is gone: skip them in "all" from now on."""
        await self.db.write(
            "UPDATE people SET unreachable = 1 WHERE channel = ? AND chat_id = ?",
            (channel, chat_id),
        )

    async def status(self) -> dict[str, bool]:
        """Every account that ever reached the bot → True when it is now unreachable."""
        rows = await self.db.fetchall("SELECT channel, user_id, unreachable FROM people")
        return {f"{r[0]}:{r[1]}": bool(r[2]) for r in rows}
