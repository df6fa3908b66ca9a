"""What one incoming text message needs from the database, asked for in one hop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.rows.access import Standing


@dataclass(frozen=True)
class Context:
    """The topic the bot last answered in a chat, so that a follow-up stays on it."""

    topic: str
    operator: str | None = None  # network: the operator whose contacts were shown


@dataclass(frozen=True)
class Question:
    """A routed question to record when the chat has no open conversation."""

    text: str
    topic: str | None
    confidence: float
    record: bool = True  # greetings and thanks are answered, not counted
    answers: str | None = None  # the topic the bot will answer with (kept as the context)
    operator: str | None = None  # the operator the answer names, when the text names one
    follow_up: str | None = None  # "still", "other", ...: the text may follow up an answer

    def continues(self, context: Context | None) -> bool:
        """The text follows up the chat's last answer: it is answered from that context
        (unless it names a topic of its own), and the context stays as it was."""
        if not self.follow_up or context is None:
            return False
        return self.topic is None or self.topic == context.topic


@dataclass(frozen=True)
class Arrival:
    """What the engine needs to answer a text message."""

    conversation: tuple[str, dict[str, Any]] | None = None
    question_id: int = 0
    operator: str | None = None
    context: Context | None = None  # read before this message's own answer was kept
    standing: Standing | None = None  # the sender's grant and seats, read in the same hop
