"""The chat accounts linked to team seats, as the store returns them (the seats themselves
are `bot.roster.Member`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SeatAccount:
    """A chat account bound to one seat with a claim code or the contact button."""

    channel: str
    user_id: str
    chat_id: str

    @property
    def key(self) -> str:
        return f"{self.channel}:{self.user_id}"


@dataclass(frozen=True)
class LinkedSeat:
    """A seat's linked account with who sits there, and when the account was last used."""

    member: int
    commune: str
    name: str
    channel: str
    user_id: str
    chat_id: str
    used: datetime  # last message on this account, else when it was linked

    @property
    def key(self) -> str:
        return f"{self.channel}:{self.user_id}"
