"""/report: the official .docx for coordinators (province or one former district) and for
registrars (their communes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot import texts
from bot.access import Access
from bot.chat import Attachment, Incoming, Reply
from bot.deps import Deps
from bot.reports.files import report_file
from bot.texts.report_document import moment

if TYPE_CHECKING:
    from bot.commands.weblink import WebLinkFlow

FILE_CHANNELS = frozenset({"telegram", "console"})


class ReportFlow:
    """Builds the report for the asker's scope and hands it over as a document."""

    def __init__(self, services: Deps, access: Access, web: WebLinkFlow | None = None) -> None:
        self.s, self.access, self.web = services, access, web

    async def command(self, inc: Incoming) -> list[Reply]:
        """/report [former district]."""
        roles = await self.access.roles(inc.user)
        if inc.channel not in FILE_CHANNELS and self.web is not None:
            # Zalo bots cannot send files: the report is on the dashboard's downloads page.
            return [await self.web.link(inc, "/downloads", texts.REPORT_ON_WEB)]
        scope = self.access.scope(roles)
        codes, label = (
            scope,
            texts.PROVINCE_SCOPE if scope is None else texts.N_COMMUNES.format(n=len(scope)),
        )
        if inc.text.strip():
            district = self.s.communes.district(inc.text)
            if district is None:
                return [texts.plain(texts.REPORT_UNKNOWN_DISTRICT.format(text=inc.text[:60]))]
            wanted = set(district.commune_codes)
            codes = wanted if scope is None else wanted & scope
            if not codes:  # never an official "0/0 communes" for somebody else's district
                return [texts.plain(texts.OUT_OF_SCOPE.format(name=district.name))]
            label = district.name
        return [await self.document(codes, label)]

    async def document(self, codes: set[str] | None, label: str, fmt: str = "docx") -> Reply:
        """The report file as a reply (also used by the weekly digest)."""
        name, content, report = await report_file(self.s, fmt, None, codes, label)
        caption = texts.REPORT_CAPTION.format(scope=label, at=moment(report.at))
        return Reply(
            text=(texts.t(caption),), attachment=Attachment(name, content, caption=caption)
        )
