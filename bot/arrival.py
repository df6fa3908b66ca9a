"""What one incoming text message needs from the database, asked for in one hop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Question:
    """A routed question to record when the chat has no open conversation."""

    text: str
    topic: str | None
    confidence: float
    record: bool = True  # greetings and thanks are answered, not counted


@dataclass(frozen=True)
class Arrival:
    """What the engine needs to answer a text message."""

    conversation: tuple[str, dict[str, Any]] | None = None
    question_id: int = 0
    operator: str | None = None
