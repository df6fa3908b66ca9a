"""What the request commands found, as data: bot/texts/request_views.py renders each view.

A leaf (the directory's records only), so bot/requests/views.py, which builds the views, and
the texts, which word them, both import it without a circle. Moments are already in the
bot's time zone; names are resolved ("" where there is none: texts says so in words).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.directory import Contact


@dataclass(frozen=True)
class RequestLine:
    """One of the asker's own requests in /requests."""

    id: int
    topic: str  # the topic's label
    state: str  # open | answered | resolved | closed
    created: datetime


@dataclass(frozen=True)
class MyRequests:
    """/requests: the asker's own, newest first (none: they have not asked yet)."""

    lines: tuple[RequestLine, ...]


@dataclass(frozen=True)
class OpenLine:
    """One open request in /requests open: where it comes from, its age, its state."""

    id: int
    commune: str  # the commune's name, "" when it has none
    districts: tuple[str, ...] | None  # the commune's former districts (None: no commune)
    hours: float  # since it was made
    state: str


@dataclass(frozen=True)
class OpenGroup:
    topic: str  # the topic's label
    lines: tuple[OpenLine, ...]  # oldest first


@dataclass(frozen=True)
class OpenRequests:
    """/requests open (coordinators): the open requests by topic, in the directory's order."""

    count: int
    groups: tuple[OpenGroup, ...]


@dataclass(frozen=True)
class MessageLine:
    """One message of a request's thread."""

    author: str  # the author's name; "" when unknown (texts names the side)
    side: str  # asker | staff
    at: datetime
    text: str


@dataclass(frozen=True)
class RequestDetail:
    """/request N: the request and its latest messages."""

    id: int
    topic: str  # the topic's label
    state: str
    commune: str  # "" when it has none
    asker: str  # the asker's name, else their key
    created: datetime
    messages: tuple[MessageLine, ...]


@dataclass(frozen=True)
class RequestFigures:
    """The requests of the last 30 days, for /stats (hours are medians; None: no data)."""

    total: int
    open: int
    resolved: int
    first_answer_hours: float | None
    resolution_hours: float | None
    rating: float | None
    ratings: int
    unresolved: tuple[tuple[str, int], ...]  # (topic label, count), by topic key


@dataclass(frozen=True)
class OtherContacts:
    """ "Not reached yet": the topic's contacts, its backup's and the general ones, once each."""

    contacts: tuple[Contact, ...]


@dataclass(frozen=True)
class Overdue:
    """A request still open a working day after it was made (the coordinators' escalation)."""

    id: int
    topic: str  # the topic's label
    commune: str  # the commune's name, "" when it has none
    asker: str
    created: datetime
    state: str
