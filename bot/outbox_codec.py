"""How the outbox stores a message in its `body` column, both ways (the outbox's own codec).

Two shapes: bulk messages (nudges, broadcasts, digests, notices) are a list of `[text, style]`
runs, where a `left` run holds a deadline whose time left is computed when the row is sent and
a `choice:<value>` run is a button; a reply a person is waiting for is a whole `Reply` as a
dict (text, choices, contact card, file) with the parts already delivered to `skip`; a bulk
message cut short mid-way becomes such a dict marked `bulk` (`progressed`).
"""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import datetime

from bot.chat import Attachment, Choice, ContactCard, Reply, Rich, Seg
from bot.texts.campaign import time_left


def rich_to_json(rich: Rich) -> list[list[str]]:
    """Rich text as stored in the outbox (a bulk message's body)."""
    return [[seg.text, seg.style] for seg in rich]


def reply_from_body(body: list[list[str]], now: datetime) -> Reply:
    """A bulk row as sent: `left` runs become the time left now, `choice:` runs buttons."""
    segs: list[Seg] = []
    choices: list[Choice] = []
    for text, style in body:
        if style == "left":
            segs.append(Seg(time_left(datetime.fromisoformat(text) - now), "b"))
        elif style.startswith("choice:"):
            choices.append(Choice(text, style.removeprefix("choice:")))
        else:
            segs.append(Seg(text, style))
    return Reply(text=tuple(segs), choices=tuple(choices))


def reply_to_json(reply: Reply, skip: int = 0) -> dict:
    """A whole reply (text, choices, contact card, file) for an outbox row; `skip` parts
    already delivered are not sent again."""
    body: dict = {"text": [[s.text, s.style] for s in reply.text], "skip": skip}
    if reply.choices:
        body["choices"] = [[c.label, c.value] for c in reply.choices]
        body["columns"] = reply.columns
    if reply.contact:
        card = reply.contact
        body["contact"] = [card.phone, card.first_name, card.last_name]
    if reply.attachment:
        a = reply.attachment
        content = base64.b64encode(a.content).decode()
        body["attachment"] = [a.filename, content, a.photo, a.caption]
    if reply.ask_phone:
        body["ask_phone"] = reply.ask_phone
    return body


def reply_from_json(body: object) -> tuple[Reply, int]:
    """An outbox body back to (reply, parts to skip); nudges and broadcasts store bare text."""
    if isinstance(body, list):
        return Reply(text=tuple(Seg(t, s) for t, s in body)), 0
    assert isinstance(body, dict)
    contact = ContactCard(*body["contact"]) if body.get("contact") else None
    attachment = None
    if body.get("attachment"):
        name, content, photo, caption = body["attachment"]
        attachment = Attachment(name, base64.b64decode(content), photo, caption)
    reply = Reply(
        text=tuple(Seg(t, s) for t, s in body["text"]),
        choices=tuple(Choice(label, value) for label, value in body.get("choices", ())),
        columns=int(body.get("columns", 1)),
        contact=contact,
        attachment=attachment,
        thread=body.get("thread"),
        copy=(str(body["copy"][0]), str(body["copy"][1])) if body.get("copy") else None,
        ask_phone=str(body.get("ask_phone", "")),
    )
    return reply, int(body.get("skip", 0))


def progressed(body: object, reply: Reply, parts_sent: int) -> object:
    """The row's body with the parts that arrived marked to skip. A bulk body (a list of runs)
    becomes the whole reply as sent, marked bulk: its time left was computed for the parts
    that arrived, and the rest must follow them, not start again."""
    if not parts_sent:
        return body
    if isinstance(body, dict):
        return {**body, "skip": int(body.get("skip", 0)) + parts_sent}
    return {**reply_to_json(replace(reply, attachment=None), parts_sent), "bulk": True}
