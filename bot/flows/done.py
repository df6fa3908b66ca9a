"""/done: the registrar or the commune IT officer reports a manual task done, with a note."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.deadlines import MANUAL
from bot.flows.pick import pick_commune
from bot.messages import Choice, Incoming, Reply, payload_parts
from bot.services import Services

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]


class DoneFlow:
    """Pick the commune, press the task (`dn:<commune>:<task>`), add an optional note."""

    name = "done"

    def __init__(self, services: Services, access: Access) -> None:
        self.s, self.access = services, access

    def may_report(self, roles: Roles, commune: str) -> bool:
        """The commune's registrar (or a coordinator) and its IT officer."""
        it_officer = any(m.commune == commune and m.role == "it_officer" for m in roles.seats)
        return it_officer or self.access.manages(roles, commune)

    async def command(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.roles(inc.user)
        own = sorted({m.commune for m in roles.seats if m.role == "it_officer"})
        if not inc.text and len(own) == 1:
            return await self.tasks_for(own[0])
        if not (roles.coordinator or roles.registrar):
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.DONE_WHO))]
        if not inc.text:
            return [texts.plain(texts.DONE_ASK_COMMUNE)]
        commune, replies = pick_commune(self.s, self.access, roles, inc.text, "dn:")
        return await self.tasks_for(commune.code) if commune else replies

    async def tasks_for(self, code: str) -> list[Reply]:
        name = self.s.communes.get(code).name  # type: ignore[union-attr]
        done = await self.s.store.done()
        todo = [
            t for t in await self.s.store.tasks() if t.kind == MANUAL and (code, t.key) not in done
        ]
        if not todo:
            return [texts.plain(texts.DONE_NOTHING.format(commune=name))]
        choices = [Choice(t.title[:60], f"dn:{code}:{t.key}") for t in todo]
        return [texts.plain(texts.DONE_PICK.format(commune=name), choices)]

    async def press(self, inc: Incoming) -> Step:
        """`dn:<commune>` (picked) or `dn:<commune>:<task>` (start the note step)."""
        _, code, task_key = payload_parts(inc.payload, 3)
        task = [task_key] if task_key else []
        roles = await self.access.roles(inc.user)
        if self.s.communes.get(code) is None or not self.may_report(roles, code):
            await self.s.store.audit(
                inc.user.key, "done", {"commune": code, "allowed": False}, self.s.clock()
            )
            return None, [texts.plain(texts.NOT_ALLOWED.format(who=texts.DONE_WHO))]
        if not task:
            return None, await self.tasks_for(code)
        if await self.s.store.task(task[0]) is None:
            return None, [texts.plain(texts.STALE_BUTTON)]
        skip = Choice(texts.SKIP, "f:skip")
        state = {"step": "note", "commune": code, "task": task[0]}
        return state, [texts.plain(texts.DONE_ASK_NOTE, [skip, Choice(texts.CANCEL, "f:cancel")])]

    async def step(self, inc: Incoming, state: State) -> Step:
        if inc.payload == "f:cancel" or inc.text.strip().lower() in ("hủy", "huy"):
            return None, [texts.plain(texts.CANCELLED)]
        roles = await self.access.roles(inc.user)
        if not self.may_report(roles, state["commune"]):
            return None, [texts.plain(texts.NOT_ALLOWED.format(who=texts.DONE_WHO))]
        note = "" if inc.payload == "f:skip" else inc.text.strip()
        now = self.s.clock()
        await self.s.store.mark_done(state["commune"], state["task"], inc.user.key, note, now)
        await self.s.store.audit(
            inc.user.key,
            "done",
            {"commune": state["commune"], "task": state["task"], "allowed": True},
            now,
        )
        task = await self.s.store.task(state["task"])
        name = self.s.communes.get(state["commune"]).name  # type: ignore[union-attr]
        return None, [
            texts.plain(texts.DONE_OK.format(commune=name, title=task.title if task else ""))
        ]
