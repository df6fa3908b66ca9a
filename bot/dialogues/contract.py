"""The dialogue contract, enforced once for every multi-step flow on every channel.

A flow (register, member edits, broadcast, deadline, done) only says what to ask in a state
(`prompt`), how to move on from an answer (`step`) and what the user has entered so far
(`entered`). This module owns everything the user must be able to rely on:

* cancel is one fixed key: always the last button on Telegram, `0` on Zalo and the console
  (said in every prompt); when something was entered it asks before discarding it;
* `back` (a button, or typing "quay lại") undoes the last step;
* a rejected answer (the state did not change) re-asks the same question with the same
  options, so a number or a button never changes meaning after a mistake;
* the same state always shows the same options in the same order.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Protocol

from bot import texts
from bot.chat import Choice, Incoming, Reply, Seg
from bot.choices import BACK_VALUE, CANCEL_VALUE, RESUME_VALUE, is_back_word, is_cancel_word

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]
CANCEL = Choice(texts.CANCEL, CANCEL_VALUE)
BACK = Choice(texts.BACK, BACK_VALUE)
META = ("_history", "_confirm_cancel", "_flow")
MAX_HISTORY = 30


class Conversation(Protocol):
    """What a multi-step flow provides; the contract around it lives here."""

    name: str

    async def step(self, inc: Incoming, state: State) -> Step: ...

    async def prompt(self, state: State) -> Reply: ...

    def entered(self, state: State) -> str: ...


def is_cancel(inc: Incoming) -> bool:
    """The fixed cancel key: the button, `0` (mapped by the engine), /cancel or "hủy"."""
    if inc.kind == "choice":
        return inc.payload == CANCEL_VALUE
    return inc.kind == "text" and is_cancel_word(inc.text)


def is_back(inc: Incoming) -> bool:
    if inc.kind == "choice":
        return inc.payload == BACK_VALUE
    return inc.kind == "text" and is_back_word(inc.text)


def is_resume(inc: Incoming) -> bool:
    return inc.kind == "choice" and inc.payload == RESUME_VALUE


def _core(state: State) -> State:
    return {k: v for k, v in state.items() if k not in META}


def _same(a: State, b: State) -> bool:
    return json.dumps(_core(a), sort_keys=True) == json.dumps(_core(b), sort_keys=True)


def decorate(reply: Reply, state: State) -> Reply:
    """The prompt's own options, then back (when there is a step to undo), then cancel."""
    return dress(reply, bool(state.get("_history")))


def dress(reply: Reply, back: bool) -> Reply:
    """The prompt's own options, then back (when `back`), then cancel: the same for every
    dialogue on every channel."""
    own = [c for c in reply.choices if c.value not in (CANCEL_VALUE, BACK_VALUE)]
    tail = [BACK] if back else []
    return Reply(
        text=reply.text,
        choices=(*own, *tail, CANCEL),
        columns=reply.columns,
        contact=reply.contact,
        attachment=reply.attachment,
    )


def merge(notes: list[Reply], prompt: Reply) -> Reply:
    """A rejection: the explanation, then the very same question and options."""
    parts: list[Seg] = []
    for note in notes:
        if note.text and texts.render_plain(note.text).strip():
            parts += [*note.text, Seg("\n\n")]
    return Reply(text=(*parts, *prompt.text), choices=prompt.choices, columns=prompt.columns)


async def begin(flow: Conversation, result: Step) -> Step:
    """A flow's first question: decorated like every other."""
    state, replies = result
    if state is None:
        return None, replies
    return state, await _finish(flow, state, replies)


async def _finish(flow: Conversation, state: State, replies: list[Reply]) -> list[Reply]:
    if not replies:
        replies = [await flow.prompt(state)]
    return [*replies[:-1], decorate(replies[-1], state)]


async def step(flow: Conversation, inc: Incoming, state: State) -> Step:
    """One user action inside an open conversation, under the contract."""
    if is_cancel(inc):
        return await _cancel(flow, state)
    if is_resume(inc):
        state.pop("_confirm_cancel", None)
        return state, [decorate(await flow.prompt(state), state)]
    if is_back(inc):
        return await _back(flow, state)
    state.pop("_confirm_cancel", None)
    before = copy.deepcopy(state)
    new_state, replies = await flow.step(inc, copy.deepcopy(_core(state)))
    if new_state is None:
        return None, replies
    if new_state.get("_flow"):  # handed over to another flow (member menu → replace)
        return new_state, replies
    if _same(before, new_state):
        prompt = decorate(await flow.prompt(before), before)
        return before, [merge(replies, prompt)]
    history = [*before.get("_history", []), _core(before)][-MAX_HISTORY:]
    new_state["_history"] = history
    return new_state, await _finish(flow, new_state, replies)


async def _cancel(flow: Conversation, state: State) -> Step:
    entered = flow.entered(state)
    if not entered or state.get("_confirm_cancel"):
        return None, [texts.plain(texts.CANCELLED)]
    state["_confirm_cancel"] = True
    question = texts.CANCEL_CONFIRM.format(what=entered)
    keep = Choice(texts.KEEP_GOING, RESUME_VALUE)
    discard = Choice(texts.CANCEL_DISCARD, CANCEL_VALUE)
    return state, [Reply(text=(Seg(question),), choices=(keep, discard))]


async def _back(flow: Conversation, state: State) -> Step:
    history = list(state.get("_history", []))
    if not history:
        prompt = decorate(await flow.prompt(state), state)
        return state, [merge([texts.plain(texts.BACK_AT_START)], prompt)]
    previous = history.pop()
    previous["_history"] = history
    return previous, [decorate(await flow.prompt(previous), previous)]
