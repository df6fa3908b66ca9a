"""Follow-ups and escalations from the database, re-armed at every start like nudges.

Each tick queues what is due under idempotency keys in one transaction (outbox rows and keys
together), then arms one job for the next due moment (or an hourly re-check). A restart
re-derives the same plan: what was queued is not queued again, what became due while the bot
was down goes out once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from bot.deps import Deps
from bot.recipients import coordinators
from bot.requests.calendar import WorkCalendar
from bot.requests.card import asker_row
from bot.requests.config import RequestPolicy
from bot.requests.policy import ESCALATE, FOLLOW_UP, OpenRequest, Timer, due, next_due
from bot.requests.staff import notice_rows
from bot.requests.views import overdue
from bot.rows.requests import Request
from bot.texts import request_views as words
from bot.timer import Arm

log = logging.getLogger(__name__)
RECHECK = timedelta(hours=1)


class RequestTimers:
    """tick(): queue due follow-ups and escalations, wake the outbox, arm the next tick."""

    def __init__(
        self,
        services: Deps,
        policy: RequestPolicy,
        calendar: WorkCalendar,
        arm: Arm,
        wake: Callable[[], None],
    ) -> None:
        self.s, self.policy, self.calendar = services, policy, calendar
        self.arm, self.wake = arm, wake

    async def tick(self) -> None:
        now = self.s.clock()
        upcoming = None
        try:
            rows = await self.s.store.requests.where(open_only=True)
            done = await self.s.store.requests.timer_keys()
            snapshot = [OpenRequest(r.id, r.state, r.created_at) for r in rows]
            timers = due(snapshot, done, now, self.policy, self.calendar)
            if timers:
                queued = await self.s.store.staff.enqueue_keyed(
                    await self._items(timers, {r.id: r for r in rows}), now
                )
                log.info("queued %d request follow-ups/escalations", queued)
                self.wake()
                done = await self.s.store.requests.timer_keys()
            upcoming = next_due(snapshot, done, now, self.policy, self.calendar)
        except Exception:
            log.exception("request timers failed; will try again")
        when = min(upcoming, now + RECHECK) if upcoming else now + RECHECK
        self.arm(max(1.0, (when - now).total_seconds() + 1.0), self.tick)

    async def _items(
        self, timers: list[Timer], reqs: dict[int, Request]
    ) -> list[tuple[Any, list[str]]]:
        items: list[tuple[Any, list[str]]] = []
        for t in timers:
            if t.kind == FOLLOW_UP:
                items.append((follow_up_row(self.s, reqs[t.request]), [t.key]))
        escalations = [t for t in timers if t.kind == ESCALATE]
        if escalations:
            items += await self._escalations(escalations, reqs)
        return items

    async def _escalations(
        self, timers: list[Timer], reqs: dict[int, Request]
    ) -> list[tuple[Any, list[str]]]:
        """One combined message per coordinator, and a line in each request's staff topic."""
        lines = words.escalation(overdue(self.s, reqs[t.request]) for t in timers)
        items: list[tuple[Any, list[str]]] = []
        for c in await coordinators(self.s):
            row: dict[str, Any] = {"channel": c.channel, "chat_id": c.chat_id, "recipient": c.key}
            row["name"] = c.name
            row["body"] = {"text": [[s.text, s.style] for s in lines]}
            items.append((row, [f"{t.key}:{c.key}" for t in timers]))
        for t in timers:
            rows = await notice_rows(self.s, reqs[t.request], words.escalated_staff(t.request))
            items.append((rows[0] if rows else None, [t.key]))
            items += [(r, [f"{t.key}:{n}"]) for n, r in enumerate(rows[1:], 1)]
        return items


def follow_up_row(services: Deps, req: Request) -> dict:
    """The follow-up question to the asker, with its three answers."""
    said, choices = words.follow_up(req.id, services.directory.topic(req.topic).label)
    return asker_row(req, said, choices)
