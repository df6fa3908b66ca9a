"""/status and `teams status`: completeness per commune, former district and province."""

from __future__ import annotations

import asyncio

from bot import texts
from bot.access import Access, Roles
from bot.chat import Reply
from bot.completeness import CommuneStatus, district_summary, statuses
from bot.deps import Deps
from bot.texts.views import chart_title, listing_reply, province_reply
from bot.views import Action, AreaCounts, CommuneLine, ListingView, ProvinceView

PAGE = 30  # former districts per /status message and chart (Thanh Hóa's 26 fit on one)


class StatusFlow:
    """Coordinators: province and districts (with a chart); registrars: their communes;
    members: their team."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def status(self, roles: Roles, page: int = 1) -> list[Reply]:
        if roles.coordinator:
            return [province_reply(await self._province(page))]
        if roles.registrar:
            scope = self.access.scope(roles) or set()
            rows = await statuses(self.s, scope)
            return [listing_reply(await self._listing("registrar", "", rows))]
        return []

    async def of_district(self, roles: Roles, code: str) -> list[Reply]:
        """/status <former district>: its communes in the person's scope, and the tasks."""
        district = self.s.communes.districts[code]
        scope = self.access.scope(roles)
        codes = [c for c in district.commune_codes if scope is None or c in scope]
        if not codes:
            return [texts.plain(texts.OUT_OF_SCOPE.format(name=district.name))]
        rows = await statuses(self.s, codes)
        return [listing_reply(await self._listing("district", district.name, rows))]

    async def _listing(self, scope: str, name: str, rows: list[CommuneStatus]) -> ListingView:
        from bot.progress import progress, task_counts

        communes = tuple(CommuneLine(r.name, r.complete, r.members, r.missing) for r in rows)
        items = await progress(self.s, rows)
        return ListingView(scope, name, communes, task_counts(self.s, items), self.s.clock())

    async def _province(self, page: int) -> ProvinceView:
        rows = await statuses(self.s)
        counts = {"complete": 0, "incomplete": 0, "empty": 0}
        for row in rows:
            counts[row.state] += 1
        summary = await asyncio.to_thread(district_summary, self.s, rows)
        # A page of former districts per message and chart: constant size at national scale.
        pages = max(1, -(-len(summary) // PAGE))
        page = min(max(page, 1), pages)
        shown = summary[(page - 1) * PAGE : page * PAGE]
        from bot.progress import progress, task_counts

        items = await progress(self.s, rows)
        nav: list[Action] = []
        if page > 1:
            nav.append(Action("previous", f"st:{page - 1}"))
        if page < pages:
            nav.append(Action("next", f"st:{page + 1}"))
        from bot.charts import completion_chart

        bars = [(i.task.title, i.done, i.total) for i in items]
        title = chart_title(page, pages)
        png = await asyncio.to_thread(completion_chart, shown, title, bars)
        return ProvinceView(
            total=len(rows),
            province=_area("", counts),
            districts=tuple(_area(name, c) for name, c in shown),
            tasks=task_counts(self.s, items),
            now=self.s.clock(),
            page=page,
            pages=pages,
            actions=tuple(nav),
            chart=png,
        )


def _area(name: str, counts: dict[str, int]) -> AreaCounts:
    return AreaCounts(name, counts["complete"], counts["incomplete"], counts["empty"])
