"""The report as data: per former district, each commune's team and tasks as of a moment.

Built once from the database; the DOCX and XLSX renderers, the weekly digest and the web
dashboard all read this model, so their figures cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot import texts
from bot.access import Access, Roles
from bot.deps import Deps
from bot.normalize import vietnamese_order
from bot.nudges.campaign import TEAM, Task
from bot.reports.config import ReportConfig
from bot.roster import TEAM_SIZE, missing

PERIOD = timedelta(days=7)


@dataclass(frozen=True)
class CommuneRow:
    """One commune as the report shows it."""

    code: str
    name: str
    district: str
    members: int
    missing: dict[str, int]
    tasks: dict[str, bool]  # manual task key → reported done
    registrars: tuple[str, ...]
    overdue: tuple[str, ...]  # keys of tasks past their deadline and not done

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def seats_filled(self) -> int:
        """Seats taken out of the six (extra people in a role do not fill another)."""
        return TEAM_SIZE - sum(self.missing.values())


@dataclass(frozen=True)
class Section:
    """A former district's communes."""

    district: str
    rows: tuple[CommuneRow, ...]


@dataclass(frozen=True)
class TopicCount:
    """Questions (or requests) about one topic in the period."""

    label: str
    count: int
    detail: int = 0  # questions: the router was unsure; requests: still open


@dataclass(frozen=True)
class Report:
    """Everything the official report says."""

    at: datetime  # local time of the figures
    since: datetime  # start of the period for questions and requests
    scope: str
    config: ReportConfig
    tasks: tuple[Task, ...]
    sections: tuple[Section, ...]
    questions: tuple[TopicCount, ...] = ()
    requests: tuple[TopicCount, ...] | None = None  # None: support requests not available
    task_titles: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> list[CommuneRow]:
        return [r for s in self.sections for r in s.rows]

    @property
    def manual_tasks(self) -> list[Task]:
        """Tasks a commune reports done (LAN, video-conference PCs, any added by coordinators)."""
        return [t for t in self.tasks if t.kind != TEAM]

    @property
    def overdue_rows(self) -> list[CommuneRow]:
        return [r for r in self.rows if r.overdue]

    def totals(self) -> dict[str, int]:
        """Communes, complete teams, not started, members, and per manual task done."""
        rows = self.rows
        out = {
            "communes": len(rows),
            "complete": sum(r.complete for r in rows),
            "empty": sum(r.members == 0 for r in rows),
            "members": sum(r.members for r in rows),
            "overdue": len(self.overdue_rows),
        }
        for task in self.manual_tasks:
            out[task.key] = sum(r.tasks.get(task.key, False) for r in rows)
        return out


async def build_report(
    services: Deps,
    at: datetime | None = None,
    codes: Iterable[str] | None = None,
    scope: str = texts.PROVINCE_SCOPE,
    config: ReportConfig | None = None,
) -> Report:
    """The report as of `at` (now by default) for the given communes (all when None)."""
    at = (at or services.clock()).astimezone(services.settings.tz)
    wanted = set(codes) if codes is not None else set(services.communes.communes)
    tasks = tuple(await services.store.tasks.all())
    roles = await services.store.reports.roles_as_of(at)
    done = await services.store.reports.done_as_of(at)
    registrars = await registrar_names(services)
    by_district: dict[str, list[CommuneRow]] = {}
    for code in sorted(wanted):
        commune = services.communes.get(code)
        if commune is None:
            continue
        gaps = missing(roles.get(code, []))
        manual = {t.key: (code, t.key) in done for t in tasks if t.kind != TEAM}
        overdue = tuple(
            t.key
            for t in tasks
            if t.due <= at and (gaps if t.kind == TEAM else not manual.get(t.key, False))
        )
        district = _district_name(services, commune.former_district_codes)
        row = CommuneRow(
            code,
            commune.name,
            district,
            len(roles.get(code, [])),
            gaps,
            manual,
            tuple(registrars.get(code, ())),
            overdue,
        )
        by_district.setdefault(district, []).append(row)
    sections = tuple(
        Section(name, tuple(rows))
        for name, rows in sorted(by_district.items(), key=lambda kv: vietnamese_order(kv[0]))
    )
    since = at - PERIOD
    return Report(
        at=at,
        since=since,
        scope=scope,
        config=config or services.report,
        tasks=tasks,
        sections=sections,
        questions=await _questions(services, since, at),
        requests=await _requests(services, since, at),
        task_titles={t.key: t.title for t in tasks},
    )


def _district_name(services: Deps, codes: tuple[str, ...]) -> str:
    # A commune merged from several former districts is listed under the first one.
    for code in codes:
        district = services.communes.districts.get(code)
        if district:
            return district.name
    return texts.NO_DISTRICT


async def registrar_names(services: Deps) -> dict[str, list[str]]:
    """Commune → the names of the registrars responsible for it."""
    grants = await services.store.access.grants("registrar")
    names = await services.store.reports.display_names([g.user for g in grants])
    access = Access(services)
    out: dict[str, list[str]] = {}
    for grant in grants:
        roles = Roles(
            registrar=True, districts=tuple(grant.districts), communes=tuple(grant.communes)
        )
        for code in access.scope(roles) or ():
            out.setdefault(code, []).append(names.get(grant.user) or grant.user)
    return out


async def _questions(services: Deps, since: datetime, until: datetime) -> tuple:
    counts = await services.store.reports.questions_between(since, until)
    out = []
    for key, (count, unsure) in counts.items():
        out.append(TopicCount(topic_label(services, key), count, unsure))
    return tuple(sorted(out, key=lambda t: (-t.count, t.label)))


def topic_label(services: Deps, key: str | None) -> str:
    """A topic's Vietnamese label (the key itself for a topic no longer in contacts.yaml)."""
    if key is None:
        return texts.UNROUTED
    topic = services.directory.topics.get(key)
    return topic.label if topic else key


async def _requests(services: Deps, since: datetime, until: datetime) -> tuple | None:
    # Support requests arrive with their own migration; without the table the report says so.
    if not await services.store.reports.has_table("requests"):
        return None
    counts = await services.store.reports.requests_by_topic(since, until)
    out = [TopicCount(topic_label(services, k), n, still) for k, (n, still) in counts.items()]
    return tuple(sorted(out, key=lambda t: (-t.count, t.label)))
