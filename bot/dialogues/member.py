"""One team member from /team: correct a field in place, replace the person, or remove them.

Correcting a field keeps the seat, its claim codes and linked accounts; the member is told
(through the outbox, on the accounts linked to the seat) and the audit log records it.
Removing asks for a confirmation that names what it does. Every step checks again that the
person may still edit that commune's team (audited as "team_edit").

| Step   | Asks                                   | Next                                   |
|--------|----------------------------------------|----------------------------------------|
| MENU   | the member's details: which field to   | VALUE (a field), REMOVE, or hands over |
|        | correct, replace, or remove            | to /register's replace (NAME)          |
| VALUE  | the new value of the field             | ends: field saved, member told         |
| REMOVE | "remove <name> from the team?" (button)| ends: member removed                   |
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from bot import texts
from bot.access import Access
from bot.chat import Choice, Reply
from bot.deps import Deps
from bot.dialogues.effects import Audit, Conflict, Notify, RemoveMember, UpdateMember
from bot.dialogues.machine import (
    Answer,
    Handover,
    Machine,
    Outcome,
    StepFn,
    choice_arg,
    end,
    go,
    stay,
)
from bot.dialogues.registration import replace_state
from bot.dialogues.seats import (
    FIELDS,
    ask_field,
    check_value,
    describe_draft,
    draft_of,
    field_menu,
)
from bot.permissions import Gate, at_save
from bot.phones import national
from bot.roster import Member, short_label


class Step(StrEnum):
    MENU = "menu"
    VALUE = "value"
    REMOVE = "remove"


@dataclass(frozen=True)
class MemberEdit:
    step: Step
    member: int
    field: str = ""  # VALUE: the field being corrected


@dataclass(frozen=True)
class MemberView:
    """The member as stored now (None: gone meanwhile), the commune's name, and whether the
    person answering may still edit that team."""

    member: Member | None
    commune: str = ""
    allowed: bool = False


Guarded = Callable[[MemberEdit, Answer, Member, str], Outcome[MemberEdit]]


def guarded(step: Guarded) -> StepFn[MemberEdit, MemberView]:
    """The checks of every step: the member still exists, the editor may still edit that
    team (audited, allowed or not); then the step itself, with the member."""

    def checked(state: MemberEdit, answer: Answer, view: MemberView) -> Outcome[MemberEdit]:
        if view.member is None:
            return end(texts.plain(texts.STALE_BUTTON))
        commune = view.member.commune
        audit, refused = at_save("save:team_edit", answer.user.key, commune, view.allowed)
        if refused is not None:
            return end(refused, effects=[audit])
        outcome = step(state, answer, view.member, view.commune)
        return replace(outcome, effects=[audit, *outcome.effects])

    return checked


@guarded
def on_menu(
    state: MemberEdit, answer: Answer, member: Member, commune: str
) -> Outcome[MemberEdit]:
    field = choice_arg(answer.choice, "field")
    if field in FIELDS:
        return go(MemberEdit(Step.VALUE, state.member, field or ""))
    if answer.choice == "remove":
        return go(MemberEdit(Step.REMOVE, state.member))
    if answer.choice == "replace":
        return Outcome(None, handover=Handover("register", replace_state(member)))
    return stay(state, texts.plain(texts.PRESS_A_BUTTON))


@guarded
def on_remove(
    state: MemberEdit, answer: Answer, member: Member, commune: str
) -> Outcome[MemberEdit]:
    if answer.choice != "ok":
        return stay(state, texts.plain(texts.PRESS_A_BUTTON))
    removed = Audit(
        answer.user.key, "remove_member", {"member": member.id, "commune": member.commune}
    )
    return end(
        texts.plain(texts.REMOVED.format(name=member.name)),
        effects=[RemoveMember(member.id), removed],
    )


@guarded
def on_value(
    state: MemberEdit, answer: Answer, member: Member, commune: str
) -> Outcome[MemberEdit]:
    field = state.field
    checked = check_value(field, answer.choice, answer.text)
    if isinstance(checked, Reply):
        return stay(state, checked)
    label = texts.FIELD_NAMES[field].lower()
    shown = national(checked) if field == "phone" and checked else checked or "—"
    edited = Audit(
        answer.user.key,
        "edit_member",
        {"member": member.id, "field": field, "commune": member.commune},
    )
    line = texts.MEMBER_TOLD.format(field=label, value=shown)
    head = texts.MEMBER_TOLD_HEAD.format(role=short_label(member.role), commune=commune)
    body = ((head, "b"), ("\n" + line, ""))
    tell = Notify(member.id, member.name, body, f"member_edit|{member.id}")
    done = texts.EDITED.format(name=member.name, field=label, value=shown)
    old = getattr(member, field) or ""
    if old and field != "phone":
        done += " " + texts.WAS.format(old=old)
    # Told only through a linked chat account: never claim a message nobody will get.
    kept = texts.EDIT_KEEPS if member.reachable else texts.EDIT_KEEPS_UNLINKED
    effects = [
        UpdateMember(member.id, field, checked),
        edited,
        *([tell] if member.reachable else []),
    ]
    return end(texts.plain(done + " " + kept), effects=effects)


STEPS: Mapping[Step, StepFn[MemberEdit, MemberView]] = {
    Step.MENU: on_menu,
    Step.VALUE: on_value,
    Step.REMOVE: on_remove,
}


def prompt(state: MemberEdit, view: MemberView) -> Reply:
    """The question of the current step, with exactly its options."""
    member = view.member
    if member is None:
        return texts.plain(texts.STALE_BUTTON)
    if state.step is Step.VALUE:
        return ask_field(state.field, draft_of(member))
    if state.step is Step.REMOVE:
        question = texts.REMOVE_CONFIRM.format(name=member.name, commune=view.commune)
        return texts.plain(question, [Choice(texts.REMOVE.format(name=member.name), "f:ok")])
    menu = field_menu(member.name, member.role)
    head = texts.MEMBER_MENU.format(who=describe_draft(draft_of(member)), commune=view.commune)
    extra = [
        Choice(texts.button_label(texts.REPLACE.format(name=member.name)), "f:replace"),
        Choice(texts.button_label(texts.REMOVE.format(name=member.name)), "f:remove"),
    ]
    return texts.plain(head, [*menu.choices, *extra])


def on_conflict(state: MemberEdit, conflict: Conflict) -> Outcome[MemberEdit]:
    """The new phone is already on the team (entered by someone else meanwhile)."""
    shown = national(conflict.value)
    return Outcome(state, [texts.plain(texts.DUPLICATE_PHONE.format(phone=shown))])


class MemberFlow(Machine[MemberEdit, MemberView]):
    """Steps: menu → field → value, menu → remove (confirm), menu → replace (/register)."""

    name = "member"
    steps = STEPS

    def __init__(self, services: Deps, access: Access, gate: Gate) -> None:
        self.s, self.access, self.gate = services, access, gate

    def begin(self, member: Member) -> Outcome[MemberEdit]:
        return go(MemberEdit(Step.MENU, member.id))

    async def view(self, state: MemberEdit, answer: Answer | None) -> MemberView:
        member = await self.s.store.teams.member(state.member)
        if member is None:
            return MemberView(None)
        commune = self.s.communes.get(member.commune)
        name = commune.name if commune else member.commune
        if answer is None:  # only prompting
            return MemberView(member, name)
        roles = await self.access.roles(answer.user)
        return MemberView(member, name, self.gate.may("save:team_edit", roles, member.commune))

    prompt = staticmethod(prompt)
    on_conflict = staticmethod(on_conflict)

    def entered(self, state: MemberEdit) -> str:
        return ""  # every step saves or asks; nothing typed is held back

    def to_json(self, state: MemberEdit) -> dict[str, Any]:
        data: dict[str, Any] = {"step": state.step.value, "member": state.member}
        if state.field:
            data["field"] = state.field
        return data

    def from_json(self, data: dict[str, Any]) -> MemberEdit:
        field = str(data.get("field", ""))
        step = Step(data["step"])
        if step is Step.VALUE and field not in FIELDS:
            raise ValueError(f"no field to correct: {field!r}")
        return MemberEdit(step, int(data["member"]), field)
