"""Working hours, follow-up and escalation timing: pure tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot import default_data_dir
from bot.directory import DirectoryError
from bot.requests.calendar import WorkCalendar
from bot.requests.config import RequestPolicy, load_calendar, load_request_policy
from bot.requests.policy import OpenRequest, due, next_due, timer_key

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkCalendar(TZ, frozenset({date(2026, 9, 1), date(2026, 9, 2)}))


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=TZ)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (local(2026, 11, 23, 9, 0), 2, local(2026, 11, 23, 11, 0)),  # Monday morning
        (local(2026, 11, 23, 10, 30), 2, local(2026, 11, 23, 14, 30)),  # across lunch
        (local(2026, 11, 23, 12, 0), 2, local(2026, 11, 23, 15, 30)),  # made at lunch
        (local(2026, 11, 23, 16, 30), 2, local(2026, 11, 24, 8, 30)),  # overnight
        (local(2026, 11, 27, 16, 30), 2, local(2026, 11, 30, 8, 30)),  # Friday → Monday
        (local(2026, 11, 28, 10, 0), 2, local(2026, 11, 30, 9, 0)),  # made on Saturday
        (local(2026, 11, 23, 20, 0), 2, local(2026, 11, 24, 9, 0)),  # made at night
        (local(2026, 11, 23, 9, 0), 8, local(2026, 11, 24, 9, 0)),  # one working day
        (local(2026, 8, 31, 16, 0), 2, local(2026, 9, 3, 8, 0)),  # over the holidays
    ],
)
def test_working_hours(start: datetime, hours: float, expected: datetime) -> None:
    assert CAL.add(start, hours) == expected


def test_the_shipped_holidays_and_policy_load() -> None:
    calendar = load_calendar(default_data_dir(), TZ)
    assert date(2026, 9, 2) in calendar.holidays and not calendar.working_day(date(2026, 9, 2))
    policy = load_request_policy(default_data_dir())
    assert policy.follow_up_after_hours == 2 and policy.escalate_after_hours == 8


def test_a_wrong_policy_file_names_the_file_and_field(tmp_path) -> None:
    (tmp_path / "requests.yaml").write_text("follow_up_after_hours: -1\n", encoding="utf-8")
    with pytest.raises(DirectoryError, match=r"requests.yaml: follow_up_after_hours"):
        load_request_policy(tmp_path)
    (tmp_path / "holidays.yaml").write_text("holidays:\n  2026-13-01: sai\n", encoding="utf-8")
    with pytest.raises(DirectoryError, match=r"holidays.yaml"):
        load_calendar(tmp_path, TZ)


POLICY = RequestPolicy()
MADE = local(2026, 11, 23, 9, 0).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "state", "done", "kinds"),
    [
        (local(2026, 11, 23, 10, 59), "open", set(), []),
        (local(2026, 11, 23, 11, 0), "open", set(), ["followup"]),
        (local(2026, 11, 23, 11, 0), "answered", set(), ["followup"]),
        (local(2026, 11, 23, 11, 0), "resolved", set(), []),
        (local(2026, 11, 23, 11, 0), "open", {"req:1:followup"}, []),
        (local(2026, 11, 24, 9, 0), "open", {"req:1:followup"}, ["escalate"]),
        (local(2026, 11, 24, 9, 0), "open", set(), ["followup", "escalate"]),  # after downtime
        (local(2026, 11, 24, 9, 0), "closed", set(), []),
    ],
)
def test_due_timers(now: datetime, state: str, done: set[str], kinds: list[str]) -> None:
    timers = due([OpenRequest(1, state, MADE)], done, now, POLICY, CAL)
    assert [t.kind for t in timers] == kinds
    assert all(t.key == timer_key(1, t.kind) for t in timers)


def test_next_due_is_the_earliest_unsent_timer() -> None:
    requests = [OpenRequest(1, "open", MADE)]
    assert next_due(requests, set(), MADE, POLICY, CAL) == local(2026, 11, 23, 11, 0)
    done = {"req:1:followup"}
    assert next_due(requests, done, MADE, POLICY, CAL) == local(2026, 11, 24, 9, 0)
    assert next_due(requests, done | {"req:1:escalate"}, MADE, POLICY, CAL) is None


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("    backup: general\n", "    backup: nowhere\n", "backup: 'nowhere' is not"),
        (
            '        phone: "0915.351.008"\n',
            '        phone: "0915.351.008"\n        office_hours: ["11:30-07:00"]\n',
            "office hours",
        ),
    ],
)
def test_backup_and_office_hours_are_validated(tmp_path, old: str, new: str, error: str) -> None:
    from bot.directory import load_directory

    text = (default_data_dir() / "contacts.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "contacts.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DirectoryError, match=error):
        load_directory(tmp_path / "contacts.yaml")
