"""/status and `teams status`: completeness per commune, former district and province."""

from __future__ import annotations

import asyncio

from bot import texts
from bot.access import Access, Roles
from bot.chat import Attachment, Choice, Reply, Seg
from bot.completeness import CommuneStatus, district_summary, statuses
from bot.deps import Deps
from bot.roster import describe_missing

PAGE = 30  # former districts per /status message and chart (Thanh Hóa's 26 fit on one)


class StatusFlow:
    """Coordinators: province and districts (with a chart); registrars: their communes;
    members: their team."""

    def __init__(self, services: Deps, access: Access) -> None:
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
        from bot.progress import progress, progress_lines

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
        from bot.progress import progress, progress_lines

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
