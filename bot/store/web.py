"""Web dashboard sign-in (`store.web`): single-use links and sessions, both stored hashed
(the dashboard's team page saves through `store.teams.save_page`)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.rows.web import Session
from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database


class WebSignIn:
    """The dashboard's sign-in: single-use links and sessions, both kept only as hashes."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create_link(
        self, token_hash: str, user_key: str, target: str, now: datetime, expires: datetime
    ) -> None:
        """A single-use sign-in link (only its hash is kept)."""
        await self.db.write(
            "INSERT INTO web_links (token_hash, user_key, target, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (token_hash, user_key, target, to_db(now), to_db(expires)),
        )

    async def use_link(self, token_hash: str, now: datetime) -> tuple[str, str] | None:
        """Spend a link atomically: (user, page to open), or None when unknown, used, expired."""
        at = to_db(now)
        row = await self.db.fetchone(
            "UPDATE web_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND "
            "expires_at > ? RETURNING user_key, target",
            (at, token_hash, at),
        )
        return (row[0], row[1]) if row else None

    async def create_session(
        self, session_hash: str, user_key: str, csrf: str, now: datetime, expires: datetime
    ) -> None:
        await self.db.write(
            "INSERT INTO web_sessions (session_hash, user_key, csrf, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (session_hash, user_key, csrf, to_db(now), to_db(expires)),
        )

    async def session(self, session_hash: str, now: datetime) -> Session | None:
        """The live session of a cookie's hash."""
        row = await self.db.fetchone(
            "SELECT user_key, csrf FROM web_sessions WHERE session_hash = ? AND expires_at > ?",
            (session_hash, to_db(now)),
        )
        return Session(row[0], row[1]) if row else None

    async def end_session(self, session_hash: str, now: datetime) -> None:
        """Sign out (and forget sessions and links that have expired)."""
        await self.db.write("DELETE FROM web_sessions WHERE session_hash = ?", (session_hash,))
        await self.db.write("DELETE FROM web_sessions WHERE expires_at <= ?", (to_db(now),))
        await self.db.write("DELETE FROM web_links WHERE expires_at <= ?", (to_db(now),))
