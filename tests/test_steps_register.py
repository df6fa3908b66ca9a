"""Every step of /register as a table, without a database.

Each row: (state, answer, view) → (next step or end, reply fragments, effects). The steps are
pure, so the table checks what the registrar sees and what would be written, directly; the
end-to-end walk through Telegram and Zalo lives in tests/test_register_e2e.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot import texts
from bot.chat import Choice, Person
from bot.dialogues.effects import (
    DUPLICATE_PHONE,
    Audit,
    Conflict,
    Draft,
    ReplaceMember,
    SaveMembers,
)
from bot.dialogues.machine import Answer, Outcome
from bot.dialogues.register import STEPS, on_conflict, prompt
from bot.dialogues.register_view import Picked, RegisterView
from bot.dialogues.registration import (
    Registration,
    Step,
    entered,
    from_json,
    replace_state,
    to_json,
)
from bot.roster import TELECOM, Member, seats_to_fill
from tests.steps_kit import Speaker, said

ME = Person("telegram", "7", "Lan")
SEATS = tuple(seats_to_fill([]))  # it_officer, 2 software_guide, 2 youth_member, telecom
AN = Draft("it_officer", "Nguyễn Văn An", "+84912345601", "Công chức")
BINH = Draft("software_guide", "Trần Bình", "+84912345602")
NAMES = {"14758": "Phường Hàm Rồng", "14797": "Phường Hạc Thành"}
VIEW = RegisterView(NAMES)
AT_NAME = Registration(Step.NAME, commune="14758", seats=SEATS)
AT_PHONE = replace(AT_NAME, step=Step.PHONE, cur=Draft("it_officer", "Nguyễn Văn An", ""))
AT_POSITION = replace(AT_PHONE, step=Step.POSITION, cur=replace(AN, position=""))
LAST = len(SEATS) - 1
AT_OPERATOR = replace(
    AT_NAME, step=Step.OPERATOR, i=LAST, drafts=(AN,), cur=Draft(TELECOM, "Lê Tú", "+84912345609")
)
AT_REVIEW = replace(AT_NAME, step=Step.REVIEW, i=len(SEATS), drafts=(AN, BINH))
REPLACING = replace_state(Member(5, "14758", "youth_member", "Phạm Thị Dung", "+84912345604"))


text, press = Speaker(ME).raw, Speaker(ME).pressed  # these steps trim text themselves


def run(state: Registration, answer: Answer, view: RegisterView = VIEW) -> Outcome[Registration]:
    return STEPS[state.step](state, answer, view)


def rejected(state: Registration, answer: Answer, why: str, view: RegisterView = VIEW) -> None:
    out = run(state, answer, view)
    assert out.state == state, "a rejected answer keeps the state (the same question follows)"
    assert why in said(out.replies) and out.effects == []


# --- COMMUNE -------------------------------------------------------------------------------

START = Registration(Step.COMMUNE)


def test_commune_picked_starts_the_empty_seats() -> None:
    view = RegisterView(NAMES, picked=Picked("14758", "Phường Hàm Rồng", SEATS[1:]))
    out = run(START, text("Hàm Rồng"), view)
    assert out.state == replace(START, step=Step.NAME, commune="14758", seats=SEATS[1:])
    assert out.replies == [] and out.effects == []


def test_commune_with_a_full_team_ends() -> None:
    out = run(START, text("Hàm Rồng"), RegisterView(picked=Picked("14758", "Phường Hàm Rồng")))
    assert out.state is None
    assert texts.TEAM_FULL.format(name="Phường Hàm Rồng") in said(out.replies)


def test_commune_list_is_kept_to_pick_from() -> None:
    listed = texts.plain("Chọn:", [Choice("A", "f:c:14758"), Choice("B", "f:c:14797")])
    out = run(START, text("Hà"), RegisterView(picked=Picked(said=(listed,))))
    assert out.state == replace(START, picks=("14758", "14797"), pick_text="Chọn:")
    shown = prompt(out.state, VIEW)
    assert [c.value for c in shown.choices] == ["f:c:14758", "f:c:14797"]
    assert [c.label for c in shown.choices] == ["Phường Hàm Rồng", "Phường Hạc Thành"]


@pytest.mark.parametrize(
    ("picked", "why"),
    [
        (Picked(stale=True), texts.STALE_BUTTON),
        (Picked(said=(texts.plain("không thuộc phạm vi"),)), "không thuộc phạm vi"),
    ],
)
def test_commune_rejections(picked: Picked, why: str) -> None:
    rejected(START, text("Xyz"), why, RegisterView(picked=picked))


# --- NAME ----------------------------------------------------------------------------------


def test_name_moves_to_the_phone() -> None:
    out = run(AT_NAME, text("  Nguyễn Văn An "))
    assert out.state == AT_PHONE and out.replies == []


@pytest.mark.parametrize(
    "answer",
    [text("12"), text(""), text("An1"), press("ok"), text("mạng mất từ sáng thì gọi ai")],
)
def test_name_rejections(answer: Answer) -> None:
    rejected(AT_NAME, answer, texts.BAD_NAME)


def test_skip_goes_to_the_next_seat_or_the_review_or_ends() -> None:
    out = run(AT_NAME, press("skip"))
    assert out.state == replace(AT_NAME, i=1)
    last = replace(AT_NAME, i=LAST, drafts=(AN,))
    assert run(last, press("skip")).state == replace(last, step=Step.REVIEW, i=LAST + 1)
    out = run(replace(AT_NAME, i=LAST), press("skip"))
    assert out.state is None and texts.NOTHING_TO_SAVE in said(out.replies)


def test_a_replacement_cannot_skip_its_one_seat() -> None:
    rejected(REPLACING, press("skip"), texts.BAD_NAME)


# --- PHONE ---------------------------------------------------------------------------------


def test_phone_moves_to_the_position() -> None:
    out = run(AT_PHONE, text("0912 345 601"))
    assert out.state == replace(AT_PHONE, step=Step.POSITION, cur=replace(AN, position=""))
    assert out.replies == []


def test_phone_on_another_team_is_noted_for_the_review() -> None:
    out = run(AT_PHONE, text("0912345601"), RegisterView(NAMES, elsewhere=("Xã Hà Trung",)))
    assert out.state is not None and out.state.step is Step.POSITION
    note = texts.PHONE_ELSEWHERE.format(phone="0912 345 601", communes="Xã Hà Trung")
    assert out.state.notes == (note,) and said(out.replies) == note
    review = replace(out.state, step=Step.REVIEW, drafts=(AN,), cur=None)
    assert note in texts.render_plain(prompt(review, VIEW).text)


@pytest.mark.parametrize(
    ("state", "typed", "view", "why"),
    [
        (AT_PHONE, "abc", VIEW, texts.BAD_PHONE.format(text="abc")),
        (AT_PHONE, "", VIEW, texts.BAD_PHONE.format(text="")),
        (
            AT_PHONE,
            "0912345604",
            RegisterView(team_phones=frozenset({"+84912345604"})),
            texts.DUPLICATE_PHONE.format(phone="0912 345 604"),
        ),
        (
            replace(AT_PHONE, drafts=(BINH,), i=1, cur=Draft(BINH.role, "Hoa", "")),
            "0912345602",
            VIEW,
            texts.DUPLICATE_PHONE.format(phone="0912 345 602"),
        ),
    ],
)
def test_phone_rejections(state: Registration, typed: str, view: RegisterView, why: str) -> None:
    rejected(state, text(typed), why, view)


def test_a_replacement_may_keep_a_phone_that_is_on_the_team() -> None:
    at_phone = replace(REPLACING, step=Step.PHONE, cur=Draft("youth_member", "Vũ Thị Hoa", ""))
    view = RegisterView(team_phones=frozenset({"+84912345604"}))
    out = run(at_phone, text("0912345604"), view)
    assert out.state is not None and out.state.step is Step.POSITION


# --- POSITION ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "position"), [(text("Công chức"), "Công chức"), (press("skip"), "")]
)
def test_position_keeps_the_person_and_moves_to_the_next_seat(
    answer: Answer, position: str
) -> None:
    out = run(AT_POSITION, answer)
    kept = replace(AN, position=position)
    assert out.state == replace(AT_POSITION, step=Step.NAME, i=1, drafts=(kept,), cur=None)


def test_position_of_the_telecom_seat_asks_the_operator() -> None:
    state = replace(AT_OPERATOR, step=Step.POSITION, cur=replace(AT_OPERATOR.cur or AN))
    out = run(state, press("skip"))
    assert out.state == replace(state, step=Step.OPERATOR)


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (text("=HYPERLINK()"), texts.BAD_POSITION.format(skip=texts.SKIP)),
        (press("op:vnpt"), texts.STALE_BUTTON),
    ],
)
def test_position_rejections(answer: Answer, why: str) -> None:
    rejected(AT_POSITION, answer, why)


# --- OPERATOR ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "op"),
    [
        (press("op:vnpt"), "vnpt"),
        (text(" Viettel"), "viettel"),
        (text("mobi"), "mobifone"),  # as people write them
        (text("Vina Phone"), "vnpt"),
    ],
)
def test_operator_keeps_the_last_seat_and_reviews(answer: Answer, op: str) -> None:
    out = run(AT_OPERATOR, answer)
    assert out.state is not None and out.state.step is Step.REVIEW and out.state.cur is None
    assert out.state.drafts == (AN, replace(AT_OPERATOR.cur or AN, operator=op))


@pytest.mark.parametrize("answer", [text("fpt"), press("op:fpt"), press("skip")])
def test_operator_rejections(answer: Answer) -> None:
    rejected(AT_OPERATOR, answer, texts.BAD_OPERATOR)


# --- REVIEW --------------------------------------------------------------------------------


def test_the_review_says_what_saving_leaves_missing() -> None:
    shown = texts.render_plain(prompt(AT_REVIEW, RegisterView(NAMES)).text)  # An and Bình
    assert "Sau khi lưu, tổ vẫn còn thiếu:" in shown and "đoàn viên" in shown
    rest = ("software_guide", "youth_member", "youth_member", "telecom_technician")
    full = texts.render_plain(prompt(AT_REVIEW, RegisterView(NAMES, team_roles=rest)).text)
    assert texts.WILL_BE_COMPLETE in full


def test_review_saves_all_in_one_effect_with_the_audit() -> None:
    out = run(AT_REVIEW, press("ok"), RegisterView(NAMES, allowed=True))
    assert out.state is None
    assert out.effects == [
        Audit("telegram:7", "register_team", {"commune": "14758", "allowed": True}),
        SaveMembers("14758", (AN, BINH)),
    ]
    reply = said(out.replies)
    assert texts.SAVED.format(n=2, commune="Phường Hàm Rồng") in reply
    assert texts.STILL_MISSING.split("{")[0] in reply


def test_review_that_completes_the_team_says_so() -> None:
    full = RegisterView(NAMES, team_roles=SEATS[2:], allowed=True)
    out = run(AT_REVIEW, press("ok"), full)
    assert texts.NOW_COMPLETE.format(commune="Phường Hàm Rồng") in said(out.replies)


def test_review_of_a_replacement_replaces_the_seat() -> None:
    hoa = Draft("youth_member", "Vũ Thị Hoa", "+84912345699")
    state = replace(REPLACING, step=Step.REVIEW, i=1, drafts=(hoa,))
    out = run(state, press("ok"), RegisterView(NAMES, team_roles=("youth_member",), allowed=True))
    assert out.effects == [
        Audit("telegram:7", "replace_team", {"commune": "14758", "allowed": True}),
        ReplaceMember(5, hoa),
    ]
    assert "Vũ Thị Hoa" in said(out.replies) and "Phường Hàm Rồng" in said(out.replies)


def test_review_refuses_who_may_no_longer_register_there() -> None:
    out = run(AT_REVIEW, press("ok"), RegisterView(NAMES, allowed=False))
    assert out.state == AT_REVIEW  # nothing saved, nothing discarded: the review again
    assert texts.NOT_ALLOWED.format(who=texts.REGISTRARS) in said(out.replies)
    assert texts.KEPT_UNTIL_ALLOWED in said(out.replies)
    assert out.effects == [
        Audit("telegram:7", "register_team", {"commune": "14758", "allowed": False})
    ]


def test_review_fix_picks_one_entry() -> None:
    assert run(AT_REVIEW, press("fix:1")).state == replace(AT_REVIEW, step=Step.FIX, fix=1)


@pytest.mark.parametrize("answer", [press("fix:2"), press("fix:x"), press("fix:-1"), text("ok")])
def test_review_rejections(answer: Answer) -> None:
    rejected(AT_REVIEW, answer, texts.PRESS_A_BUTTON)


def test_a_phone_taken_meanwhile_keeps_the_review() -> None:
    clash = Conflict(SaveMembers("14758", (AN,)), DUPLICATE_PHONE, "+84912345601")
    out = on_conflict(AT_REVIEW, clash)
    assert out.state == AT_REVIEW and "0912 345 601" in said(out.replies)


# --- FIX and FIXVAL ------------------------------------------------------------------------

AT_FIX = replace(AT_REVIEW, step=Step.FIX, fix=1)


@pytest.mark.parametrize("field", ["name", "phone", "position", "operator"])
def test_fix_asks_for_the_field(field: str) -> None:
    assert run(AT_FIX, press(f"field:{field}")).state == replace(
        AT_FIX, step=Step.FIXVAL, field=field
    )


@pytest.mark.parametrize("answer", [press("field:role"), press("name"), text("tên")])
def test_fix_rejections(answer: Answer) -> None:
    rejected(AT_FIX, answer, texts.PRESS_A_BUTTON)


@pytest.mark.parametrize(
    ("field", "answer", "changed"),
    [
        ("name", text("Trần Văn Bình"), {"name": "Trần Văn Bình"}),
        ("phone", text("0912345602"), {"phone": "+84912345602"}),  # its own number again
        ("phone", text("0912 345 677"), {"phone": "+84912345677"}),
        ("position", press("skip"), {"position": ""}),
        ("operator", press("op:mobifone"), {"operator": "mobifone"}),
    ],
)
def test_fixval_changes_one_field_and_reviews(
    field: str, answer: Answer, changed: dict[str, Any]
) -> None:
    out = run(replace(AT_FIX, step=Step.FIXVAL, field=field), answer)
    assert out.state == replace(
        AT_REVIEW, fix=1, field=field, drafts=(AN, replace(BINH, **changed))
    )


@pytest.mark.parametrize(
    ("field", "typed", "why"),
    [
        ("phone", "0912345601", texts.DUPLICATE_PHONE.format(phone="0912 345 601")),
        ("phone", "12", texts.BAD_PHONE.format(text="12")),
        ("name", "", texts.BAD_NAME),
        ("operator", "fpt", texts.BAD_OPERATOR),
    ],
)
def test_fixval_rejections(field: str, typed: str, why: str) -> None:
    rejected(replace(AT_FIX, step=Step.FIXVAL, field=field), text(typed), why)


# --- prompts, what cancel discards, the kept shape ------------------------------------------


@pytest.mark.parametrize(
    ("state", "fragments", "values"),
    [
        (START, [texts.ASK_COMMUNE], []),
        (AT_NAME, ["Phường Hàm Rồng", f"1/{len(SEATS)}"], ["f:skip"]),
        (REPLACING, ["Phường Hàm Rồng", "1/1"], []),
        (AT_PHONE, ["Nguyễn Văn An"], []),
        (AT_POSITION, ["Nguyễn Văn An"], ["f:skip"]),
        (AT_OPERATOR, ["Lê Tú"], ["f:op:vnpt", "f:op:viettel", "f:op:mobifone"]),
        (
            AT_REVIEW,
            ["Phường Hàm Rồng", "0912 345 601", "Trần Bình"],
            ["f:ok", "f:fix:0", "f:fix:1"],
        ),
        (AT_FIX, ["Trần Bình"], ["f:field:name", "f:field:phone", "f:field:position"]),
        (replace(AT_FIX, step=Step.FIXVAL, field="phone"), ["0912 345 602"], []),
    ],
)
def test_prompt_of_each_step(state: Registration, fragments: list[str], values: list[str]) -> None:
    reply = prompt(state, VIEW)
    shown = texts.render_plain(reply.text)
    assert all(f in shown for f in fragments), shown
    assert [c.value for c in reply.choices] == values


def test_entered_names_what_cancel_would_discard() -> None:
    assert entered(START) == "" and entered(AT_NAME) == ""
    assert "Nguyễn Văn An" in entered(AT_PHONE)
    assert entered(AT_REVIEW) == texts.ENTERED_MEMBERS.format(
        n=2, names="Nguyễn Văn An, Trần Bình"
    )


@pytest.mark.parametrize(
    "state", [START, AT_NAME, AT_PHONE, AT_POSITION, AT_OPERATOR, AT_REVIEW, AT_FIX, REPLACING]
)
def test_every_state_survives_the_conversations_table(state: Registration) -> None:
    assert from_json(to_json(state)) == state


# Rows exactly as the version before the state machines saved them.
OLD_ROWS: list[tuple[dict[str, Any], Step]] = [
    ({"step": "commune", "mode": "register", "picks": []}, Step.COMMUNE),
    (
        {"step": "phone", "mode": "register", "picks": [], "commune": "14758",
         "seats": list(SEATS), "i": 0, "drafts": [], "notes": [],
         "cur": {"role": "it_officer", "name": "Nguyễn Văn An"}},
        Step.PHONE,
    ),
    (
        {"step": "fixval", "mode": "register", "picks": [], "commune": "14758",
         "seats": list(SEATS), "i": 6, "cur": {}, "notes": [], "fix": 0, "field": "phone",
         "drafts": [{"role": "it_officer", "name": "An", "phone": "+84912345601",
                     "position": ""}]},
        Step.FIXVAL,
    ),
    (
        {"step": "name", "mode": "replace", "member": 5, "commune": "14758",
         "seats": ["youth_member"], "i": 0, "drafts": [], "cur": {}, "notes": []},
        Step.NAME,
    ),
]  # fmt: skip


@pytest.mark.parametrize(("row", "step"), OLD_ROWS)
def test_rows_of_the_previous_version_load(row: dict[str, Any], step: Step) -> None:
    state = from_json(row)
    assert state.step is step
    assert STEPS[state.step]  # and it has a step to continue with
    prompt(state, VIEW)  # and a question to ask


@pytest.mark.parametrize(
    "row",
    [
        {"step": "nickname"},
        {"step": "phone", "commune": "14758", "seats": [], "i": 0},
        {"step": "phone", "commune": "14758", "seats": ["it_officer"], "i": 0, "cur": {}},
        {"step": "fixval", "commune": "14758", "drafts": [], "fix": 0, "field": "name"},
        {"step": "review", "commune": "14758", "drafts": [{"role": "mayor", "name": "X"}]},
        {"step": "name", "mode": "replace", "commune": "14758", "seats": ["youth_member"]},
    ],
)
def test_rows_that_do_not_fit_together_are_refused(row: dict[str, Any]) -> None:
    with pytest.raises((KeyError, ValueError)):
        from_json(row)
