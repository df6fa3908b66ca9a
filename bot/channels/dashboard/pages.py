"""The dashboard's pages: overview, commune table, a commune, requests, review, downloads."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.access import Access
from bot.channels.dashboard import view
from bot.channels.dashboard.auth import Viewer, redirect
from bot.channels.dashboard.render import Renderer
from bot.deps import Deps
from bot.directory import OPERATOR_NAMES
from bot.inputs import parse_int
from bot.permissions import Gate
from bot.phones import national
from bot.reports.files import report_file
from bot.reports.model import build_report, topic_label
from bot.roster import label, short_label
from bot.sheets.team_form import FormResult, FormRow, form_rows, save_form
from bot.sheets.workbooks import export_xlsx
from bot.store.labels import NOT_SUPPORT, SKIP
from bot.texts import web as w
from bot.timestamps import to_db

UNSURE_SHOWN = 100
REQUESTS_SHOWN = 200


class Pages:
    """Handlers; each gets the request and the signed-in viewer (see auth.page)."""

    def __init__(self, services: Deps, render: Renderer) -> None:
        self.s, self.render = services, render
        self.access = Access(services)
        self.gate = Gate(services, self.access)  # who may do what: bot/permissions.py

    async def overview(self, request: web.Request, who: Viewer) -> web.Response:
        report = await build_report(self.s, codes=who.visible)
        items = view.progress(report)
        return self.render.page(
            "overview.html",
            who,
            report=report,
            districts=items,
            chart=view.chart(items),
            tasks=view.task_progress(report),
            totals=report.totals(),
        )

    async def communes(self, request: web.Request, who: Viewer) -> web.Response:
        report = await build_report(self.s, codes=who.visible)
        filters = view.Filters.parse(dict(request.query))
        rows = view.table(report, filters)
        return self.render.page(
            "communes.html",
            who,
            report=report,
            rows=rows,
            f=filters,
            districts=[s.district for s in report.sections],
            missing=view.missing_text,
        )

    async def commune(self, request: web.Request, who: Viewer) -> web.Response:
        code = request.match_info["code"]
        if self.s.communes.get(code) is None:
            return self.render.error(who, 404, w.NO_SUCH_COMMUNE)
        if not self._may_see(who, code):
            return self.render.error(who, 403, w.COMMUNE_OUT_OF_SCOPE)
        return await self._commune_page(who, code)

    async def _commune_page(
        self,
        who: Viewer,
        code: str,
        form: list[FormRow] | None = None,
        result: FormResult | None = None,
        status: int = 200,
    ) -> web.Response:
        commune = self.s.communes.get(code)
        report = await build_report(self.s, codes={code})
        row = report.rows[0]
        team = await self.s.store.teams.members_of(code)
        manage = self.gate.may("team:manage", who.roles, code)
        phones = self.gate.may("team:phones", who.roles, code)
        members = [
            {
                "role": short_label(m.role),
                "name": m.name,
                "position": m.position,
                "phone": national(m.phone) if phones else "",
                "operator": OPERATOR_NAMES.get(m.operator or "", ""),
                "linked": m.reachable,
            }
            for m in team
        ]
        return self.render.page(
            "commune.html",
            who,
            status=status,
            commune=commune,
            row=row,
            report=report,
            members=members,
            manage=manage,
            rows=form or (form_rows(team) if manage else []),
            result=result,
            label=label,
            operators=OPERATOR_NAMES,
            requests=await self._requests(code),
        )

    async def save_team(self, request: web.Request, who: Viewer) -> web.Response:
        code = request.match_info["code"]
        roles = await self.gate.permits(who.person, "web:team_edit", code)
        if roles is None or self.s.communes.get(code) is None:
            return self.render.error(who, 403, w.MAY_NOT_EDIT_TEAM)
        posted = {k: str(v) for k, v in (await request.post()).items()}
        rows = form_rows(await self.s.store.teams.members_of(code), posted)
        result = await save_form(self.s, code, self.access.scope(roles), rows)
        if not result.ok:
            return await self._commune_page(who, code, rows, result, status=422)
        return await self._commune_page(who, code, None, result)

    async def requests(self, request: web.Request, who: Viewer) -> web.Response:
        return self.render.page("requests.html", who, requests=await self._requests(None, who))

    async def review(self, request: web.Request, who: Viewer) -> web.Response:
        if await self.gate.permits(who.person, "web:review", None) is None:
            return self.render.error(who, 403, w.COORDINATORS_ONLY)
        queue = (await self.s.store.labels.for_review(True))[-UNSURE_SHOWN:][::-1]
        labels = [(key, t.label) for key, t in self.s.directory.topics.items()]
        labels += [(NOT_SUPPORT, w.LABEL_NOT_SUPPORT), (SKIP, w.LABEL_SKIP)]
        return self.render.page(
            "review.html", who, questions=queue, labels=labels, topic=self._topic_name
        )

    async def label(self, request: web.Request, who: Viewer) -> web.Response:
        """One label from the review page, through the same store call as /review in chat."""
        if await self.gate.permits(who.person, "web:label", None) is None:
            return self.render.error(who, 403, w.COORDINATORS_ONLY)
        label = str((await request.post()).get("label", ""))
        question = parse_int(request.match_info["id"])
        known = label in self.s.directory.topics or label in (NOT_SUPPORT, SKIP)
        if question is None or not known:
            return self.render.error(who, 400, w.BAD_LABEL)
        if not await self.s.store.labels.label(question, label, who.person.key, self.s.clock()):
            return self.render.error(who, 404, w.NO_SUCH_QUESTION)
        return redirect("/review")

    def _topic_name(self, key: str | None) -> str:
        return topic_label(self.s, key) if key else "—"

    async def downloads(self, request: web.Request, who: Viewer) -> web.Response:
        return self.render.page("downloads.html", who)

    async def download(self, request: web.Request, who: Viewer) -> web.StreamResponse:
        kind = request.match_info["kind"]
        if kind in ("report.docx", "report.xlsx"):
            name, content, _ = await report_file(self.s, kind.split(".")[1], None, who.visible)
        elif kind == "teams.xlsx" and (who.visible is None or who.visible):
            codes = sorted(who.visible if who.visible is not None else self.s.communes.communes)
            teams = await self.s.store.teams.by_commune(codes)
            content = await asyncio.to_thread(export_xlsx, self.s, teams, codes)
            name = "to-ho-tro-ky-thuat.xlsx"
        else:
            return self.render.error(who, 404, w.NO_SUCH_FILE)
        await self.s.store.audit.record(
            who.person.key, "web_download", {"file": kind}, self.s.clock()
        )
        return web.Response(
            body=content,
            content_type="application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    def _may_see(self, who: Viewer, code: str) -> bool:
        return who.visible is None or code in who.visible

    async def _requests(
        self, code: str | None, who: Viewer | None = None
    ) -> list[dict[str, object]] | None:
        # Support requests come with their own table; until it exists the page says so.
        if not await self.s.store.reports.has_table("requests"):
            return None
        if code is not None:
            codes: list[str] | None = [code]
        else:
            codes = None if who is None or who.visible is None else sorted(who.visible)
        shown = []
        for r in await self.s.store.requests.open_in(codes, REQUESTS_SHOWN):
            commune = self.s.communes.get(r.commune or "")
            shown.append(
                {
                    "id": r.id,
                    "state": r.state,
                    "topic": topic_label(self.s, r.topic),
                    "commune": commune.name if commune else "—",
                    "created": to_db(r.created_at),  # as stored: UTC, ISO 8601
                }
            )
        return shown


def logout_target() -> web.Response:
    return redirect("/signin")
