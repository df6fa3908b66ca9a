"""Looking at requests: the asker's own, one in full, the open ones, the figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from statistics import median
from typing import Any

from bot import texts
from bot.access import Access
from bot.chat import Incoming, Reply, Seg
from bot.deps import Deps
from bot.rows.requests import Request
from bot.texts import requests as w

ACTIVE = ("open", "answered")


def hours_between(start: datetime | None, end: datetime | None) -> float | None:
    """Elapsed hours between two moments (None when either is missing)."""
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 3600


def duration(hours: float | None) -> str:
    """ "3,5 giờ" / "2 ngày" / "—"."""
    if hours is None:
        return "—"
    if hours < 48:
        return w.HOURS.format(n=f"{hours:.1f}".replace(".", ","))
    return w.DAYS.format(n=f"{hours / 24:.0f}")


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


def local_time(services: Deps, moment: datetime) -> str:
    """A moment as "08:30 24/11" in BOT_TIMEZONE."""
    return moment.astimezone(services.settings.tz).strftime("%H:%M %d/%m")


def commune_name(services: Deps, code: str | None) -> str:
    commune = services.communes.get(code or "")
    return commune.name if commune else w.NO_COMMUNE


class Views:
    """Renders requests for askers, staff and coordinators."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    def _local(self, moment: datetime) -> str:
        return local_time(self.s, moment)

    def _commune(self, code: str | None) -> str:
        return commune_name(self.s, code)

    async def mine(self, inc: Incoming) -> list[Reply]:
        """/requests: the asker's own, newest first."""
        rows = await self.s.store.requests.where(asker=inc.user.key)
        if not rows:
            return [texts.plain(w.MY_REQUESTS_EMPTY)]
        parts: list[Seg] = [texts.b(w.MY_REQUESTS)]
        for r in rows[:30]:
            topic = self.s.directory.topic(r.topic).label
            line = w.LIST_LINE.format(
                id=r.id,
                topic=topic,
                state=w.STATES[r.state],
                created=self._local(r.created_at),
            )
            parts.append(Seg(line))
        return [Reply(text=tuple(parts))]

    async def open_ones(self) -> list[Reply]:
        """/requests open (coordinators): by topic, with the former district and the age."""
        rows = await self.s.store.requests.where(open_only=True)
        if not rows:
            return [texts.plain(w.OPEN_EMPTY)]
        now = self.s.clock()
        parts: list[Seg] = [texts.b(w.OPEN_TITLE.format(count=len(rows)))]
        for key, topic in self.s.directory.topics.items():
            mine = [r for r in rows if r.topic == key]
            if not mine:
                continue
            parts += [Seg("\n\n"), texts.b(f"{topic.label} ({len(mine)})")]
            for r in sorted(mine, key=lambda r: r.created_at):
                commune = self.s.communes.get(r.commune or "")
                district = ", ".join(commune.former_districts) if commune else "—"
                age = duration(hours_between(r.created_at, now))
                parts.append(
                    Seg(
                        w.OPEN_LINE.format(
                            id=r.id,
                            commune=self._commune(r.commune),
                            district=district,
                            age=age,
                            state=w.STATES[r.state],
                        )
                    )
                )
        return [Reply(text=tuple(parts))]

    async def one(self, inc: Incoming, req: Request, staff: bool) -> list[Reply]:
        """/request N: the request and its messages (the asker's own, or any for staff)."""
        topic = self.s.directory.topic(req.topic).label
        parts: list[Seg] = [
            texts.b(w.SHOW_TITLE.format(id=req.id, topic=topic, state=w.STATES[req.state])),
            Seg(
                w.SHOW_BODY.format(
                    commune=self._commune(req.commune),
                    asker=req.asker_name or req.asker,
                    created=self._local(req.created_at),
                )
            ),
        ]
        for m in (await self.s.store.requests.messages(req.id))[-20:]:
            who = m.author_name or (w.ASKER if m.side == "asker" else w.STAFF_UNIT)
            parts += [
                texts.b(w.SHOW_MESSAGE.format(who=who, at=self._local(m.at))),
                Seg(m.text),
            ]
        return [Reply(text=tuple(parts))]

    async def with_stats(self, replies: list[Reply]) -> list[Reply]:
        """/stats: the request figures under the question counts, in the same message."""
        (extra,) = await self.stats()
        last = replies[-1]
        return [*replies[:-1], replace(last, text=(*last.text, Seg("\n\n"), *extra.text))]

    async def stats(self) -> list[Reply]:
        """Request figures over 30 days for /stats."""
        rows = await self.s.store.requests.where()
        since = self.s.clock().timestamp() - 30 * 86400
        rows = [r for r in rows if r.created_at.timestamp() >= since]
        f = figures(rows)
        rating = (
            w.RATING.format(rating=f"{f['rating']:.1f}", count=f["ratings"])
            if f["rating"]
            else "—"
        )
        body = w.STATS_BODY.format(
            total=f["total"],
            open=f["open"],
            resolved=f["resolved"],
            first=duration(f["first_answer_hours"]),
            resolve=duration(f["resolution_hours"]),
            rating=rating,
        )
        parts: list[Seg] = [texts.b(w.STATS_TITLE), Seg(body)]
        if f["unresolved"]:
            labels = [
                f"{self.s.directory.topic(k).label} {n}"
                for k, n in sorted(f["unresolved"].items())
            ]
            parts.append(Seg(w.STATS_UNRESOLVED + "; ".join(labels)))
        return [Reply(text=tuple(parts))]

    def other_contacts(self, req: Request) -> Reply:
        """ "Chưa liên lạc được": the topic's contacts, its backup and the general contact."""
        topic = self.s.directory.topic(req.topic)
        keys = [req.topic, topic.backup or "general", "general"]
        parts: list[Seg] = [Seg(w.OTHER_CONTACTS.format(hours="7:00–11:30, 13:30–17:00"))]
        seen: set[str] = set()
        for key in keys:
            for c in self.s.directory.topic(key).contacts:
                if c.phone in seen:
                    continue
                seen.add(c.phone)
                hours = f" ({', '.join(c.office_hours)})" if c.office_hours else ""
                parts += [
                    Seg("\n• "),
                    texts.b(c.name),
                    Seg(f" — {c.organisation}: {c.phone_display}{hours}"),
                ]
        return Reply(text=tuple(parts))
