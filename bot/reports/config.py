"""The report's letterhead and the weekly digest schedule (`report:` in data/campaign.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path

import yaml

from bot.nudges.campaign import CampaignError
from bot.texts import letterhead
from bot.yaml_text import load_yaml

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class ReportConfig:
    """Who writes the report to whom, the letter it answers, and when the digest goes out."""

    authority: str = letterhead.AUTHORITY
    department: str = letterhead.DEPARTMENT
    sender: str = letterhead.SENDER  # the department in a sentence
    number: str = letterhead.NUMBER
    place: str = letterhead.PLACE
    letter: str = letterhead.LETTER
    recipient: str = letterhead.RECIPIENT
    signer_title: str = letterhead.SIGNER_TITLE
    signer: str = ""
    digest_weekday: int = 0  # Monday
    digest_at: time = time(8, 0)


def load_report_config(path: Path) -> ReportConfig:
    """The `report:` section of campaign.yaml (every key optional); errors name the file."""
    try:
        raw = (load_yaml(path.read_text(encoding="utf-8")) or {}).get("report") or {}
        digest = raw.get("digest") or {}
        default = ReportConfig()
        weekday = str(digest.get("weekday", "monday")).lower()
        if weekday not in WEEKDAYS:
            raise ValueError(f"report.digest.weekday {weekday!r} is not one of {WEEKDAYS}")
        texts = {
            k: str(raw[k])
            for k in (
                "authority",
                "department",
                "sender",
                "number",
                "place",
                "letter",
                "recipient",
            )
            if k in raw
        }
        texts.update({k: str(raw[k]) for k in ("signer_title", "signer") if k in raw})
        return ReportConfig(
            **texts,
            digest_weekday=WEEKDAYS.index(weekday),
            digest_at=time.fromisoformat(str(digest.get("at", default.digest_at.isoformat()))),
        )
    except (OSError, yaml.YAMLError, AttributeError, TypeError, ValueError) as exc:
        raise CampaignError(f"{path}: {exc}") from exc
