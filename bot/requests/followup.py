"""A follow-up on a request: the one message a button asked for (a reply, a comment).

| Step    | Asks                                          | Next                              |
|---------|-----------------------------------------------|-----------------------------------|
| REPLY   | the reply to relay (after `rq:re:<id>`)       | ends: relayed to the other side   |
|         |                                               | (the staff, or the asker)         |
| COMMENT | a comment after the rating (`rq:rt:<id>:<n>`; | ends: the comment is kept         |
|         | the skip button `rq:skip:<id>` ends it)       |                                   |

The desk opens it (it saves the state and says the first question itself, in the chat and
forum topic the button came from); the runner takes the message. The relay is composed by
bot/requests/relayed.py and written as an effect, with the conversation's end, in one
transaction. Kept as the conversation "request_followup"; the version before kept these rows
under "request" (bot/requests/create.py's `moved` sends them here).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot import texts
from bot.chat import Choice, Person, Reply
from bot.deps import Deps
from bot.dialogues.effects import RecordRelay, UpdateRequest
from bot.dialogues.machine import Answer, Machine, Outcome, StepFn, end, stay
from bot.requests.card import Target
from bot.requests.relayed import Said, from_asker, from_staff
from bot.rows.requests import Request
from bot.texts import requests as w

FOLLOWUP = "request_followup"
MAX_COMMENT = 1000


class Step(StrEnum):
    REPLY = "reply"
    COMMENT = "comment"


@dataclass(frozen=True)
class FollowUp:
    step: Step
    request: int


@dataclass(frozen=True)
class FollowUpView:
    """The request as stored now (None: gone), and what relaying reads: the responder's unit
    (a staff reply), the commune's name and the topic's staff (the asker's)."""

    request: Request | None = None
    unit: str = ""
    commune: str = ""
    staff: tuple[Target, ...] = ()


Out = Outcome[FollowUp]


def on_reply(state: FollowUp, answer: Answer, view: FollowUpView) -> Out:
    req = view.request
    if req is None:
        return end(texts.plain(texts.STALE_BUTTON))
    if not answer.typed:
        return end(texts.plain(w.EMPTY_RELAY))
    said = Said(
        answer.user, "text", answer.text, answer.user.channel, answer.chat_id, answer.message_id
    )
    if req.asker == answer.user.key:
        relayed = from_asker(said, req, view.commune, view.staff)
    else:
        relayed = from_staff(said, req, view.unit)
    if relayed is None:
        return end(texts.plain(w.EMPTY_RELAY))
    return end(texts.plain(relayed.confirm), effects=[RecordRelay(relayed)])


def on_comment(state: FollowUp, answer: Answer, view: FollowUpView) -> Out:
    if view.request is None:
        return end(texts.plain(texts.STALE_BUTTON))
    if not answer.typed or not answer.text:
        return stay(state)  # the same question again
    comment = (("comment", answer.text[:MAX_COMMENT]),)
    return end(texts.plain(w.COMMENTED), effects=[UpdateRequest(state.request, comment)])


STEPS: Mapping[Step, StepFn[FollowUp, FollowUpView]] = {
    Step.REPLY: on_reply,
    Step.COMMENT: on_comment,
}


def prompt(state: FollowUp, view: FollowUpView) -> Reply:
    if state.step is Step.REPLY:
        return texts.plain(w.WRITE_REPLY.format(id=state.request))
    rating = (view.request.rating if view.request else None) or "?"
    skip = [Choice(w.SKIP, f"rq:skip:{state.request}")]
    return texts.plain(w.RATED.format(rating=rating), skip)


class FollowUpFlow(Machine[FollowUp, FollowUpView]):
    """The follow-up dialogue of the request desk."""

    name = FOLLOWUP
    steps = STEPS
    prompt = staticmethod(prompt)

    def __init__(
        self,
        services: Deps,
        unit_of: Callable[[Person], Awaitable[str]],
        asker_view: Callable[[Request], Awaitable[tuple[str, list[Target]]]],
    ) -> None:
        self.s, self.unit_of, self.asker_view = services, unit_of, asker_view

    async def view(self, state: FollowUp, answer: Answer | None) -> FollowUpView:
        req = await self.s.store.requests.get(state.request)
        if req is None or answer is None or state.step is not Step.REPLY or not answer.typed:
            return FollowUpView(req)
        if req.asker == answer.user.key:
            commune, staff = await self.asker_view(req)
            return FollowUpView(req, commune=commune, staff=tuple(staff))
        return FollowUpView(req, unit=await self.unit_of(answer.user))

    def entered(self, state: FollowUp) -> str:
        return ""  # one message is asked for; nothing typed is held back

    def to_json(self, state: FollowUp) -> dict[str, Any]:
        return {"step": state.step.value, "request": state.request}

    def from_json(self, data: dict[str, Any]) -> FollowUp:
        return FollowUp(Step(data["step"]), int(data["request"]))
