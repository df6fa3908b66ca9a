"""Every step of /done as a table: (state, answer, view) → (next step, reply, effects).

No database: the view is built by hand, the steps are pure functions.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import texts
from bot.chat import Person
from bot.dialogues.done import STEPS, Done, DoneFlow, DoneView, Step, opening, prompt
from bot.dialogues.effects import Audit, MarkDone
from bot.dialogues.machine import Answer
from bot.nudges.campaign import MANUAL, TEAM, Task
from bot.pick import NO_PICK, Pick
from tests.steps_kit import Speaker, bare, check_step, reads_back, refuses

WHO = Person("telegram", "42", "Cán Bộ")
DUE = datetime(2026, 12, 20, 10, 0, tzinfo=UTC)
A, B = "14758", "14845"
LAN = Task("lan", "Nâng cấp mạng LAN", MANUAL, DUE, "Đợt 1")
SIGN = Task("sign", "Chữ ký số", MANUAL, DUE, "Đợt 1")
SHUT = Task("shut", "Việc đã đóng", MANUAL, DUE, "Đợt 0", closed=True)
AUTOMATIC = Task("team", "Đủ tổ hỗ trợ", TEAM, DUE, "Đợt 1")
NAMES = {A: "Phường Hàm Rồng", B: "Xã Mường Lát"}


def view(pick: Pick = NO_PICK, done: set | None = None) -> DoneView:
    return DoneView(
        tasks=(LAN, SIGN, SHUT, AUTOMATIC),
        done=frozenset(done if done is not None else {(A, "sign"), (B, "lan"), (B, "sign")}),
        names=NAMES,
        reportable=frozenset({A, B}) - {B},  # B is out of this person's scope
        pick=pick,
    )


pressed, typed = Speaker(WHO).pressed, Speaker(WHO).typed


COMMUNE = Done(Step.COMMUNE)
PICKS = Done(Step.COMMUNE, picks=(A, B))
TASK, NOTE = Done(Step.TASK, commune=A), Done(Step.NOTE, commune=A, task="lan")
OUT = texts.plain(texts.OUT_OF_SCOPE.format(name="Xã Mường Lát"))
MARKED = [
    MarkDone(A, "lan", "telegram:42", "đã xong"),
    Audit("telegram:42", "done", {"commune": A, "task": "lan", "allowed": True}),
]
SKIPPED = [MarkDone(A, "lan", "telegram:42", ""), MARKED[1]]
DONE_A = "Đã ghi nhận Phường Hàm Rồng hoàn thành: Nâng cấp mạng LAN."

# (state, answer, view, next state (None: ends), a fragment of the replies, effects)
TABLE = [
    (COMMUNE, pressed(f"c:{A}"), view(), TASK, "", []),
    (COMMUNE, pressed(f"c:{B}"), view(), COMMUNE, texts.STALE_BUTTON, []),  # not in scope
    (COMMUNE, pressed("c:99999"), view(), COMMUNE, texts.STALE_BUTTON, []),
    (COMMUNE, typed("Hàm Rồng"), view(Pick(found=A)), TASK, "", []),
    (COMMUNE, typed("Hàm"), view(Pick(picks=(A, B))), PICKS, "", []),
    (COMMUNE, typed("Mường Lát"), view(Pick(notes=(OUT,))), COMMUNE, "không thuộc phạm vi", []),
    (
        COMMUNE,
        pressed(f"c:{A}"),
        view(done={(A, "lan"), (A, "sign")}),
        None,
        "Phường Hàm Rồng không còn việc",
        [],
    ),
    (PICKS, pressed(f"c:{A}"), view(), TASK, "", []),
    (TASK, pressed("task:lan"), view(), NOTE, "", []),
    (TASK, pressed("task:sign"), view(), TASK, texts.PRESS_A_BUTTON, []),  # already done
    (TASK, pressed("task:shut"), view(), TASK, texts.PRESS_A_BUTTON, []),  # closed
    (TASK, pressed("task:team"), view(), TASK, texts.PRESS_A_BUTTON, []),  # checked by the bot
    (TASK, typed("lan"), view(), TASK, texts.PRESS_A_BUTTON, []),
    (NOTE, typed(" đã xong "), view(), None, DONE_A, MARKED),
    (NOTE, pressed("skip"), view(), None, DONE_A, SKIPPED),
]


@pytest.mark.parametrize(("state", "answer", "seen", "after", "said", "effects"), TABLE)
def test_step(
    state: Done, answer: Answer, seen: DoneView, after: Done | None, said: str, effects: list
) -> None:
    check_step(STEPS, state, answer, seen, after, said, effects)


def test_every_step_has_a_row() -> None:
    assert {row[0].step for row in TABLE} == set(Step) == set(STEPS)


@pytest.mark.parametrize(
    ("commune", "text", "seen", "after", "said"),
    [
        (A, "", view(), TASK, ""),  # a dn: button, or the one commune of an IT officer
        (B, "", view(), None, "Xã Mường Lát không còn việc"),
        ("", "", view(), COMMUNE, ""),
        ("", "Hàm Rồng", view(Pick(found=A)), TASK, ""),
        ("", "Hàm", view(Pick(picks=(A, B))), PICKS, ""),
        ("", "xyz", view(Pick(notes=(texts.plain("không tìm thấy"),))), COMMUNE, "không tìm"),
    ],
)
def test_opening(commune: str, text: str, seen: DoneView, after: Done | None, said: str) -> None:
    outcome = opening(commune, text, seen)
    assert outcome.state == after and not outcome.effects
    assert said in "\n".join(texts.render_plain(r.text) for r in outcome.replies)


def test_prompts_show_exactly_their_options() -> None:
    assert [c.value for c in prompt(TASK, view()).choices] == ["f:task:lan"]
    assert [c.label for c in prompt(PICKS, view()).choices] == list(NAMES.values())
    assert [c.value for c in prompt(NOTE, view()).choices] == ["f:skip"]
    asked = texts.render_plain(prompt(COMMUNE, view()).text)
    assert asked == texts.DONE_ASK_COMMUNE and not prompt(COMMUNE, view()).choices


@pytest.mark.parametrize(
    "row",
    [
        {"step": "commune", "picks": []},
        {"step": "commune", "picks": [A, B]},
        {"step": "task", "commune": A},
        {"step": "note", "commune": A, "task": "lan"},
    ],
)
def test_rows_of_the_previous_version_read_and_write_back_the_same(row: dict) -> None:
    reads_back(bare(DoneFlow), row)


@pytest.mark.parametrize("row", [{"step": "note", "commune": A}, {"step": "task"}, {"x": 1}])
def test_unreadable_rows_are_refused(row: dict) -> None:
    refuses(bare(DoneFlow), row)
