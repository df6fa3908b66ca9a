"""Every step of /broadcast as a table: (state, answer, view) → (next step, reply, effects).

No database: the view is built by hand, the steps are pure functions.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot import texts
from bot.chat import Person, Recipient
from bot.dialogues.broadcast import (
    STEPS,
    Broadcast,
    BroadcastFlow,
    BroadcastView,
    Step,
    preview,
    prompt,
)
from bot.dialogues.effects import QueueBroadcast
from bot.dialogues.machine import Answer
from bot.pick import Pick
from tests.steps_kit import Speaker, bare, check_step, reads_back, refuses

WHO = Person("telegram", "42", "Điều Phối")
A, B = "14758", "14845"
SIGN = texts.SIGN_COORDINATOR
PEOPLE = (Recipient("telegram:7", "telegram", "7", "An", A),)
CONTACT = Recipient("telegram:42", "telegram", "42", "Điều Phối")


pressed, typed = Speaker(WHO, "42").pressed, Speaker(WHO, "42").typed


def view(
    audience: str = "", reach: int = 0, coordinator: bool = True, **more: object
) -> BroadcastView:
    return BroadcastView(coordinator, audience, reach, **more)  # type: ignore[arg-type]


ASK = Broadcast(Step.AUDIENCE, coordinator=True)
DISTRICT, COMMUNE = (
    Broadcast(Step.TARGET, True, "district"),
    Broadcast(Step.TARGET, True, "commune"),
)
TEXT = Broadcast(Step.TEXT, True, audience="members")
MISSED = (("Bình (Phường Hàm Rồng)", "never"), ("telegram:9", "blocked"))
CONFIRM = Broadcast(
    Step.CONFIRM,
    True,
    audience="members",
    text="Họp lúc 8h",
    n=1,
    missed=MISSED,
    sender=SIGN,
    label="Thành viên",
)
BODY = ((texts.BROADCAST_FROM.format(sender=SIGN), "b"), ("\nHọp lúc 8h", ""))
QUEUED = QueueBroadcast(CONTACT, "members", "Họp lúc 8h", BODY, PEOPLE)

# (state, answer, view, next state (None: ends), a fragment of the replies, effects)
TABLE = [
    (ASK, pressed("a:members"), view("members", 5), TEXT, "", []),
    (ASK, pressed("a:all"), view("all", 0), ASK, texts.BROADCAST_EMPTY, []),
    (ASK, pressed("a:all"), view("all", 9, coordinator=False), ASK, texts.PRESS_A_BUTTON, []),
    (ASK, pressed("a:district"), view(), DISTRICT, "", []),
    (ASK, pressed("a:commune"), view(), COMMUNE, "", []),
    (ASK, pressed("a:everyone"), view(), ASK, texts.PRESS_A_BUTTON, []),
    (ASK, typed("tất cả"), view(), ASK, texts.PRESS_A_BUTTON, []),
    (
        DISTRICT,
        typed("Hoằng Hóa"),
        view("district:380", 3),
        Broadcast(Step.TEXT, True, "district", audience="district:380"),
        "",
        [],
    ),
    (DISTRICT, typed("Hà Nội"), view(), DISTRICT, "“Hà Nội”", []),
    (DISTRICT, typed("Hoằng Hóa"), view("district:380", 0), DISTRICT, texts.BROADCAST_EMPTY, []),
    (
        COMMUNE,
        pressed(f"c:{A}"),
        view(f"commune:{A}", 2),
        Broadcast(Step.TEXT, True, "commune", audience=f"commune:{A}"),
        "",
        [],
    ),
    (
        COMMUNE,
        typed("Hàm"),
        view(pick=Pick(picks=(A, B))),
        Broadcast(Step.TARGET, True, "commune", (A, B)),
        "",
        [],
    ),
    (
        COMMUNE,
        typed("Mường Lát"),
        view(pick=Pick(notes=(texts.plain("ngoài phạm vi"),))),
        COMMUNE,
        "ngoài phạm vi",
        [],
    ),
    (
        TEXT,
        typed(" Họp lúc 8h "),
        view("members", 1, missed=MISSED, sender=SIGN, label="Thành viên"),
        CONFIRM,
        "",
        [],
    ),
    (TEXT, typed("x" * 3001), view("members", 1), TEXT, texts.BROADCAST_TOO_LONG, []),
    (TEXT, pressed("ok"), view("members", 1), TEXT, "", []),  # nothing typed: asked again
    (CONFIRM, pressed("list"), view(), CONFIRM, "Bình (Phường Hàm Rồng) — chưa liên kết", []),
    (CONFIRM, typed("gửi"), view(), CONFIRM, texts.PRESS_A_BUTTON, []),
    (
        CONFIRM,
        pressed("ok"),
        view("members", 1, sender=SIGN, recipients=PEOPLE, contact=CONTACT),
        None,
        "",
        [QUEUED],
    ),
    (
        CONFIRM,
        pressed("ok"),
        view("members", 0, sender=SIGN, contact=CONTACT),
        None,
        texts.BROADCAST_EMPTY,
        [],
    ),
    (  # more people now than the preview said: shown the new count, nothing queued yet
        CONFIRM,
        pressed("ok"),
        view("members", 3, sender=SIGN, recipients=PEOPLE * 3, contact=CONTACT),
        replace(CONFIRM, n=3),
        texts.BROADCAST_RECOUNTED.format(was=1, n=3),
        [],
    ),
]


@pytest.mark.parametrize(("state", "answer", "seen", "after", "said", "effects"), TABLE)
def test_step(
    state: Broadcast,
    answer: Answer,
    seen: BroadcastView,
    after: Broadcast | None,
    said: str,
    effects: list,
) -> None:
    check_step(STEPS, state, answer, seen, after, said, effects)


def test_every_step_has_a_row() -> None:
    assert {row[0].step for row in TABLE} == set(Step) == set(STEPS)


def test_missed_list_is_capped() -> None:
    many = tuple((f"Người {n}", "never") for n in range(45))
    state = Broadcast(Step.CONFIRM, True, audience="members", text="x", n=1, missed=many)
    said = texts.render_plain(STEPS[Step.CONFIRM](state, pressed("list"), view()).replies[0].text)
    assert "Người 39" in said and "Người 40" not in said and texts.AND_MORE.format(n=5) in said


def test_prompts_show_exactly_their_options() -> None:
    values = [c.value for c in prompt(ASK, view()).choices]
    assert values == [
        "f:a:all",
        "f:a:registrars",
        "f:a:members",
        "f:a:incomplete",
        "f:a:district",
        "f:a:commune",
    ]
    registrar = [c.value for c in prompt(Broadcast(Step.AUDIENCE), view()).choices]
    assert registrar == ["f:a:members", "f:a:incomplete", "f:a:district", "f:a:commune"]
    picks = prompt(
        Broadcast(Step.TARGET, True, "commune", (A,)), view(names={A: "Phường Hàm Rồng"})
    )
    assert [(c.label, c.value) for c in picks.choices] == [("Phường Hàm Rồng", f"f:c:{A}")]
    shown = preview(CONFIRM)
    assert [c.value for c in shown.choices] == ["f:ok", "f:list"]
    text = texts.render_plain(shown.text)
    assert "Họp lúc 8h" in text and SIGN in text and "1 người" in text
    alone = preview(Broadcast(Step.CONFIRM, True, audience="members", text="x", n=2, sender=SIGN))
    assert [c.value for c in alone.choices] == ["f:ok"]


@pytest.mark.parametrize(
    "row",
    [
        {"step": "audience", "coordinator": True},
        {"step": "target", "coordinator": False, "kind": "commune", "picks": [A, B]},
        {
            "step": "text",
            "coordinator": True,
            "kind": "district",
            "picks": [],
            "audience": "district:380",
        },
        {
            "step": "confirm",
            "coordinator": True,
            "audience": "members",
            "text": "Họp",
            "n": 3,
            "missed": [["An", "never"]],
            "sender": SIGN,
            "label": "Thành viên",
        },
    ],
)
def test_rows_of_the_previous_version_read_and_write_back_the_same(row: dict) -> None:
    reads_back(bare(BroadcastFlow), row)


@pytest.mark.parametrize("row", [{"step": "text"}, {"step": "target", "kind": "x"}, {}])
def test_unreadable_rows_are_refused(row: dict) -> None:
    refuses(bare(BroadcastFlow), row)


def test_entered() -> None:
    flow = bare(BroadcastFlow)
    assert flow.entered(TEXT) == "" and "Họp lúc 8h" in flow.entered(CONFIRM)
