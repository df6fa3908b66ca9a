"""/done: the registrar or the commune IT officer reports a manual task done, with a note.

Who may report for which commune is decided before the dialogue opens and before every step
(bot/permissions.py: the commune's registrar or a coordinator, or its IT officer); a commune
button is only taken when the person may report for it.

| Step    | Asks                                          | Next                                  |
|---------|-----------------------------------------------|---------------------------------------|
| COMMUNE | which commune (typed name, or a pick list)    | TASK; ends when it has no open task   |
| TASK    | which of the commune's open manual tasks      | NOTE                                  |
| NOTE    | a note (or "skip")                            | ends: the task is marked done         |

/done opens at TASK when the commune is known (a `dn:` button, or the person is IT officer of
exactly one commune), else at COMMUNE (its answer may come with the command: /done Hàm Rồng).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.chat import Choice, Incoming, Reply
from bot.deps import Deps
from bot.dialogues.effects import Audit, MarkDone
from bot.dialogues.machine import Answer, Machine, Outcome, StepFn, choice_arg, end, go, stay
from bot.nudges.campaign import MANUAL, Task
from bot.permissions import Gate, Who
from bot.pick import NO_PICK, Pick
from bot.pick import pick as pick_of


class Step(StrEnum):
    COMMUNE = "commune"
    TASK = "task"
    NOTE = "note"


@dataclass(frozen=True)
class Done:
    step: Step
    commune: str = ""  # TASK, NOTE: the commune reported for
    task: str = ""  # NOTE: the task reported done
    picks: tuple[str, ...] = ()  # COMMUNE: the communes offered for a typed name


@dataclass(frozen=True)
class DoneView:
    """Tasks (closed ones too), the (commune, task) pairs already done, the names of the
    communes in play, those the person may report for, and a typed name's resolution."""

    tasks: tuple[Task, ...] = ()
    done: frozenset[tuple[str, str]] = frozenset()
    names: Mapping[str, str] = field(default_factory=dict)
    reportable: frozenset[str] = frozenset()
    pick: Pick = NO_PICK

    def open_tasks(self, commune: str) -> list[Task]:
        """The commune's manual tasks still open and not reported done."""
        return [
            t
            for t in self.tasks
            if t.kind == MANUAL and not t.closed and (commune, t.key) not in self.done
        ]

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def title(self, key: str) -> str:
        return next((t.title for t in self.tasks if t.key == key), "")


Out = Outcome[Done]


def opening(commune: str, text: str, view: DoneView) -> Out:
    """/done [commune] or a `dn:` button: straight to the tasks when the commune is known."""
    if commune:
        return _tasks(commune, view)
    state = Done(Step.COMMUNE)
    return _picked(state, view) if text else go(state)


def on_commune(state: Done, answer: Answer, view: DoneView) -> Out:
    code = choice_arg(answer.choice, "c")
    if code is not None:
        if code not in view.reportable:
            return stay(state, texts.plain(texts.STALE_BUTTON))
        return _tasks(code, view)
    return _picked(state, view)


def on_task(state: Done, answer: Answer, view: DoneView) -> Out:
    keys = {t.key for t in view.open_tasks(state.commune)}
    task = choice_arg(answer.choice, "task") or ""
    if task not in keys:
        return stay(state, texts.plain(texts.PRESS_A_BUTTON))
    return go(replace(state, step=Step.NOTE, task=task))


def on_note(state: Done, answer: Answer, view: DoneView) -> Out:
    note = "" if answer.choice == "skip" else answer.text[:500]
    by = answer.user.key
    detail = {"commune": state.commune, "task": state.task, "allowed": True}
    effects = [MarkDone(state.commune, state.task, by, note), Audit(by, "done", detail)]
    said = texts.DONE_OK.format(commune=view.name(state.commune), title=view.title(state.task))
    return end(texts.plain(said), effects=effects)


def _tasks(code: str, view: DoneView) -> Out:
    if not view.open_tasks(code):
        return end(texts.plain(texts.DONE_NOTHING.format(commune=view.name(code))))
    return go(Done(Step.TASK, commune=code))


def _picked(state: Done, view: DoneView) -> Out:
    if view.pick.found:
        return _tasks(view.pick.found, view)
    if view.pick.picks:
        return go(replace(state, picks=view.pick.picks))
    return stay(state, *view.pick.notes)


STEPS: Mapping[Step, StepFn[Done, DoneView]] = {
    Step.COMMUNE: on_commune,
    Step.TASK: on_task,
    Step.NOTE: on_note,
}


def prompt(state: Done, view: DoneView) -> Reply:
    """The question of the current step, with exactly its options."""
    if state.step is Step.COMMUNE:
        if state.picks:
            choices = [Choice(view.name(c), f"f:c:{c}") for c in state.picks]
            return texts.plain(texts.PICK_COMMUNE, choices)
        return texts.plain(texts.DONE_ASK_COMMUNE)
    if state.step is Step.TASK:
        todo = view.open_tasks(state.commune)
        choices = [Choice(texts.button_label(t.title), f"f:task:{t.key}") for t in todo]
        return texts.plain(texts.DONE_PICK.format(commune=view.name(state.commune)), choices)
    return texts.plain(texts.DONE_ASK_NOTE, [Choice(texts.SKIP, "f:skip")])


class DoneFlow(Machine[Done, DoneView]):
    """The /done dialogue."""

    name = "done"
    steps = STEPS
    prompt = staticmethod(prompt)

    def __init__(self, services: Deps, access: Access, gate: Gate) -> None:
        self.s, self.access, self.gate = services, access, gate

    async def begin(self, inc: Incoming, roles: Roles, commune: str = "") -> Out:
        """/done [commune], or a `dn:` button from an older message or a nudge."""
        own = sorted({m.commune for m in roles.seats if m.role == "it_officer"})
        if not commune and not inc.text and len(own) == 1:
            commune = own[0]
        text = "" if commune else inc.text
        view = await self._load(roles, Done(Step.COMMUNE, commune), text, "")
        return opening(commune, text, view)

    async def view(self, state: Done, answer: Answer | None) -> DoneView:
        if answer is None:  # only prompting: nothing to resolve
            return await self._load(Roles(), state, "", "")
        roles = await self.access.roles(answer.user)
        typed = answer.text if state.step is Step.COMMUNE and answer.choice is None else ""
        return await self._load(roles, state, typed, choice_arg(answer.choice, "c") or "")

    async def _load(self, roles: Roles, state: Done, text: str, button: str) -> DoneView:
        pick = pick_of(self.s, self.gate, roles, text, "f:c:") if text else NO_PICK
        codes = {state.commune, button, pick.found, *pick.picks, *state.picks} - {""}
        known = [commune for commune in map(self.s.communes.get, codes) if commune]
        names = {commune.code: commune.name for commune in known}
        reportable = {c for c in codes if self.gate.allows(Who.REPORTER, roles, c)}
        return DoneView(
            tasks=tuple(await self.s.store.tasks.all(include_closed=True)),
            done=frozenset(await self.s.store.tasks.done()),
            names=names,
            reportable=frozenset(reportable),
            pick=pick,
        )

    def entered(self, state: Done) -> str:
        return ""

    def to_json(self, state: Done) -> dict[str, Any]:
        """The shape earlier versions saved."""
        data: dict[str, Any] = {"step": state.step.value}
        if state.step is Step.COMMUNE:
            data["picks"] = list(state.picks)
        if state.commune:
            data["commune"] = state.commune
        if state.task:
            data["task"] = state.task
        return data

    def from_json(self, data: dict[str, Any]) -> Done:
        step = Step(data["step"])
        commune, task = str(data.get("commune") or ""), str(data.get("task") or "")
        if (step is not Step.COMMUNE and not commune) or (step is Step.NOTE and not task):
            raise ValueError(f"a /done {step} without its commune or task")
        picks = tuple(str(p) for p in data.get("picks") or ())
        return Done(step, commune, task, picks)
