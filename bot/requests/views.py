"""Looking at requests: the asker's own, one in full, the open ones, the figures (as views)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from statistics import median
from typing import Any

from bot.access import Access
from bot.chat import Incoming, Reply, Seg
from bot.deps import Deps
from bot.directory import Contact
from bot.requests.shown import (
    MessageLine,
    MyRequests,
    OpenGroup,
    OpenLine,
    OpenRequests,
    OtherContacts,
    Overdue,
    RequestDetail,
    RequestFigures,
    RequestLine,
)
from bot.rows.requests import Request
from bot.texts import request_views as rv

ACTIVE = ("open", "answered")


def hours_between(start: datetime | None, end: datetime | None) -> float | None:
    """Elapsed hours between two moments (None when either is missing)."""
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 3600


def figures(requests: list[Request]) -> dict[str, Any]:
    """Counts, medians, unresolved per topic and the average rating (for /stats and XLSX)."""
    first = [hours_between(r.created_at, r.first_answer_at) for r in requests]
    done = [hours_between(r.created_at, r.resolved_at) for r in requests]
    ratings = [r.rating for r in requests if r.rating]
    unresolved: dict[str, int] = {}
    for r in requests:
        if r.state in ACTIVE:
            unresolved[r.topic] = unresolved.get(r.topic, 0) + 1
    first_h = [h for h in first if h is not None]
    done_h = [h for h in done if h is not None]
    return {
        "total": len(requests),
        "open": sum(unresolved.values()),
        "resolved": sum(1 for r in requests if r.state in ("resolved", "closed")),
        "first_answer_hours": median(first_h) if first_h else None,
        "resolution_hours": median(done_h) if done_h else None,
        "rating": sum(ratings) / len(ratings) if ratings else None,
        "ratings": len(ratings),
        "unresolved": unresolved,
    }


def local(services: Deps, moment: datetime) -> datetime:
    """The moment in BOT_TIMEZONE (views carry local moments: texts only formats them)."""
    return moment.astimezone(services.settings.tz)


def commune_of(services: Deps, code: str | None) -> str:
    """The commune's name, "" when the request has none (texts says so in words)."""
    commune = services.communes.get(code or "")
    return commune.name if commune else ""


def label_of(services: Deps, topic: str) -> str:
    """The topic's short label."""
    return services.directory.topic(topic).label


def overdue(services: Deps, r: Request) -> Overdue:
    """A request for the coordinators' escalation (bot/requests/timers.py)."""
    topic = label_of(services, r.topic)
    asker = r.asker_name or r.asker
    when = local(services, r.created_at)
    return Overdue(r.id, topic, commune_of(services, r.commune), asker, when, r.state)


class Views:
    """Finds what askers, staff and coordinators look at, as views (bot/requests/shown.py)
    that bot/texts/request_views.py words."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def mine(self, inc: Incoming) -> list[Reply]:
        """/requests: the asker's own, newest first."""
        rows = await self.s.store.requests.where(asker=inc.user.key)
        lines = [
            RequestLine(r.id, label_of(self.s, r.topic), r.state, local(self.s, r.created_at))
            for r in rows[:30]
        ]
        return rv.my_requests(MyRequests(tuple(lines)))

    async def open_ones(self) -> list[Reply]:
        """/requests open (coordinators): by topic, with the former district and the age."""
        rows = await self.s.store.requests.where(open_only=True)
        now = self.s.clock()
        groups = []
        for key, topic in self.s.directory.topics.items():
            mine = sorted((r for r in rows if r.topic == key), key=lambda r: r.created_at)
            if mine:
                groups.append(OpenGroup(topic.label, tuple(self._open_line(r, now) for r in mine)))
        return rv.open_requests(OpenRequests(len(rows), tuple(groups)))

    def _open_line(self, r: Request, now: datetime) -> OpenLine:
        commune = self.s.communes.get(r.commune or "")
        districts = tuple(commune.former_districts) if commune else None
        age = hours_between(r.created_at, now) or 0.0
        return OpenLine(r.id, commune.name if commune else "", districts, age, r.state)

    async def one(self, inc: Incoming, req: Request, staff: bool) -> list[Reply]:
        """/request N: the request and its messages (the asker's own, or any for staff)."""
        messages = tuple(
            MessageLine(m.author_name or "", m.side, local(self.s, m.at), m.text)
            for m in (await self.s.store.requests.messages(req.id))[-20:]
        )
        detail = RequestDetail(
            id=req.id,
            topic=label_of(self.s, req.topic),
            state=req.state,
            commune=commune_of(self.s, req.commune),
            asker=req.asker_name or req.asker,
            created=local(self.s, req.created_at),
            messages=messages,
        )
        return rv.request_detail(detail)

    async def with_stats(self, replies: list[Reply]) -> list[Reply]:
        """/stats: the request figures under the question counts, in the same message."""
        extra = rv.request_figures(await self.stats())
        last = replies[-1]
        return [*replies[:-1], replace(last, text=(*last.text, Seg("\n\n"), *extra.text))]

    async def stats(self) -> RequestFigures:
        """Request figures over 30 days for /stats."""
        rows = await self.s.store.requests.where()
        since = self.s.clock().timestamp() - 30 * 86400
        f = figures([r for r in rows if r.created_at.timestamp() >= since])
        unresolved = tuple((label_of(self.s, k), n) for k, n in sorted(f["unresolved"].items()))
        return RequestFigures(
            total=f["total"],
            open=f["open"],
            resolved=f["resolved"],
            first_answer_hours=f["first_answer_hours"],
            resolution_hours=f["resolution_hours"],
            rating=f["rating"],
            ratings=f["ratings"],
            unresolved=unresolved,
        )

    def other_contacts(self, req: Request) -> Reply:
        """ "Chưa liên lạc được": the topic's contacts, its backup and the general contact."""
        topic = self.s.directory.topic(req.topic)
        seen: dict[str, Contact] = {}
        for key in (req.topic, topic.backup or "general", "general"):
            for c in self.s.directory.topic(key).contacts:
                seen.setdefault(c.phone, c)
        return rv.other_contacts(OtherContacts(tuple(seen.values())))
