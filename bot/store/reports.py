"""Questions the official report and the weekly digest ask: figures as of a moment."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database


class Reports:
    """Figures as of a moment, over several areas' tables (read only)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def roles_as_of(self, at: datetime) -> dict[str, list[str]]:
        """Commune → roles of the members registered by `at` (seat order)."""
        rows = await self.db.fetchall(
            "SELECT commune, role FROM members WHERE created_at <= ? ORDER BY commune, id",
            (to_db(at),),
        )
        out: dict[str, list[str]] = {}
        for commune, role in rows:
            out.setdefault(commune, []).append(role)
        return out

    async def done_as_of(self, at: datetime) -> set[tuple[str, str]]:
        """(commune, task) pairs reported done by `at`."""
        rows = await self.db.fetchall(
            "SELECT commune, task FROM task_done WHERE at <= ?", (to_db(at),)
        )
        return {(r[0], r[1]) for r in rows}

    async def questions_between(
        self, since: datetime, until: datetime
    ) -> dict[str | None, tuple[int, int]]:
        """Final topic → (questions, of which the router was unsure) in [since, until]."""
        rows = await self.db.fetchall(
            "SELECT COALESCE(chosen_topic, topic) AS t, COUNT(*), SUM(topic IS NULL) "
            "FROM questions WHERE at >= ? AND at <= ? GROUP BY t",
            (to_db(since), to_db(until)),
        )
        return {r[0]: (r[1], int(r[2] or 0)) for r in rows}

    async def has_table(self, name: str) -> bool:
        """Whether a table exists (features that arrive with a later migration)."""
        row = await self.db.fetchone(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        )
        return row is not None

    async def display_names(self, keys: list[str]) -> dict[str, str]:
        """Channel-qualified user → the name the bot last saw (empty when never seen)."""
        out: dict[str, str] = {}
        for key in keys:
            channel, _, user_id = key.partition(":")
            row = await self.db.fetchone(
                "SELECT name FROM people WHERE channel = ? AND user_id = ?", (channel, user_id)
            )
            out[key] = row[0] if row and row[0] else ""
        return out

    # --- support requests (the `requests` table arrives with its own migration) -----------

    async def requests_by_topic(
        self, since: datetime, until: datetime
    ) -> dict[str, tuple[int, int]]:
        """Topic → (requests created in [since, until], of which still open)."""
        rows = await self.db.fetchall(
            "SELECT topic, COUNT(*), SUM(state IN ('open', 'answered')) FROM requests "
            "WHERE created_at >= ? AND created_at <= ? GROUP BY topic",
            (to_db(since), to_db(until)),
        )
        return {r[0]: (r[1], int(r[2] or 0)) for r in rows}
