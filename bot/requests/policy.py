"""When to follow up and escalate: pure, from a snapshot of open requests and a clock.

Each timer has an idempotency key recorded with its outbox row in one transaction, so a
restart re-derives the same plan and never repeats (or loses) a follow-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.requests.calendar import WorkCalendar
from bot.requests.config import RequestPolicy

FOLLOW_UP, ESCALATE = "followup", "escalate"
ACTIVE = ("open", "answered")


@dataclass(frozen=True)
class OpenRequest:
    """What the policy needs to know about one request."""

    id: int
    state: str
    created: datetime


@dataclass(frozen=True)
class Timer:
    """One due action."""

    request: int
    kind: str  # followup, escalate
    due: datetime

    @property
    def key(self) -> str:
        return timer_key(self.request, self.kind)


def timer_key(request: int, kind: str) -> str:
    """The key under which the action is recorded once."""
    return f"req:{request}:{kind}"


def timers(request: OpenRequest, policy: RequestPolicy, calendar: WorkCalendar) -> list[Timer]:
    """The follow-up and the escalation moments of an active request."""
    if request.state not in ACTIVE:
        return []
    return [
        Timer(request.id, FOLLOW_UP, calendar.add(request.created, policy.follow_up_after_hours)),
        Timer(request.id, ESCALATE, calendar.add(request.created, policy.escalate_after_hours)),
    ]


def due(
    requests: list[OpenRequest],
    done: set[str],
    now: datetime,
    policy: RequestPolicy,
    calendar: WorkCalendar,
) -> list[Timer]:
    """Timers due at `now` whose key was not recorded, oldest first."""
    out = [
        t
        for r in requests
        for t in timers(r, policy, calendar)
        if t.due <= now and t.key not in done
    ]
    return sorted(out, key=lambda t: (t.due, t.request, t.kind))


def next_due(
    requests: list[OpenRequest],
    done: set[str],
    now: datetime,
    policy: RequestPolicy,
    calendar: WorkCalendar,
) -> datetime | None:
    """The earliest future timer, to arm the next tick."""
    future = [
        t.due
        for r in requests
        for t in timers(r, policy, calendar)
        if t.due > now and t.key not in done
    ]
    return min(future, default=None)
