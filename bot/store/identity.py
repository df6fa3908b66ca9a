"""Inbound message de-duplication (`store.inbound`) and one person's accounts on several
channels (`store.identity`)."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.storage import StorageFault
from bot.timestamps import from_db, to_db

if TYPE_CHECKING:
    from bot.store.database import Database

KEEP_INBOUND = timedelta(days=30)  # redeliveries come within minutes; a month is ample


class Inbound:
    """Message ids already handled, so that a redelivered message is answered once."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def first_delivery(self, channel: str, message_id: str, now: datetime) -> bool:
        """True the first time a message id is seen (Zalo may deliver a message again)."""
        try:
            inserted = await self.db.change(
                "INSERT OR IGNORE INTO inbound (channel, message_id, at) VALUES (?, ?, ?)",
                (channel, message_id, to_db(now)),
            )
        except StorageFault:  # cannot remember it: rather answer a redelivery twice than never
            return True
        return inserted == 1

    async def forget(self, now: datetime) -> None:
        """Drop message ids older than any redelivery (housekeeping: skipped on a fault)."""
        with contextlib.suppress(StorageFault):
            await self.db.write("DELETE FROM inbound WHERE at < ?", (to_db(now - KEEP_INBOUND),))


class Identities:
    """Accounts of one person on several channels (linked with /link), and when each was
    last seen."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def link(self, user_key: str, person: str) -> None:
        """Record that `user_key` is the same person as `person` (their first account)."""
        root = await self.person_of(person)
        await self.db.write(
            "INSERT INTO identities (user_key, person) VALUES (?, ?) ON CONFLICT (user_key) "
            "DO UPDATE SET person = excluded.person",
            (user_key, root),
        )

    async def person_of(self, user_key: str) -> str:
        """The person an account belongs to (the account itself when not linked)."""
        row = await self.db.fetchone(
            "SELECT person FROM identities WHERE user_key = ?", (user_key,)
        )
        return row[0] if row else user_key

    async def last_seen_of(self, keys: list[str]) -> dict[str, datetime]:
        """When each account last wrote to the bot (missing when never)."""
        out: dict[str, datetime] = {}
        for key in keys:
            channel, _, user_id = key.partition(":")
            row = await self.db.fetchone(
                "SELECT last_seen FROM people WHERE channel = ? AND user_id = ?",
                (channel, user_id),
            )
            if row:
                out[key] = from_db(row[0])
        return out
