"""/status and `teams status`: completeness per commune, former district and province."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot import texts
from bot.access import Access, Roles
from bot.messages import Attachment, Choice, Reply, Seg
from bot.roster import describe_missing, missing
from bot.services import Services

PAGE = 30  # former districts per /status message and chart (Thanh Hóa's 26 fit on one)


@dataclass(frozen=True)
class CommuneStatus:
    """One commune's team completeness."""

    code: str
    name: str
    members: int
    missing: dict[str, int]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def state(self) -> str:
        """complete, incomplete or empty (not started)."""
        return "complete" if self.complete else "incomplete" if self.members else "empty"

    def as_json(self) -> dict[str, object]:
        """The fields of `commune-bot teams status`."""
        return {
            "code": self.code,
            "name": self.name,
            "members": self.members,
            "complete": self.complete,
            "missing": self.missing,
        }


async def statuses(services: Services, codes: Iterable[str] | None = None) -> list[CommuneStatus]:
    """Status of the given communes (all when None), in code order."""
    wanted = sorted(codes) if codes is not None else sorted(services.communes.communes)
    counts = await services.store.role_counts(None if codes is None else wanted)
    # Thousands of communes at national scale: build the rows off the event loop.
    return await asyncio.to_thread(_statuses, services, wanted, counts)


def _statuses(
    services: Services, wanted: list[str], counts: dict[str, dict[str, int]]
) -> list[CommuneStatus]:
    out = []
    for code in wanted:
        commune = services.communes.get(code)
        roles = Counter(counts.get(code, {}))
        out.append(
            CommuneStatus(
                code, commune.name if commune else code, roles.total(), missing(roles.elements())
            )
        )
    return out


def district_summary(services: Services, rows: list[CommuneStatus]) -> list[tuple[str, dict]]:
    """(former district name, {complete, incomplete, empty}) in code order.

    A commune formed from two former districts is counted once, under the first of them
    (in code order), so the district lines add up to the province's total.
    """
    by_code = {r.code: r for r in rows}
    counted: set[str] = set()
    out = []
    for district in sorted(services.communes.districts.values(), key=lambda d: d.code):
        counts = {"complete": 0, "incomplete": 0, "empty": 0}
        for code in district.commune_codes:
            if code in by_code and code not in counted:
                counted.add(code)
                counts[by_code[code].state] += 1
        out.append((district.name, counts))
    return out


class StatusFlow:
    """Coordinators: province and districts (with a chart); registrars: their communes;
    members: their team."""

    def __init__(self, services: Services, access: Access) -> None:
        self.s, self.access = services, access

    async def status(self, roles: Roles, page: int = 1) -> list[Reply]:
        if roles.coordinator:
            return await self._province(page)
        if roles.registrar:
            return await self._registrar(roles)
        return []

    async def of_district(self, roles: Roles, code: str) -> list[Reply]:
        """/status <former district>: its communes in the person's scope, and the tasks."""
        district = self.s.communes.districts[code]
        scope = self.access.scope(roles)
        codes = [c for c in district.commune_codes if scope is None or c in scope]
        if not codes:
            return [texts.plain(texts.OUT_OF_SCOPE.format(name=district.name))]
        rows = await statuses(self.s, codes)
        title = texts.STATUS_DISTRICT.format(name=district.name, n=len(rows))
        return [await self._listing(title, rows)]

    async def _listing(self, title: str, rows: list[CommuneStatus]) -> Reply:
        from bot.flows.progress import progress, progress_lines

        parts: list[Seg] = [texts.b(title)]
        for row in rows:
            if row.complete:
                state = texts.STATUS_COMPLETE
            elif row.members:
                state = texts.STATUS_LACKS.format(missing=describe_missing(row.missing))
            else:
                state = texts.STATUS_EMPTY
            parts.append(Seg(f"\n• {row.name}: {state}"))
        items = await progress(self.s, rows)
        parts += progress_lines(self.s, items, self.s.clock())
        return Reply(text=tuple(parts))

    async def _province(self, page: int) -> list[Reply]:
        rows = await statuses(self.s)
        counts = {"complete": 0, "incomplete": 0, "empty": 0}
        for row in rows:
            counts[row.state] += 1
        summary = await asyncio.to_thread(district_summary, self.s, rows)
        # A page of former districts per message and chart: constant size at national scale.
        pages = max(1, -(-len(summary) // PAGE))
        page = min(max(page, 1), pages)
        shown = summary[(page - 1) * PAGE : page * PAGE]
        parts: list[Seg] = [texts.b(texts.STATUS_PROVINCE.format(total=len(rows)))]
        parts.append(Seg("\n" + _line(texts.PROVINCE_SCOPE.capitalize(), counts)))
        parts += [Seg("\n• " + _line(name, c)) for name, c in shown]
        parts.append(Seg("\n" + texts.STATUS_COUNTED_ONCE))
        from bot.flows.progress import progress, progress_lines

        items = await progress(self.s, rows)
        parts += progress_lines(self.s, items, self.s.clock())
        nav: list[Choice] = []
        if pages > 1:
            parts.append(Seg("\n" + texts.STATUS_PAGE.format(page=page, pages=pages)))
            if page > 1:
                nav.append(Choice(texts.PAGE_PREVIOUS, f"st:{page - 1}"))
            if page < pages:
                nav.append(Choice(texts.PAGE_NEXT, f"st:{page + 1}"))
        from bot.charts import completion_chart

        title = texts.STATUS_PAGE.format(page=page, pages=pages) if pages > 1 else ""
        bars = [(i.task.title, i.done, i.total) for i in items]
        png = await asyncio.to_thread(completion_chart, shown, title, bars)
        chart = Attachment("tien-do.png", png, photo=True)
        return [Reply(text=tuple(parts), choices=tuple(nav), columns=2, attachment=chart)]

    async def _registrar(self, roles: Roles) -> list[Reply]:
        scope = self.access.scope(roles) or set()
        rows = await statuses(self.s, scope)
        return [await self._listing(texts.STATUS_REGISTRAR.format(n=len(rows)), rows)]


def _line(name: str, counts: dict[str, int]) -> str:
    return texts.STATUS_LINE.format(
        name=name,
        complete=counts["complete"],
        incomplete=counts["incomplete"],
        empty=counts["empty"],
    )
