"""A nudge in words: one message per person, per task the headline, each commune's gap and
the next action (as a command that works on every channel, and as buttons)."""

from __future__ import annotations

from collections import defaultdict
from datetime import tzinfo

from bot.chat import Rich, Seg
from bot.normalize import vietnamese_order
from bot.nudges.campaign import TEAM, Task
from bot.nudges.policy import CommuneState, Nudge
from bot.roster import describe_missing
from bot.texts.campaign import (
    BEFORE,
    BUTTON_DONE,
    BUTTON_REGISTER,
    LACKS,
    NEXT_DONE,
    NEXT_REGISTER,
    NEXT_STATUS,
    NOT_REPORTED,
    OVERDUE,
    SUMMARY,
)
from bot.texts.render import b, button_label

MAX_BUTTONS = 6


def compose(group: list[Nudge], tz: tzinfo) -> Rich:
    """One message for one person's nudges.

    The time left is stored as a `left` run holding the deadline, so that it is computed
    when the message is actually sent (`outbox_codec.reply_from_body`), not when it was
    queued.
    """
    parts: list[Seg] = []
    buttons: list[Seg] = []
    by_task: dict[str, list[Nudge]] = defaultdict(list)
    for nudge in group:
        by_task[nudge.task.key].append(nudge)
    for nudges in by_task.values():
        task, kind = nudges[0].task, nudges[0].kind
        if parts:
            parts.append(Seg("\n\n"))
        parts += _headline(task, kind, tz, nudges[0])
        communes = sorted(
            (n.commune for n in nudges if n.commune), key=lambda c: vietnamese_order(c.name)
        )
        for commune in communes:
            parts.append(Seg(f"\n• {commune.name} {gap(commune, task)}"))
        if kind == "summary":
            parts.append(Seg("\n" + NEXT_STATUS))
            continue
        parts.append(Seg("\n" + (NEXT_REGISTER if task.kind == TEAM else NEXT_DONE)))
        for commune in communes[:MAX_BUTTONS]:
            if task.kind == TEAM:
                value = f"tm:reg:{commune.code}"
                label = f"{BUTTON_REGISTER}: {commune.name}"
            else:
                value, label = f"dn:{commune.code}:{task.key}", f"{BUTTON_DONE}: {commune.name}"
            buttons.append(Seg(button_label(label), f"choice:{value}"))
    return (*parts, *buttons)


def gap(commune: CommuneState, task: Task) -> str:
    """What the commune still lacks for the task, in words ("" when it lacks nothing)."""
    if task.key not in commune.open_tasks:
        return ""
    if task.kind == TEAM:
        return LACKS.format(missing=describe_missing(commune.open_tasks[task.key]))
    return NOT_REPORTED


def _headline(task: Task, kind: str, tz: tzinfo, nudge: Nudge) -> list[Seg]:
    due = task.due.astimezone(tz).strftime("%H:%M ngày %d/%m/%Y")
    if kind == "summary":
        return [b(SUMMARY.format(title=task.title, due=due, n=nudge.overdue_count))]
    if kind == "overdue":
        return [b(OVERDUE.format(title=task.title, due=due))]
    head, _, tail = BEFORE.partition("{left}")
    return [b(head), Seg(task.due.isoformat(), "left"), b(tail.format(title=task.title, due=due))]
