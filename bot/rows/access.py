"""A granted role, an account's standing, a spent invite and an audit entry, as the store
returns them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.roster import Member


@dataclass(frozen=True)
class Grant:
    """A role given to one account, with the scope it covers (registrars)."""

    user: str  # "channel:user id"
    role: str  # "coordinator" | "registrar"
    districts: list[str]  # former-district codes
    communes: list[str]  # commune codes


@dataclass(frozen=True)
class Standing:
    """One account's grant (if any) and the team seats it is linked to: what its roles are
    made of (bot/access.py)."""

    grant: Grant | None
    seats: tuple[Member, ...]


@dataclass(frozen=True)
class Invite:
    """What a spent invite code gives: a role, its scope, and the account it links to."""

    role: str
    districts: list[str]
    communes: list[str]
    person: str | None  # /link: the inviter's own account on another channel

    def detail(self) -> dict[str, Any]:
        """The audit trail's record of it."""
        return {
            "role": self.role,
            "districts": self.districts,
            "communes": self.communes,
            "person": self.person,
        }


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    detail: dict[str, Any]  # the action's own JSON record (free-form, never phones in clear)
