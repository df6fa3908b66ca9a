"""Sheets in chat: /import (then the file), /export, /template — scope-checked."""

from __future__ import annotations

import asyncio

from bot import texts
from bot.access import Access
from bot.chat import Attachment, Incoming, Reply
from bot.commands.claims import claim_links
from bot.deps import Deps
from bot.permissions import RULES, Gate, Who
from bot.phones import InvalidPhone, to_e164
from bot.recipients import registrars_by_commune
from bot.sheets.team_sheet import SheetError, import_rows, read_sheet
from bot.sheets.workbooks import export_xlsx, template_xlsx
from bot.texts.views import import_report_reply
from bot.views import ImportReport, RowVerdict

MAX_REPORTED_ERRORS = 30
CONVERTIBLE = (".xls", ".ods", ".numbers", ".pdf", ".jpg", ".jpeg", ".png", ".heic", ".docx")
PICTURES = ("pdf", "jpg", "jpeg", "png", "heic")


class FilesFlow:
    """Team sheets through the chat, for registrars (their scope) and coordinators (all)."""

    def __init__(self, services: Deps, access: Access, gate: Gate) -> None:
        self.s, self.access, self.gate = services, access, gate

    async def how_to_import(self, inc: Incoming) -> list[Reply]:
        return [texts.plain(texts.IMPORT_HOW)]

    async def template(self, inc: Incoming) -> list[Reply]:
        content = await asyncio.to_thread(template_xlsx, self.s)
        attachment = Attachment("mau-to-ho-tro-ky-thuat.xlsx", content)
        return [Reply(text=(texts.t(texts.TEMPLATE_CAPTION),), attachment=attachment)]

    async def export(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.roles(inc.user)
        scope = self.access.scope(roles)
        codes = sorted(scope if scope is not None else self.s.communes.communes)
        teams = await self.s.store.teams.by_commune_apart(codes)
        label = texts.PROVINCE_SCOPE if scope is None else texts.N_COMMUNES.format(n=len(codes))
        caption = texts.EXPORT_CAPTION.format(scope=label)
        tasks, done = await self.s.store.tasks.all(), await self.s.store.tasks.done()
        registrars = {
            code: [p.name or p.key for p in people]
            for code, people in (await registrars_by_commune(self.s)).items()
        }
        # Thousands of rows take a second or two: keep the event loop free for questions.
        content = await asyncio.to_thread(
            export_xlsx, self.s, teams, codes, tasks, done, registrars
        )
        return [
            Reply(
                text=(texts.t(caption),),
                attachment=Attachment("to-ho-tro-ky-thuat.xlsx", content),
            )
        ]

    async def receive(self, inc: Incoming) -> list[Reply]:
        """A file sent in chat: a team sheet from someone allowed to import, else a hint."""
        if inc.file is None:
            return [texts.plain(texts.MEDIA)]
        name = inc.file.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            roles = await self.access.roles(inc.user)  # may import: told how to convert
            if self.gate.allows(Who.MANAGER, roles, None) and name.endswith(CONVERTIBLE):
                kind = name.rsplit(".", 1)[-1]
                hint = texts.IMPORT_PHOTO if kind in PICTURES else texts.IMPORT_CONVERT
                return [texts.plain(hint.format(kind=f".{kind}"))]
            return [texts.plain(texts.MEDIA)]
        refused = await self.gate.check(inc, "file:import", RULES["file:import"])
        if refused:
            return refused  # a sheet from anyone else is only a file
        if not inc.file.fetched:
            return [texts.plain(texts.IMPORT_NOT_FETCHED.format(name=inc.file.name))]
        importer = await self.access.roles(inc.user)
        try:
            # Parsing a workbook of thousands of rows is CPU work: not on the event loop.
            rows = await asyncio.to_thread(read_sheet, inc.file.name, inc.file.content)
        except SheetError as exc:
            return [texts.plain(texts.IMPORT_BAD_FILE.format(name=inc.file.name, error=exc))]
        results = await import_rows(self.s, rows, self.access.scope(importer), self.s.clock())
        ok = sum(r.ok for r in results)
        errors = [RowVerdict(r.row, r.error, None) for r in results if not r.ok]
        warned = [RowVerdict(r.row, None, r.warning) for r in results if r.warning]
        shown = (tuple(errors[:MAX_REPORTED_ERRORS]), tuple(warned[:10]))
        report = ImportReport(inc.file.name, ok, len(results) - ok, *shown)
        links = await claim_links(self.s, self.access, await self._imported(rows, results))
        return [import_report_reply(report), *links]

    async def _imported(self, rows: list, results: list) -> list[int]:
        """Ids of the members the import just saved (for their claim codes)."""
        phones: dict[str, set[str]] = {}
        by_row = {r.row: r for r in rows}
        for result in results:
            if result.ok and result.commune and result.row in by_row:
                try:
                    phone = to_e164(by_row[result.row].values.get("phone", ""))
                except InvalidPhone:
                    continue
                phones.setdefault(result.commune, set()).add(phone)
        teams = await self.s.store.teams.by_commune(list(phones)) if phones else {}
        return [m.id for c, team in teams.items() for m in team if m.phone in phones[c]]
