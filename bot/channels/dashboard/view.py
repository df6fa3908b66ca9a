"""What the pages show, from the report model: filters, sorting, the chart. No HTTP here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.normalize import fold
from bot.reports.model import CommuneRow, Report
from bot.roster import TEAM_SIZE, describe_missing
from bot.texts import web as w
from bot.texts.report_document import short_title

SORTS: dict[str, Callable[[CommuneRow], Any]] = {
    "name": lambda r: fold(r.name),
    "district": lambda r: (fold(r.district), fold(r.name)),
    "members": lambda r: (r.members, fold(r.name)),
    "missing": lambda r: (-sum(r.missing.values()), fold(r.name)),
}
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 18, 6, 170, 260


@dataclass(frozen=True)
class Filters:
    """The commune table's query string."""

    district: str = ""
    task: str = ""  # "" any; a task key: show communes where it is not done
    state: str = ""  # "", "complete", "incomplete"
    q: str = ""
    sort: str = "district"

    @classmethod
    def parse(cls, query: dict[str, str]) -> Filters:
        sort = query.get("sort", "district")
        state = query.get("state", "")
        return cls(
            district=query.get("district", "")[:100],
            task=query.get("task", "")[:60],
            state=state if state in ("complete", "incomplete") else "",
            q=query.get("q", "")[:100],
            sort=sort if sort in SORTS else "district",
        )


def table(report: Report, f: Filters) -> list[CommuneRow]:
    """Rows matching the filters, sorted; the search ignores accents and case."""
    needle = fold(f.q)
    rows = []
    for row in report.rows:
        if f.district and row.district != f.district:
            continue
        if f.state == "complete" and not row.complete:
            continue
        if f.state == "incomplete" and row.complete:
            continue
        if f.task and not _task_open(row, f.task):
            continue
        if needle and needle not in fold(row.name) and needle not in row.code:
            continue
        rows.append(row)
    return sorted(rows, key=SORTS[f.sort])


def _task_open(row: CommuneRow, task: str) -> bool:
    if task in row.tasks:
        return not row.tasks[task]
    return not row.complete  # the team task


def progress(report: Report) -> list[dict]:
    """Per former district: communes, complete teams, each manual task done."""
    out = []
    for section in report.sections:
        rows = section.rows
        done = {t.key: sum(r.tasks.get(t.key, False) for r in rows) for t in report.manual_tasks}
        out.append(
            {
                "district": section.district,
                "total": len(rows),
                "complete": sum(r.complete for r in rows),
                "tasks": done,
            }
        )
    return out


def task_progress(report: Report) -> list[dict]:
    """Per task: label and communes done, over all visible communes."""
    totals, total = report.totals(), len(report.rows)
    out = [
        {
            "key": "",
            "label": w.TEAM_TASK,
            "done": totals["complete"],
            "total": total,
        }
    ]
    for task in report.manual_tasks:
        out.append(
            {"key": task.key, "label": short_title(task), "done": totals[task.key], "total": total}
        )
    return out


def chart(items: list[dict]) -> dict:
    """Horizontal bars (share of complete teams per district) as numbers for an inline SVG."""
    bars = []
    for n, item in enumerate(items):
        share = item["complete"] / item["total"] if item["total"] else 0.0
        bars.append(
            {
                "y": n * (BAR_HEIGHT + BAR_GAP),
                "label": item["district"],
                "width": round(share * BAR_WIDTH, 1),
                "text": f"{item['complete']}/{item['total']}",
            }
        )
    return {
        "bars": bars,
        "height": len(items) * (BAR_HEIGHT + BAR_GAP),
        "label_width": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


def missing_text(row: CommuneRow) -> str:
    return describe_missing(row.missing)


SEATS = TEAM_SIZE
