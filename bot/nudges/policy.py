"""The nudge policy: who is reminded of what, when. Pure: a snapshot and a clock in, nudges out.

Per task and commune whose task is open:
* before the deadline, at each `policy.before` offset (D-3d, D-1d, D-3h), the registrars and
  the linked members of the commune;
* after it, daily at `policy.overdue_at`, the registrars;
* coordinators get a summary at the deadline and daily at `policy.summary_at` while any
  commune is overdue.
Slots inside quiet hours move to the end of the quiet period. `plan` returns, per recipient,
commune and task, only the latest slot due at the given moment, and only if its idempotency
key was not recorded: after downtime the latest nudge goes out once, older ones never.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo

from bot.chat import Recipient
from bot.nudges.campaign import Policy, Task
from bot.timestamps import to_db

Gaps = dict[str, int]  # role → seats still empty (roster.missing); {} for a manual task


@dataclass(frozen=True)
class CommuneState:
    """A commune's open tasks (task key → what is missing, as data) and its people."""

    code: str
    name: str
    open_tasks: dict[str, Gaps]
    registrars: tuple[Recipient, ...] = ()
    members: tuple[Recipient, ...] = ()


@dataclass(frozen=True)
class Nudge:
    """One line of the plan."""

    task: Task
    commune: CommuneState | None  # None for a coordinator summary
    recipient: Recipient
    kind: str  # before_3d, before_1d, before_3h, overdue, summary
    slot: datetime
    overdue_count: int = 0

    @property
    def key(self) -> str:
        """Idempotency key: the same nudge is never queued twice."""
        where = self.commune.code if self.commune else "*"
        return f"{self.task.key}|{where}|{self.recipient.key}|{self.kind}|{to_db(self.slot)}"

    def as_json(self) -> dict[str, object]:
        """The fields of `commune-bot nudges plan`."""
        return {
            "deadline": self.task.key,
            "commune": self.commune.code if self.commune else None,
            "recipient": self.recipient.key,
            "channel": self.recipient.channel,
            "kind": self.kind,
            "slot": self.slot.isoformat(),
            "due": self.task.due.isoformat(),
        }


@dataclass
class Snapshot:
    """What the policy needs from the database."""

    tasks: list[Task]
    communes: list[CommuneState]
    coordinators: list[Recipient] = field(default_factory=list)


def in_quiet_hours(moment: datetime, policy: Policy, tz: tzinfo) -> bool:
    """True between quiet_start and quiet_end (local time), across midnight."""
    local = moment.astimezone(tz).time()
    start, end = policy.quiet_start, policy.quiet_end
    return (local >= start or local < end) if start > end else start <= local < end


def defer(moment: datetime, policy: Policy, tz: tzinfo) -> datetime:
    """A slot inside quiet hours moves to the end of the quiet period."""
    if not in_quiet_hours(moment, policy, tz):
        return moment
    local = moment.astimezone(tz)
    end = local.replace(
        hour=policy.quiet_end.hour, minute=policy.quiet_end.minute, second=0, microsecond=0
    )
    if end <= local:
        end += timedelta(days=1)
    return end


def _label(offset: timedelta) -> str:
    if offset % timedelta(days=1) == timedelta(0):
        return f"before_{offset.days}d"
    if offset % timedelta(hours=1) == timedelta(0):
        return f"before_{int(offset.total_seconds() // 3600)}h"
    return f"before_{int(offset.total_seconds() // 60)}m"


def latest_before(
    task: Task, at: datetime, policy: Policy, tz: tzinfo
) -> tuple[str, datetime] | None:
    """The latest reminder slot before the deadline that is due at `at` (None after D)."""
    if at >= task.due:
        return None
    best = None
    for offset in policy.before:
        slot = defer(task.due - offset, policy, tz)
        if slot <= at and slot < task.due and (best is None or slot > best[1]):
            best = (_label(offset), slot)
    return best


def latest_daily(
    after: datetime, at: datetime, daily: time, policy: Policy, tz: tzinfo
) -> datetime | None:
    """The latest daily slot at `daily` (local) strictly after `after` and due at `at`."""
    local = at.astimezone(tz)
    for days_back in range(3):
        day = (local - timedelta(days=days_back)).date()
        raw = datetime.combine(day, daily, tzinfo=tz)
        slot = defer(raw, policy, tz)
        if after < raw and slot <= at:
            return slot
    return None


def plan(
    at: datetime, snapshot: Snapshot, sent: set[str], policy: Policy, tz: tzinfo
) -> list[Nudge]:
    """Every nudge due at `at` whose key is not in `sent`; nothing during quiet hours."""
    if in_quiet_hours(at, policy, tz):
        return []
    out: list[Nudge] = []
    for task in snapshot.tasks:
        if task.closed:
            continue
        open_here = [c for c in snapshot.communes if task.key in c.open_tasks]
        out += _commune_nudges(at, task, open_here, policy, tz)
        out += _summaries(at, task, open_here, snapshot.coordinators, policy, tz)
    return [n for n in out if n.key not in sent]


def _commune_nudges(
    at: datetime, task: Task, communes: Iterable[CommuneState], policy: Policy, tz: tzinfo
) -> list[Nudge]:
    before = latest_before(task, at, policy, tz)
    overdue = None if before else latest_daily(task.due, at, policy.overdue_at, policy, tz)
    out = []
    for commune in communes:
        if before:
            kind, slot = before
            people = _unique(commune.registrars + commune.members)
        elif overdue:
            kind, slot, people = "overdue", overdue, _unique(commune.registrars)
        else:
            continue
        out += [Nudge(task, commune, person, kind, slot) for person in people]
    return out


def _summaries(
    at: datetime,
    task: Task,
    open_here: list[CommuneState],
    coordinators: list[Recipient],
    policy: Policy,
    tz: tzinfo,
) -> list[Nudge]:
    if not open_here or at < task.due:
        return []
    at_deadline = defer(task.due, policy, tz)
    daily = latest_daily(task.due, at, policy.summary_at, policy, tz)
    slots = [s for s in (at_deadline, daily) if s is not None and s <= at]
    if not slots:
        return []
    slot = max(slots)
    return [Nudge(task, None, c, "summary", slot, len(open_here)) for c in _unique(coordinators)]


def _unique(people: Iterable[Recipient]) -> list[Recipient]:
    seen: dict[str, Recipient] = {}
    for person in people:
        seen.setdefault(person.key, person)
    return list(seen.values())


def next_slot(after: datetime, snapshot: Snapshot, policy: Policy, tz: tzinfo) -> datetime | None:
    """The next moment any slot becomes due after `after` (for arming a job)."""
    candidates: list[datetime] = []
    for task in snapshot.tasks:
        if task.closed or not any(task.key in c.open_tasks for c in snapshot.communes):
            continue
        candidates += [defer(task.due - o, policy, tz) for o in policy.before]
        candidates.append(defer(task.due, policy, tz))
        local = after.astimezone(tz)
        for daily in (policy.overdue_at, policy.summary_at):
            for days in range(2):
                raw = datetime.combine((local + timedelta(days=days)).date(), daily, tzinfo=tz)
                if raw > task.due:
                    candidates.append(defer(raw, policy, tz))
    future = [c for c in candidates if c > after]
    return min(future) if future else None
