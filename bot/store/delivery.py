"""Interactive replies waiting in the outbox, re-routing to Telegram, channels' monthly usage."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database

    _Base = Database
else:
    _Base = object


class DeliveryMixin(_Base):
    async def enqueue_reply(
        self, channel: str, chat_id: str, recipient: str, body: dict, at: datetime, now: datetime
    ) -> int:
        """A reply that could not be delivered at once, to be sent by the outbox at `at`."""
        return await self.write(
            "INSERT INTO outbox (channel, chat_id, recipient, body, next_at, created_at, reply)"
            " VALUES (?, ?, ?, ?, ?, ?, 1)",
            (
                channel,
                chat_id,
                recipient,
                json.dumps(body, ensure_ascii=False),
                to_db(at),
                to_db(now),
            ),
        )

    async def outbox_body(self, row_id: int, body: str) -> None:
        """Rewrite a row's body (the parts of a reply that already arrived are skipped)."""
        await self.write("UPDATE outbox SET body = ? WHERE id = ?", (body, row_id))

    async def reroute_to_telegram(self, channel: str, now: datetime) -> int:
        """Pending broadcasts and nudges on `channel` for people who also use Telegram go
        there instead (interactive replies stay where the person asked)."""
        rows = await self.fetchall(
            "SELECT id, recipient FROM outbox WHERE channel = ? AND status = 'pending' "
            "AND reply = 0",
            (channel,),
        )
        moved = 0
        for row_id, recipient in rows:
            twin = await self._telegram_twin(recipient)
            if twin is not None:
                moved += await self.change(
                    "UPDATE OR IGNORE outbox SET channel = 'telegram', chat_id = ?, "
                    "recipient = ?, next_at = ? WHERE id = ?",
                    (twin[1], twin[0], to_db(now), row_id),
                )
        return moved

    async def _telegram_twin(self, key: str) -> tuple[str, str] | None:
        """(key, chat) of the same person's reachable Telegram account, through a team seat
        or a /link of accounts."""
        channel, _, user_id = key.partition(":")
        row = await self.fetchone(
            "SELECT b.user_id, b.chat_id FROM member_accounts a JOIN member_accounts b "
            "ON b.member_id = a.member_id AND b.channel = 'telegram' "
            "WHERE a.channel = ? AND a.user_id = ?",
            (channel, user_id),
        )
        if row is None:
            person = await self.identity.person_of(key)  # type: ignore[attr-defined]
            row = await self.fetchone(
                "SELECT user_id, chat_id FROM people WHERE channel = 'telegram' AND "
                "unreachable = 0 AND 'telegram:' || user_id IN (SELECT user_key FROM "
                "identities WHERE person = ? UNION SELECT ?)",
                (person, person),
            )
        return (f"telegram:{row[0]}", row[1]) if row else None

    async def count_sent(self, channel: str, month: str, messages: int) -> int:
        """Add to this month's outbound count; returns the new total."""
        await self.write(
            "INSERT INTO channel_usage (channel, month, sent) VALUES (?, ?, ?) "
            "ON CONFLICT (channel, month) DO UPDATE SET sent = sent + excluded.sent",
            (channel, month, messages),
        )
        return await self.used(channel, month)

    async def used(self, channel: str, month: str) -> int:
        row = await self.fetchone(
            "SELECT sent FROM channel_usage WHERE channel = ? AND month = ?", (channel, month)
        )
        return int(row[0]) if row else 0

    async def first_warning(self, channel: str, month: str) -> bool:
        """True once per channel and month (the coordinators are warned once)."""
        return (
            await self.change(
                "UPDATE channel_usage SET warned = 1 WHERE channel = ? AND month = ? "
                "AND warned = 0",
                (channel, month),
            )
            == 1
        )

    async def spend_quota(self, channel: str, month: str, limit: int) -> None:
        """The channel said its quota is spent: count the month as used up."""
        await self.write(
            "INSERT INTO channel_usage (channel, month, sent) VALUES (?, ?, ?) "
            "ON CONFLICT (channel, month) DO UPDATE SET sent = MAX(sent, excluded.sent)",
            (channel, month, limit),
        )
