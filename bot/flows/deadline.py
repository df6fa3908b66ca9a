"""/deadline for coordinators: list deadlines, move, close, add; close a campaign."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import texts
from bot.access import Access
from bot.deadlines import MANUAL, Task, parse_local
from bot.inputs import parse_int
from bot.messages import Choice, Incoming, Reply, Seg
from bot.services import Services

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]
CANCEL = Choice(texts.CANCEL, "f:cancel")


class DeadlineFlow:
    """Buttons `dl:mv:<key>`, `dl:cl:<key>`, `dl:add`, `dl:cc:<n>`; typed dates in a dialogue."""

    name = "deadline"

    def __init__(self, services: Services, access: Access) -> None:
        self.s, self.access = services, access

    def _due(self, due: datetime) -> str:
        """A deadline as coordinators type it back: 17:00 20/12/2026, in BOT_TIMEZONE."""
        return due.astimezone(self.s.settings.tz).strftime("%H:%M %d/%m/%Y")

    async def overview(self) -> list[Reply]:
        tasks = await self.s.store.tasks(include_closed=True)
        parts: list[Seg] = [texts.b(texts.DEADLINES_TITLE)]
        choices: list[Choice] = []
        for n, task in enumerate(tasks, 1):
            closed = texts.DEADLINE_CLOSED if task.closed else ""
            parts.append(
                Seg(
                    "\n"
                    + texts.DEADLINE_LINE.format(
                        n=n, title=task.title, due=self._due(task.due), closed=closed
                    )
                )
            )
            choices.append(Choice(texts.DEADLINE_MOVE.format(n=n), f"dl:mv:{task.key}"))
            if not task.closed:
                choices.append(Choice(texts.DEADLINE_CLOSE.format(n=n), f"dl:cl:{task.key}"))
        choices.append(Choice(texts.DEADLINE_ADD, "dl:add"))
        campaigns = sorted({t.campaign for t in tasks if not t.closed})
        choices += [Choice(f"Đóng đợt: {c}"[:60], f"dl:cc:{i}") for i, c in enumerate(campaigns)]
        return [Reply(text=tuple(parts), choices=tuple(choices), columns=2)]

    async def press(self, inc: Incoming) -> Step:
        """A button from the overview (already authorised by the engine)."""
        _, action, *rest = (inc.payload or "").split(":", 2)
        arg = rest[0] if rest else ""
        now = self.s.clock()
        if action == "add":
            return {"step": "title"}, [texts.plain(texts.DEADLINE_ASK_TITLE, [CANCEL])]
        if action == "cc":
            campaigns = sorted({t.campaign for t in await self.s.store.tasks()})
            at = parse_int(arg, 0, len(campaigns) - 1)
            if at is None:
                return None, [texts.plain(texts.STALE_BUTTON)]
            await self.s.store.close_campaign(campaigns[at])
            await self.s.store.audit(
                inc.user.key, "close_campaign", {"campaign": campaigns[at]}, now
            )
            return None, await self.overview()
        task = await self.s.store.task(arg)
        if task is None:
            return None, [texts.plain(texts.STALE_BUTTON)]
        if action == "cl":
            await self.s.store.close_task(task.key)
            await self.s.store.audit(inc.user.key, "close_deadline", {"task": task.key}, now)
            return None, [texts.plain(texts.DEADLINE_CLOSED_OK.format(title=task.title))]
        return {"step": "due", "task": task.key}, [texts.plain(texts.DEADLINE_ASK_DUE, [CANCEL])]

    async def step(self, inc: Incoming, state: State) -> Step:
        if inc.payload == "f:cancel" or inc.text.strip().lower() in ("hủy", "huy"):
            return None, [texts.plain(texts.CANCELLED)]
        if not await self.access.is_coordinator(inc.user):
            return None, [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        if state["step"] == "title":
            title = " ".join(inc.text.split())[:200]
            if len(title) < 3:
                return state, [texts.plain(texts.DEADLINE_ASK_TITLE, [CANCEL])]
            return {"step": "due", "title": title}, [texts.plain(texts.DEADLINE_ASK_DUE, [CANCEL])]
        due = parse_local(inc.text, self.s.settings.tz)
        if due is None:
            return state, [
                texts.plain(texts.DEADLINE_BAD_DUE.format(text=inc.text[:40]), [CANCEL])
            ]
        return None, [await self._save(inc, state, due)]

    async def _save(self, inc: Incoming, state: State, due) -> Reply:
        now = self.s.clock()
        if "task" in state:
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
