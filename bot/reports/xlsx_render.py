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
    summary = book.create_sheet("Tổng hợp")
    summary.append([w.KIND, w.TITLE.format(letter=report.config.letter)])
    summary.append(["Thời điểm", w.moment(report.at)])
    summary.append(["Phạm vi", report.scope])
    for key, value in report.totals().items():
        summary.append([_total_label(report, key), value])
    summary.append([])
    summary.append([w.summary(report)])
    communes = book.create_sheet("Xã, phường")
    communes.append(
        [
            "Mã",
            "Xã/phường",
            "Huyện cũ",
            "Số thành viên",
            "Đủ thành phần",
            "Còn thiếu",
            *(w.short_title(t) for t in report.manual_tasks),
            w.REGISTRAR_HEAD,
            "Quá hạn",
        ]
    )
    for row in report.rows:
        communes.append(
            [
                row.code,
                row.name,
                row.district,
                row.members,
                "có" if row.complete else "không",
                describe_missing(row.missing),
                *(w.DONE if row.tasks.get(t.key) else w.NOT_DONE for t in report.manual_tasks),
                ", ".join(row.registrars),
                "; ".join(report.task_titles.get(k, k) for k in row.overdue),
            ]
        )
    questions = book.create_sheet("Câu hỏi")
    questions.append(list(w.QUESTION_HEAD[1:]))
    for count in report.questions:
        questions.append([count.label, count.count, count.detail])
    requests = book.create_sheet("Yêu cầu")
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
    labels = {
        "communes": "Số đơn vị cấp xã",
        "complete": "Đủ thành viên",
        "empty": "Chưa đăng ký thành viên",
        "members": "Tổng số thành viên",
        "overdue": "Đơn vị có nhiệm vụ quá hạn",
    }
    return labels.get(key) or f"Hoàn thành: {report.task_titles.get(key, key)}"
