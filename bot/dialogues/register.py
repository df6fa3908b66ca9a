"""/register: a registrar fills a commune's empty seats (or replaces one member).

A state machine (bot/dialogues/machine.py): one pure function per step over the typed state
(bot/dialogues/registration.py) and a `RegisterView` the flow loads. Nothing is written until
the registrar confirms the review; then all seats are saved in one transaction, with the
conversation's end. The review can correct one entry.

| Step     | Asks                                  | Next                                     |
|----------|---------------------------------------|------------------------------------------|
| COMMUNE  | which commune (or picks from a list)  | NAME (first empty seat); ends: team full |
| NAME     | seat n/total: the person's full name  | PHONE; skip seat → next NAME / REVIEW    |
| PHONE    | the phone (flags other teams with it) | POSITION                                 |
| POSITION | the position (may be skipped)         | OPERATOR (telecom seat) / next NAME /    |
|          |                                       | REVIEW; ends when nothing was entered    |
| OPERATOR | the telecom operator (buttons)        | next NAME / REVIEW                       |
| REVIEW   | everyone entered: confirm or fix one  | FIX; ends: saved (claim codes follow)    |
| FIX      | which field of that person            | FIXVAL                                   |
| FIXVAL   | the new value of that field           | REVIEW                                   |

Replacing a member (from the member menu) starts at NAME with that one seat, no skip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.chat import Choice, Incoming, Reply, Seg
from bot.commands.claims import claim_links
from bot.deps import Deps
from bot.dialogues import registration
from bot.dialogues.effects import Conflict, Draft, Effect, ReplaceMember, SaveMembers
from bot.dialogues.machine import Answer, Machine, Outcome, StepFn, choice_arg, end, go, stay
from bot.dialogues.register_view import RegisterView, load_view, picked
from bot.dialogues.registration import Mode, Registration, Step, entered, save_rule
from bot.dialogues.seats import (
    FIELDS,
    SKIP,
    ask_field,
    ask_operator,
    check_phone,
    check_value,
    describe_draft,
    field_menu,
    with_field,
)
from bot.directory import OPERATORS, operator_from_text
from bot.inputs import clean_text
from bot.permissions import Gate, at_save
from bot.phones import national
from bot.roster import (
    TELECOM,
    describe_missing,
    missing,
    name_case,
    short_label,
    valid_name,
    valid_position,
)

Out = Outcome[Registration]


def on_commune(state: Registration, answer: Answer, view: RegisterView) -> Out:
    picked = view.picked
    if picked.stale:
        return stay(state, texts.plain(texts.STALE_BUTTON))
    if picked.code:
        if not picked.seats:
            return end(texts.plain(texts.TEAM_FULL.format(name=picked.name)))
        return go(replace(state, step=Step.NAME, commune=picked.code, seats=picked.seats))
    listed = [r for r in picked.said if r.choices]
    if not listed:  # not found or out of scope: the same question again
        return stay(state, *picked.said)
    codes = tuple(c.value[4:] for c in listed[0].choices)
    return go(replace(state, picks=codes, pick_text=texts.render_plain(listed[0].text)))


def on_name(state: Registration, answer: Answer, view: RegisterView) -> Out:
    if answer.choice == SKIP and state.mode is Mode.REGISTER:
        return _next_seat(state)
    name = clean_text(answer.text)
    if not answer.typed or not valid_name(name):
        return stay(state, texts.plain(texts.BAD_NAME))
    return go(replace(state, step=Step.PHONE, cur=Draft(state.role, name_case(name), "")))


def _taken(state: Registration, view: RegisterView, skip: int | None) -> set[str]:
    """Phones this one may not repeat: the other drafts (and the team, when adding)."""
    taken = {d.phone for n, d in enumerate(state.drafts) if n != skip}
    return taken | view.team_phones if state.mode is Mode.REGISTER else taken


def _phone(state: Registration, view: RegisterView, text: str, skip: int | None) -> str | Reply:
    phone = check_phone(text)
    if isinstance(phone, str) and phone in _taken(state, view, skip):
        return texts.plain(texts.DUPLICATE_PHONE.format(phone=national(phone)))
    return phone


def on_phone(state: Registration, answer: Answer, view: RegisterView) -> Out:
    phone = _phone(state, view, answer.text, None)
    if isinstance(phone, Reply):
        return stay(state, phone)
    cur = replace(state.cur or Draft(state.role, "", ""), phone=phone)
    moved = replace(state, step=Step.POSITION, cur=cur)
    if not view.elsewhere:
        return go(moved)
    note = texts.PHONE_ELSEWHERE.format(phone=national(phone), communes=", ".join(view.elsewhere))
    return go(replace(moved, notes=(*state.notes, note)), texts.plain(note))


def on_position(state: Registration, answer: Answer, view: RegisterView) -> Out:
    if answer.choice is not None and answer.choice != SKIP:
        return stay(state, texts.plain(texts.STALE_BUTTON))
    position = "" if answer.choice == SKIP else clean_text(answer.text)
    if not valid_position(position):
        return stay(state, texts.plain(texts.BAD_POSITION.format(skip=texts.SKIP)))
    cur = replace(state.cur or Draft(state.role, "", ""), position=position)
    if cur.role == TELECOM:
        return go(replace(state, step=Step.OPERATOR, cur=cur))
    return _keep_current(replace(state, cur=cur))


def on_operator(state: Registration, answer: Answer, view: RegisterView) -> Out:
    chosen = choice_arg(answer.choice, "op") if answer.choice else operator_from_text(answer.text)
    if chosen not in OPERATORS:
        return stay(state, texts.plain(texts.BAD_OPERATOR))
    cur = replace(state.cur or Draft(state.role, "", ""), operator=chosen)
    return _keep_current(replace(state, cur=cur))


def _keep_current(state: Registration) -> Out:
    drafts = state.drafts if state.cur is None else (*state.drafts, state.cur)
    return _next_seat(replace(state, drafts=drafts, cur=None))


def _next_seat(state: Registration) -> Out:
    i = state.i + 1
    if i < len(state.seats):
        return go(replace(state, step=Step.NAME, i=i, cur=None))
    if not state.drafts:
        return end(texts.plain(texts.NOTHING_TO_SAVE))
    return go(replace(state, step=Step.REVIEW, i=i, cur=None))


def on_review(state: Registration, answer: Answer, view: RegisterView) -> Out:
    index = choice_arg(answer.choice, "fix") or ""
    if index.isdigit() and int(index) < len(state.drafts):
        return go(replace(state, step=Step.FIX, fix=int(index)))
    if answer.choice != "ok":
        return stay(state, texts.plain(texts.PRESS_A_BUTTON))
    audit, refused = at_save(save_rule(state), answer.user.key, state.commune, view.allowed)
    if refused is not None:  # the entries stay: the right may come back, or the person cancels
        kept = Reply(text=(*refused.text, Seg("\n" + texts.KEPT_UNTIL_ALLOWED)))
        return Outcome(state, [kept], [audit])
    name = view.name(state.commune)
    if state.mode is Mode.REPLACE:
        draft = state.drafts[0]
        save: Effect = ReplaceMember(state.member, draft)
        head = texts.REPLACED.format(role=short_label(draft.role), commune=name, name=draft.name)
        roles = list(view.team_roles)
    else:
        save = SaveMembers(state.commune, state.drafts)
        head = texts.SAVED.format(n=len(state.drafts), commune=name)
        roles = [*view.team_roles, *(d.role for d in state.drafts)]
    lacking = describe_missing(missing(roles))  # "" once complete
    done = texts.NOW_COMPLETE.format(commune=name)
    tail = texts.STILL_MISSING.format(missing=lacking) if lacking else done
    return end(texts.plain(f"{head}\n{tail}"), effects=[audit, save])


def on_fix(state: Registration, answer: Answer, view: RegisterView) -> Out:
    chosen = choice_arg(answer.choice, "field")
    if chosen not in FIELDS:
        return stay(state, texts.plain(texts.PRESS_A_BUTTON))
    return go(replace(state, step=Step.FIXVAL, field=chosen or ""))


def on_fixval(state: Registration, answer: Answer, view: RegisterView) -> Out:
    if state.field == "phone":
        checked = _phone(state, view, answer.text, state.fix)
    else:
        checked = check_value(state.field, answer.choice, answer.text)
    if isinstance(checked, Reply):
        return stay(state, checked)
    drafts = list(state.drafts)
    drafts[state.fix] = with_field(drafts[state.fix], state.field, checked)
    return go(replace(state, step=Step.REVIEW, drafts=tuple(drafts)))


STEPS: Mapping[Step, StepFn[Registration, RegisterView]] = {
    Step.COMMUNE: on_commune,
    Step.NAME: on_name,
    Step.PHONE: on_phone,
    Step.POSITION: on_position,
    Step.OPERATOR: on_operator,
    Step.REVIEW: on_review,
    Step.FIX: on_fix,
    Step.FIXVAL: on_fixval,
}


def prompt(state: Registration, view: RegisterView) -> Reply:
    """The question of the current step, with exactly its options."""
    cur = state.cur.name if state.cur else ""
    if state.step is Step.COMMUNE:
        if state.picks:
            choices = [Choice(view.name(c), f"f:c:{c}") for c in state.picks]
            return texts.plain(state.pick_text or texts.PICK_COMMUNE, choices)
        return texts.plain(texts.ASK_COMMUNE)
    if state.step is Step.NAME:
        question = texts.ASK_NAME.format(
            commune=view.name(state.commune),
            n=state.i + 1,
            total=len(state.seats),
            role=short_label(state.role),
        )
        skip = [Choice(texts.SKIP_SEAT, "f:skip")] if state.mode is Mode.REGISTER else []
        return texts.plain(question, skip)
    if state.step is Step.PHONE:
        return texts.plain(texts.ASK_PHONE.format(name=cur))
    if state.step is Step.POSITION:
        return texts.plain(texts.ASK_POSITION.format(name=cur), [Choice(texts.SKIP, "f:skip")])
    if state.step is Step.OPERATOR:
        return ask_operator(cur)
    if state.step is Step.FIX:
        draft = state.drafts[state.fix]
        return field_menu(draft.name, draft.role)
    if state.step is Step.FIXVAL:
        return ask_field(state.field, state.drafts[state.fix])
    return _review(state, view)


def _review(state: Registration, view: RegisterView) -> Reply:
    parts: list[Seg] = [texts.b(texts.REVIEW.format(commune=view.name(state.commune)))]
    parts += [Seg("\n• " + describe_draft(d)) for d in state.drafts]
    parts += [Seg(f"\n{note}") for note in state.notes]
    if state.mode is Mode.REGISTER:  # what saving leaves missing, before the person saves
        lacking = describe_missing(missing([*view.team_roles, *(d.role for d in state.drafts)]))
        after = (
            texts.WILL_STILL_MISS.format(missing=lacking) if lacking else texts.WILL_BE_COMPLETE
        )
        parts.append(Seg(f"\n{after}"))
    ok = Choice(texts.CONFIRM, "f:ok")
    fixes = [
        Choice(texts.button_label(texts.FIX_ENTRY.format(name=d.name)), f"f:fix:{n}")
        for n, d in enumerate(state.drafts)
    ]
    return Reply(text=tuple(parts), choices=(ok, *fixes))


def on_conflict(state: Registration, conflict: Conflict) -> Out:
    """Someone else registered that phone meanwhile: the review again, saying so."""
    shown = national(conflict.value)
    return stay(state, texts.plain(texts.DUPLICATE_PHONE.format(phone=shown)))


class RegisterFlow(Machine[Registration, RegisterView]):
    """Seat by seat: name, phone, position (and operator for the telecom seat), review."""

    name = "register"
    steps = STEPS
    prompt = staticmethod(prompt)
    entered = staticmethod(entered)
    on_conflict = staticmethod(on_conflict)
    to_json = staticmethod(registration.to_json)
    from_json = staticmethod(registration.from_json)

    def __init__(self, services: Deps, access: Access, gate: Gate) -> None:
        self.s, self.access, self.gate = services, access, gate

    async def start(self, inc: Incoming, roles: Roles) -> Out:
        """Start with the commune given after /register, or ask for it."""
        state = Registration(Step.COMMUNE)
        if not inc.text:
            return go(state)
        answer = Answer.of(inc)
        return on_commune(
            state, answer, await picked(self.s, self.access, self.gate, state, answer, roles)
        )

    async def view(self, state: Registration, answer: Answer | None) -> RegisterView:
        return await load_view(self.s, self.access, self.gate, state, answer)

    async def settled(self, effects: list[Effect], results: list[Any]) -> list[Reply]:
        """After saving: a claim code for each new member (one message each, to forward)."""
        ids: list[int] = []
        for effect, result in zip(effects, results, strict=True):
            if isinstance(effect, SaveMembers):
                ids += result
            elif isinstance(effect, ReplaceMember):
                ids.append(result)
        return await claim_links(self.s, self.access, ids) if ids else []
