"""What a dialogue step asks to change: one frozen dataclass per kind of change.

Steps return effects instead of writing; the runner hands them, with the conversation's new
state, to the store (bot/store/effects.py), which applies them all in one transaction. Core
code: no SQL here. Each class says whether it queues messages (wake the outbox) or changes
what the nudge schedule depends on (re-plan at once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from bot.chat import Recipient
from bot.requests.card import Target
from bot.requests.relayed import Relayed


@dataclass(frozen=True)
class Effect:
    """Base of every effect."""

    wakes_outbox: ClassVar[bool] = False  # queues messages: the outbox sends at once
    replans: ClassVar[bool] = False  # changes teams, tasks or deadlines: nudges re-planned


@dataclass(frozen=True)
class Draft:
    """One person as entered for a seat (phone in E.164; operator for the telecom seat)."""

    role: str
    name: str
    phone: str
    position: str = ""
    operator: str | None = None

    def as_row(self) -> dict[str, Any]:
        """The shape the team store takes."""
        return {
            "role": self.role,
            "name": self.name,
            "phone": self.phone,
            "position": self.position,
            "operator": self.operator,
        }


@dataclass(frozen=True)
class SaveMembers(Effect):
    """New members of one commune, all or none (result: their ids)."""

    replans: ClassVar[bool] = True
    commune: str
    drafts: tuple[Draft, ...]


@dataclass(frozen=True)
class ReplaceMember(Effect):
    """Another person in a seat (linked accounts go when the phone changes)."""

    replans: ClassVar[bool] = True
    member: int
    draft: Draft


@dataclass(frozen=True)
class UpdateMember(Effect):
    """One field of one member corrected in place."""

    replans: ClassVar[bool] = True
    member: int
    field: str
    value: str | None


@dataclass(frozen=True)
class RemoveMember(Effect):
    """A member taken off the team."""

    replans: ClassVar[bool] = True
    member: int


@dataclass(frozen=True)
class Audit(Effect):
    """One line of the audit trail (never a phone in clear)."""

    actor: str
    action: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Notify(Effect):
    """A message to every chat account linked to a seat, through the outbox.

    `body` is the outbox's JSON form of rich text; `key` makes the nudge key unique (with
    the account and the time)."""

    wakes_outbox: ClassVar[bool] = True
    member: int
    name: str
    body: tuple[tuple[str, str], ...]
    key: str


@dataclass(frozen=True)
class QueueBroadcast(Effect):
    """A broadcast and one outbox row per recipient (result: its id)."""

    wakes_outbox: ClassVar[bool] = True
    sender: Recipient  # told how it went, on this chat (none from the CLI)
    audience: str
    text: str
    body: tuple[tuple[str, str], ...]
    recipients: tuple[Recipient, ...]


@dataclass(frozen=True)
class MoveDeadline(Effect):
    replans: ClassVar[bool] = True
    task: str
    due: datetime


@dataclass(frozen=True)
class AddTask(Effect):
    replans: ClassVar[bool] = True
    key: str
    title: str
    kind: str
    due: datetime
    campaign: str


@dataclass(frozen=True)
class CloseTask(Effect):
    replans: ClassVar[bool] = True
    task: str


@dataclass(frozen=True)
class CloseCampaign(Effect):
    replans: ClassVar[bool] = True
    campaign: str


@dataclass(frozen=True)
class MarkDone(Effect):
    replans: ClassVar[bool] = True
    commune: str
    task: str
    by: str
    note: str


@dataclass(frozen=True)
class OpenRequest(Effect):
    """A support request, its first message and its card to every staff target, written
    together (result: its number). `fields` are the asked ones (topic, commune, asker,
    asker_name, channel, chat_id, question); the store stamps the time. The card is built
    from the new row (bot/requests/card.py): `topic` and `commune` are the names it shows."""

    wakes_outbox: ClassVar[bool] = True
    fields: tuple[tuple[str, str], ...]
    staff: tuple[Target, ...]
    topic: str
    commune: str


@dataclass(frozen=True)
class RecordRelay(Effect):
    """A message relayed to the other side of a request: its record, the request's changes
    and the outbox rows (result: False when this very message was recorded before)."""

    wakes_outbox: ClassVar[bool] = True
    relayed: Relayed


@dataclass(frozen=True)
class UpdateRequest(Effect):
    """Fields of a request changed (a comment after the rating)."""

    request: int
    changes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RememberCommune(Effect):
    """The commune an asker without a seat gave, for their next request."""

    user: str
    commune: str


DUPLICATE_PHONE = "duplicate_phone"


class Conflict(Exception):
    """An effect the data refused (e.g. someone registered that phone meanwhile): nothing was
    written; the dialogue decides what to say (`Dialogue.on_conflict`)."""

    def __init__(self, effect: Effect, reason: str, value: str = "") -> None:
        super().__init__(f"{type(effect).__name__} refused: {reason}")
        self.effect, self.reason, self.value = effect, reason, value


def wakes_outbox(effects: list[Effect]) -> bool:
    return any(e.wakes_outbox for e in effects)


def replans(effects: list[Effect]) -> bool:
    return any(e.replans for e in effects)
