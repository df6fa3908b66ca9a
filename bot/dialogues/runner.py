"""Runs the open conversation of a chat: load → contract → view → step → apply.

The engine only dispatches: a message inside an open conversation, a dialogue button, /cancel
and the start of a dialogue come here. For a state-machine dialogue (bot/dialogues/machine.py)
this module enforces the dialogue contract (cancel asks before discarding, back undoes a step,
a rejected answer re-asks the very same question) and hands the step's effects, with the new
state, to the store in one transaction. Every multi-step dialogue is such a machine; the
contract's shared pieces (keys, dressing a prompt, merging a rejection) are in contract.py.

A kept state is the dialogue's JSON plus "_history" (earlier states, for back) and
"_confirm_cancel": the shape earlier versions saved, so a conversation in progress survives
an upgrade; a row that no longer reads is ended with a polite message.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot import texts
from bot.chat import Choice, Incoming, Reply, Seg
from bot.deps import Deps
from bot.dialogues import contract
from bot.dialogues.effects import Conflict, Effect, replans, wakes_outbox
from bot.dialogues.machine import Answer, Dialogue, Outcome

log = logging.getLogger(__name__)

AnyDialogue = Dialogue[Any, Any]
# Whether the person may still go on with an open dialogue (a role can be taken away while
# it is open): None to go on, else the refusal to send (the dialogue then ends).
Guard = Callable[[Incoming, str, dict[str, Any]], Awaitable[list[Reply] | None]]
UNREADABLE = (KeyError, ValueError, TypeError, AttributeError, IndexError)


@dataclass(frozen=True)
class Session:
    """A machine dialogue's state with what the contract keeps around it."""

    state: Any
    history: tuple[Any, ...] = ()
    confirm_cancel: bool = False


class Runner:
    """The chat's open conversation, whichever dialogue it is."""

    def __init__(
        self,
        services: Deps,
        machines: Mapping[str, AnyDialogue],
        wake: Callable[[], None],
        replan: Callable[[], None],
        menu: Callable[[], list[Choice]],
        guard: Guard | None = None,
    ) -> None:
        self.s, self.machines = services, dict(machines)
        self.wake, self.replan, self._menu, self.guard = wake, replan, menu, guard

    def knows(self, name: str) -> bool:
        return name in self.machines

    # --- entry points ---------------------------------------------------------------------

    async def resume(self, inc: Incoming, conversation: tuple[str, dict] | None) -> list[Reply]:
        """A message or a dialogue button while a conversation may be open."""
        if conversation is None or not self.knows(conversation[0]):
            return [texts.plain(texts.STALE_BUTTON, self._menu())]
        name, data = self._current(conversation)
        keys = contract.is_cancel(inc) or contract.is_back(inc) or _is_resume(inc)
        refused = None if keys or self.guard is None else await self.guard(inc, name, data)
        if refused:  # the role was taken away since the dialogue began
            await self.s.store.conversations.end(inc.channel, inc.chat_id)
            return refused
        return await self._step(inc, name, self.machines[name], data)

    async def cancel(self, inc: Incoming) -> list[Reply]:
        """/cancel is the same key as the cancel button: it asks before discarding work."""
        conversation = await self.s.store.conversations.get(inc.channel, inc.chat_id)
        if conversation is None or not self.knows(conversation[0]):
            return [texts.plain(texts.NOTHING_TO_CANCEL)]
        press = Incoming(**{**inc.__dict__, "kind": "choice", "payload": contract.CANCEL_VALUE})
        return await self.resume(press, conversation)

    async def open(self, inc: Incoming, name: str, outcome: Outcome[Any]) -> list[Reply]:
        """Start a machine dialogue with its first outcome (state None: it ended at once)."""
        if outcome.state is not None:
            busy = await self._busy(inc)
            if busy:
                return busy
        return await self._settle(inc, name, self.machines[name], Session(None), None, outcome)

    async def _busy(self, inc: Incoming) -> list[Reply]:
        """Another dialogue with entered data is never silently replaced: finish or cancel it."""
        open_now = await self.s.store.conversations.get(inc.channel, inc.chat_id)
        if open_now is None or not self.knows(open_now[0]):
            return []
        name, data = self._current(open_now)
        d = self.machines[name]
        try:
            session = self._load(d, data)
        except UNREADABLE:
            return []  # an unreadable row is simply replaced
        entered = d.entered(session.state)
        if not entered:
            return []
        prompt = await self._question(d, session)
        note = texts.plain(texts.FINISH_FIRST.format(what=entered))
        return [contract.merge([note], prompt)]

    def _current(self, conversation: tuple[str, dict]) -> tuple[str, dict]:
        """Which dialogue reads a kept row: a row an earlier version saved under a dialogue's
        name may belong to one split off from it since (`Dialogue.moved`)."""
        name, data = conversation
        d = self.machines.get(name)
        moved = d.moved(data) if d is not None else None
        return (moved, data) if moved and self.knows(moved) else (name, data)

    # --- state machines -------------------------------------------------------------------

    def _load(self, d: AnyDialogue, data: dict[str, Any]) -> Session:
        core = {k: v for k, v in data.items() if k not in contract.META}
        history = tuple(d.from_json(h) for h in data.get("_history") or [])
        return Session(d.from_json(core), history, bool(data.get("_confirm_cancel")))

    def _dump(self, d: AnyDialogue, session: Session) -> dict[str, Any]:
        data = d.to_json(session.state)
        if session.history:
            data["_history"] = [d.to_json(h) for h in session.history]
        if session.confirm_cancel:
            data["_confirm_cancel"] = True
        return data

    async def _question(self, d: AnyDialogue, session: Session, view: Any = None) -> Reply:
        """The question of the session's state, with exactly its options, back and cancel."""
        if view is None:
            view = await d.view(session.state, None)
        return contract.dress(d.prompt(session.state, view), bool(session.history))

    async def _step(
        self, inc: Incoming, name: str, d: AnyDialogue, data: dict[str, Any]
    ) -> list[Reply]:
        try:
            session = self._load(d, data)
        except UNREADABLE as exc:  # saved by an earlier version in a shape we no longer read
            log.warning("ending an unreadable %s conversation: %r", name, exc)
            await self.s.store.conversations.end(inc.channel, inc.chat_id)
            return [texts.plain(texts.DIALOGUE_GONE)]
        if contract.is_cancel(inc):
            return await self._cancel(inc, name, d, session)
        session = replace(session, confirm_cancel=False)
        if _is_resume(inc):
            await self._save(inc, name, d, session)
            return [await self._question(d, session)]
        if contract.is_back(inc):
            return await self._back(inc, name, d, session)
        answer = Answer.of(inc)
        view = await d.view(session.state, answer)
        outcome = d.steps[session.state.step](session.state, answer, view)
        return await self._settle(inc, name, d, session, view, outcome)

    async def _settle(
        self,
        inc: Incoming,
        name: str,
        d: AnyDialogue,
        before: Session,
        view: Any,
        outcome: Outcome[Any],
        conflicted: bool = False,
    ) -> list[Reply]:
        """Turn a step's outcome into replies, and apply its effects with the new state."""
        try:
            if outcome.handover is not None:
                return await self._hand_over(inc, outcome)
            if outcome.state is None:
                results = await self._apply(inc, name, None, outcome.effects)
                return [*outcome.replies, *await d.settled(outcome.effects, results)]
            if before.state is not None and outcome.state == before.state:
                # Rejected: the explanation, then the very same question and options.
                await self._apply(inc, name, self._dump(d, before), outcome.effects)
                prompt = await self._question(d, before, view)
                return [contract.merge(outcome.replies, prompt)]
            history = () if before.state is None else (*before.history, before.state)
            after = Session(outcome.state, history[-contract.MAX_HISTORY :])
            question = await self._question(d, after)
            await self._apply(inc, name, self._dump(d, after), outcome.effects)
            if before.state is None and outcome.replies:  # refused at once (/register Xyz)
                return [contract.merge(outcome.replies, question)]
            return [*outcome.replies, question]
        except Conflict as conflict:
            if conflicted or before.state is None:
                raise
            log.info("%s: %s", name, conflict)
            again = d.on_conflict(before.state, conflict)
            return await self._settle(inc, name, d, before, view, again, conflicted=True)

    async def _hand_over(self, inc: Incoming, outcome: Outcome[Any]) -> list[Reply]:
        assert outcome.handover is not None
        flow, state = outcome.handover.flow, outcome.handover.state
        d = self.machines[flow]
        session = Session(state)
        question = await self._question(d, session)
        await self._apply(inc, flow, self._dump(d, session), outcome.effects)
        return [*outcome.replies, question]

    async def _apply(
        self, inc: Incoming, name: str, state: dict[str, Any] | None, effects: list[Effect]
    ) -> list[Any]:
        results = await self.s.store.effects.apply(
            inc.channel, inc.chat_id, name, state, effects, self.s.clock()
        )
        if wakes_outbox(effects):
            self.wake()
        if replans(effects):
            self.replan()  # teams, tasks or deadlines changed: re-plan the nudges at once
        return results

    async def _save(self, inc: Incoming, name: str, d: AnyDialogue, session: Session) -> None:
        await self._apply(inc, name, self._dump(d, session), [])

    async def _cancel(
        self, inc: Incoming, name: str, d: AnyDialogue, session: Session
    ) -> list[Reply]:
        entered = d.entered(session.state)
        if not entered or session.confirm_cancel:
            await self._apply(inc, name, None, [])
            return [texts.plain(texts.CANCELLED)]
        await self._save(inc, name, d, replace(session, confirm_cancel=True))
        return [confirm_cancel(entered)]

    async def _back(
        self, inc: Incoming, name: str, d: AnyDialogue, session: Session
    ) -> list[Reply]:
        if not session.history:
            await self._save(inc, name, d, session)
            prompt = await self._question(d, session)
            return [contract.merge([texts.plain(texts.BACK_AT_START)], prompt)]
        previous = Session(session.history[-1], session.history[:-1])
        await self._save(inc, name, d, previous)
        return [await self._question(d, previous)]


def _is_resume(inc: Incoming) -> bool:
    return inc.kind == "choice" and inc.payload == contract.RESUME_VALUE


def confirm_cancel(entered: str) -> Reply:
    """Cancel after something was entered: ask before discarding it."""
    question = texts.CANCEL_CONFIRM.format(what=entered)
    keep = Choice(texts.KEEP_GOING, contract.RESUME_VALUE)
    discard = Choice(texts.CANCEL_DISCARD, contract.CANCEL_VALUE)
    return Reply(text=(Seg(question),), choices=(keep, discard))
