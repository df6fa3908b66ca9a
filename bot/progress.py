"""Task progress for /status, /deadlines, the chart and the export.

Each task (team formed, LAN, video-conference PCs, any task a coordinator adds) is counted
over a set of communes: done + not done = the number of communes, so totals add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import texts
from bot.chat import Seg
from bot.completeness import CommuneStatus
from bot.deps import Deps
from bot.nudges.campaign import TEAM, Task
from bot.texts.campaign import time_left


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
    done = await services.store.done()
    tasks = await services.store.tasks()
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
        for t in await services.store.tasks()
    ]


def due_words(services: Deps, due: datetime, now: datetime) -> str:
    """ "hạn 17:00 15/06/2026, còn 2 ngày 3 giờ" or "… đã quá hạn"."""
    shown = due.astimezone(services.settings.tz).strftime("%H:%M %d/%m/%Y")
    if due <= now:
        return texts.DUE_PASSED.format(due=shown)
    return texts.DUE_LEFT.format(due=shown, left=time_left(due - now))


def progress_lines(services: Deps, items: list[TaskProgress], now: datetime) -> list[Seg]:
    """The tasks section of /status."""
    parts: list[Seg] = [Seg("\n\n"), texts.b(texts.TASKS_TITLE)]
    for item in items:
        when = due_words(services, item.task.due, now)
        parts.append(
            Seg(
                "\n◦ "  # not "•": district and commune lines use that bullet
                + texts.TASK_LINE.format(
                    title=item.task.title, done=item.done, open=item.open, total=item.total
                )
                + f" ({when})"
            )
        )
    return parts


def commune_tasks(
    services: Deps, code: str, finished: dict[str, set[str]], tasks: list[Task], now: datetime
) -> list[Seg]:
    """One commune's tasks: done or not, with the deadline and the time left."""
    parts: list[Seg] = [Seg("\n\n"), texts.b(texts.TASKS_TITLE_ONE)]
    for task in tasks:
        state = texts.TASK_DONE if code in finished.get(task.key, set()) else texts.TASK_OPEN
        when = due_words(services, task.due, now)
        parts.append(Seg(f"\n◦ {task.title}: {state} ({when})"))
    return parts
