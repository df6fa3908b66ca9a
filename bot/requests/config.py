"""data/requests.yaml and data/holidays.yaml → a validated policy and working calendar."""

from __future__ import annotations

from datetime import date, tzinfo
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.directory import DirectoryError
from bot.requests.calendar import WorkCalendar


class RequestPolicy(BaseModel):
    """Follow-up and escalation delays (working hours) and the per-person daily limit."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    follow_up_after_hours: float = Field(default=2.0, gt=0, le=80)
    escalate_after_hours: float = Field(default=8.0, gt=0, le=400)
    per_user_daily_limit: int = Field(default=5, ge=1, le=100)


class _Holidays(BaseModel):
    model_config = ConfigDict(extra="forbid")
    holidays: dict[date, str] = Field(default_factory=dict)


def _read(path: Path) -> object:
    if not path.exists():
        return {}
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date like 2026-13-01
        raise DirectoryError(f"{path}: not valid YAML: {exc}") from exc


def load_request_policy(folder: Path) -> RequestPolicy:
    """The policy from `requests.yaml` (defaults when the file is absent)."""
    path = folder / "requests.yaml"
    try:
        return RequestPolicy.model_validate(_read(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DirectoryError(f"{path}: {where}: {first['msg']}") from exc


def load_calendar(folder: Path, tz: tzinfo) -> WorkCalendar:
    """Working hours in `tz` with the holidays of `holidays.yaml`."""
    path = folder / "holidays.yaml"
    try:
        data = _Holidays.model_validate(_read(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DirectoryError(f"{path}: {where}: {first['msg']}") from exc
    return WorkCalendar(tz, frozenset(data.holidays))
