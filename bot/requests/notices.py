"""Short notices to the staff about a request, queued through the outbox."""

from __future__ import annotations

from typing import Any

from bot.chat import Seg
from bot.deps import Deps
from bot.requests.staff import notice_rows
from bot.texts import requests as w


async def to_staff(services: Deps, request: int, text: str, changes: dict | None = None) -> None:
    """Queue `text` to the request's staff (with any field changes, atomically)."""
    req = await services.store.requests.get(request)
    if req is None:
        return
    rows = await notice_rows(services, req, (Seg(text),))
    await services.store.requests.update(request, changes or {}, rows, services.clock())


async def asker_unreachable(services: Deps, request: int) -> None:
    """The asker blocked the bot: staff are asked to call."""
    await to_staff(services, request, w.UNREACHABLE.format(id=request))


async def staff_group_problem(services: Deps, problem: str) -> None:
    """Tell each coordinator once a day that the staff group cannot be used."""
    from bot.recipients import coordinators

    now = services.clock()
    day = now.astimezone(services.settings.tz).date().isoformat()
    text = w.STAFF_GROUP_PROBLEM.format(problem=problem)
    items: list[tuple[dict[str, Any] | None, list[str]]] = []
    for c in await coordinators(services):
        row: dict[str, Any] = {"channel": c.channel, "chat_id": c.chat_id, "recipient": c.key}
        row["name"] = c.name
        row["body"] = {"text": [[text, ""]]}
        items.append((row, [f"staff:{day}:{c.key}"]))
    if items:
        await services.store.staff.enqueue_keyed(items, now)
