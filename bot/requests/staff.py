"""Who handles a request's topic, and the messages they get (card, relays, notices).

Staff are: the staff group's forum topic for the request's topic (`BOT_STAFF_CHAT`), and the
topic's provincial contacts who linked an account. Without a usable staff group the
coordinators get the requests, so nothing is recorded without somebody to read it.
"""

from __future__ import annotations

from typing import Any

from bot.chat import Choice, Rich
from bot.deps import Deps
from bot.recipients import coordinators
from bot.requests.card import Target, notices
from bot.rows.requests import Request


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


async def notice_rows(
    services: Deps,
    req: Request,
    rich: Rich,
    copy: tuple[str, str, str] | None = None,
) -> list[dict[str, Any]]:
    """A message about a request to every staff target of its topic (bot/requests/card.py)."""
    return notices(await targets(services, req.topic), req, rich, copy)


def rating_choices(req: Request) -> tuple[Choice, ...]:
    """The asker's 1-5 rating buttons for a resolved request."""
    return tuple(Choice(str(n), f"rq:rt:{req.id}:{n}") for n in range(1, 6))
