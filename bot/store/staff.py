"""The staff side of support requests: the staff group's forum topics, contacts' linked
accounts and claims, askers' remembered communes, keyed outbox rows."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.rows.questions import LastQuestion
from bot.rows.requests import ContactAccount
from bot.store.requests import insert_outbox
from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database


class Staff:
    """The staff side of requests: forum topics, contacts' accounts, keyed notices."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def threads(self, chat_id: str) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT topic, thread FROM staff_topics WHERE chat_id = ?", (chat_id,)
        )
        return {r[0]: int(r[1]) for r in rows}

    async def save_thread(self, chat_id: str, topic: str, thread: int) -> None:
        await self.db.write(
            "INSERT OR REPLACE INTO staff_topics (chat_id, topic, thread) VALUES (?, ?, ?)",
            (chat_id, topic, thread),
        )

    async def forget_thread(self, chat_id: str, thread: int) -> None:
        """A forum topic deleted in Telegram: the next check of the group makes it again."""
        await self.db.write(
            "DELETE FROM staff_topics WHERE chat_id = ? AND thread = ?", (chat_id, thread)
        )

    async def create_claim(
        self, code_hash: str, phone: str, by: str, now: datetime, expires: datetime
    ) -> None:
        await self.db.write(
            "INSERT INTO contact_claims (code_hash, phone, created_by, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (code_hash, phone, by, to_db(now), to_db(expires)),
        )

    async def use_claim(
        self, code_hash: str, channel: str, user_id: str, chat_id: str, now: datetime
    ) -> str | None:
        """Spend a contact's claim code and link the account; the contact's phone, or None."""
        async with self.db.transaction() as db:
            async with db.execute(
                "UPDATE contact_claims SET used_by = ?, used_at = ? WHERE code_hash = ? AND "
                "used_by IS NULL AND expires_at > ? RETURNING phone",
                (f"{channel}:{user_id}", to_db(now), code_hash, to_db(now)),
            ) as cur:
                row = await cur.fetchone()
            if row is None:
                return None
            await db.execute(
                "INSERT OR REPLACE INTO contact_accounts (phone, channel, user_id, chat_id, "
                "linked_at) VALUES (?, ?, ?, ?, ?)",
                (row[0], channel, user_id, chat_id, to_db(now)),
            )
        return str(row[0])

    async def contact_accounts(self) -> list[ContactAccount]:
        rows = await self.db.fetchall(
            "SELECT phone, channel, user_id, chat_id FROM contact_accounts"
        )
        return [ContactAccount(*r) for r in rows]

    async def contact_phone_of(self, channel: str, user_id: str) -> str | None:
        row = await self.db.fetchone(
            "SELECT phone FROM contact_accounts WHERE channel = ? AND user_id = ?",
            (channel, user_id),
        )
        return str(row[0]) if row else None

    async def remembered_commune(self, user_key: str) -> str | None:
        row = await self.db.fetchone(
            "SELECT commune FROM asker_communes WHERE user_key = ?", (user_key,)
        )
        return str(row[0]) if row else None

    async def remember_commune(self, user_key: str, commune: str) -> None:
        await self.db.write(
            "INSERT OR REPLACE INTO asker_communes (user_key, commune) VALUES (?, ?)",
            (user_key, commune),
        )

    async def enqueue_keyed(
        self, items: list[tuple[dict[str, Any] | None, list[str]]], now: datetime
    ) -> int:
        """Queue rows each under its idempotency keys, in one transaction; an item whose key
        is already recorded is skipped (a restart re-plans the same timers). A row of None
        records the keys only. Returns the number of items queued."""
        at, queued = to_db(now), 0
        async with self.db.transaction() as db:
            for row, keys in items:
                marks = ",".join("?" * len(keys))
                async with db.execute(
                    f"SELECT 1 FROM nudges_sent WHERE key IN ({marks})", keys
                ) as cur:
                    if await cur.fetchone():
                        continue
                outbox_id = None
                if row is not None:
                    await insert_outbox(db, [row], at)
                    async with db.execute("SELECT last_insert_rowid()") as cur:
                        outbox_id = (await cur.fetchone())[0]  # type: ignore[index]
                await db.executemany(
                    "INSERT INTO nudges_sent (key, outbox_id, at) VALUES (?, ?, ?)",
                    [(k, outbox_id, at) for k in keys],
                )
                queued += 1
        return queued

    async def last_question(self, user_key: str, topic: str | None = None) -> LastQuestion | None:
        """The person's latest routed question (on `topic`, when given): text and final topic."""
        on_topic = " AND COALESCE(chosen_topic, topic) = ?" if topic else ""
        row = await self.db.fetchone(
            "SELECT text, COALESCE(chosen_topic, topic) AS topic FROM questions "
            f"WHERE user_key = ?{on_topic} ORDER BY id DESC LIMIT 1",
            (user_key, topic) if topic else (user_key,),
        )
        return LastQuestion(row[0], row[1]) if row else None
