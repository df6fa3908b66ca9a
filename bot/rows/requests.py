"""A support request and one message of its thread, as the store returns them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Request:
    id: int
    state: str  # open → answered → resolved / closed
    topic: str
    commune: str | None
    asker: str  # "channel:user id"
    asker_name: str
    channel: str
    chat_id: str
    question: str
    created_at: datetime
    first_answer_at: datetime | None = None
    resolved_at: datetime | None = None
    taken_by: str | None = None
    taken_name: str | None = None
    rating: int | None = None
    comment: str | None = None
    reopened: int = 0


@dataclass(frozen=True)
class RequestMessage:
    side: str  # "asker" | "staff"
    author: str
    author_name: str
    kind: str
    text: str
    at: datetime


@dataclass(frozen=True)
class ContactAccount:
    """A support contact's own chat account, linked with a claim code."""

    phone: str
    channel: str
    user_id: str
    chat_id: str
