"""Sheets in chat: /import (then the file), /export, /template — scope-checked."""

from __future__ import annotations

import asyncio

from bot import texts
from bot.access import Access
from bot.flows.sheets import SheetError, import_rows, read_sheet
from bot.flows.workbooks import export_xlsx, template_xlsx
from bot.messages import Attachment, Incoming, Reply
from bot.services import Services

MAX_REPORTED_ERRORS = 30


class FilesFlow:
    """Team sheets through the chat, for registrars (their scope) and coordinators (all)."""

    def __init__(self, services: Services, access: Access) -> None:
        self.s, self.access = services, access

    async def how_to_import(self, inc: Incoming) -> list[Reply]:
        if await self.access.authorize(inc.user, "import_help") is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        return [texts.plain(texts.IMPORT_HOW)]

    async def template(self, inc: Incoming) -> list[Reply]:
        content = template_xlsx()
        attachment = Attachment("mau-to-ho-tro-ky-thuat.xlsx", content)
        return [Reply(text=(texts.t(texts.TEMPLATE_CAPTION),), attachment=attachment)]

    async def export(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.authorize(inc.user, "export")
        if roles is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        scope = self.access.scope(roles)
        codes = sorted(scope if scope is not None else self.s.communes.communes)
        teams = await self.s.store.teams(codes)
        label = texts.PROVINCE_SCOPE if scope is None else f"{len(codes)} xã/phường"
        caption = texts.EXPORT_CAPTION.format(scope=label)
        # Thousands of rows take a second or two: keep the event loop free for questions.
        content = await asyncio.to_thread(export_xlsx, self.s, teams, codes)
        return [
            Reply(
                text=(texts.t(caption),),
                attachment=Attachment("to-ho-tro-ky-thuat.xlsx", content),
            )
        ]

    async def receive(self, inc: Incoming) -> list[Reply]:
        """A file sent in chat: a team sheet from someone allowed to import, else a hint."""
        if inc.file is None or not inc.file.name.lower().endswith((".csv", ".xlsx")):
            return [texts.plain(texts.MEDIA)]
        roles = await self.access.authorize(inc.user, "import")
        if roles is None:
            return [texts.plain(texts.MEDIA)]
        try:
            # Parsing a workbook of thousands of rows is CPU work: not on the event loop.
            rows = await asyncio.to_thread(read_sheet, inc.file.name, inc.file.content)
        except SheetError as exc:
            return [texts.plain(texts.IMPORT_BAD_FILE.format(name=inc.file.name, error=exc))]
        results = await import_rows(self.s, rows, self.access.scope(roles), self.s.clock())
        ok = sum(r.ok for r in results)
        lines = [texts.IMPORT_REPORT.format(name=inc.file.name, ok=ok, bad=len(results) - ok)]
        errors = [r for r in results if not r.ok]
        lines += [
            texts.IMPORT_ROW_ERROR.format(row=r.row, error=r.error)
            for r in errors[:MAX_REPORTED_ERRORS]
        ]
        lines += [f"Dòng {r.row}: lưu ý {r.warning}" for r in results if r.warning][:10]
        return [texts.plain("\n".join(lines))]
