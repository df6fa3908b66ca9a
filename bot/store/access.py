"""Granted roles, single-use invite and claim codes (stored hashed), and the audit trail."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database

    _Base = Database
else:
    _Base = object


_SPEND_INVITE = (
    "UPDATE invites SET used_by = ?, used_at = ? WHERE code_hash = ? AND used_at IS NULL AND "
    "expires_at > ? RETURNING role, districts, communes, person"
)
_SPEND_CLAIM = (
    "UPDATE claims SET used_by = ?, used_at = ? WHERE code_hash = ? AND used_at IS NULL AND "
    "expires_at > ? RETURNING member_id"
)


GRANT_OF = "SELECT role, districts, communes FROM grants WHERE user_key = ?"


def grant_from(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"role": row[0], "districts": json.loads(row[1]), "communes": json.loads(row[2])}


class AccessMixin(_Base):
    async def grant(
        self,
        user_key: str,
        role: str,
        districts: list[str],
        communes: list[str],
        by: str,
        now: datetime,
    ) -> None:
        """Give a role (replacing any earlier grant of that user)."""
        await self.write(
            "INSERT INTO grants (user_key, role, districts, communes, granted_by, at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_key) DO UPDATE SET role = excluded.role,"
            " districts = excluded.districts, communes = excluded.communes, "
            "granted_by = excluded.granted_by, at = excluded.at",
            (user_key, role, json.dumps(districts), json.dumps(communes), by, to_db(now)),
        )

    async def revoke(self, user_key: str) -> bool:
        """Take a granted role back; False when there was none."""
        return await self.change("DELETE FROM grants WHERE user_key = ?", (user_key,)) > 0

    async def chat_menus(self) -> dict[str, str]:
        """Chats that were given a command menu of their own, and which one."""
        rows = await self.fetchall("SELECT chat_id, menu FROM chat_menus")
        return {str(chat): str(menu) for chat, menu in rows}

    async def set_chat_menu(self, chat_id: str, menu: str) -> None:
        await self.write(
            "INSERT INTO chat_menus (chat_id, menu) VALUES (?, ?) "
            "ON CONFLICT (chat_id) DO UPDATE SET menu = excluded.menu",
            (chat_id, menu),
        )

    async def grant_of(self, user_key: str) -> dict[str, Any] | None:
        """{'role', 'districts', 'communes'} for a user, or None."""
        return grant_from(await self.fetchone(GRANT_OF, (user_key,)))

    async def grants(self, role: str | None = None) -> list[dict[str, Any]]:
        """Every grant (optionally of one role) with its scope."""
        rows = await self.fetchall(
            "SELECT user_key, role, districts, communes FROM grants "
            "WHERE ? IS NULL OR role = ? ORDER BY user_key",
            (role, role),
        )
        return [
            {
                "user": r[0],
                "role": r[1],
                "districts": json.loads(r[2]),
                "communes": json.loads(r[3]),
            }
            for r in rows
        ]

    async def create_invite(
        self,
        code_hash: str,
        role: str,
        districts: list[str],
        communes: list[str],
        by: str,
        now: datetime,
        expires: datetime,
        person: str | None = None,
    ) -> None:
        """Store a single-use invite (only the code's hash); `person` links two accounts."""
        await self.write(
            "INSERT INTO invites (code_hash, role, districts, communes, created_by, created_at, "
            "expires_at, person) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                code_hash,
                role,
                json.dumps(districts),
                json.dumps(communes),
                by,
                to_db(now),
                to_db(expires),
                person,
            ),
        )

    async def use_invite(self, code_hash: str, user_key: str, now: datetime) -> dict | None:
        """Spend an invite atomically; None when unknown, used or expired."""
        row = await self._spend(_SPEND_INVITE, code_hash, user_key, now)
        if row is None:
            return None
        return {
            "role": row[0],
            "districts": json.loads(row[1]),
            "communes": json.loads(row[2]),
            "person": row[3],
        }

    async def create_claim(
        self, code_hash: str, member_id: int, now: datetime, expires: datetime
    ) -> None:
        """A single-use code that binds an account to a member's seat."""
        await self.write(
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
        return await self.fetchone(sql, (user_key, at, code_hash, at))

    async def audit(self, actor: str, action: str, detail: dict[str, Any], now: datetime) -> None:
        """Append to the audit trail (never phones in clear: callers pass masked values)."""
        await self.write(
            "INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            (to_db(now), actor, action, json.dumps(detail, ensure_ascii=False)),
        )

    async def audit_trail(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest audit entries, newest first."""
        rows = await self.fetchall(
            "SELECT at, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [
            {"at": r[0], "actor": r[1], "action": r[2], "detail": json.loads(r[3])} for r in rows
        ]
