"""Task progress for /status, /deadlines, the chart and the export.

Each task (team formed, LAN, video-conference PCs, any task a coordinator adds) is counted
over a set of communes: done + not done = the number of communes, so totals add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.completeness import CommuneStatus
from bot.deps import Deps
from bot.nudges.campaign import TEAM, Task
from bot.texts import progress as texts_progress
from bot.views import TaskCount, TaskState


@dataclass(frozen=True)
class TaskProgress:
    """One task over a set of communes."""

    task: Task
    done: int
    total: int

    @property
    def open(self) -> int:
        return self.total - self.done


async def done_map(services: Deps, rows: list[CommuneStatus]) -> dict[str, set[str]]:
    """Task key → codes of the communes (among rows) that have done it."""
    done = await services.store.tasks.done()
    tasks = await services.store.tasks.all()
    codes = {r.code for r in rows}
    out: dict[str, set[str]] = {}
    for task in tasks:
        if task.kind == TEAM:
            out[task.key] = {r.code for r in rows if r.complete}
        else:
            out[task.key] = {c for c, k in done if k == task.key and c in codes}
    return out


async def progress(services: Deps, rows: list[CommuneStatus]) -> list[TaskProgress]:
    """Every open task over these communes."""
    finished = await done_map(services, rows)
    return [
        TaskProgress(t, len(finished.get(t.key, ())), len(rows))
        for t in await services.store.tasks.all()
    ]


def due_words(services: Deps, due: datetime, now: datetime) -> str:
    """ "hạn 17:00 15/06/2026, còn 2 ngày 3 giờ" or "… đã quá hạn", in the bot's time zone."""
    return texts_progress.due_words(due.astimezone(services.settings.tz), now)


def task_counts(services: Deps, items: list[TaskProgress]) -> tuple[TaskCount, ...]:
    """The tasks section of /status as data (deadlines in the bot's time zone)."""
    tz = services.settings.tz
    return tuple(
        TaskCount(i.task.title, i.done, i.total, i.task.due.astimezone(tz)) for i in items
    )


def task_states(
    services: Deps, code: str, finished: dict[str, set[str]], tasks: list[Task]
) -> tuple[TaskState, ...]:
    """One commune's tasks as data: done or not, with the deadline."""
    tz = services.settings.tz
    return tuple(
        TaskState(t.title, code in finished.get(t.key, set()), t.due.astimezone(tz)) for t in tasks
    )
