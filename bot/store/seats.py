"""The SQL of a team seat, shared by the areas that read or write one (`teams`, and
`access` for an account's seats): the member query and its row → `Member`, the insert and
the update of a drafted person. A leaf: it imports no other store module."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.roster import Member
from bot.timestamps import to_db

MEMBER_SQL = (
    "SELECT m.id, m.commune, m.role, m.name, m.phone, m.position, m.operator, "
    "EXISTS (SELECT 1 FROM member_accounts a WHERE a.member_id = m.id) AS reachable "
    "FROM members m"
)
SEATS_OF = (
    f"{MEMBER_SQL} JOIN member_accounts a2 ON a2.member_id = m.id "
    "WHERE a2.channel = ? AND a2.user_id = ? ORDER BY m.id"
)
INSERT_MEMBER = (
    "INSERT INTO members (commune, role, name, phone, position, operator, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
UPDATE_MEMBER = (
    "UPDATE members SET name = ?, phone = ?, position = ?, operator = ?, updated_at = ? "
    "WHERE id = ?"
)


def member_of(row: Any) -> Member:
    """A row of MEMBER_SQL as a Member."""
    return Member(
        id=row[0],
        commune=row[1],
        role=row[2],
        name=row[3],
        phone=row[4],
        position=row[5],
        operator=row[6],
        reachable=bool(row[7]),
    )


def insert_params(commune: str, draft: dict[str, Any], now: datetime) -> tuple[Any, ...]:
    """INSERT_MEMBER's values for one drafted person."""
    stamp = to_db(now)
    return (
        commune,
        draft["role"],
        draft["name"],
        draft["phone"],
        draft.get("position", ""),
        draft.get("operator"),
        stamp,
        stamp,
    )


def update_params(member_id: int, draft: dict[str, Any], now: datetime) -> tuple[Any, ...]:
    """UPDATE_MEMBER's values: a seat's person (or their details) replaced."""
    details = (draft["name"], draft["phone"], draft.get("position", ""), draft.get("operator"))
    return (*details, to_db(now), member_id)
