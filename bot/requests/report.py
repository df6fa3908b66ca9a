"""Requests for operators: JSON Lines rows and the XLSX report (list, figures)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from bot.deps import Deps
from bot.requests.views import figures
from bot.rows.requests import Request
from bot.texts import requests as w
from bot.timestamps import to_db


def as_line(req: Request) -> dict[str, Any]:
    """The fields of `commune-bot requests list` (the asker as a channel-qualified id)."""
    return {
        "id": req.id,
        "state": req.state,
        "topic": req.topic,
        "commune": req.commune,
        "asker": req.asker,
        "created": to_db(req.created_at),
        "first_answer": _stored(req.first_answer_at),
        "resolved": _stored(req.resolved_at),
    }


def export_xlsx(services: Deps, requests: list[Request]) -> bytes:
    """Two sheets: every request, and the figures (medians, unresolved per topic, ratings)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has exactly one sheet (`active` may be None)
    sheet.title = w.SHEET_LIST
    sheet.append(w.SHEET_HEADERS)
    for r in requests:
        commune = services.communes.get(r.commune or "")
        sheet.append(
            [
                r.id,
                r.state,
                services.directory.topic(r.topic).label,
                commune.name if commune else "",
                ", ".join(commune.former_districts) if commune else "",
                r.asker_name or r.asker,
                r.channel,
                to_db(r.created_at),
                _stored(r.first_answer_at) or "",
                _stored(r.resolved_at) or "",
                r.rating or "",
                r.comment or "",
                r.question,
            ]
        )
    summary = book.create_sheet(w.SHEET_FIGURES)
    f = figures(requests)
    rounded = ("first_answer_hours", "resolution_hours", "rating")
    for key, label in w.FIGURE_LABELS.items():
        summary.append([label, _round(f[key]) if key in rounded else f[key]])
    summary.append([])
    summary.append([w.UNRESOLVED_BY_TOPIC, ""])
    for key, topic in services.directory.topics.items():
        summary.append([topic.label, f["unresolved"].get(key, 0)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _round(value: float | None) -> float | str:
    return round(value, 2) if value is not None else ""


def _stored(moment: datetime | None) -> str | None:
    # Operators' files show moments as the database keeps them (UTC, ISO 8601).
    return to_db(moment) if moment else None
