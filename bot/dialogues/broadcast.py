"""/broadcast: choose the audience, write, preview with who will and will not get it, confirm.

Coordinators reach everyone; registrars only the people of their communes (who may use it at
all: bot/permissions.py, before every step). The audiences mean the same in chat and in
`commune-bot broadcast` (both go through `bot.audience`). A broadcast is signed with the
sender's role and organisation. Confirmed broadcasts go into the outbox (with their audit line,
in one transaction); the sender gets a delivery report when it is done.

| Step     | Asks                                             | Next                              |
|----------|--------------------------------------------------|-----------------------------------|
| AUDIENCE | to whom (all, registrars, members, incomplete,   | TEXT; TARGET for a district or a  |
|          | a former district, a commune)                    | commune                           |
| TARGET   | which former district / commune (typed, or a     | TEXT (when it reaches someone)    |
|          | pick list)                                       |                                   |
| TEXT     | the text (at most 3000 characters)               | CONFIRM                           |
| CONFIRM  | the preview: send to N people / who will miss it | ends: queued in the outbox        |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.audience import missed, resolve
from bot.broadcasting import MAX_TEXT, NoRecipients, body, queue, sign_off
from bot.chat import Choice, Recipient, Reply, Seg
from bot.deps import Deps
from bot.dialogues.effects import Effect, QueueBroadcast
from bot.dialogues.machine import Answer, Machine, Outcome, StepFn, choice_arg, end, go, stay
from bot.permissions import Gate
from bot.pick import NO_PICK, Pick, pick

MAX_LISTED = 40
COORDINATOR_AUDIENCES = ("all", "registrars", "members", "incomplete", "district", "commune")
REGISTRAR_AUDIENCES = ("members", "incomplete", "district", "commune")
PLACES = ("district", "commune")


class Step(StrEnum):
    AUDIENCE = "audience"
    TARGET = "target"
    TEXT = "text"
    CONFIRM = "confirm"


@dataclass(frozen=True)
class Broadcast:
    step: Step
    coordinator: bool = False  # which audiences to offer
    kind: str = ""  # TARGET: "district" or "commune"
    picks: tuple[str, ...] = ()  # TARGET: communes offered for a typed name
    audience: str = ""  # "members", "district:380", "commune:14758" …
    text: str = ""
    n: int = 0  # CONFIRM: how many it reaches, who it misses, the signature, the audience named
    missed: tuple[tuple[str, str], ...] = ()
    sender: str = ""
    label: str = ""


@dataclass(frozen=True)
class BroadcastView:
    """What the answer needs: the sender's standing now, the audience the answer names (with
    how many it reaches), a typed place's resolution, and at CONFIRM the recipients."""

    coordinator: bool = False
    audience: str = ""  # the audience this answer (or the state) names, "" for none
    reach: int = 0  # its recipients now
    missed: tuple[tuple[str, str], ...] = ()
    sender: str = ""  # the signature
    label: str = ""  # the audience as the preview names it
    pick: Pick = NO_PICK  # a typed commune
    names: Mapping[str, str] = field(default_factory=dict)
    recipients: tuple[Recipient, ...] = ()  # CONFIRM: who gets it, resolved now
    contact: Recipient | None = None  # CONFIRM: the sender, told how it went on this chat


Out = Outcome[Broadcast]
PRESS = texts.plain(texts.PRESS_A_BUTTON)


def on_audience(state: Broadcast, answer: Answer, view: BroadcastView) -> Out:
    kind = choice_arg(answer.choice, "a") or ""
    if kind not in (COORDINATOR_AUDIENCES if view.coordinator else REGISTRAR_AUDIENCES):
        return stay(state, PRESS)
    if kind in PLACES:
        return go(replace(state, step=Step.TARGET, kind=kind, picks=()))
    return _chosen(state, view)


def on_target(state: Broadcast, answer: Answer, view: BroadcastView) -> Out:
    if view.audience:  # the district, the pressed commune, or the one the name means
        return _chosen(state, view)
    if state.kind == "district":
        unknown = texts.plain(texts.INVITE_UNKNOWN.format(text=answer.text[:60]))
        return stay(state, *(view.pick.notes or (unknown,)))
    if view.pick.picks:
        return go(replace(state, picks=view.pick.picks))
    return stay(state, *view.pick.notes)


def on_text(state: Broadcast, answer: Answer, view: BroadcastView) -> Out:
    text = answer.text if answer.typed else ""
    if not text:
        return stay(state)
    if len(text) > MAX_TEXT:
        return stay(state, texts.plain(texts.BROADCAST_TOO_LONG))
    return go(
        replace(
            state,
            step=Step.CONFIRM,
            text=text,
            n=view.reach,
            missed=view.missed,
            sender=view.sender,
            label=view.label,
        )
    )


def on_confirm(state: Broadcast, answer: Answer, view: BroadcastView) -> Out:
    if answer.choice == "list":
        lines = [f"• {name} — {texts.MISSED_REASONS[why]}" for name, why in state.missed]
        more = len(lines) - MAX_LISTED
        lines = lines[:MAX_LISTED] + ([texts.AND_MORE.format(n=more)] if more > 0 else [])
        listing = texts.plain(texts.BROADCAST_MISSED_TITLE + "\n" + "\n".join(lines))
        return stay(state, listing)  # the same preview and buttons follow
    if answer.choice != "ok":
        return stay(state, PRESS)
    if not view.recipients or view.contact is None:
        return end(texts.plain(texts.BROADCAST_EMPTY))
    if len(view.recipients) != state.n:  # people came or went since the preview: ask again
        note = texts.BROADCAST_RECOUNTED.format(was=state.n, n=len(view.recipients))
        return go(replace(state, n=len(view.recipients)), texts.plain(note))
    rich = tuple((seg.text, seg.style) for seg in body(view.sender, state.text))
    queued = QueueBroadcast(view.contact, state.audience, state.text, rich, view.recipients)
    return end(effects=[queued])


def _chosen(state: Broadcast, view: BroadcastView) -> Out:
    if not view.reach:
        return stay(state, texts.plain(texts.BROADCAST_EMPTY))
    return go(replace(state, step=Step.TEXT, audience=view.audience))


STEPS: Mapping[Step, StepFn[Broadcast, BroadcastView]] = {
    Step.AUDIENCE: on_audience,
    Step.TARGET: on_target,
    Step.TEXT: on_text,
    Step.CONFIRM: on_confirm,
}


def prompt(state: Broadcast, view: BroadcastView) -> Reply:
    """The question of the current step, with exactly its options."""
    if state.step is Step.AUDIENCE:
        kinds = COORDINATOR_AUDIENCES if state.coordinator else REGISTRAR_AUDIENCES
        choices = [Choice(texts.AUDIENCES[k], f"f:a:{k}") for k in kinds]
        return texts.plain(texts.BROADCAST_ASK_AUDIENCE, choices)
    if state.step is Step.TARGET:
        if state.picks:
            choices = [Choice(view.names[c], f"f:c:{c}") for c in state.picks if c in view.names]
            return texts.plain(texts.PICK_COMMUNE, choices)
        district = state.kind == "district"
        return texts.plain(texts.BROADCAST_DISTRICT if district else texts.BROADCAST_COMMUNE)
    if state.step is Step.TEXT:
        return texts.plain(texts.BROADCAST_ASK_TEXT)
    return preview(state)


def preview(state: Broadcast) -> Reply:
    head = texts.BROADCAST_PREVIEW.format(n=state.n, audience=state.label)
    parts: list[Seg] = [texts.b(head)]
    never = sum(1 for _, why in state.missed if why == "never")
    blocked = sum(1 for _, why in state.missed if why == "blocked")
    if state.missed:
        parts.append(Seg("\n" + texts.BROADCAST_MISSED.format(never=never, blocked=blocked)))
    parts += [Seg("\n\n"), *body(state.sender, state.text)]
    choices = [Choice(texts.BROADCAST_SEND.format(n=state.n), "f:ok")]
    if state.missed:
        choices.append(Choice(texts.BROADCAST_SHOW_MISSED, "f:list"))
    return Reply(text=tuple(parts), choices=tuple(choices))


class BroadcastFlow(Machine[Broadcast, BroadcastView]):
    """The compose dialogue; `queue` is shared with `commune-bot broadcast`."""

    name = "broadcast"
    steps = STEPS
    prompt = staticmethod(prompt)

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access
        self.gate = Gate(services, access)

    def begin(self, roles: Roles) -> Out:
        return go(Broadcast(Step.AUDIENCE, coordinator=roles.coordinator))

    async def queue(
        self, roles: Roles, sender: Recipient, audience: str, text: str
    ) -> tuple[int, int]:
        """Resolve the audience now and queue one outbox row per recipient (none: refused)."""
        return await queue(self.s, self.access, roles, sender, audience, text)

    async def view(self, state: Broadcast, answer: Answer | None) -> BroadcastView:
        names = {c: self._name(c) for c in state.picks}
        if answer is None:  # only prompting
            return BroadcastView(names=names)
        roles = await self.access.roles(answer.user)
        audience, pick = self._named(state, answer, roles)
        recipients = await resolve(self.s, self.access, roles, audience) if audience else []
        base = BroadcastView(roles.coordinator, audience, len(recipients), pick=pick, names=names)
        if state.step is Step.TEXT:
            gone = await missed(self.s, self.access, roles, audience)
            label, sender = self._label(audience), sign_off(self.s, roles)
            return replace(base, missed=tuple((n, w) for n, w in gone), sender=sender, label=label)
        if state.step is Step.CONFIRM:
            person = answer.user
            contact = Recipient(person.key, person.channel, answer.chat_id, person.name)
            rows = tuple(recipients)
            return replace(base, recipients=rows, sender=sign_off(self.s, roles), contact=contact)
        return base

    def _named(self, state: Broadcast, answer: Answer, roles: Roles) -> tuple[str, Pick]:
        """The audience the answer names (or the state's, past TARGET), "" for none yet."""
        if state.step is Step.AUDIENCE:
            kind = choice_arg(answer.choice, "a") or ""
            return ("" if kind in PLACES else kind), Pick()
        if state.step is not Step.TARGET:
            return state.audience, Pick()
        if state.kind == "district":
            district, scope = self.s.communes.district(answer.text), self.access.scope(roles)
            if district and scope is not None and not scope.intersection(district.commune_codes):
                refused = texts.plain(texts.OUT_OF_SCOPE.format(name=district.name))
                return "", Pick(notes=(refused,))  # not "nobody to reach": not theirs to reach
            return (f"district:{district.code}" if district else ""), Pick()
        code = choice_arg(answer.choice, "c")
        if code and self.s.communes.get(code):
            return f"commune:{code}", Pick()
        found = pick(self.s, self.gate, roles, answer.text, "f:c:")
        return (f"commune:{found.found}" if found.found else ""), found

    async def settled(self, effects: list[Effect], results: list[Any]) -> list[Reply]:
        """The broadcast's number, known once it is queued."""
        for effect, result in zip(effects, results, strict=True):
            if isinstance(effect, QueueBroadcast):
                n = len(effect.recipients)
                return [texts.plain(texts.BROADCAST_QUEUED.format(id=result, n=n))]
        return []

    def _label(self, audience: str) -> str:
        kind, _, arg = audience.partition(":")
        if kind == "district":
            return self.s.communes.districts[arg].name
        if kind == "commune":
            return self._name(arg)
        return texts.AUDIENCES[kind]

    def _name(self, code: str) -> str:
        commune = self.s.communes.get(code)
        return commune.name if commune else code

    def entered(self, state: Broadcast) -> str:
        return texts.ENTERED_TEXT.format(start=state.text[:40]) if state.text else ""

    def to_json(self, state: Broadcast) -> dict[str, Any]:
        data: dict[str, Any] = {"step": state.step.value, "coordinator": state.coordinator}
        if state.kind:
            data.update(kind=state.kind, picks=list(state.picks))
        if state.audience:
            data["audience"] = state.audience
        if state.step is Step.CONFIRM:
            data.update(text=state.text, n=state.n, sender=state.sender, label=state.label)
            data["missed"] = [list(m) for m in state.missed]
        return data

    def from_json(self, data: dict[str, Any]) -> Broadcast:
        step = Step(data["step"])
        if step is Step.TARGET and data.get("kind") not in PLACES:
            raise ValueError(f"a broadcast target of no kind: {data.get('kind')!r}")
        if step in (Step.TEXT, Step.CONFIRM) and not data.get("audience"):
            raise ValueError("a broadcast text without its audience")
        return Broadcast(
            step,
            coordinator=bool(data.get("coordinator")),
            kind=str(data.get("kind") or ""),
            picks=tuple(str(p) for p in data.get("picks") or ()),
            audience=str(data.get("audience") or ""),
            text=str(data.get("text") or ""),
            n=int(data.get("n") or 0),
            missed=tuple((str(n), str(w)) for n, w in data.get("missed") or ()),
            sender=str(data.get("sender") or ""),
            label=str(data.get("label") or ""),
        )


__all__ = ["BroadcastFlow", "NoRecipients", "body"]
