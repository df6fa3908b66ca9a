"""The report's data as a workbook: summary, communes, overdue, questions, requests."""

from __future__ import annotations

import io

from bot.reports.model import Report
from bot.roster import describe_missing
from bot.texts import report_document as w


def render_xlsx(report: Report) -> bytes:
    """Same figures as the .docx, one sheet per part, for people who filter and sum."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    summary = book.create_sheet(w.SHEET_SUMMARY)
    summary.append([w.KIND, w.TITLE.format(letter=report.config.letter)])
    summary.append([w.AT, w.moment(report.at)])
    summary.append([w.SCOPE, report.scope])
    for key, value in report.totals().items():
        summary.append([_total_label(report, key), value])
    summary.append([])
    summary.append([w.summary(report)])
    communes = book.create_sheet(w.SHEET_COMMUNES)
    communes.append(
        [
            *w.SHEET_COMMUNE_HEAD,
            *(w.short_title(t) for t in report.manual_tasks),
            w.REGISTRAR_HEAD,
            w.OVERDUE_COLUMN,
        ]
    )
    for row in report.rows:
        communes.append(
            [
                row.code,
                row.name,
                row.district,
                row.members,
                w.YES if row.complete else w.NO,
                describe_missing(row.missing),
                *(w.DONE if row.tasks.get(t.key) else w.NOT_DONE for t in report.manual_tasks),
                ", ".join(row.registrars),
                "; ".join(report.task_titles.get(k, k) for k in row.overdue),
            ]
        )
    questions = book.create_sheet(w.SHEET_QUESTIONS)
    questions.append(list(w.QUESTION_HEAD[1:]))
    for count in report.questions:
        questions.append([count.label, count.count, count.detail])
    requests = book.create_sheet(w.SHEET_REQUESTS)
    if report.requests is None:
        requests.append([w.NO_REQUESTS])
    else:
        requests.append(list(w.REQUEST_HEAD[1:]))
        for count in report.requests:
            requests.append([count.label, count.count, count.detail])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _total_label(report: Report, key: str) -> str:
    task = report.task_titles.get(key, key)
    return w.TOTAL_LABELS.get(key) or w.TASK_TOTAL.format(task=task)
