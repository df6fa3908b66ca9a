"""/deadline for coordinators: one list of tasks to pick from, then move, close or add.

A conversation under the dialogue contract. The overview is a single list (tasks, "add",
"close a campaign"): no second numbering in the text, so a typed number means one thing.
Closing a deadline or a whole campaign and setting a date in the past each need an explicit
confirmation that says what happens to the nudges.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import texts
from bot.access import Access
from bot.chat import Choice, Incoming, Reply, Seg
from bot.choices import dialogue_choice, option
from bot.deadlines import MANUAL, Task, parse_local
from bot.deps import Deps
from bot.inputs import parse_int

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]


class DeadlineFlow:
    """Steps: menu → task → (due [→ past] | close), menu → title → due, menu → campaign."""

    name = "deadline"

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    def _due(self, due: datetime) -> str:
        """A deadline as coordinators type it back: 17:00 20/12/2026, in BOT_TIMEZONE."""
        return due.astimezone(self.s.settings.tz).strftime("%H:%M %d/%m/%Y")

    async def begin(self) -> Step:
        return {"step": "menu"}, []

    def entered(self, state: State) -> str:
        if state.get("title"):
            return texts.ENTERED_TASK.format(title=state["title"])
        return ""

    async def prompt(self, state: State) -> Reply:
        kind = state["step"]
        task = await self.s.store.task(state["task"]) if state.get("task") else None
        if kind == "menu":
            return await self._menu()
        if kind == "task" and task:
            head = texts.DEADLINE_TASK.format(title=task.title, due=self._due(task.due))
            choices = [Choice(texts.DEADLINE_MOVE, "f:move")]
            if not task.closed:
                choices.append(Choice(texts.DEADLINE_CLOSE, "f:close"))
            return texts.plain(head + (texts.DEADLINE_CLOSED if task.closed else ""), choices)
        if kind == "close" and task:
            question = texts.DEADLINE_CLOSE_CONFIRM.format(title=task.title)
            return texts.plain(question, [Choice(texts.DEADLINE_CLOSE_YES, "f:ok")])
        if kind == "campaign":
            question = texts.CAMPAIGN_CLOSE_CONFIRM.format(campaign=state["campaign"])
            return texts.plain(question, [Choice(texts.CAMPAIGN_CLOSE_YES, "f:ok")])
        if kind == "title":
            return texts.plain(texts.DEADLINE_ASK_TITLE)
        if kind == "past":
            due = datetime.fromisoformat(state["due"])
            question = texts.DEADLINE_PAST.format(due=self._due(due))
            return texts.plain(question, [Choice(texts.DEADLINE_PAST_YES, "f:ok")])
        return texts.plain(texts.DEADLINE_ASK_DUE)

    async def _menu(self) -> Reply:
        tasks = await self.s.store.tasks(include_closed=True)
        parts: list[Seg] = [texts.b(texts.DEADLINES_TITLE)]
        choices: list[Choice] = []
        for task in tasks:
            closed = texts.DEADLINE_CLOSED if task.closed else ""
            line = texts.DEADLINE_LINE.format(title=task.title, due=self._due(task.due))
            parts.append(Seg(f"\n• {line}{closed}"))
            label = f"{task.title[:40]} — {task.due.astimezone(self.s.settings.tz):%d/%m}"
            choices.append(Choice(label, f"f:task:{task.key}"))
        choices.append(Choice(texts.DEADLINE_ADD, "f:add"))
        for n, campaign in enumerate(self._campaigns(tasks)):
            choices.append(
                Choice(texts.CAMPAIGN_CLOSE.format(campaign=campaign)[:60], f"f:cc:{n}")
            )
        parts.append(Seg("\n\n" + texts.DEADLINE_PICK))
        return Reply(text=tuple(parts), choices=tuple(choices))

    @staticmethod
    def _campaigns(tasks: list[Task]) -> list[str]:
        return sorted({t.campaign for t in tasks if not t.closed})

    async def step(self, inc: Incoming, state: State) -> Step:
        value = dialogue_choice(inc.payload) if inc.kind == "choice" else None
        kind = state["step"]
        if kind == "menu":
            return await self._on_menu(state, value)
        if kind == "task":
            if value in ("move", "close"):
                state["step"] = "due" if value == "move" else "close"
                return state, []
            return state, [texts.plain(texts.PRESS_A_BUTTON)]
        if kind in ("close", "campaign", "past"):
            if value != "ok":
                return state, [texts.plain(texts.PRESS_A_BUTTON)]
            return None, [await self._confirmed(inc, state)]
        if kind == "title":
            title = " ".join(inc.text.split())[:200]
            if inc.kind != "text" or len(title) < 3:
                return state, [texts.plain(texts.DEADLINE_SHORT_TITLE)]
            state.update(step="due", title=title)
            return state, []
        due = parse_local(inc.text, self.s.settings.tz) if inc.kind == "text" else None
        if due is None:
            return state, [texts.plain(texts.DEADLINE_BAD_DUE.format(text=inc.text[:40]))]
        if due <= self.s.clock():
            state.update(step="past", due=due.isoformat())
            return state, []
        return None, [await self._save(inc, state, due)]

    async def _on_menu(self, state: State, value: str | None) -> Step:
        if value == "add":
            state["step"] = "title"
            return state, []
        task = option(value, "task")
        if task and await self.s.store.task(task):
            state.update(step="task", task=task)
            return state, []
        if option(value, "cc") is not None:
            campaigns = self._campaigns(await self.s.store.tasks())
            at = parse_int(option(value, "cc"), 0, len(campaigns) - 1)
            if at is not None:
                state.update(step="campaign", campaign=campaigns[at])
                return state, []
        return state, [texts.plain(texts.PRESS_A_BUTTON)]

    async def _confirmed(self, inc: Incoming, state: State) -> Reply:
        now = self.s.clock()
        if state["step"] == "past":
            return await self._save(inc, state, datetime.fromisoformat(state["due"]))
        if state["step"] == "campaign":
            await self.s.store.close_campaign(state["campaign"])
            await self.s.store.audit(
                inc.user.key, "close_campaign", {"campaign": state["campaign"]}, now
            )
            return texts.plain(texts.CAMPAIGN_CLOSED_OK.format(campaign=state["campaign"]))
        task = await self.s.store.task(state["task"])
        if task is None:
            return texts.plain(texts.STALE_BUTTON)
        await self.s.store.close_task(task.key)
        await self.s.store.audit(inc.user.key, "close_deadline", {"task": task.key}, now)
        return texts.plain(texts.DEADLINE_CLOSED_OK.format(title=task.title))

    async def _save(self, inc: Incoming, state: State, due: datetime) -> Reply:
        now = self.s.clock()
        if state.get("task"):
            task = await self.s.store.task(state["task"])
            if task is None:
                return texts.plain(texts.STALE_BUTTON)
            await self.s.store.move_task(task.key, due)
            await self.s.store.audit(
                inc.user.key, "move_deadline", {"task": task.key, "due": due.isoformat()}, now
            )
            return texts.plain(texts.DEADLINE_MOVED.format(title=task.title, due=self._due(due)))
        key = f"task_{int(now.timestamp())}"
        campaign = f"Đợt {due.astimezone(self.s.settings.tz):%m/%Y}"
        await self.s.store.add_task(Task(key, state["title"], MANUAL, due, campaign))
        await self.s.store.audit(inc.user.key, "add_deadline", {"task": key}, now)
        return texts.plain(texts.DEADLINE_ADDED.format(title=state["title"], due=self._due(due)))
