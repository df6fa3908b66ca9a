"""Tasks and deadlines in words: the tasks section of /status, /team and /deadlines."""

from __future__ import annotations

from datetime import datetime

from bot.chat import Seg
from bot.texts.campaign import time_left
from bot.texts.render import b
from bot.texts.teams import (
    DUE_LEFT,
    DUE_ONLY,
    DUE_PASSED,
    TASK_DONE,
    TASK_LINE,
    TASK_OPEN,
    TASKS_TITLE,
    TASKS_TITLE_ONE,
)
from bot.views import TaskCount, TaskState


def due_words(due: datetime, now: datetime, done: bool = False) -> str:
    """ "hạn 17:00 15/06/2026, còn 2 ngày 3 giờ" or "… đã quá hạn" (`due` in local time);
    for work already done only the deadline: no countdown, never "overdue"."""
    shown = due.strftime("%H:%M %d/%m/%Y")
    if done:
        return DUE_ONLY.format(due=shown)
    if due <= now:
        return DUE_PASSED.format(due=shown)
    return DUE_LEFT.format(due=shown, left=time_left(due - now))


def task_count_lines(items: tuple[TaskCount, ...], now: datetime) -> list[Seg]:
    """The tasks section of /status: done / not done over the communes shown."""
    parts: list[Seg] = [Seg("\n\n"), b(TASKS_TITLE)]
    for item in items:
        line = TASK_LINE.format(
            title=item.title, done=item.done, open=item.total - item.done, total=item.total
        )
        # "◦", not "•": district and commune lines use that bullet.
        parts.append(Seg(f"\n◦ {line} ({due_words(item.due, now)})"))
    return parts


def task_state_lines(tasks: tuple[TaskState, ...], now: datetime) -> list[Seg]:
    """One commune's tasks: done or not, with the deadline and the time left."""
    parts: list[Seg] = [Seg("\n\n"), b(TASKS_TITLE_ONE)]
    for task in tasks:
        state = TASK_DONE if task.done else TASK_OPEN
        parts.append(Seg(f"\n◦ {task.title}: {state} ({due_words(task.due, now, task.done)})"))
    return parts
