"""The nudge policy as tables over fixed clocks: nothing sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.chat import Recipient
from bot.nudges.campaign import Policy, Task, parse_local
from bot.nudges.policy import CommuneState, Snapshot, defer, in_quiet_hours, next_slot, plan

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = datetime(2026, 12, 10, 11, 0, tzinfo=TZ)
TASK = Task("team_formed", "Thành lập tổ", "team", DUE, "Đợt 1")
REG = Recipient("telegram:1", "telegram", "1", "Cán bộ huyện")
MEMBER = Recipient("zalo:m", "zalo", "m", "Thành viên")
BOSS = Recipient("telegram:9", "telegram", "9", "Điều phối")
POLICY = Policy()


def state(open_tasks: dict | None = None, code: str = "15865") -> CommuneState:
    tasks = {"team_formed": {"youth_member": 2}} if open_tasks is None else open_tasks
    return CommuneState(code, "Xã Hoằng Hóa", tasks, (REG,), (MEMBER,))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=TZ)


def lines(moment: datetime, snap: Snapshot | None = None, sent: set[str] = frozenset()):
    snap = snap or Snapshot([TASK], [state()], [BOSS])
    return sorted(
        (n.recipient.key, n.kind, n.slot.astimezone(TZ).strftime("%d %H:%M"))
        for n in plan(moment, snap, set(sent), POLICY, TZ)
    )


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(7, 10, 59), []),  # before D-3d
        (
            at(7, 11, 0),
            [("telegram:1", "before_3d", "07 11:00"), ("zalo:m", "before_3d", "07 11:00")],
        ),
        (
            at(9, 11, 30),
            [("telegram:1", "before_1d", "09 11:00"), ("zalo:m", "before_1d", "09 11:00")],
        ),
        (
            at(10, 8, 0),
            [("telegram:1", "before_3h", "10 08:00"), ("zalo:m", "before_3h", "10 08:00")],
        ),
        # At the deadline: the coordinator summary; members and the registrar wait for 08:00.
        (at(10, 11, 0), [("telegram:9", "summary", "10 11:00")]),
        (
            at(11, 8, 0),
            [("telegram:1", "overdue", "11 08:00"), ("telegram:9", "summary", "11 08:00")],
        ),
        (
            at(13, 9, 0),
            [("telegram:1", "overdue", "13 08:00"), ("telegram:9", "summary", "13 08:00")],
        ),
        (at(12, 22, 0), []),  # quiet hours: nothing
        (at(11, 6, 59), []),
    ],
)
def test_policy_table(moment: datetime, expected: list) -> None:
    assert lines(moment) == expected


def test_after_downtime_only_the_latest_nudge_once() -> None:
    # Down from before D-3d until D-2h: the 3-day and 1-day reminders are never sent.
    first = plan(at(10, 9, 0), Snapshot([TASK], [state()], [BOSS]), set(), POLICY, TZ)
    assert {n.kind for n in first} == {"before_3h"}
    sent = {n.key for n in first}
    assert plan(at(10, 9, 30), Snapshot([TASK], [state()], [BOSS]), sent, POLICY, TZ) == []


def test_quiet_hours_defer_a_slot_to_the_morning() -> None:
    early = Task("x", "Việc sớm", "manual", at(10, 4, 0), "Đợt 1")  # D-3h = 01:00 → 07:00
    snap = Snapshot([early], [state({"x": {}})], [])
    assert lines(at(10, 3, 0), snap) == []  # 03:00 is itself quiet
    assert lines(at(9, 8, 0), snap) == [
        ("telegram:1", "before_1d", "09 07:00"),
        ("zalo:m", "before_1d", "09 07:00"),
    ]
    assert in_quiet_hours(at(10, 1, 0), POLICY, TZ)
    assert defer(at(9, 22, 0), POLICY, TZ) == at(10, 7, 0)


def test_complete_commune_and_closed_task_get_nothing() -> None:
    done = Snapshot([TASK], [state({})], [BOSS])
    assert lines(at(9, 12, 0), done) == [] and lines(at(11, 9, 0), done) == []
    closed = Task(TASK.key, TASK.title, TASK.kind, DUE, TASK.campaign, closed=True)
    assert lines(at(9, 12, 0), Snapshot([closed], [state()], [BOSS])) == []


def test_one_summary_counts_every_overdue_commune() -> None:
    snap = Snapshot([TASK], [state(code="1"), state(code="2"), state({}, code="3")], [BOSS])
    (summary,) = [n for n in plan(at(11, 9, 0), snap, set(), POLICY, TZ) if n.kind == "summary"]
    assert summary.overdue_count == 2 and summary.commune is None
    assert summary.as_json()["commune"] is None


def test_next_slot_for_arming_the_job() -> None:
    snap = Snapshot([TASK], [state()], [BOSS])
    assert next_slot(at(1, 0, 0), snap, POLICY, TZ) == at(7, 11, 0)
    assert next_slot(at(10, 8, 0), snap, POLICY, TZ) == at(10, 11, 0)
    assert next_slot(at(10, 11, 0), snap, POLICY, TZ) == at(11, 8, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/12/2026 17:00", at(20, 17)),
        ("20/12/2026", at(20, 17)),
        ("5-12-2026 8h", at(5, 8)),
        ("31/02/2026", None),
        ("mai", None),
    ],
)
def test_typed_deadlines(text: str, expected) -> None:
    assert parse_local(text, TZ) == expected


def test_a_deadline_typed_without_its_year_is_the_next_such_day() -> None:
    now = datetime(2026, 12, 4, 9, 0, tzinfo=TZ)
    assert parse_local("20/12", TZ, now) == datetime(2026, 12, 20, 17, 0, tzinfo=TZ)
    assert parse_local("15/1 8h", TZ, now) == datetime(2027, 1, 15, 8, 0, tzinfo=TZ)
    assert parse_local("4/12", TZ, now) == datetime(2026, 12, 4, 17, 0, tzinfo=TZ)  # today
    assert parse_local("20/12/27", TZ, now) == datetime(2027, 12, 20, 17, 0, tzinfo=TZ)
    assert parse_local("20/12", TZ) is None  # no moment to count from: not guessed


def test_keys_are_unique_per_slot() -> None:
    a = plan(at(7, 12, 0), Snapshot([TASK], [state()], [BOSS]), set(), POLICY, TZ)
    b = plan(at(9, 12, 0), Snapshot([TASK], [state()], [BOSS]), set(), POLICY, TZ)
    assert not {n.key for n in a} & {n.key for n in b}
    assert (at(9, 12) - at(7, 12)) == timedelta(days=2)
