"""Every step of the member dialogue (/team → a member) as a table, without a database.

Each row: (state, answer, view) → (next step or end, reply fragments, effects). The steps are
pure functions, so what the person sees and what would be written are checked directly.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot import texts
from bot.chat import Person
from bot.dialogues.effects import Audit, Notify, RemoveMember, UpdateMember
from bot.dialogues.machine import Answer, Outcome
from bot.dialogues.member import STEPS, MemberEdit, MemberFlow, MemberView, Step, prompt
from bot.dialogues.registration import Mode, Registration
from bot.dialogues.registration import Step as RegStep
from bot.roster import TELECOM, Member
from tests.steps_kit import Speaker, said

ME = Person("telegram", "7", "Lan")
AN = Member(5, "38001", "it_officer", "Nguyễn Văn An", "+84912345601", "Công chức")
TEL = Member(6, "38001", TELECOM, "Trần Bình", "+84912345602", "", "vnpt")
VIEW = MemberView(AN, "Xã Hà Trung", allowed=True)
MENU, VALUE, REMOVE = (
    MemberEdit(Step.MENU, 5),
    MemberEdit(Step.VALUE, 5, "name"),
    MemberEdit(Step.REMOVE, 5),
)


text, press = Speaker(ME).raw, Speaker(ME).pressed  # these steps trim text themselves


def run(state: MemberEdit, answer: Answer, view: MemberView = VIEW) -> Outcome[MemberEdit]:
    return STEPS[state.step](state, answer, view)


ALLOWED = Audit("telegram:7", "team_edit", {"commune": "38001", "allowed": True})


@pytest.mark.parametrize(
    ("answer", "step", "field"),
    [
        (press("field:name"), Step.VALUE, "name"),
        (press("field:phone"), Step.VALUE, "phone"),
        (press("field:position"), Step.VALUE, "position"),
        (press("remove"), Step.REMOVE, ""),
    ],
)
def test_menu_moves_on(answer: Answer, step: Step, field: str) -> None:
    out = run(MENU, answer)
    assert out.state == MemberEdit(step, 5, field)
    assert out.replies == [] and out.effects == [ALLOWED]


@pytest.mark.parametrize(
    "answer", [press("field:zzz"), press("field:"), press("bogus"), text("sửa tên"), press("ok")]
)
def test_menu_rejects_anything_else_with_the_same_state(answer: Answer) -> None:
    out = run(MENU, answer)
    assert out.state == MENU
    assert texts.PRESS_A_BUTTON in said(out.replies)
    assert out.effects == [ALLOWED]  # the check is audited, allowed or not


def test_menu_replace_hands_over_to_register() -> None:
    out = run(MENU, press("replace"))
    assert out.state is None and out.handover is not None
    assert out.handover.flow == "register"
    assert out.handover.state == Registration(
        RegStep.NAME, Mode.REPLACE, "38001", ("it_officer",), member=5
    )


@pytest.mark.parametrize("state", [MENU, VALUE, REMOVE])
def test_every_step_ends_when_the_member_is_gone(state: MemberEdit) -> None:
    out = run(state, press("ok"), MemberView(None))
    assert out.state is None and texts.STALE_BUTTON in said(out.replies)
    assert out.effects == []


@pytest.mark.parametrize("state", [MENU, VALUE, REMOVE])
def test_every_step_refuses_who_may_no_longer_edit(state: MemberEdit) -> None:
    out = run(state, press("ok"), MemberView(AN, "Xã Hà Trung", allowed=False))
    assert out.state is None
    assert texts.NOT_ALLOWED.format(who=texts.REGISTRARS) in said(out.replies)
    assert out.effects == [
        Audit("telegram:7", "team_edit", {"commune": "38001", "allowed": False})
    ]


def test_remove_needs_the_button() -> None:
    out = run(REMOVE, text("ok"))
    assert out.state == REMOVE and texts.PRESS_A_BUTTON in said(out.replies)
    out = run(REMOVE, press("ok"))
    assert out.state is None and texts.REMOVED.format(name=AN.name) in said(out.replies)
    assert out.effects == [
        ALLOWED,
        RemoveMember(5),
        Audit("telegram:7", "remove_member", {"member": 5, "commune": "38001"}),
    ]


@pytest.mark.parametrize(
    ("field", "answer", "stored", "shown"),
    [
        ("name", text("  Lê Thị Hoa "), "Lê Thị Hoa", "Lê Thị Hoa"),
        ("phone", text("0912 345 699"), "+84912345699", "0912 345 699"),
        ("position", text("Phó chủ tịch"), "Phó chủ tịch", "Phó chủ tịch"),
        ("position", press("skip"), "", "—"),
        ("operator", press("op:viettel"), "viettel", "viettel"),
        ("operator", text("Mobifone"), "mobifone", "mobifone"),
    ],
)
def test_value_saves_tells_and_audits(field: str, answer: Answer, stored: str, shown: str) -> None:
    member = replace(TEL if field == "operator" else AN, reachable=True)  # a linked account
    out = run(
        MemberEdit(Step.VALUE, member.id, field), answer, MemberView(member, "Xã Hà Trung", True)
    )
    assert out.state is None
    reply = said(out.replies)
    assert member.name in reply and shown in reply and texts.EDIT_KEEPS in reply
    first, update, edited, tell = out.effects
    assert first == ALLOWED
    assert update == UpdateMember(member.id, field, stored)
    assert edited == Audit(
        "telegram:7", "edit_member", {"member": member.id, "field": field, "commune": "38001"}
    )
    assert isinstance(tell, Notify) and tell.member == member.id
    assert shown in tell.body[1][0] and tell.body[0][1] == "b"
    old = getattr(member, field)
    if old and field != "phone":
        assert texts.WAS.format(old=old) in reply


def test_a_member_without_a_linked_account_is_not_said_to_be_told() -> None:
    out = run(MemberEdit(Step.VALUE, AN.id, "position"), text("Phó chủ tịch"), VIEW)
    reply = said(out.replies)
    assert texts.EDIT_KEEPS_UNLINKED in reply and texts.EDIT_KEEPS not in reply
    assert not any(isinstance(e, Notify) for e in out.effects)  # nobody to tell: no outbox row


@pytest.mark.parametrize(
    ("field", "answer", "why"),
    [
        ("name", text("12345"), texts.BAD_NAME),
        ("name", press("skip"), texts.BAD_NAME),
        ("phone", text("abc"), texts.BAD_PHONE.format(text="abc")),
        ("position", text("x" * 300), texts.BAD_POSITION.format(skip=texts.CLEAR_POSITION)),
        ("operator", text("fpt"), texts.BAD_OPERATOR),
        ("operator", press("op:nope"), texts.BAD_OPERATOR),
    ],
)
def test_value_rejects_bad_input_with_the_same_state(field: str, answer: Answer, why: str) -> None:
    state = MemberEdit(Step.VALUE, 5, field)
    out = run(state, answer)
    assert out.state == state and why in said(out.replies)
    assert out.effects == [ALLOWED]


def test_conflict_keeps_the_question_and_names_the_phone() -> None:
    from bot.dialogues.effects import DUPLICATE_PHONE, Conflict

    state = MemberEdit(Step.VALUE, 5, "phone")
    clash = Conflict(UpdateMember(5, "phone", "+84912345699"), DUPLICATE_PHONE, "+84912345699")
    out = MemberFlow.on_conflict(state, clash)
    assert out.state == state and "0912 345 699" in said(out.replies)


@pytest.mark.parametrize(
    ("state", "fragments", "values"),
    [
        (MENU, [AN.name, "Xã Hà Trung"], ["f:field:name", "f:replace", "f:remove"]),
        (VALUE, [texts.FIELD_NAMES["name"].lower(), AN.name], []),
        (MemberEdit(Step.VALUE, 5, "position"), [], ["f:skip"]),
        (REMOVE, [AN.name], ["f:ok"]),
    ],
)
def test_prompt_of_each_step(state: MemberEdit, fragments: list[str], values: list[str]) -> None:
    reply = prompt(state, VIEW)
    shown = texts.render_plain(reply.text)
    assert all(f in shown for f in fragments)
    assert [c.value for c in reply.choices if c.value in values] == values


def test_the_menu_offers_the_operator_only_for_the_telecom_seat() -> None:
    own = [c.value for c in prompt(MENU, VIEW).choices]
    tel = [c.value for c in prompt(MemberEdit(Step.MENU, 6), MemberView(TEL, "X", True)).choices]
    assert "f:field:operator" not in own and "f:field:operator" in tel


@pytest.mark.parametrize(
    "data",
    [
        {"step": "menu", "member": 5},
        {"step": "value", "member": 5, "field": "phone"},
        {"step": "remove", "member": 5},
    ],
)
def test_the_saved_shape_is_the_one_earlier_versions_wrote(data: dict[str, Any]) -> None:
    flow = MemberFlow.__new__(MemberFlow)  # to_json/from_json need no services
    assert flow.to_json(flow.from_json(data)) == data


@pytest.mark.parametrize(
    "data",
    [{"step": "edit", "member": 5}, {"step": "value", "member": 5}, {"step": "menu"}, {}],
)
def test_an_unreadable_saved_state_raises_for_the_runner_to_end(data: dict[str, Any]) -> None:
    flow = MemberFlow.__new__(MemberFlow)
    with pytest.raises((KeyError, ValueError)):
        flow.from_json(data)
