"""/deadline for coordinators: one list of tasks to pick from, then move, close or add.

The overview is a single list (tasks, "add", "close a campaign"): no second numbering in the
text, so a typed number means one thing. Closing a deadline or a whole campaign and setting a
date in the past each need an explicit confirmation that says what happens to the nudges.
Only coordinators may use it, checked before every step (bot/permissions.py).

| Step     | Asks                                        | Next                                   |
|----------|---------------------------------------------|----------------------------------------|
| MENU     | pick a task, "add", or "close a campaign"   | TASK, TITLE or CAMPAIGN                |
| TASK     | move or close this task's deadline          | DUE (move) or CLOSE                    |
| TITLE    | the new task's title (3+ characters)        | DUE                                    |
| DUE      | the new deadline (dd/mm/yyyy hh:mm)         | ends: moved / added; PAST if it passed |
| PAST     | "that moment has passed: set it anyway?"    | ends: moved / added                    |
| CLOSE    | "close this deadline, stop its nudges?"     | ends: task closed                      |
| CAMPAIGN | "close the whole campaign, stop its nudges?"| ends: campaign closed                  |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import Any

from bot import texts
from bot.chat import Choice, Reply, Seg
from bot.deps import Deps
from bot.dialogues.effects import AddTask, Audit, CloseCampaign, CloseTask, MoveDeadline
from bot.dialogues.machine import Answer, Machine, Outcome, StepFn, choice_arg, end, go, stay
from bot.inputs import parse_int
from bot.nudges.campaign import MANUAL, Task, parse_local


class Step(StrEnum):
    MENU = "menu"
    TASK = "task"
    TITLE = "title"
    DUE = "due"
    PAST = "past"
    CLOSE = "close"
    CAMPAIGN = "campaign"


@dataclass(frozen=True)
class Deadline:
    step: Step
    task: str = ""  # the task being moved or closed ("" while adding one)
    title: str = ""  # the new task's title
    campaign: str = ""  # CAMPAIGN: the campaign to close
    due: datetime | None = None  # PAST: the deadline to confirm


@dataclass(frozen=True)
class DeadlineView:
    """Every task (closed ones too) in campaign order, the time now and the bot's time zone."""

    tasks: tuple[Task, ...]
    now: datetime
    tz: tzinfo

    def task(self, key: str) -> Task | None:
        return next((t for t in self.tasks if t.key == key), None)

    @property
    def campaigns(self) -> list[str]:
        """Campaigns with an open task, in the order the menu numbers them."""
        return sorted({t.campaign for t in self.tasks if not t.closed})

    def shown(self, due: datetime) -> str:
        """A deadline as coordinators type it back: 17:00 20/12/2026, in BOT_TIMEZONE."""
        return due.astimezone(self.tz).strftime("%H:%M %d/%m/%Y")


Out = Outcome[Deadline]
PRESS = texts.plain(texts.PRESS_A_BUTTON)


def on_menu(state: Deadline, answer: Answer, view: DeadlineView) -> Out:
    if answer.choice == "add":
        return go(Deadline(Step.TITLE))
    task = choice_arg(answer.choice, "task")
    if task and view.task(task):
        return go(Deadline(Step.TASK, task=task))
    campaigns = view.campaigns
    at = parse_int(choice_arg(answer.choice, "cc"), 0, len(campaigns) - 1)
    if at is not None:
        return go(Deadline(Step.CAMPAIGN, campaign=campaigns[at]))
    return stay(state, PRESS)


def on_task(state: Deadline, answer: Answer, view: DeadlineView) -> Out:
    if answer.choice == "move":
        return go(replace(state, step=Step.DUE))
    if answer.choice == "close":
        return go(replace(state, step=Step.CLOSE))
    return stay(state, PRESS)


def on_title(state: Deadline, answer: Answer, view: DeadlineView) -> Out:
    title = " ".join(answer.text.split())[:200]
    if not answer.typed or len(title) < 3:
        return stay(state, texts.plain(texts.DEADLINE_SHORT_TITLE))
    return go(replace(state, step=Step.DUE, title=title))


def on_due(state: Deadline, answer: Answer, view: DeadlineView) -> Out:
    due = parse_local(answer.text, view.tz, view.now) if answer.typed else None
    if due is None:
        return stay(state, texts.plain(texts.DEADLINE_BAD_DUE.format(text=answer.text[:40])))
    if due <= view.now:
        return go(replace(state, step=Step.PAST, due=due))
    return _save(state, answer, view, due)


def on_past(state: Deadline, answer: Answer, view: DeadlineView) -> Out:
    if answer.choice != "ok" or state.due is None:
        return stay(state, PRESS)
    return _save(state, answer, view, state.due)


def on_close(state: Deadline, answer: Answer, view: DeadlineView) -> Out:
    if answer.choice != "ok":
        return stay(state, PRESS)
    task = view.task(state.task)
    if task is None:
        return end(texts.plain(texts.STALE_BUTTON))
    closed = Audit(answer.user.key, "close_deadline", {"task": task.key})
    reply = texts.plain(texts.DEADLINE_CLOSED_OK.format(title=task.title))
    return end(reply, effects=[CloseTask(task.key), closed])


def on_campaign(state: Deadline, answer: Answer, view: DeadlineView) -> Out:
    if answer.choice != "ok":
        return stay(state, PRESS)
    campaign = state.campaign
    closed = Audit(answer.user.key, "close_campaign", {"campaign": campaign})
    reply = texts.plain(texts.CAMPAIGN_CLOSED_OK.format(campaign=campaign))
    return end(reply, effects=[CloseCampaign(campaign), closed])


def _save(state: Deadline, answer: Answer, view: DeadlineView, due: datetime) -> Out:
    actor = answer.user.key
    if state.task:
        task = view.task(state.task)
        if task is None:
            return end(texts.plain(texts.STALE_BUTTON))
        moved = Audit(actor, "move_deadline", {"task": task.key, "due": due.isoformat()})
        reply = texts.plain(texts.DEADLINE_MOVED.format(title=task.title, due=view.shown(due)))
        return end(reply, effects=[MoveDeadline(task.key, due), moved])
    key = f"task_{int(view.now.timestamp())}"
    campaign = texts.NEW_CAMPAIGN.format(month=f"{due.astimezone(view.tz):%m/%Y}")
    added = Audit(actor, "add_deadline", {"task": key})
    reply = texts.plain(texts.DEADLINE_ADDED.format(title=state.title, due=view.shown(due)))
    return end(reply, effects=[AddTask(key, state.title, MANUAL, due, campaign), added])


STEPS: Mapping[Step, StepFn[Deadline, DeadlineView]] = {
    Step.MENU: on_menu,
    Step.TASK: on_task,
    Step.TITLE: on_title,
    Step.DUE: on_due,
    Step.PAST: on_past,
    Step.CLOSE: on_close,
    Step.CAMPAIGN: on_campaign,
}


def prompt(state: Deadline, view: DeadlineView) -> Reply:
    """The question of the current step, with exactly its options."""
    task = view.task(state.task) if state.task else None
    if state.step is Step.MENU:
        return _menu(view)
    if state.step is Step.TASK and task:
        head = texts.DEADLINE_TASK.format(title=task.title, due=view.shown(task.due))
        choices = [Choice(texts.DEADLINE_MOVE, "f:move")]
        if not task.closed:
            choices.append(Choice(texts.DEADLINE_CLOSE, "f:close"))
        return texts.plain(head + (texts.DEADLINE_CLOSED if task.closed else ""), choices)
    if state.step is Step.CLOSE and task:
        question = texts.DEADLINE_CLOSE_CONFIRM.format(title=task.title)
        return texts.plain(question, [Choice(texts.DEADLINE_CLOSE_YES, "f:ok")])
    if state.step is Step.CAMPAIGN:
        question = texts.CAMPAIGN_CLOSE_CONFIRM.format(campaign=state.campaign)
        return texts.plain(question, [Choice(texts.CAMPAIGN_CLOSE_YES, "f:ok")])
    if state.step is Step.TITLE:
        return texts.plain(texts.DEADLINE_ASK_TITLE)
    if state.step is Step.PAST and state.due:
        question = texts.DEADLINE_PAST.format(due=view.shown(state.due))
        return texts.plain(question, [Choice(texts.DEADLINE_PAST_YES, "f:ok")])
    return texts.plain(texts.DEADLINE_ASK_DUE)


def _menu(view: DeadlineView) -> Reply:
    parts: list[Seg] = [texts.b(texts.DEADLINES_TITLE)]
    choices: list[Choice] = []
    for task in view.tasks:
        closed = texts.DEADLINE_CLOSED if task.closed else ""
        line = texts.DEADLINE_LINE.format(title=task.title, due=view.shown(task.due))
        parts.append(Seg(f"\n• {line}{closed}"))
        label = f"{texts.clip(task.title, 40)} — {task.due.astimezone(view.tz):%d/%m}"
        choices.append(Choice(label, f"f:task:{task.key}"))
    choices.append(Choice(texts.DEADLINE_ADD, "f:add"))
    for n, campaign in enumerate(view.campaigns):
        label = texts.clip(texts.CAMPAIGN_CLOSE.format(campaign=campaign), 60)
        choices.append(Choice(label, f"f:cc:{n}"))
    parts.append(Seg("\n\n" + texts.DEADLINE_PICK))
    return Reply(text=tuple(parts), choices=tuple(choices))


class DeadlineFlow(Machine[Deadline, DeadlineView]):
    """The /deadline dialogue (coordinators only: bot/permissions.py)."""

    name = "deadline"
    steps = STEPS
    prompt = staticmethod(prompt)

    def __init__(self, services: Deps) -> None:
        self.s = services

    def begin(self) -> Outcome[Deadline]:
        return go(Deadline(Step.MENU))

    async def view(self, state: Deadline, answer: Answer | None) -> DeadlineView:
        tasks = await self.s.store.tasks.all(include_closed=True)
        return DeadlineView(tuple(tasks), self.s.clock(), self.s.settings.tz)

    def entered(self, state: Deadline) -> str:
        return texts.ENTERED_TASK.format(title=state.title) if state.title else ""

    def to_json(self, state: Deadline) -> dict[str, Any]:
        """The shape earlier versions saved: {"step": …} plus the fields that are set."""
        data: dict[str, Any] = {"step": state.step.value}
        for name in ("task", "title", "campaign"):
            if getattr(state, name):
                data[name] = getattr(state, name)
        if state.due is not None:
            data["due"] = state.due.isoformat()
        return data

    def from_json(self, data: dict[str, Any]) -> Deadline:
        step = Step(data["step"])
        due = datetime.fromisoformat(data["due"]) if data.get("due") else None
        if step is Step.PAST and due is None:
            raise ValueError("a past deadline to confirm without its date")
        return Deadline(
            step,
            task=str(data.get("task") or ""),
            title=str(data.get("title") or ""),
            campaign=str(data.get("campaign") or ""),
            due=due,
        )
