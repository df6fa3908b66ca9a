"""A stored question, and a question with its review label (the queue and the export)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class QuestionRow:
    id: int
    at: datetime
    channel: str
    user_key: str
    chat_id: str
    text: str
    topic: str | None  # the router's answer; None when it was unsure
    confidence: float
    chosen_topic: str | None  # the asker's pick from the menu, if any


@dataclass(frozen=True)
class ReviewItem:
    id: int
    at: datetime
    channel: str
    text: str
    topic: str | None
    confidence: float
    chosen_topic: str | None
    label: str | None  # a topic key, "none" or "skip"; None while unlabelled
    labelled_by: str | None
    labelled_at: datetime | None


@dataclass(frozen=True)
class LastQuestion:
    """Somebody's latest routed question: its text and final topic (menu choice wins)."""

    text: str
    topic: str | None
