"""The request commands' views (bot/requests/shown.py) in words: each renderer returns replies."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.chat import Choice, Reply, Seg
from bot.requests.shown import (
    MyRequests,
    OpenRequests,
    OtherContacts,
    Overdue,
    RequestDetail,
    RequestFigures,
)
from bot.texts import requests as w
from bot.texts.render import b, plain

OFFICE_HOURS = "7:00–11:30, 13:30–17:00"


def duration(hours: float | None) -> str:
    """ "3,5 giờ" / "2 ngày" / "—"."""
    if hours is None:
        return "—"
    if hours < 48:
        return w.HOURS.format(n=f"{hours:.1f}".replace(".", ","))
    return w.DAYS.format(n=f"{hours / 24:.0f}")


def local(moment: datetime) -> str:
    """A moment (already in the bot's time zone) as "08:30 24/11"."""
    return moment.strftime("%H:%M %d/%m")


def my_requests(view: MyRequests) -> list[Reply]:
    if not view.lines:
        return [plain(w.MY_REQUESTS_EMPTY)]
    parts: list[Seg] = [b(w.MY_REQUESTS)]
    for r in view.lines:
        line = w.LIST_LINE.format(
            id=r.id, topic=r.topic, state=w.STATES[r.state], created=local(r.created)
        )
        parts.append(Seg(line))
    return [Reply(text=tuple(parts))]


def open_requests(view: OpenRequests) -> list[Reply]:
    if not view.count:
        return [plain(w.OPEN_EMPTY)]
    parts: list[Seg] = [b(w.OPEN_TITLE.format(count=view.count))]
    for group in view.groups:
        parts += [Seg("\n\n"), b(f"{group.topic} ({len(group.lines)})")]
        for r in group.lines:
            line = w.OPEN_LINE.format(
                id=r.id,
                commune=r.commune or w.NO_COMMUNE,
                district="—" if r.districts is None else ", ".join(r.districts),
                age=duration(r.hours),
                state=w.STATES[r.state],
            )
            parts.append(Seg(line))
    return [Reply(text=tuple(parts))]


def request_detail(view: RequestDetail) -> list[Reply]:
    title = w.SHOW_TITLE.format(id=view.id, topic=view.topic, state=w.STATES[view.state])
    body = w.SHOW_BODY.format(
        commune=view.commune or w.NO_COMMUNE, asker=view.asker, created=local(view.created)
    )
    parts: list[Seg] = [b(title), Seg(body)]
    for m in view.messages:
        who = m.author or (w.ASKER if m.side == "asker" else w.STAFF_UNIT)
        parts += [b(w.SHOW_MESSAGE.format(who=who, at=local(m.at))), Seg(m.text)]
    return [Reply(text=tuple(parts))]


def request_figures(view: RequestFigures) -> Reply:
    rating = (
        w.RATING.format(rating=f"{view.rating:.1f}", count=view.ratings) if view.rating else "—"
    )
    body = w.STATS_BODY.format(
        total=view.total,
        open=view.open,
        resolved=view.resolved,
        first=duration(view.first_answer_hours),
        resolve=duration(view.resolution_hours),
        rating=rating,
    )
    parts: list[Seg] = [b(w.STATS_TITLE), Seg(body)]
    if view.unresolved:
        labels = [f"{label} {n}" for label, n in view.unresolved]
        parts.append(Seg(w.STATS_UNRESOLVED + "; ".join(labels)))
    return Reply(text=tuple(parts))


def other_contacts(view: OtherContacts) -> Reply:
    parts: list[Seg] = [Seg(w.OTHER_CONTACTS.format(hours=OFFICE_HOURS))]
    for c in view.contacts:
        hours = f" ({', '.join(c.office_hours)})" if c.office_hours else ""
        parts += [Seg("\n• "), b(c.name), Seg(f" — {c.organisation}: {c.phone_display}{hours}")]
    return Reply(text=tuple(parts))


def escalation(overdue: Iterable[Overdue]) -> tuple[Seg, ...]:
    """One message to each coordinator listing every request that became overdue."""
    lines = [Seg(w.ESCALATION_TITLE)]
    for r in overdue:
        line = w.ESCALATION_LINE.format(
            id=r.id,
            topic=r.topic,
            commune=r.commune or w.NO_COMMUNE,
            asker=r.asker,
            created=local(r.created),
            state=w.STATES[r.state],
        )
        lines.append(Seg(line))
    return tuple(lines)


def escalated_staff(ident: int) -> tuple[Seg, ...]:
    """The line in the request's staff topic saying the coordinators were told."""
    return (Seg(w.ESCALATED_STAFF.format(id=ident)),)


def follow_up(ident: int, topic: str) -> tuple[tuple[Seg, ...], tuple[Choice, ...]]:
    """[Đã giải quyết] [Chưa liên lạc được] [Vẫn còn lỗi] to the asker."""
    choices = (
        Choice(w.FU_OK, f"rq:ok:{ident}"),
        Choice(w.FU_NO_CONTACT, f"rq:nc:{ident}"),
        Choice(w.FU_STILL, f"rq:bad:{ident}"),
    )
    return (Seg(w.FOLLOW_UP.format(id=ident, topic=topic)),), choices
