"""The official report and the weekly digest carry the support-request figures once requests
exist (bot/reports was written before bot/requests and guarded the figures)."""

from __future__ import annotations

import io
from datetime import timedelta

from docx import Document
from openpyxl import load_workbook

from bot.deps import Deps
from bot.reports import digest
from bot.reports.docx_render import render_docx
from bot.reports.model import build_report
from bot.reports.xlsx_render import render_xlsx
from bot.texts import render_plain
from bot.texts import report_document as w
from tests.conftest import Clock

HAM_RONG = "14797"


async def open_request(services: Deps, topic: str, created, asker: int) -> int:
    fields = {
        "topic": topic,
        "commune": HAM_RONG,
        "asker": f"telegram:{asker}",
        "asker_name": "Lan",
        "channel": "telegram",
        "chat_id": str(asker),
        "question": "Không ký số được",
        "created_at": created.isoformat(),
    }
    return await services.store.requests.create(fields, lambda _id: [])


def docx_rows(content: bytes) -> list[list[str]]:
    doc = Document(io.BytesIO(content))
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows]


async def test_report_shows_request_figures_once_requests_exist(
    services: Deps, clock: Clock
) -> None:
    now = clock.now
    empty = await build_report(services, now)
    assert empty.requests == ()  # the table exists: "none in the period", not "not available"
    assert w.NO_REQUESTS_PERIOD in "".join(
        p.text for p in Document(io.BytesIO(render_docx(empty))).paragraphs
    )

    signing = services.directory.topic("digital_signature").label
    network = services.directory.topic("network").label
    first = await open_request(services, "digital_signature", now - timedelta(days=2), 5101)
    await open_request(services, "digital_signature", now - timedelta(days=1), 5102)
    await open_request(services, "network", now - timedelta(hours=3), 5103)
    await open_request(services, "network", now - timedelta(days=40), 5104)  # before the period
    await services.store.requests.update(
        first, {"state": "resolved", "resolved_at": now.isoformat()}, [], now
    )

    report = await build_report(services, now)
    figures = {c.label: (c.count, c.detail) for c in report.requests or ()}
    assert figures == {signing: (2, 1), network: (1, 1)}

    rows = docx_rows(render_docx(report))
    assert [signing, "2", "1"] in [r[1:] for r in rows]
    assert [network, "1", "1"] in [r[1:] for r in rows]
    assert ["Tổng cộng", "3", "2"] in [r[1:] for r in rows]

    sheet = load_workbook(io.BytesIO(render_xlsx(report)))["Yêu cầu"]
    values = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [signing, 2, 1] in values and [network, 1, 1] in values

    before = await build_report(services, now - timedelta(days=7))
    text = render_plain(digest.compose(report, before, 0, digest._open_requests(report)))
    assert "Yêu cầu hỗ trợ đang mở: 2." in text
