"""Every step of opening a request as a table: (state, answer, view) → (next, reply, effects).

No database: the view is built by hand, the steps are pure functions.
"""

from __future__ import annotations

import pytest

from bot import texts
from bot.chat import Person
from bot.dialogues.effects import OpenRequest, RememberCommune
from bot.dialogues.machine import Answer
from bot.requests.card import Target
from bot.requests.create import (
    FOLLOWUP,
    MAX_QUESTION,
    STEPS,
    Opening,
    RequestFlow,
    RequestView,
    Step,
    created,
    opening,
    prompt,
)
from bot.texts import requests as w
from tests.steps_kit import bare, check_step, refuses

WHO = Person("zalo", "77", "Lê Thị Hoa")
A, B = "14797", "14758"
NAMES = {A: "Phường Hạc Thành", B: "Phường Hàm Rồng"}
STAFF = (Target("telegram", "-100", 7, "telegram:-100"), Target("zalo", "55", None, "zalo:55"))


def view(known: str = "", found: str = "", matches: tuple[str, ...] = ()) -> RequestView:
    return RequestView(
        topic="Chữ ký số", known=known, found=found, matches=matches, names=NAMES, staff=STAFF
    )


def pressed(value: str) -> Answer:
    return Answer("choice", "", WHO, choice=value, chat_id="c77")


def typed(text: str) -> Answer:
    return Answer("text", text.strip(), WHO, chat_id="c77")


def sticker() -> Answer:
    return Answer("media", "", WHO, chat_id="c77")


def opened(commune: str, question: str, remember: bool) -> list:
    fields = (
        ("topic", "digital_signature"),
        ("commune", commune),
        ("asker", "zalo:77"),
        ("asker_name", "Lê Thị Hoa"),
        ("channel", "zalo"),
        ("chat_id", "c77"),
        ("question", question),
    )
    card = OpenRequest(fields, STAFF, "Chữ ký số", NAMES[commune])
    return [RememberCommune("zalo:77", commune), card] if remember else [card]


TOPIC = "digital_signature"
QUESTION = Opening(Step.QUESTION, TOPIC)
COMMUNE = Opening(Step.COMMUNE, TOPIC, "token không nhận")
PICKS = Opening(Step.COMMUNE, TOPIC, "token không nhận", picks=(B, A))
LONG = "lỗi " * 1500  # 6,000 characters
CUT = LONG.strip()[:MAX_QUESTION]
KEPT_IN_PART = w.TOO_LONG.format(limit=MAX_QUESTION)

# (state, answer, view, next state (None: ends), a fragment of the replies, effects)
TABLE = [
    (QUESTION, typed(" token không nhận "), view(), COMMUNE, "", []),
    (
        QUESTION,
        typed("token không nhận"),
        view(known=A),
        None,
        "",
        opened(A, COMMUNE.question, False),
    ),
    (QUESTION, typed(LONG), view(known=A), None, KEPT_IN_PART, opened(A, CUT, False)),
    (QUESTION, typed("   "), view(), QUESTION, w.EMPTY_QUESTION, []),
    (QUESTION, sticker(), view(), QUESTION, w.EMPTY_QUESTION, []),
    (QUESTION, pressed(f"c:{A}"), view(), QUESTION, w.EMPTY_QUESTION, []),
    (COMMUNE, typed("Hạc Thành"), view(found=A), None, "", opened(A, COMMUNE.question, True)),
    (COMMUNE, typed("Hà"), view(matches=(B, A)), PICKS, "", []),
    (COMMUNE, typed("xyz"), view(), COMMUNE, "chưa tìm thấy xã/phường “xyz”", []),
    (COMMUNE, typed("x" * 80), view(), COMMUNE, "“" + "x" * 60 + "”", []),
    (COMMUNE, typed(""), view(), COMMUNE, w.ASK_COMMUNE, []),
    (COMMUNE, pressed("c:99999"), view(), COMMUNE, texts.STALE_BUTTON, []),
    (PICKS, pressed(f"c:{B}"), view(), None, "", opened(B, COMMUNE.question, True)),
    (PICKS, typed("Hạc Thành"), view(found=A), None, "", opened(A, COMMUNE.question, True)),
    (
        Opening(Step.COMMUNE, TOPIC, LONG),
        typed("Hạc Thành"),
        view(found=A),
        None,
        KEPT_IN_PART,
        opened(A, CUT, True),
    ),
]


@pytest.mark.parametrize(("state", "answer", "seen", "after", "said", "effects"), TABLE)
def test_step(
    state: Opening,
    answer: Answer,
    seen: RequestView,
    after: Opening | None,
    said: str,
    effects: list,
) -> None:
    check_step(STEPS, state, answer, seen, after, said, effects)


def test_every_step_has_a_row() -> None:
    assert {row[0].step for row in TABLE} == set(Step) == set(STEPS)


def test_a_pick_list_offers_at_most_five() -> None:
    many = tuple(str(n) for n in range(14000, 14009))
    outcome = STEPS[Step.COMMUNE](COMMUNE, typed("Xã"), view(matches=many))
    assert outcome.state is not None and outcome.state.picks == many[:5]


@pytest.mark.parametrize(
    ("question", "seen", "after", "said", "effects"),
    [
        ("", view(), QUESTION, "", []),
        ("  ", view(known=A), Opening(Step.QUESTION, TOPIC, "  "), "", []),
        ("token không nhận", view(), COMMUNE, "", []),
        ("token không nhận", view(known=A), None, "", opened(A, "token không nhận", False)),
        (LONG, view(known=A), None, KEPT_IN_PART, opened(A, CUT, False)),
    ],
)
def test_opening(
    question: str, seen: RequestView, after: Opening | None, said: str, effects: list
) -> None:
    outcome = opening(Opening(Step.QUESTION, TOPIC, question), typed(""), seen)
    assert outcome.state == after and outcome.effects == effects
    assert said in "\n".join(texts.render_plain(r.text) for r in outcome.replies)


@pytest.mark.parametrize(("today", "refused"), [(4, False), (5, True), (9, True)])
def test_the_daily_limit(today: int, refused: bool) -> None:
    seen = RequestView(known=A, names=NAMES, today=today, limit=5)
    outcome = opening(Opening(Step.QUESTION, TOPIC, "máy in hỏng"), typed(""), seen)
    said = "\n".join(texts.render_plain(r.text) for r in outcome.replies)
    assert (w.LIMIT.format(count=today) in said) == refused
    assert outcome.state is None and bool(outcome.effects) != refused


def test_the_confirmation_carries_the_new_number() -> None:
    effects = opened(A, "token không nhận", True)
    (reply,) = created(effects, [None, 12], lambda key: f"<{key}>")
    assert texts.render_plain(reply.text) == w.CREATED.format(id=12, topic="<digital_signature>")
    assert created([RememberCommune("zalo:77", A)], [None], str) == []


def test_prompts_show_exactly_their_options() -> None:
    assert texts.render_plain(prompt(QUESTION, view()).text) == w.ASK_QUESTION
    assert not prompt(QUESTION, view()).choices
    assert texts.render_plain(prompt(COMMUNE, view()).text) == w.ASK_COMMUNE
    assert not prompt(COMMUNE, view()).choices
    picks = prompt(PICKS, view())
    assert texts.render_plain(picks.text) == w.PICK_COMMUNE
    assert [(c.label, c.value) for c in picks.choices] == [
        (NAMES[B], f"f:c:{B}"),
        (NAMES[A], f"f:c:{A}"),
    ]


def test_only_the_commune_step_has_something_to_lose() -> None:
    flow = bare(RequestFlow)
    assert flow.entered(QUESTION) == ""
    assert flow.entered(Opening(Step.QUESTION, TOPIC, "máy in")) == ""
    assert flow.entered(COMMUNE) == "câu hỏi “token không nhận”"


@pytest.mark.parametrize(
    "row",
    [
        {"step": "question", "topic": TOPIC, "question": ""},
        {"step": "question", "topic": TOPIC, "question": "đã hỏi"},
        {"step": "commune", "topic": TOPIC, "question": "máy in kẹt giấy"},
        {"step": "commune", "topic": TOPIC, "question": "máy in", "picks": [A, B]},
    ],
)
def test_rows_of_the_previous_version_read_and_write_back_the_same(row: dict) -> None:
    flow = bare(RequestFlow)
    assert flow.moved(row) is None
    assert flow.to_json(flow.from_json(row)) == row


@pytest.mark.parametrize(
    "row", [{"step": "reply", "request": 3}, {"step": "comment", "request": 3}]
)
def test_follow_ups_saved_under_the_old_name_go_to_the_desk(row: dict) -> None:
    assert bare(RequestFlow).moved(row) == FOLLOWUP


@pytest.mark.parametrize("row", [{"step": "later", "topic": TOPIC}, {"step": "question"}, {}])
def test_unreadable_rows_are_refused(row: dict) -> None:
    refuses(bare(RequestFlow), row)
