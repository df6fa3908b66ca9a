"""The report as a file: build the model, render it off the event loop, name it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime

from bot import texts
from bot.deps import Deps
from bot.reports.docx_render import render_docx
from bot.reports.model import Report, build_report
from bot.reports.xlsx_render import render_xlsx

RENDERERS = {"docx": render_docx, "xlsx": render_xlsx}


async def report_file(
    services: Deps,
    fmt: str = "docx",
    at: datetime | None = None,
    codes: Iterable[str] | None = None,
    scope: str | None = None,
) -> tuple[str, bytes, Report]:
    """(file name, content, model); rendering thousands of rows takes a moment, so it runs
    in a thread and questions keep being answered meanwhile."""
    report = await build_report(services, at, codes, scope or texts.PROVINCE_SCOPE)
    content = await asyncio.to_thread(RENDERERS[fmt], report)
    return f"bao-cao-to-ho-tro-{report.at:%Y%m%d}.{fmt}", content, report
