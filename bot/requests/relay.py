"""Relaying: a staff reply to the asker, the asker's reply to the staff.

Which request a message answers comes from the database link (chat, message id) → request
written when the bot's message was delivered, never from the message's text. The relayed
message, its record and the request's new state are written in one transaction; a
redelivered update is recognised by its (channel, chat, message id) and relayed once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from bot import texts
from bot.chat import Choice, Incoming, Reply, Seg
from bot.deps import Deps
from bot.requests.create import MAX_QUESTION
from bot.requests.envelope import here
from bot.requests.staff import asker_row, notice_rows
from bot.rows.requests import Request
from bot.texts import requests as w
from bot.timestamps import to_db

CLOSED = ("resolved", "closed")


class Relay:
    """staff_says / asker_says: record, change the state, queue the relayed message."""

    def __init__(self, services: Deps, unit_of: Callable, wake: Callable[[], None]) -> None:
        self.s, self.unit_of, self.wake = services, unit_of, wake

    async def staff_says(self, inc: Incoming, req: Request) -> list[Reply]:
        """A staff member answered: the asker gets it with the responder's name and unit."""
        text = _content(inc)
        if text is None:
            return [here(inc, w.EMPTY_RELAY)]
        unit = await self.unit_of(inc.user)
        header = w.STAFF_SAYS.format(id=req.id, name=inc.user.name or unit, unit=unit)
        copy = None
        if inc.kind != "text":
            if inc.channel == req.channel == "telegram" and inc.message_id:
                copy = (inc.chat_id, inc.message_id)
            else:
                text += w.ATTACHED.format(what=w.MEDIA_WORDS.get(inc.kind, w.FILE_WORD))
        choices = (Choice(w.REPLY, f"rq:re:{req.id}"), Choice(w.FU_OK, f"rq:ok:{req.id}"))
        rows = [asker_row(req, (texts.b(header), Seg(text)), choices, copy)]
        changes: dict[str, Any] = {}
        if req.first_answer_at is None:
            changes["first_answer_at"] = self.s.clock()
        if req.state != "answered":
            changes["state"] = "answered"
        if req.state in CLOSED:
            changes |= {"reopen": True, "resolved_at": None}
        if not await self.s.store.requests.record_relay(
            self._message(inc, req, "staff", text), changes, rows
        ):
            return []
        self.wake()
        done = w.RELAYED_TO_ASKER.format(id=req.id)
        if req.state in CLOSED:
            done = w.REOPENED.format(id=req.id) + "\n" + done
        return [here(inc, done)]

    async def asker_says(self, inc: Incoming, req: Request) -> list[Reply]:
        """The asker wrote more: the staff get it; a closed request opens again."""
        text = _content(inc)
        if text is None:
            return [here(inc, w.EMPTY_RELAY)]
        commune = self.s.communes.get(req.commune or "")
        header = w.ASKER_SAYS.format(
            id=req.id,
            asker=req.asker_name or req.asker,
            commune=commune.name if commune else w.NO_COMMUNE,
        )
        copy = None
        if inc.kind != "text":
            if inc.channel == "telegram" and inc.message_id:
                copy = ("telegram", inc.chat_id, inc.message_id)
            text += w.ATTACHED_ZALO.format(what=w.MEDIA_WORDS.get(inc.kind, w.FILE_WORD))
        rows = await notice_rows(self.s, req, (texts.b(header), Seg(text)), copy)
        changes: dict[str, Any] = {}
        if req.state in CLOSED:
            changes = {"state": "open", "reopen": True, "resolved_at": None}
        if not await self.s.store.requests.record_relay(
            self._message(inc, req, "asker", text), changes, rows
        ):
            return []
        self.wake()
        return [here(inc, w.RELAYED_TO_STAFF.format(id=req.id))]

    def _message(self, inc: Incoming, req: Request, side: str, text: str) -> dict[str, Any]:
        return {
            "request": req.id,
            "side": side,
            "author": inc.user.key,
            "author_name": inc.user.name[:100],
            "kind": inc.kind,
            "text": text,
            "channel": inc.channel,
            "chat_id": inc.chat_id,
            # The console has no message ids: a fresh one, so each line is its own message.
            "message_id": inc.message_id or f"local:{uuid.uuid4().hex}",
            "at": to_db(self.s.clock()),
        }


def _content(inc: Incoming) -> str | None:
    """The text to relay (cut to a sane length); None for an empty text message."""
    text = inc.text.strip()[:MAX_QUESTION]
    if inc.kind == "text" and not text:
        return None
    return text
