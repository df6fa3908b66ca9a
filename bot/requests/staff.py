"""Who handles a request's topic, and the messages they get (card, relays, notices).

Staff are: the staff group's forum topic for the request's topic (`BOT_STAFF_CHAT`), and the
topic's provincial contacts who linked an account. Without a usable staff group the
coordinators get the requests, so nothing is recorded without somebody to read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot import texts
from bot.chat import BUTTON_CHANNELS, Choice, Rich, Seg
from bot.deps import Deps
from bot.recipients import coordinators
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


async def targets(services: Deps, topic: str) -> list[Target]:
    """The staff group's topic, the linked contacts of the topic, else the coordinators."""
    out: list[Target] = []
    chat = services.settings.staff_chat
    if chat and services.staff_ready:
        thread = (await services.store.staff.threads(chat)).get(topic)
        if thread is not None:
            out.append(Target("telegram", chat, thread, f"telegram:{chat}"))
    phones = {c.phone for c in services.directory.topic(topic).contacts}
    for account in await services.store.staff.contact_accounts():
        if account.phone in phones:
            key = f"{account.channel}:{account.user_id}"
            out.append(Target(account.channel, account.chat_id, None, key))
    if not any(t.thread is not None for t in out):
        out += [Target(c.channel, c.chat_id, None, c.key) for c in await coordinators(services)]
    unique: dict[tuple[str, str], Target] = {}
    for target in out:
        unique.setdefault((target.channel, target.chat_id), target)
    return list(unique.values())


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


def card(services: Deps, req: Request) -> Rich:
    """The request as staff first see it."""
    topic = services.directory.topic(req.topic)
    commune = services.communes.get(req.commune or "")
    return (
        texts.b(w.CARD_TITLE.format(id=req.id, topic=topic.name)),
        Seg("\n"),
        Seg(
            w.CARD_BODY.format(
                commune=commune.name if commune else w.NO_COMMUNE,
                asker=req.asker_name or req.asker,
                channel=w.CHANNELS.get(req.channel, req.channel),
            )
        ),
        Seg(req.question),
        Seg("\n\n"),
        texts.i(w.CARD_HINT),
    )


def card_rows(services: Deps, req: Request, staff: list[Target]) -> list[dict]:
    """The new request's card for every staff target, linked for staff replies."""
    rich = card(services, req)
    rows = []
    for t in staff:
        choices = staff_choices(req.id, t)
        rows.append(row(t, encode(rich, choices, thread=t.thread, request=req.id, side="staff")))
    return rows


async def notice_rows(
    services: Deps,
    req: Request,
    rich: Rich,
    copy: tuple[str, str, str] | None = None,
) -> list[dict[str, Any]]:
    """A message about a request to every staff target (linked, so staff can reply to it).

    `copy` is (channel, chat, message id) of a photo or document to relay under the text;
    Telegram copies it into Telegram chats, the others get a note instead.
    """
    out = []
    for t in await targets(services, req.topic):
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


def rating_choices(req: Request) -> tuple[Choice, ...]:
    """The asker's 1-5 rating buttons for a resolved request."""
    return tuple(Choice(str(n), f"rq:rt:{req.id}:{n}") for n in range(1, 6))
