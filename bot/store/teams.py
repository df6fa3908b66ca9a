"""Commune teams: members, the accounts linked to their seats, the telecom operator."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.phones import national
from bot.roster import TELECOM, DuplicatePhone, Member
from bot.rows.teams import SeatAccount
from bot.store.seats import (
    INSERT_MEMBER,
    MEMBER_SQL,
    SEATS_OF,
    UPDATE_MEMBER,
    insert_params,
    member_of,
    update_params,
)
from bot.timestamps import to_db

if TYPE_CHECKING:
    import aiosqlite

    from bot.store.database import Database

_UPSERT_MEMBER = (  # a sheet's row for a phone already on the team updates that seat
    f"{INSERT_MEMBER} ON CONFLICT (commune, phone) DO UPDATE SET role = excluded.role, "
    "name = excluded.name, position = excluded.position, operator = excluded.operator, "
    "updated_at = excluded.updated_at"
)


class Teams:
    """Commune teams: the seats, who sits in them, the accounts that reach them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def members_of(self, commune: str) -> list[Member]:
        """A commune's members in seat order."""
        rows = await self.db.fetchall(
            f"{MEMBER_SQL} WHERE m.commune = ? ORDER BY m.id", (commune,)
        )
        return [member_of(r) for r in rows]

    async def by_commune(self, communes: Iterable[str] | None = None) -> dict[str, list[Member]]:
        """Members grouped by commune (all communes, or the given ones), one query."""
        if communes is None:
            rows = await self.db.fetchall(f"{MEMBER_SQL} ORDER BY m.commune, m.id")
        else:  # a registrar's few communes: read only those rows
            codes = sorted(set(communes))
            marks = ",".join("?" * len(codes))
            rows = await self.db.fetchall(
                f"{MEMBER_SQL} WHERE m.commune IN ({marks}) ORDER BY m.commune, m.id", tuple(codes)
            )
        out: dict[str, list[Member]] = {}
        for row in rows:
            out.setdefault(row[1], []).append(member_of(row))
        return out

    async def by_commune_apart(self, communes: Iterable[str]) -> dict[str, list[Member]]:
        """Like `by_commune`, read in a worker thread on a read-only connection of its own.

        A national export reads some 16,000 members: on the shared connection that would hold
        every other user's query, and building them would hold the event loop.
        """
        if self.db.path == ":memory:":  # a second connection would see another database
            return await self.by_commune(communes)
        return await asyncio.to_thread(self._by_commune_apart, sorted(set(communes)))

    def _by_commune_apart(self, codes: list[str]) -> dict[str, list[Member]]:
        uri = f"{Path(self.db.path).resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True)
        try:
            marks = ",".join("?" * len(codes))
            rows = conn.execute(
                f"{MEMBER_SQL} WHERE m.commune IN ({marks}) ORDER BY m.commune, m.id", codes
            ).fetchall()
        finally:
            conn.close()
        out: dict[str, list[Member]] = {}
        for row in rows:
            out.setdefault(row[1], []).append(member_of(row))
        return out

    async def role_counts(
        self, communes: Iterable[str] | None = None
    ) -> dict[str, dict[str, int]]:
        """{commune: {role: members}}, counted by SQLite (a few rows per commune)."""
        sql = "SELECT commune, role, COUNT(*) FROM members"
        params: tuple[str, ...] = ()
        if communes is not None:
            codes = sorted(set(communes))
            sql += f" WHERE commune IN ({','.join('?' * len(codes))})"
            params = tuple(codes)
        out: dict[str, dict[str, int]] = {}
        for commune, role, n in await self.db.fetchall(sql + " GROUP BY commune, role", params):
            out.setdefault(commune, {})[role] = n
        return out

    async def member(self, member_id: int) -> Member | None:
        """One member by id."""
        row = await self.db.fetchone(f"{MEMBER_SQL} WHERE m.id = ?", (member_id,))
        return member_of(row) if row else None

    async def add(self, commune: str, drafts: list[dict[str, Any]], now: datetime) -> list[int]:
        """Insert several members of one commune in one transaction (all or nothing)."""
        ids = []
        async with self.db.transaction() as conn:
            for d in drafts:
                if await self._phone_on_team(conn, commune, d["phone"]):
                    raise DuplicatePhone(d["phone"])
                cur = await conn.execute(INSERT_MEMBER, insert_params(commune, d, now))
                ids.append(cur.lastrowid or 0)
        return ids

    async def upsert(self, commune: str, rows: list[dict[str, Any]], now: datetime) -> None:
        """Sheet import for one commune, all or nothing: the same phone updates, not duplicates."""
        async with self.db.transaction() as conn:
            for d in rows:
                await conn.execute(_UPSERT_MEMBER, insert_params(commune, d, now))

    async def replace(self, member_id: int, draft: dict[str, Any], now: datetime) -> None:
        """Put another person (or corrected details) in a seat; linked accounts are dropped
        when the phone changes, because the seat now belongs to someone else."""
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT commune, phone FROM members WHERE id = ?", (member_id,)
            ) as cur:
                row = await cur.fetchone()
            if row is None:
                raise KeyError(member_id)
            if draft["phone"] != row[1]:
                if await self._phone_on_team(conn, row[0], draft["phone"]):
                    raise DuplicatePhone(draft["phone"])
                await conn.execute("DELETE FROM member_accounts WHERE member_id = ?", (member_id,))
            await conn.execute(UPDATE_MEMBER, update_params(member_id, draft, now))

    async def remove(self, member_id: int) -> None:
        """Take a member off the team (their claim codes and links go too)."""
        await self.db.write("DELETE FROM members WHERE id = ?", (member_id,))

    async def save_page(
        self,
        commune: str,
        updates: list[tuple[int, dict[str, Any]]],
        removals: list[int],
        additions: list[dict[str, Any]],
        now: datetime,
    ) -> None:
        """A whole team edited on one page (the web form), all or nothing; a phone that
        changes drops the seat's linked accounts (the seat now belongs to someone else)."""
        try:
            async with self.db.transaction() as conn:
                for member_id in removals:
                    await conn.execute(
                        "DELETE FROM members WHERE id = ? AND commune = ?", (member_id, commune)
                    )
                for member_id, d in updates:
                    async with conn.execute(
                        "SELECT phone FROM members WHERE id = ? AND commune = ?",
                        (member_id, commune),
                    ) as cur:
                        old = await cur.fetchone()
                    if old is None:
                        raise KeyError(member_id)
                    if old[0] != d["phone"]:
                        await conn.execute(
                            "DELETE FROM member_accounts WHERE member_id = ?", (member_id,)
                        )
                    await conn.execute(UPDATE_MEMBER, update_params(member_id, d, now))
                for d in additions:
                    await conn.execute(INSERT_MEMBER, insert_params(commune, d, now))
        except sqlite3.IntegrityError as exc:  # UNIQUE (commune, phone): a swap or a race
            raise DuplicatePhone(str(exc)) from exc

    async def _phone_on_team(self, conn: aiosqlite.Connection, commune: str, phone: str) -> bool:
        async with conn.execute(
            "SELECT 1 FROM members WHERE commune = ? AND phone = ?", (commune, phone)
        ) as cur:
            return await cur.fetchone() is not None

    async def communes_with_phone(self, phone: str) -> list[str]:
        """Communes whose team already lists this phone (to flag double registration)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT commune FROM members WHERE phone = ?", (phone,)
        )
        return [r[0] for r in rows]

    async def operator_of(self, commune: str) -> str | None:
        """The operator of the commune's telecom technician: its operator for network help."""
        row = await self.db.fetchone(
            "SELECT operator FROM members WHERE commune = ? AND role = ? AND operator IS NOT NULL "
            "ORDER BY updated_at DESC LIMIT 1",
            (commune, TELECOM),
        )
        return row[0] if row else None

    async def link_account(
        self, member_id: int, channel: str, user_id: str, chat_id: str, now: datetime
    ) -> None:
        """Bind a chat account to a seat (one account per channel per seat)."""
        await self.db.write(
            "INSERT INTO member_accounts (member_id, channel, user_id, chat_id, linked_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, channel) DO UPDATE SET "
            "user_id = excluded.user_id, chat_id = excluded.chat_id, "
            "linked_at = excluded.linked_at",
            (member_id, channel, user_id, chat_id, to_db(now)),
        )

    async def seats_of(self, channel: str, user_id: str) -> list[Member]:
        """The seats an account is linked to (usually one)."""
        rows = await self.db.fetchall(SEATS_OF, (channel, user_id))
        return [member_of(r) for r in rows]

    async def phones_of(self, keys: list[str]) -> dict[str, str]:
        """Phones of linked members by account key (for the broadcast sender's call list)."""
        out: dict[str, str] = {}
        for key in keys:
            channel, _, user_id = key.partition(":")
            row = await self.db.fetchone(
                "SELECT m.phone FROM member_accounts a JOIN members m ON m.id = a.member_id "
                "WHERE a.channel = ? AND a.user_id = ? LIMIT 1",
                (channel, user_id),
            )
            if row:
                out[key] = national(row[0])
        return out

    async def with_phone(self, phone: str) -> list[Member]:
        """Every seat registered to this phone (the contact-share claim)."""
        rows = await self.db.fetchall(f"{MEMBER_SQL} WHERE m.phone = ? ORDER BY m.id", (phone,))
        return [member_of(r) for r in rows]

    async def update(self, member_id: int, field: str, value: str | None, now: datetime) -> None:
        """Correct one field in place: the seat, its claim codes and linked accounts stay."""
        if field not in ("name", "phone", "position", "operator"):
            raise ValueError(field)
        async with self.db.transaction() as conn:
            if field == "phone":
                async with conn.execute(
                    "SELECT commune FROM members WHERE id = ?", (member_id,)
                ) as cur:
                    row = await cur.fetchone()
                if row and await self._phone_on_team(conn, row[0], str(value)):
                    raise DuplicatePhone(str(value))
            await conn.execute(
                f"UPDATE members SET {field} = ?, updated_at = ? WHERE id = ?",
                (value, to_db(now), member_id),
            )

    async def accounts_of(self, member_id: int) -> list[SeatAccount]:
        """The chat accounts linked to one seat."""
        rows = await self.db.fetchall(
            "SELECT channel, user_id, chat_id FROM member_accounts WHERE member_id = ?",
            (member_id,),
        )
        return [SeatAccount(*r) for r in rows]
