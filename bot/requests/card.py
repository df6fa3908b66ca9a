"""A new request's card for the staff, from data only (no services, no store).

The card needs the request's number, which exists only inside the transaction that inserts
the request: the store builds the rows there from the new row with `card_rows`, so this
module takes everything else as plain values (the topic's and the commune's names, the
targets) and stays a leaf the store may import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot import texts
from bot.chat import BUTTON_CHANNELS, Choice, Rich, Seg
from bot.requests.envelope import encode
from bot.rows.requests import Request
from bot.texts import requests as w


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
