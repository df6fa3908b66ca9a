"""Granted roles, single-use invite and claim codes (stored hashed), per-chat menus
(`store.access`), and the audit trail (`store.audit`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.rows.access import AuditEntry, Grant, Invite, Standing
from bot.store.seats import SEATS_OF, member_of
from bot.timestamps import from_db, to_db

if TYPE_CHECKING:
    from bot.store.database import Database


_SPEND_INVITE = (
    "UPDATE invites SET used_by = ?, used_at = ? WHERE code_hash = ? AND used_at IS NULL AND "
    "expires_at > ? RETURNING role, districts, communes, person"
)
_SPEND_CLAIM = (
    "UPDATE claims SET used_by = ?, used_at = ? WHERE code_hash = ? AND used_at IS NULL AND "
    "expires_at > ? RETURNING member_id"
)
_GRANT_OF = "SELECT user_key, role, districts, communes FROM grants WHERE user_key = ?"


def _grant(row: Any) -> Grant:
    return Grant(row[0], row[1], json.loads(row[2]), json.loads(row[3]))


def standing_of(conn: sqlite3.Connection, user_key: str, channel: str, user_id: str) -> Standing:
    """The account's grant and seats (on the database thread: part of a caller's hop)."""
    grant = conn.execute(_GRANT_OF, (user_key,)).fetchone()
    seats = conn.execute(SEATS_OF, (channel, user_id)).fetchall()
    return Standing(_grant(grant) if grant else None, tuple(member_of(r) for r in seats))


class AccessRights:
    """Who holds which role (and scope), the codes that give one, each chat's menu."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def grant(
        self,
        user_key: str,
        role: str,
        districts: Sequence[str],
        communes: Sequence[str],
        by: str,
        now: datetime,
    ) -> None:
        """Give a role (replacing any earlier grant of that user)."""
        await self.db.write(
            "INSERT INTO grants (user_key, role, districts, communes, granted_by, at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_key) DO UPDATE SET role = excluded.role,"
            " districts = excluded.districts, communes = excluded.communes, "
            "granted_by = excluded.granted_by, at = excluded.at",
            (
                user_key,
                role,
                json.dumps(list(districts)),
                json.dumps(list(communes)),
                by,
                to_db(now),
            ),
        )

    async def revoke(self, user_key: str) -> bool:
        """Take a granted role back; False when there was none."""
        return await self.db.change("DELETE FROM grants WHERE user_key = ?", (user_key,)) > 0

    async def grant_of(self, user_key: str) -> Grant | None:
        """A user's grant, or None."""
        row = await self.db.fetchone(_GRANT_OF, (user_key,))
        return _grant(row) if row else None

    async def grants(self, role: str | None = None) -> list[Grant]:
        """Every grant (optionally of one role) with its scope."""
        rows = await self.db.fetchall(
            "SELECT user_key, role, districts, communes FROM grants "
            "WHERE ? IS NULL OR role = ? ORDER BY user_key",
            (role, role),
        )
        return [_grant(r) for r in rows]

    async def standing(self, user_key: str, channel: str, user_id: str) -> Standing:
        """grant_of and the account's seats in one database hop (a text message reads them
        within its arrival hop instead: bot/store/arrival.py)."""
        return await self.db.on_thread(
            lambda conn: standing_of(conn, user_key, channel, user_id), writes=False
        )

    async def chat_menus(self) -> dict[str, str]:
        """Chats that were given a command menu of their own, and which one."""
        rows = await self.db.fetchall("SELECT chat_id, menu FROM chat_menus")
        return {str(chat): str(menu) for chat, menu in rows}

    async def set_chat_menu(self, chat_id: str, menu: str) -> None:
        await self.db.write(
            "INSERT INTO chat_menus (chat_id, menu) VALUES (?, ?) "
            "ON CONFLICT (chat_id) DO UPDATE SET menu = excluded.menu",
            (chat_id, menu),
        )

    async def create_invite(
        self,
        code_hash: str,
        role: str,
        districts: Sequence[str],
        communes: Sequence[str],
        by: str,
        now: datetime,
        expires: datetime,
        person: str | None = None,
    ) -> None:
        """Store a single-use invite (only the code's hash); `person` links two accounts."""
        await self.db.write(
            "INSERT INTO invites (code_hash, role, districts, communes, created_by, created_at, "
            "expires_at, person) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                code_hash,
                role,
                json.dumps(list(districts)),
                json.dumps(list(communes)),
                by,
                to_db(now),
                to_db(expires),
                person,
            ),
        )

    async def use_invite(self, code_hash: str, user_key: str, now: datetime) -> Invite | None:
        """Spend an invite atomically; None when unknown, used or expired."""
        row = await self._spend(_SPEND_INVITE, code_hash, user_key, now)
        if row is None:
            return None
        return Invite(row[0], json.loads(row[1]), json.loads(row[2]), row[3])

    async def create_claim(
        self, code_hash: str, member_id: int, now: datetime, expires: datetime
    ) -> None:
        """A single-use code that binds an account to a member's seat."""
        await self.db.write(
            "INSERT INTO claims (code_hash, member_id, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)",
            (code_hash, member_id, to_db(now), to_db(expires)),
        )

    async def use_claim(self, code_hash: str, user_key: str, now: datetime) -> int | None:
        """Spend a claim code atomically; the member id, or None."""
        row = await self._spend(_SPEND_CLAIM, code_hash, user_key, now)
        return int(row[0]) if row else None

    async def _spend(self, sql: str, code_hash: str, user_key: str, now: datetime) -> Any:
        # One statement: unused, unexpired, marked used and read back atomically.
        at = to_db(now)
        return await self.db.fetchone(sql, (user_key, at, code_hash, at))


class AuditTrail:
    """Who did (or was refused) what, appended, never rewritten."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, actor: str, action: str, detail: dict[str, Any], now: datetime) -> None:
        """Append to the audit trail (never phones in clear: callers pass masked values)."""
        await self.db.write(
            "INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            (to_db(now), actor, action, json.dumps(detail, ensure_ascii=False)),
        )

    async def latest(self, limit: int = 100) -> list[AuditEntry]:
        """The latest audit entries, newest first."""
        rows = await self.db.fetchall(
            "SELECT at, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [AuditEntry(from_db(r[0]), r[1], r[2], json.loads(r[3])) for r in rows]
