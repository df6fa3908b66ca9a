"""Relaying: a staff reply to the asker, the asker's reply to the staff.

Which request a message answers comes from the database link (chat, message id) → request
written when the bot's message was delivered, never from the message's text. The relayed
message, its record and the request's new state are written in one transaction; a
redelivered update is recognised by its (channel, chat, message id) and relayed once. What a
relay writes is composed by bot/requests/relayed.py (pure); this module reads what it needs
and writes it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.chat import Incoming, Person, Reply
from bot.deps import Deps
from bot.requests.envelope import here
from bot.requests.relayed import Relayed, Said, from_asker, from_staff, written
from bot.requests.staff import targets
from bot.rows.requests import Request
from bot.texts import requests as w

UnitOf = Callable[[Person], Awaitable[str]]


def said_of(inc: Incoming) -> Said:
    return Said(inc.user, inc.kind, inc.text, inc.channel, inc.chat_id, inc.message_id or "")


class Relay:
    """staff_says / asker_says: record, change the state, queue the relayed message."""

    def __init__(self, services: Deps, unit_of: UnitOf, wake: Callable[[], None]) -> None:
        self.s, self.unit_of, self.wake = services, unit_of, wake

    async def staff_says(self, inc: Incoming, req: Request) -> list[Reply]:
        """A staff member answered: the asker gets it with the responder's name and unit."""
        said = said_of(inc)
        if not said.text.strip() and said.kind == "text":
            return [here(inc, w.EMPTY_RELAY)]
        return await self._record(inc, from_staff(said, req, await self.unit_of(inc.user)))

    async def asker_says(self, inc: Incoming, req: Request) -> list[Reply]:
        """The asker wrote more: the staff get it; a closed request opens again."""
        relayed = from_asker(said_of(inc), req, *await self.asker_view(req))
        return await self._record(inc, relayed)

    async def asker_view(self, req: Request) -> tuple[str, list]:
        """What relaying to the staff reads: the commune's name and the topic's staff."""
        commune = self.s.communes.get(req.commune or "")
        return (commune.name if commune else ""), await targets(self.s, req.topic)

    async def _record(self, inc: Incoming, relayed: Relayed | None) -> list[Reply]:
        if relayed is None:
            return [here(inc, w.EMPTY_RELAY)]
        message, changes = written(relayed, self.s.clock())
        if not await self.s.store.requests.record_relay(message, changes, relayed.rows):
            return []  # this very message was relayed before (a redelivered update)
        self.wake()
        return [here(inc, relayed.confirm)]
