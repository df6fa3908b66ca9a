"""What relaying one message means, as data: the record, the request's new fields, the outbox
rows and the confirmation. Pure (no services, no clock), so a link reply (bot/requests/relay.py)
and the follow-up dialogue's step (bot/requests/followup.py) compose it the same way, and the
store can apply it inside a dialogue's transaction (`written` stamps the time there).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot import texts
from bot.chat import Choice, Person, Seg
from bot.requests.card import MAX_TEXT, Target, asker_row, notices
from bot.rows.requests import Request
from bot.texts import requests as w
from bot.timestamps import to_db

CLOSED = ("resolved", "closed")


@dataclass(frozen=True)
class Said:
    """One message to relay, from whichever side."""

    user: Person
    kind: str
    text: str
    channel: str
    chat_id: str
    message_id: str = ""  # "" on the console: each line is its own message


@dataclass(frozen=True)
class Relayed:
    """A relay to write: the message record (without its time), the request's changes
    (`first_answer`: also stamp its first answer now), the outbox rows, and what to confirm."""

    message: dict[str, Any]
    changes: dict[str, Any]
    rows: list[dict[str, Any]] = field(default_factory=list)
    first_answer: bool = False
    confirm: str = ""


def content(said: Said) -> str | None:
    """The text to relay (cut to a sane length); None for an empty text message."""
    text = said.text.strip()[:MAX_TEXT]
    if said.kind == "text" and not text:
        return None
    return text


def from_staff(said: Said, req: Request, unit: str) -> Relayed | None:
    """A staff member answered: the asker gets it with the responder's name and unit."""
    text = content(said)
    if text is None:
        return None
    header = w.STAFF_SAYS.format(id=req.id, name=said.user.name or unit, unit=unit)
    copy = None
    if said.kind != "text":
        if said.channel == req.channel == "telegram" and said.message_id:
            copy = (said.chat_id, said.message_id)
        else:
            text += w.ATTACHED.format(what=w.MEDIA_WORDS.get(said.kind, w.FILE_WORD))
    choices = (Choice(w.REPLY, f"rq:re:{req.id}"), Choice(w.FU_OK, f"rq:ok:{req.id}"))
    rows = [asker_row(req, (texts.b(header), Seg(text)), choices, copy)]
    changes: dict[str, Any] = {}
    if req.state != "answered":
        changes["state"] = "answered"
    if req.state in CLOSED:
        changes |= {"reopen": True, "resolved_at": None}
    done = w.RELAYED_TO_ASKER.format(id=req.id)
    if req.state in CLOSED:
        done = w.REOPENED.format(id=req.id) + "\n" + done
    message = _message(said, req, "staff", text)
    return Relayed(message, changes, rows, req.first_answer_at is None, done)


def from_asker(said: Said, req: Request, commune: str, staff: Sequence[Target]) -> Relayed | None:
    """The asker wrote more: the staff get it; a closed request opens again."""
    text = content(said)
    if text is None:
        return None
    header = w.ASKER_SAYS.format(
        id=req.id, asker=req.asker_name or req.asker, commune=commune or w.NO_COMMUNE
    )
    copy = None
    if said.kind != "text":
        what = w.MEDIA_WORDS.get(said.kind, w.FILE_WORD)
        if said.channel == "telegram" and said.message_id:  # the file itself follows
            copy = ("telegram", said.chat_id, said.message_id)
            text += w.ATTACHED.format(what=what)
        else:  # a Zalo bot cannot pass the file on: the staff are told to call
            text += w.ATTACHED_ZALO.format(what=what)
    rows = notices(staff, req, (texts.b(header), Seg(text)), copy)
    changes: dict[str, Any] = {}
    if req.state in CLOSED:
        changes = {"state": "open", "reopen": True, "resolved_at": None}
    confirm = w.RELAYED_TO_STAFF.format(id=req.id)
    return Relayed(_message(said, req, "asker", text), changes, rows, False, confirm)


def written(relayed: Relayed, now: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """The message record and the changes as stored at `now`."""
    message = {**relayed.message, "at": to_db(now)}
    # The console has no message ids: a fresh one, so each line is its own message.
    message["message_id"] = message["message_id"] or f"local:{uuid.uuid4().hex}"
    changes = dict(relayed.changes)
    if relayed.first_answer:
        changes["first_answer_at"] = now
    return message, changes


def _message(said: Said, req: Request, side: str, text: str) -> dict[str, Any]:
    return {
        "request": req.id,
        "side": side,
        "author": said.user.key,
        "author_name": said.user.name[:100],
        "kind": said.kind,
        "text": text,
        "channel": said.channel,
        "chat_id": said.chat_id,
        "message_id": said.message_id,
    }
