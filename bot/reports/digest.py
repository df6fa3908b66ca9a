"""The weekly digest to coordinators, derived from the database like the nudges.

At the configured weekday and time (Monday 08:00 by default, `report.digest` in
campaign.yaml) every coordinator gets the week's progress, the overdue communes, open support
requests and the questions the router was unsure about, with the .docx report attached. The
slot's idempotency key is recorded with the outbox row, so a restart never sends it twice;
after a long downtime a digest more than a day late is skipped (the next one is due soon).
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, tzinfo

from bot import texts
from bot.chat import Rich, Seg
from bot.deps import Deps
from bot.reports.config import ReportConfig
from bot.reports.model import PERIOD, Report, build_report
from bot.signin import public_url
from bot.texts.report_document import moment, short_title
from bot.timestamps import to_db

GRACE = timedelta(days=1)
FILE_CHANNELS = frozenset({"telegram", "console"})
MAX_LISTED = 15


def latest_slot(at: datetime, config: ReportConfig, tz: tzinfo) -> datetime:
    """The most recent digest moment at or before `at`."""
    local = at.astimezone(tz)
    back = (local.weekday() - config.digest_weekday) % 7
    slot = datetime.combine(local.date() - timedelta(days=back), config.digest_at, tzinfo=tz)
    return slot if slot <= at else slot - timedelta(days=7)


def next_slot(after: datetime, config: ReportConfig, tz: tzinfo) -> datetime:
    """The first digest moment strictly after `after` (for arming the timer)."""
    return latest_slot(after, config, tz) + timedelta(days=7)


def due_slot(at: datetime, config: ReportConfig, tz: tzinfo) -> datetime | None:
    """The slot to send at `at`, unless it is more than a day old."""
    slot = latest_slot(at, config, tz)
    return slot if at - slot <= GRACE else None


def digest_key(recipient: str, slot: datetime) -> str:
    return f"digest|{recipient}|{to_db(slot)}"


def compose(now: Report, before: Report, unsure: int, open_requests: int | None) -> Rich:
    """Progress since last week, overdue communes, open requests, unsure questions."""
    t, b = now.totals(), before.totals()
    total = t["communes"]
    head = texts.DIGEST_TITLE.format(since=moment(now.since), until=moment(now.at))
    parts: list[Seg] = [texts.b(head)]
    parts.append(Seg("\n" + _progress(texts.DIGEST_TEAMS, t["complete"], b["complete"], total)))
    for task in now.manual_tasks:
        line = _progress(short_title(task), t.get(task.key, 0), b.get(task.key, 0), total)
        parts.append(Seg("\n" + line))
    overdue = now.overdue_rows
    parts.append(Seg("\n" + texts.DIGEST_OVERDUE.format(n=len(overdue))))
    names = ", ".join(r.name for r in overdue[:MAX_LISTED])
    if names:
        more = (
            texts.DIGEST_MORE.format(n=len(overdue) - MAX_LISTED)
            if len(overdue) > MAX_LISTED
            else ""
        )
        parts.append(Seg(f" {names}{more}"))
    if open_requests is not None:
        parts.append(Seg("\n" + texts.DIGEST_REQUESTS.format(n=open_requests)))
    parts.append(Seg("\n" + texts.DIGEST_UNSURE.format(n=unsure)))
    return tuple(parts)


def _progress(label: str, now: int, before: int, total: int) -> str:
    return texts.DIGEST_LINE.format(label=label, now=now, total=total, delta=now - before)


async def queue_digest(services: Deps, at: datetime) -> int:
    """Queue this week's digest for every coordinator who has not had it; messages queued."""
    from bot.outbox_codec import rich_to_json
    from bot.recipients import coordinators
    from bot.reports.files import RENDERERS

    slot = due_slot(at, services.report, services.settings.tz)
    if slot is None:
        return 0
    people = await coordinators(services)
    sent = await services.store.nudges.sent_keys(slot - timedelta(days=1))
    people = [p for p in people if digest_key(p.key, slot) not in sent]
    if not people:
        return 0
    now = await build_report(services, at)
    before = await build_report(services, at - PERIOD)
    unsure = sum(q.detail for q in now.questions)
    body = rich_to_json(compose(now, before, unsure, _open_requests(now)))
    content = await asyncio.to_thread(RENDERERS["docx"], now)
    name = f"bao-cao-tuan-{now.at:%Y%m%d}.docx"
    # Zalo cannot carry the file: its readers get the dashboard's downloads page instead.
    on_web = [*body, [texts.DIGEST_ON_WEB.format(url=public_url(services.settings)), ""]]
    queued = 0
    for person in people:
        key = digest_key(person.key, slot)
        files = person.channel in FILE_CHANNELS
        message, attachment = (body, (name, content)) if files else (on_web, None)
        if await services.store.nudges.enqueue(person, message, [key], at, attachment):
            queued += 1
    return queued


def _open_requests(report: Report) -> int | None:
    if report.requests is None:
        return None
    return sum(r.detail for r in report.requests)
