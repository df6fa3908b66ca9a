"""Tasks with deadlines (data/campaign.yaml) and the nudge policy settings. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from pathlib import Path

import yaml

from bot.yaml_text import load_yaml

TEAM, MANUAL = "team", "manual"
_OFFSET = re.compile(r"^(\d+)([dhm])$")


class CampaignError(ValueError):
    """campaign.yaml is wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class Task:
    """A task every commune must do by a deadline."""

    key: str
    title: str
    kind: str
    due: datetime
    campaign: str
    closed: bool = False


@dataclass(frozen=True)
class Policy:
    """When to nudge: offsets before, daily times after, quiet hours."""

    before: tuple[timedelta, ...] = (timedelta(days=3), timedelta(days=1), timedelta(hours=3))
    overdue_at: time = time(8, 0)
    summary_at: time = time(8, 0)
    quiet_start: time = time(21, 0)
    quiet_end: time = time(7, 0)


def parse_offset(text: str) -> timedelta:
    """ "3d" / "1d" / "3h" / "30m" → timedelta."""
    m = _OFFSET.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not an offset like 3d, 1d, 3h")
    n, unit = int(m.group(1)), m.group(2)
    return {"d": timedelta(days=n), "h": timedelta(hours=n), "m": timedelta(minutes=n)}[unit]


def load_campaign(path: Path) -> tuple[str, list[Task], Policy]:
    """The default campaign's tasks and the policy; CampaignError names the entry."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8")) or {}
        name = str(raw["campaign"])
        tasks = [_task(path, i, t, name) for i, t in enumerate(raw.get("tasks") or [])]
        policy = _policy(raw.get("policy") or {})
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise CampaignError(f"{path}: {exc}") from exc
    if len({t.key for t in tasks}) != len(tasks):
        raise CampaignError(f"{path}: duplicate task keys")
    return name, tasks, policy


def _task(path: Path, i: int, raw: dict, campaign: str) -> Task:
    due = datetime.fromisoformat(str(raw["due"]))
    if due.tzinfo is None:
        raise CampaignError(f"{path}: tasks.{i}: due needs a UTC offset, e.g. +07:00")
    if raw["kind"] not in (TEAM, MANUAL):
        raise CampaignError(f"{path}: tasks.{i}: kind must be team or manual")
    return Task(str(raw["key"]), str(raw["title"]), raw["kind"], due, campaign)


def _policy(raw: dict) -> Policy:
    default = Policy()
    return Policy(
        before=tuple(parse_offset(x) for x in raw.get("before", [])) or default.before,
        overdue_at=time.fromisoformat(raw.get("overdue_at", "08:00")),
        summary_at=time.fromisoformat(raw.get("summary_at", "08:00")),
        quiet_start=time.fromisoformat(raw.get("quiet_start", "21:00")),
        quiet_end=time.fromisoformat(raw.get("quiet_end", "07:00")),
    )


_DATE = re.compile(
    r"^\s*(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?:\s+(\d{1,2})(?:[:hg](\d{2})?)?)?\s*$",
    re.I,
)


def parse_local(text: str, tz: tzinfo, now: datetime | None = None) -> datetime | None:
    """ "13/6/2026 11:00", "13/06/2026 11h", "15-6-2026" (17:00), "20/12" or "20/12/26" →
    aware datetime, or None. Without a year (and with `now`): the next such day."""
    m = _DATE.match(text)
    if not m or (m.group(3) is None and now is None):
        return None
    day, month = int(m.group(1)), int(m.group(2))
    if m.group(3) is None:
        assert now is not None
        today = now.astimezone(tz).date()
        year = today.year + (1 if (month, day) < (today.month, today.day) else 0)
    else:
        year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
    hour = int(m.group(4)) if m.group(4) else 17  # a bare date means the end of the working day
    minute = int(m.group(5)) if m.group(5) else 0
    try:
        return datetime(year, month, day, hour, minute, tzinfo=tz)
    except ValueError:
        return None
