"""A new request's card for the staff, from data only (no services, no store).

The card needs the request's number, which exists only inside the transaction that inserts
the request: the store builds the rows there from the new row with `card_rows`, so this
module takes everything else as plain values (the topic's and the commune's names, the
targets) and stays a leaf the store may import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot import texts
from bot.chat import BUTTON_CHANNELS, Choice, Rich, Seg
from bot.requests.envelope import encode
from bot.rows.requests import Request
from bot.texts import requests as w

MAX_TEXT = 4000  # a question or a relayed message: a pasted 10,000-character log is cut


@dataclass(frozen=True)
class Target:
    """One place a staff message goes."""

    channel: str
    chat_id: str
    thread: int | None = None
    key: str = ""

    @property
    def buttons(self) -> bool:
        return self.channel in BUTTON_CHANNELS


def row(target: Target, body: dict[str, Any]) -> dict[str, Any]:
    """An outbox row for a target."""
    recipient = target.key or f"{target.channel}:{target.chat_id}"
    return {
        "channel": target.channel,
        "chat_id": target.chat_id,
        "recipient": recipient,
        "body": body,
    }


def staff_choices(request: int, target: Target) -> tuple[Choice, ...]:
    """Take, resolve, the asker's phone; on Zalo also "reply" (Zalo has no reply-to)."""
    choices = [
        Choice(w.TAKE, f"rq:take:{request}"),
        Choice(w.RESOLVE, f"rq:done:{request}"),
        Choice(w.PHONE, f"rq:ph:{request}"),
        Choice(w.CLOSE, f"rq:close:{request}"),
    ]
    if not target.buttons:
        choices.insert(0, Choice(w.REPLY, f"rq:re:{request}"))
    return tuple(choices)


def card(req: Request, topic: str, commune: str) -> Rich:
    """The request as staff first see it (`topic`, `commune`: their names; "" for none)."""
    return (
        texts.b(w.CARD_TITLE.format(id=req.id, topic=topic)),
        Seg("\n"),
        Seg(
            w.CARD_BODY.format(
                commune=commune or w.NO_COMMUNE,
                asker=req.asker_name or req.asker,
                channel=w.CHANNELS.get(req.channel, req.channel),
            )
        ),
        Seg(req.question),
        Seg("\n\n"),
        texts.i(w.CARD_HINT),
    )


def card_rows(req: Request, staff: tuple[Target, ...], topic: str, commune: str) -> list[dict]:
    """The new request's card for every staff target, linked for staff replies."""
    rich = card(req, topic, commune)
    rows = []
    for t in staff:
        choices = staff_choices(req.id, t)
        rows.append(row(t, encode(rich, choices, thread=t.thread, request=req.id, side="staff")))
    return rows


def notices(
    staff: Sequence[Target],
    req: Request,
    rich: Rich,
    copy: tuple[str, str, str] | None = None,
) -> list[dict[str, Any]]:
    """A message about a request to each staff target (linked, so staff can reply to it).

    `copy` is (channel, chat, message id) of a photo or document to relay under the text;
    Telegram copies it into Telegram chats, the others get a note instead.
    """
    out = []
    for t in staff:
        same = copy is not None and copy[0] == t.channel == "telegram"
        choices = () if t.buttons else (Choice(w.REPLY, f"rq:re:{req.id}"),)
        body = encode(
            rich,
            choices,
            thread=t.thread,
            copy=(copy[1], copy[2]) if same and copy else None,
            request=req.id,
            side="staff",
        )
        out.append(row(t, body))
    return out


def asker_row(
    req: Request,
    rich: Rich,
    choices: tuple[Choice, ...] = (),
    copy: tuple[str, str] | None = None,
) -> dict:
    """A message to the asker on their channel, linked so their reply comes back."""
    body = encode(rich, choices, copy=copy, request=req.id, side="asker")
    return {
        "channel": req.channel,
        "chat_id": req.chat_id,
        "recipient": req.asker,
        "name": req.asker_name,
        "body": body,
    }
