"""Every step of /deadline as a table: (state, answer, view) → (next step, reply, effects).

No database, no clock: the view is built by hand, the steps are pure functions.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.chat import Person
from bot.dialogues.deadline import STEPS, Deadline, DeadlineFlow, DeadlineView, Step, prompt
from bot.dialogues.effects import AddTask, Audit, CloseCampaign, CloseTask, MoveDeadline
from bot.dialogues.machine import Answer
from bot.nudges.campaign import MANUAL, Task
from tests.steps_kit import Speaker, bare, check_step, reads_back, refuses

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)  # 10:00 in Thanh Hóa
WHO = Person("telegram", "42", "Điều Phối")
LAN = Task("lan", "Nâng cấp mạng LAN", MANUAL, NOW + timedelta(days=10), "Đợt 1")
OLD = Task("old", "Việc đã đóng", MANUAL, NOW - timedelta(days=3), "Đợt 0", closed=True)
SIGN = Task("sign", "Chữ ký số", MANUAL, NOW + timedelta(days=20), "Đợt 2")
VIEW = DeadlineView((LAN, OLD, SIGN), NOW, TZ)
FUTURE = datetime(2026, 12, 20, 17, 0, tzinfo=TZ)  # as typed: 20/12/2026 17:00
PAST = datetime(2026, 5, 1, 17, 0, tzinfo=TZ)


pressed, typed = Speaker(WHO).pressed, Speaker(WHO).typed


MENU, TITLE = Deadline(Step.MENU), Deadline(Step.TITLE)
TASK, CLOSE = Deadline(Step.TASK, task="lan"), Deadline(Step.CLOSE, task="lan")
DUE_MOVE, DUE_NEW = Deadline(Step.DUE, task="lan"), Deadline(Step.DUE, title="Báo cáo quý")
CAMPAIGN = Deadline(Step.CAMPAIGN, campaign="Đợt 2")

MOVED = [
    MoveDeadline("lan", FUTURE),
    Audit("telegram:42", "move_deadline", {"task": "lan", "due": FUTURE.isoformat()}),
]
KEY = f"task_{int(NOW.timestamp())}"
ADDED = [
    AddTask(KEY, "Báo cáo quý", MANUAL, FUTURE, "Đợt 12/2026"),
    Audit("telegram:42", "add_deadline", {"task": KEY}),
]

# (state, answer, next state (None: ends), a fragment of the replies, effects)
TABLE = [
    (MENU, pressed("add"), TITLE, "", []),
    (MENU, pressed("task:lan"), TASK, "", []),
    (MENU, pressed("task:old"), Deadline(Step.TASK, task="old"), "", []),  # closed: may move
    (MENU, pressed("task:gone"), MENU, texts.PRESS_A_BUTTON, []),
    (MENU, pressed("cc:1"), CAMPAIGN, "", []),  # open campaigns, sorted: Đợt 1, Đợt 2
    (MENU, pressed("cc:2"), MENU, texts.PRESS_A_BUTTON, []),
    (MENU, pressed("cc:x"), MENU, texts.PRESS_A_BUTTON, []),
    (MENU, typed("dời hạn"), MENU, texts.PRESS_A_BUTTON, []),
    (TASK, pressed("move"), DUE_MOVE, "", []),
    (TASK, pressed("close"), CLOSE, "", []),
    (TASK, typed("2"), TASK, texts.PRESS_A_BUTTON, []),
    (TITLE, typed("  Báo   cáo quý "), DUE_NEW, "", []),
    (TITLE, typed("ab"), TITLE, texts.DEADLINE_SHORT_TITLE, []),
    (TITLE, pressed("ok"), TITLE, texts.DEADLINE_SHORT_TITLE, []),
    (
        DUE_MOVE,
        typed("20/12/2026 17:00"),
        None,
        "Đã đặt hạn “Nâng cấp mạng LAN”: 17:00 20/12/2026",
        MOVED,
    ),
    (
        DUE_NEW,
        typed("20/12/2026 17:00"),
        None,
        "Đã thêm “Báo cáo quý”, hạn 17:00 20/12/2026",
        ADDED,
    ),
    (DUE_MOVE, typed("32/13/2026"), DUE_MOVE, "“32/13/2026” không phải ngày giờ hợp lệ", []),
    (DUE_MOVE, typed("1/5/2026 17:00"), Deadline(Step.PAST, task="lan", due=PAST), "", []),
    (Deadline(Step.PAST, task="lan", due=FUTURE), pressed("ok"), None, "Đã đặt hạn", MOVED),
    (
        Deadline(Step.PAST, task="lan", due=PAST),
        typed("có"),
        Deadline(Step.PAST, task="lan", due=PAST),
        texts.PRESS_A_BUTTON,
        [],
    ),
    (Deadline(Step.DUE, task="gone"), typed("20/12/2026 17:00"), None, texts.STALE_BUTTON, []),
    (
        CLOSE,
        pressed("ok"),
        None,
        "Đã đóng “Nâng cấp mạng LAN”",
        [CloseTask("lan"), Audit("telegram:42", "close_deadline", {"task": "lan"})],
    ),
    (CLOSE, typed("ok"), CLOSE, texts.PRESS_A_BUTTON, []),
    (Deadline(Step.CLOSE, task="gone"), pressed("ok"), None, texts.STALE_BUTTON, []),
    (
        CAMPAIGN,
        pressed("ok"),
        None,
        "Đã đóng đợt “Đợt 2”",
        [CloseCampaign("Đợt 2"), Audit("telegram:42", "close_campaign", {"campaign": "Đợt 2"})],
    ),
    (CAMPAIGN, pressed("list"), CAMPAIGN, texts.PRESS_A_BUTTON, []),
]


@pytest.mark.parametrize(("state", "answer", "after", "said", "effects"), TABLE)
def test_step(
    state: Deadline, answer: Answer, after: Deadline | None, said: str, effects: list
) -> None:
    check_step(STEPS, state, answer, VIEW, after, said, effects)


def test_every_step_has_a_row() -> None:
    assert {row[0].step for row in TABLE} == set(Step)
    assert set(STEPS) == set(Step)


def labels(state: Deadline) -> list[str]:
    return [c.value for c in prompt(state, VIEW).choices]


def test_prompts_show_exactly_their_options() -> None:
    assert labels(MENU) == ["f:task:lan", "f:task:old", "f:task:sign", "f:add", "f:cc:0", "f:cc:1"]
    menu = texts.render_plain(prompt(MENU, VIEW).text)
    assert "Việc đã đóng — hạn" in menu and texts.DEADLINE_CLOSED in menu
    assert labels(TASK) == ["f:move", "f:close"]
    assert labels(Deadline(Step.TASK, task="old")) == ["f:move"]  # closed: nothing to close
    assert labels(CLOSE) == labels(CAMPAIGN) == ["f:ok"]
    assert "17:00 01/05/2026" in texts.render_plain(
        prompt(Deadline(Step.PAST, task="lan", due=PAST), VIEW).text
    )
    assert texts.render_plain(prompt(TITLE, VIEW).text) == texts.DEADLINE_ASK_TITLE
    assert texts.render_plain(prompt(DUE_NEW, VIEW).text) == texts.DEADLINE_ASK_DUE


@pytest.mark.parametrize(
    "row",
    [
        {"step": "menu"},
        {"step": "task", "task": "lan"},
        {"step": "due", "title": "Báo cáo quý"},
        {"step": "past", "task": "lan", "due": "2026-05-01T10:00:00+00:00"},
        {"step": "campaign", "campaign": "Đợt 2"},
    ],
)
def test_rows_of_the_previous_version_read_and_write_back_the_same(row: dict) -> None:
    reads_back(bare(DeadlineFlow), row)


@pytest.mark.parametrize("row", [{"step": "gone"}, {"step": "past"}, {}])
def test_unreadable_rows_are_refused(row: dict) -> None:
    refuses(bare(DeadlineFlow), row)


def test_entered() -> None:
    flow = bare(DeadlineFlow)
    assert flow.entered(MENU) == ""
    assert "Báo cáo quý" in flow.entered(DUE_NEW)
