"""Inbound message de-duplication and one person's accounts on several channels."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.storage import StorageFault
from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database

    _Base = Database
else:
    _Base = object

KEEP_INBOUND = timedelta(days=30)  # redeliveries come within minutes; a month is ample


class IdentityMixin(_Base):
    async def first_delivery(self, channel: str, message_id: str, now: datetime) -> bool:
        """True the first time a message id is seen (Zalo may deliver a message again)."""
        try:
            inserted = await self.change(
                "INSERT OR IGNORE INTO inbound (channel, message_id, at) VALUES (?, ?, ?)",
                (channel, message_id, to_db(now)),
            )
        except StorageFault:  # cannot remember it: rather answer a redelivery twice than never
            return True
        return inserted == 1

    async def forget_inbound(self, now: datetime) -> None:
        """Drop message ids older than any redelivery (housekeeping: skipped on a fault)."""
        with contextlib.suppress(StorageFault):
            await self.write("DELETE FROM inbound WHERE at < ?", (to_db(now - KEEP_INBOUND),))

    async def link_identity(self, user_key: str, person: str) -> None:
        """Record that `user_key` is the same person as `person` (their first account)."""
        root = await self.person_of(person)
        await self.write(
            "INSERT INTO identities (user_key, person) VALUES (?, ?) ON CONFLICT (user_key) "
            "DO UPDATE SET person = excluded.person",
            (user_key, root),
        )

    async def person_of(self, user_key: str) -> str:
        """The person an account belongs to (the account itself when not linked)."""
        row = await self.fetchone("SELECT person FROM identities WHERE user_key = ?", (user_key,))
        return row[0] if row else user_key

    async def last_seen_of(self, keys: list[str]) -> dict[str, str]:
        """When each account last wrote to the bot (ISO time; missing when never)."""
        out: dict[str, str] = {}
        for key in keys:
            channel, _, user_id = key.partition(":")
            row = await self.fetchone(
                "SELECT last_seen FROM people WHERE channel = ? AND user_id = ?",
                (channel, user_id),
            )
            if row:
                out[key] = row[0]
        return out
