"""Every step of a request's follow-up (a reply, a comment) as a table, and the relay it
composes: (state, answer, view) → (next, reply, effects). No database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot import texts
from bot.chat import Person, Seg
from bot.dialogues.effects import RecordRelay, UpdateRequest
from bot.dialogues.machine import Answer
from bot.requests.card import Target
from bot.requests.followup import STEPS, FollowUp, FollowUpFlow, FollowUpView, Step, prompt
from bot.requests.relayed import Said, from_asker, from_staff, written
from bot.rows.requests import Request
from bot.texts import requests as w
from tests.steps_kit import bare, check_step, refuses

MADE = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
ASKER = Person("zalo", "77", "Lê Thị Hoa")
STAFFER = Person("zalo", "55", "Cán Bộ Tỉnh")
REQ = Request(4, "open", "general", "14797", "zalo:77", "Lê Thị Hoa", "zalo", "77", "máy in", MADE)
STAFF = (Target("telegram", "-100", 7, "telegram:-100"), Target("zalo", "55", None, "zalo:55"))
REPLY, COMMENT = FollowUp(Step.REPLY, 4), FollowUp(Step.COMMENT, 4)


def view(req: Request | None = REQ) -> FollowUpView:
    return FollowUpView(req, unit="VNPT Thanh Hóa", commune="Phường Hạc Thành", staff=STAFF)


def typed(who: Person, text: str) -> Answer:
    return Answer("text", text.strip(), who, chat_id=who.user_id, message_id="m1")


def pressed(who: Person, value: str) -> Answer:
    return Answer("choice", "", who, choice=value, chat_id=who.user_id)


def said(who: Person, text: str) -> Said:
    return Said(who, "text", text, "zalo", who.user_id, "m1")


TO_STAFF = from_asker(said(ASKER, "vẫn kẹt"), REQ, "Phường Hạc Thành", STAFF)
TO_ASKER = from_staff(said(STAFFER, "thử lại giúp em"), REQ, "VNPT Thanh Hóa")
assert TO_STAFF is not None and TO_ASKER is not None
COMMENTED = [UpdateRequest(4, (("comment", "rất nhanh"),))]

# (state, answer, view, next state (None: ends), a fragment of the replies, effects)
TABLE = [
    (REPLY, typed(ASKER, "vẫn kẹt"), view(), None, "chuyển tới cán bộ", [RecordRelay(TO_STAFF)]),
    (REPLY, typed(STAFFER, "thử lại giúp em"), view(), None, "#4", [RecordRelay(TO_ASKER)]),
    (REPLY, typed(ASKER, "   "), view(), None, w.EMPTY_RELAY, []),
    (REPLY, pressed(ASKER, "x"), view(), None, w.EMPTY_RELAY, []),
    (REPLY, typed(ASKER, "vẫn kẹt"), view(None), None, texts.STALE_BUTTON, []),
    (COMMENT, typed(ASKER, " rất nhanh "), view(), None, w.COMMENTED, COMMENTED),
    (COMMENT, typed(ASKER, ""), view(), COMMENT, "", []),
    (COMMENT, pressed(ASKER, "x"), view(), COMMENT, "", []),
    (COMMENT, typed(ASKER, "rất nhanh"), view(None), None, texts.STALE_BUTTON, []),
]


@pytest.mark.parametrize(("state", "answer", "seen", "after", "says", "effects"), TABLE)
def test_step(
    state: FollowUp,
    answer: Answer,
    seen: FollowUpView,
    after: FollowUp | None,
    says: str,
    effects: list,
) -> None:
    check_step(STEPS, state, answer, seen, after, says, effects)


def test_every_step_has_a_row() -> None:
    assert {row[0].step for row in TABLE} == set(Step) == set(STEPS)


def test_a_comment_is_kept_to_a_thousand_characters() -> None:
    outcome = STEPS[Step.COMMENT](COMMENT, typed(ASKER, "x" * 3000), view())
    (update,) = outcome.effects
    assert isinstance(update, UpdateRequest) and update.changes == (("comment", "x" * 1000),)


def test_the_asker_side_reaches_every_staff_target_and_reopens_a_closed_request() -> None:
    assert TO_STAFF is not None
    assert [r["chat_id"] for r in TO_STAFF.rows] == ["-100", "55"]
    assert TO_STAFF.changes == {} and not TO_STAFF.first_answer
    closed = from_asker(said(ASKER, "lại lỗi"), replace(REQ, state="closed"), "", STAFF)
    assert closed is not None
    assert closed.changes == {"state": "open", "reopen": True, "resolved_at": None}
    assert w.NO_COMMUNE in texts.render_plain(tuple(_segs(closed.rows[0])))


def test_the_staff_side_answers_once_and_reopens() -> None:
    assert TO_ASKER is not None and TO_ASKER.first_answer
    assert TO_ASKER.changes == {"state": "answered"}
    assert [r["recipient"] for r in TO_ASKER.rows] == ["zalo:77"]
    again = from_staff(
        said(STAFFER, "xong"), replace(REQ, state="resolved", first_answer_at=MADE), ""
    )
    assert again is not None and not again.first_answer
    assert again.changes == {"state": "answered", "reopen": True, "resolved_at": None}
    assert again.confirm.startswith(w.REOPENED.format(id=4))


def test_written_stamps_the_time_and_a_local_id() -> None:
    assert TO_ASKER is not None
    message, changes = written(TO_ASKER, MADE)
    assert message["message_id"] == "m1" and changes["first_answer_at"] == MADE
    console = from_asker(Said(ASKER, "text", "x", "console", "c", ""), REQ, "", ())
    assert console is not None
    assert written(console, MADE)[0]["message_id"].startswith("local:")


def test_prompts() -> None:
    assert texts.render_plain(prompt(REPLY, view()).text) == w.WRITE_REPLY.format(id=4)
    rated = prompt(COMMENT, view(replace(REQ, rating=4)))
    assert texts.render_plain(rated.text) == w.RATED.format(rating=4)
    assert [c.value for c in rated.choices] == ["rq:skip:4"]
    assert w.RATED.format(rating="?") == texts.render_plain(prompt(COMMENT, view(None)).text)


@pytest.mark.parametrize(
    "row", [{"step": "reply", "request": 4}, {"step": "comment", "request": 4}]
)
def test_rows_of_the_previous_version_read_and_write_back_the_same(row: dict) -> None:
    flow = bare(FollowUpFlow)
    assert flow.to_json(flow.from_json(row)) == row and flow.entered(flow.from_json(row)) == ""


@pytest.mark.parametrize("row", [{"step": "question", "request": 4}, {"step": "reply"}])
def test_unreadable_rows_are_refused(row: dict) -> None:
    refuses(bare(FollowUpFlow), row)


def _segs(row: dict) -> list[Seg]:
    return [Seg(t, s) for t, s in row["body"]["text"]]
