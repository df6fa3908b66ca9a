"""/done: the registrar or the commune IT officer reports a manual task done, with a note.

A conversation under the dialogue contract: commune (when not obvious) → task → note.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.chat import Choice, Incoming, Reply
from bot.choices import dialogue_choice, option
from bot.deadlines import MANUAL
from bot.deps import Deps
from bot.pick import pick_commune

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]


class DoneFlow:
    """Steps: commune → task → note."""

    name = "done"

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    def may_report(self, roles: Roles, commune: str) -> bool:
        """The commune's registrar (or a coordinator) and its IT officer."""
        it_officer = any(m.commune == commune and m.role == "it_officer" for m in roles.seats)
        return it_officer or self.access.manages(roles, commune)

    def entered(self, state: State) -> str:
        return ""

    async def begin(self, inc: Incoming, roles: Roles, commune: str = "") -> Step:
        """/done [commune], or a `dn:` button from an older message or a nudge."""
        own = sorted({m.commune for m in roles.seats if m.role == "it_officer"})
        if not commune and not inc.text and len(own) == 1:
            commune = own[0]
        if commune:  # who may report for it: bot/permissions.py, before this runs
            return await self._tasks(commune)
        state: State = {"step": "commune", "picks": []}
        if not inc.text:
            return state, []
        return await self._commune_text(state, roles, inc.text)

    async def _open_tasks(self, code: str) -> list:
        done = await self.s.store.done()
        return [
            t for t in await self.s.store.tasks() if t.kind == MANUAL and (code, t.key) not in done
        ]

    async def _tasks(self, code: str) -> Step:
        name = self._name(code)
        if not await self._open_tasks(code):
            return None, [texts.plain(texts.DONE_NOTHING.format(commune=name))]
        return {"step": "task", "commune": code}, []

    async def _commune_text(self, state: State, roles: Roles, text: str) -> Step:
        commune, replies = pick_commune(self.s, self.access, roles, text, "f:c:")
        if commune is not None:
            return await self._tasks(commune.code)
        listed = [r for r in replies if r.choices]
        if not listed:
            return state, replies
        state["picks"] = [option(dialogue_choice(c.value), "c") for c in listed[0].choices]
        return state, []

    async def prompt(self, state: State) -> Reply:
        if state["step"] == "commune":
            if state.get("picks"):
                choices = [Choice(self._name(c), f"f:c:{c}") for c in state["picks"]]
                return texts.plain(texts.PICK_COMMUNE, choices)
            return texts.plain(texts.DONE_ASK_COMMUNE)
        if state["step"] == "task":
            todo = await self._open_tasks(state["commune"])
            choices = [Choice(t.title[:60], f"f:task:{t.key}") for t in todo]
            return texts.plain(
                texts.DONE_PICK.format(commune=self._name(state["commune"])), choices
            )
        return texts.plain(texts.DONE_ASK_NOTE, [Choice(texts.SKIP, "f:skip")])

    async def step(self, inc: Incoming, state: State) -> Step:
        roles = await self.access.roles(inc.user)
        value = dialogue_choice(inc.payload) if inc.kind == "choice" else None
        if state["step"] == "commune":
            code = option(value, "c")
            if code is not None:
                if self.s.communes.get(code) is None or not self.may_report(roles, code):
                    return state, [texts.plain(texts.STALE_BUTTON)]
                return await self._tasks(code)
            return await self._commune_text(state, roles, inc.text)
        if state["step"] == "task":
            keys = {t.key for t in await self._open_tasks(state["commune"])}
            task = option(value, "task") or ""
            if task not in keys:
                return state, [texts.plain(texts.PRESS_A_BUTTON)]
            state.update(step="note", task=task)
            return state, []
        note = "" if value == "skip" else inc.text.strip()[:500]
        now = self.s.clock()
        await self.s.store.mark_done(state["commune"], state["task"], inc.user.key, note, now)
        await self.s.store.audit(
            inc.user.key,
            "done",
            {"commune": state["commune"], "task": state["task"], "allowed": True},
            now,
        )
        task_row = await self.s.store.task(state["task"])
        title = task_row.title if task_row else ""
        return None, [
            texts.plain(texts.DONE_OK.format(commune=self._name(state["commune"]), title=title))
        ]

    def _name(self, code: str) -> str:
        commune = self.s.communes.get(code)
        return commune.name if commune else code
