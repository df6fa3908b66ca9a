"""Opening a support request: topic and question known, the commune from the seat or asked once.

| Step     | Asks                                         | Next                                 |
|----------|----------------------------------------------|--------------------------------------|
| QUESTION | what is wrong (typed text; else asked again) | ends: the request is made when the   |
|          |                                              | commune is known; else COMMUNE       |
| COMMUNE  | which commune (typed name; several matches:  | ends: the request is made (and the   |
|          | a pick list of at most 5)                    | commune remembered)                  |

A request opens from a topic button (`rq:new:<topic>[:<question id>]`) or a hand-off ("tôi
muốn gặp cán bộ"): `opening` refuses it over the daily limit, creates it at once when the
question and the commune are known (the asker's seat, else the commune they gave last time),
else asks the first missing one. A question over MAX_QUESTION characters is kept in part and
the asker is told so. The request, its first message, the card to every staff target and the
remembered commune are effects, written in one transaction; the confirmation with the new
number comes from `settled`. The state is kept as the conversation "request" in the shape
earlier versions saved, so a restart in the middle asks the same question again. That name
also kept the follow-ups (a reply, a comment) before they became their own conversation:
`moved` sends such rows to their own dialogue (bot/requests/followup.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
from typing import Any

from bot import texts
from bot.chat import Choice, Incoming, Person, Reply
from bot.deps import Deps
from bot.dialogues.effects import Effect, OpenRequest, RememberCommune
from bot.dialogues.machine import Answer, Machine, Outcome, StepFn, choice_arg, end, go, stay
from bot.requests.card import MAX_TEXT, Target
from bot.requests.config import RequestPolicy
from bot.requests.followup import FOLLOWUP
from bot.requests.staff import targets
from bot.texts import requests as w

MAX_QUESTION = MAX_TEXT  # a pasted 10,000-character log is kept in part, and said so
PICKS = 5


class Step(StrEnum):
    QUESTION = "question"
    COMMUNE = "commune"


@dataclass(frozen=True)
class Opening:
    step: Step
    topic: str
    question: str = ""  # as given (stripped when the request is made)
    picks: tuple[str, ...] = ()  # COMMUNE: the communes offered for a typed name


@dataclass(frozen=True)
class RequestView:
    """What the steps read: the topic's name, the commune the asker is known by, a typed
    name's resolution, the names of the communes in play, the staff the card goes to, and
    (when opening) today's count against the daily limit (0: not checked).

    The confirmation's topic label comes with the new number, in `settled`."""

    topic: str = ""  # the topic's name (on the staff card)
    known: str = ""  # the commune of the asker's seat, else the one they gave last time
    found: str = ""  # the one commune a typed name means
    matches: tuple[str, ...] = ()  # the communes it may mean (when not one)
    names: Mapping[str, str] = field(default_factory=dict)
    staff: tuple[Target, ...] = ()
    today: int = 0
    limit: int = 0

    def name(self, code: str) -> str:
        return self.names.get(code, code)


Out = Outcome[Opening]


def opening(state: Opening, asker: Answer, view: RequestView) -> Out:
    """A new request on `state.topic` (with the question given, if any)."""
    if view.limit and view.today >= view.limit:
        return end(texts.plain(w.LIMIT.format(count=view.today)))
    return _asked(state, asker, view)


def on_question(state: Opening, answer: Answer, view: RequestView) -> Out:
    if not answer.typed or not answer.text:
        return stay(state, texts.plain(w.EMPTY_QUESTION))
    return _asked(replace(state, question=answer.text), answer, view)


def on_commune(state: Opening, answer: Answer, view: RequestView) -> Out:
    code = choice_arg(answer.choice, "c")
    if code is not None:  # a commune from the pick list (or an `rq:cm:` button)
        if code not in view.names:
            return stay(state, texts.plain(texts.STALE_BUTTON))
        return _create(state, code, answer, view, remember=True)
    if not answer.typed or not answer.text:
        return stay(state, texts.plain(w.ASK_COMMUNE))
    if view.found:
        return _create(state, view.found, answer, view, remember=True)
    if view.matches:
        return go(replace(state, picks=view.matches[:PICKS]))
    return stay(state, texts.plain(w.UNKNOWN_COMMUNE.format(text=answer.text[:60])))


def _asked(state: Opening, asker: Answer, view: RequestView) -> Out:
    """The question is in: create the request, or ask what is still missing."""
    if not state.question.strip():
        return go(replace(state, step=Step.QUESTION))
    if view.known:
        return _create(state, view.known, asker, view, remember=False)
    return go(replace(state, step=Step.COMMUNE))


def _create(state: Opening, code: str, asker: Answer, view: RequestView, remember: bool) -> Out:
    question = state.question.strip()
    notes = []
    if len(question) > MAX_QUESTION:
        notes.append(texts.plain(w.TOO_LONG.format(limit=MAX_QUESTION)))
        question = question[:MAX_QUESTION]
    fields = (
        ("topic", state.topic),
        ("commune", code),
        ("asker", asker.user.key),
        ("asker_name", asker.user.name[:100]),
        ("channel", asker.user.channel),
        ("chat_id", asker.chat_id),
        ("question", question),
    )
    effects: list[Effect] = [RememberCommune(asker.user.key, code)] if remember else []
    effects.append(OpenRequest(fields, view.staff, view.topic, view.names.get(code, "")))
    return end(*notes, effects=effects)


STEPS: Mapping[Step, StepFn[Opening, RequestView]] = {
    Step.QUESTION: on_question,
    Step.COMMUNE: on_commune,
}


def prompt(state: Opening, view: RequestView) -> Reply:
    """The question of the current step, with exactly its options."""
    if state.step is Step.QUESTION:
        return texts.plain(w.ASK_QUESTION)
    if state.picks:
        return texts.plain(w.PICK_COMMUNE, [Choice(view.name(c), f"f:c:{c}") for c in state.picks])
    return texts.plain(w.ASK_COMMUNE)


def created(effects: list[Effect], results: list[Any], label: Callable[[str], str]) -> list[Reply]:
    """The confirmation, with the number the store gave the request (none: no request)."""
    for opened, number in zip(effects, results, strict=True):
        if isinstance(opened, OpenRequest):
            topic = label(dict(opened.fields)["topic"])
            return [texts.plain(w.CREATED.format(id=number, topic=topic))]
    return []


class RequestFlow(Machine[Opening, RequestView]):
    """The request-opening dialogue."""

    name = "request"
    steps = STEPS
    prompt = staticmethod(prompt)

    def __init__(self, services: Deps, policy: RequestPolicy) -> None:
        self.s, self.policy = services, policy
        self.on_created: Callable[[], object] = lambda: None  # re-arms the follow-up timers

    async def begin(self, inc: Incoming, topic: str, question: str) -> Out:
        """A request on `topic` (private chats only: the desk checked)."""
        state, asker = Opening(Step.QUESTION, topic, question), Answer.of(inc)
        since = self.s.clock() - timedelta(days=1)
        today = await self.s.store.requests.count_since(inc.user.key, since)
        limit = self.policy.per_user_daily_limit
        view = RequestView(today=today, limit=limit)
        if today < limit:  # over it, nothing else is read
            view = replace(await self._load(state, inc.user, "", ""), today=today, limit=limit)
        return opening(state, asker, view)

    async def view(self, state: Opening, answer: Answer | None) -> RequestView:
        if answer is None:  # only prompting: the names of the communes offered
            return RequestView(names=self._names(state.picks))
        typed = answer.text if state.step is Step.COMMUNE and answer.typed else ""
        return await self._load(state, answer.user, typed, choice_arg(answer.choice, "c") or "")

    async def _load(self, state: Opening, who: Person, typed: str, button: str) -> RequestView:
        known = ""
        if state.step is Step.QUESTION:  # the seat's commune, else the one given last time
            seats = await self.s.store.teams.seats_of(who.channel, who.user_id)
            remembered = None if seats else await self.s.store.staff.remembered_commune(who.key)
            known = seats[0].commune if seats else remembered or ""
        found, matches = "", tuple[str, ...]()
        if typed:
            lookup = self.s.communes.lookup(typed)
            if lookup.unique is not None:
                found = lookup.unique.code
            else:
                matches = tuple(m.commune.code for m in lookup.matches)
        return RequestView(
            topic=self.s.directory.topic(state.topic).name,
            known=known,
            found=found,
            matches=matches,
            names=self._names((known, found, button, *matches, *state.picks)),
            staff=tuple(await targets(self.s, state.topic)),
        )

    def _names(self, codes: tuple[str, ...]) -> dict[str, str]:
        known = [commune for commune in map(self.s.communes.get, set(codes) - {""}) if commune]
        return {commune.code: commune.name for commune in known}

    async def settled(self, effects: list[Effect], results: list[Any]) -> list[Reply]:
        replies = created(effects, results, lambda key: self.s.directory.topic(key).label)
        if replies:
            self.on_created()
        return replies

    def entered(self, state: Opening) -> str:
        """What cancelling would discard: the question typed while the commune is asked."""
        typed = state.question.strip()
        if state.step is not Step.COMMUNE or not typed:
            return ""
        start = typed if len(typed) <= 60 else typed[:59] + "…"
        return texts.ENTERED_QUESTION.format(start=start)

    def moved(self, data: dict[str, Any]) -> str | None:
        """A reply or a comment being written: the follow-up dialogue's now."""
        return FOLLOWUP if data.get("step") in ("reply", "comment") else None

    def to_json(self, state: Opening) -> dict[str, Any]:
        """The shape earlier versions saved (the picks are new, kept only when offered)."""
        data: dict[str, Any] = {
            "step": state.step.value,
            "topic": state.topic,
            "question": state.question,
        }
        if state.picks:
            data["picks"] = list(state.picks)
        return data

    def from_json(self, data: dict[str, Any]) -> Opening:
        step, topic = Step(data["step"]), str(data["topic"])
        if not topic:
            raise ValueError("a request without its topic")
        picks = tuple(str(p) for p in data.get("picks") or ())
        return Opening(step, topic, str(data.get("question") or ""), picks)
