"""The report as a Word document in the administrative format (Decree 30/2020/NĐ-CP).

A4, Times New Roman 13 pt, margins top/bottom 20 mm, left 30 mm, right 15 mm; the issuing
body top left, the national motto top right, number and date, title, body, signature.
Big tables are written as one XML fragment: python-docx's row-by-row API takes seconds for
the 3,321 communes of a national-scale report.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from bot.reports.model import CommuneRow, Report, TopicCount
from bot.roster import describe_missing
from bot.texts import report_document as w

if TYPE_CHECKING:  # python-docx itself is imported lazily (reports are rare)
    from docx.document import Document as DocxDocument
    from docx.table import _Cell

FONT, SIZE = "Times New Roman", 13
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARKER = "@@report-body@@"
TEXT_WIDTH = 9355  # twips: 210 mm − 30 − 15 = 165 mm


def render_docx(report: Report) -> bytes:
    """The whole report as .docx bytes."""
    from docx import Document

    doc = Document()
    _page(doc)
    _header(doc, report)
    doc.add_paragraph(MARKER)
    _signature(doc, report)
    body: list[str] = []
    _title(body, report)
    body.append(_p(w.PART_SUMMARY, bold=True))
    body.append(_p(w.summary(report), indent=True))
    body.append(_p(w.PART_DISTRICTS, bold=True))
    for n, section in enumerate(report.sections, 1):
        complete = sum(r.complete for r in section.rows)
        line = w.SECTION.format(
            n=n, district=section.district, complete=complete, total=len(section.rows)
        )
        body.append(_p(line, bold=True))
        body += _table(_commune_head(report), _commune_rows(report, section.rows), _widths(report))
    _overdue(body, report)
    _topics(body, report)
    closing = w.CLOSING.format(department=report.config.sender, recipient=report.config.recipient)
    body.append(_p(closing, indent=True))
    out = io.BytesIO()
    doc.save(out)
    return _splice(out.getvalue(), "".join(body))


def _splice(package: bytes, body: str) -> bytes:
    # The body goes into word/document.xml as text, in place of the marker paragraph:
    # python-docx scans the body for every block it adds and lxml reconciles namespaces for
    # every subtree moved in, both quadratic for the ~700 tables of a national report.
    source, out = zipfile.ZipFile(io.BytesIO(package)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start = xml.rindex("<w:p>", 0, xml.index(MARKER))
                end = xml.index("</w:p>", start) + len("</w:p>")
                data = (xml[:start] + body + xml[end:]).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def _p(
    text: str,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    indent: bool = False,
    after: int | None = None,
) -> str:
    """One paragraph as WordprocessingML."""
    ppr = ""
    if center:
        ppr += '<w:jc w:val="center"/>'
    elif indent:
        ppr += '<w:ind w:firstLine="567"/><w:jc w:val="both"/>'
    if after is not None:
        ppr = f'<w:spacing w:after="{after}"/>' + ppr
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    run = f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run if text else ''}</w:p>"


def _page(doc: DocxDocument) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(SIZE)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(3)


def _header(doc: DocxDocument, report: Report) -> None:
    cfg = report.config
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _fill(
        left, [(cfg.authority, False), (cfg.department, True), ("———", False), (cfg.number, False)]
    )
    _fill(right, [(w.MOTTO, True), (w.MOTTO_2, True), ("———", False)])
    date = right.add_paragraph()
    date.alignment = 1  # centre
    date.add_run(w.date_line(cfg.place, report.at)).italic = True


def _fill(cell: _Cell, lines: Sequence[tuple[str, bool]]) -> None:
    first = True
    for text, bold in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = 1
        p.add_run(text).bold = bold


def _title(body: list[str], report: Report) -> None:
    body.append(_p(""))
    body.append(_p(w.KIND, bold=True, center=True, after=0))
    body.append(_p(w.TITLE.format(letter=report.config.letter), bold=True, center=True))
    body.append(_p(w.TO.format(recipient=report.config.recipient), center=True))


def _commune_head(report: Report) -> list[str]:
    return [*w.COMMUNE_HEAD, *(w.short_title(t) for t in report.manual_tasks), w.REGISTRAR_HEAD]


def _widths(report: Report) -> list[int]:
    fixed = [600, 2000, 1100, 2300]
    tasks = [900] * len(report.manual_tasks)
    rest = max(1000, TEXT_WIDTH - sum(fixed) - sum(tasks))
    return [*fixed, *tasks, rest]


def _commune_rows(report: Report, rows: Sequence[CommuneRow]) -> list[list[str]]:
    out = []
    for n, row in enumerate(rows, 1):
        tasks = [w.DONE if row.tasks.get(t.key) else w.NOT_DONE for t in report.manual_tasks]
        out.append(
            [
                str(n),
                row.name,
                f"{row.members}/{w.TEAM_SIZE}",
                describe_missing(row.missing) or w.NONE,
                *tasks,
                ", ".join(row.registrars) or w.NONE,
            ]
        )
    return out


def _overdue(body: list[str], report: Report) -> None:
    body.append(_p(w.PART_OVERDUE, bold=True))
    rows = report.overdue_rows
    if not rows:
        body.append(_p(w.NO_OVERDUE, indent=True))
        return
    cells = [
        [str(n), r.name, r.district, "; ".join(report.task_titles.get(k, k) for k in r.overdue)]
        for n, r in enumerate(rows, 1)
    ]
    body += _table(list(w.OVERDUE_HEAD), cells, [600, 2300, 2000, TEXT_WIDTH - 4900])


def _topics(body: list[str], report: Report) -> None:
    since, until = report.since.strftime("%d/%m/%Y"), report.at.strftime("%d/%m/%Y")
    body.append(_p(w.PART_TOPICS.format(since=since, until=until), bold=True))
    body.append(_p(w.QUESTIONS_PART, bold=True))
    _counts(body, report.questions, w.QUESTION_HEAD, w.NO_QUESTIONS)
    body.append(_p(w.REQUESTS_PART, bold=True))
    if report.requests is None:
        body.append(_p(w.NO_REQUESTS, indent=True))
    else:
        _counts(body, report.requests, w.REQUEST_HEAD, w.NO_REQUESTS_PERIOD)


def _counts(
    body: list[str], counts: Sequence[TopicCount], head: Sequence[str], empty: str
) -> None:
    if not counts:
        body.append(_p(empty, indent=True))
        return
    cells = [[str(n), c.label, str(c.count), str(c.detail)] for n, c in enumerate(counts, 1)]
    total = [
        "",
        w.TOTAL,
        str(sum(c.count for c in counts)),
        str(sum(c.detail for c in counts)),
    ]
    body += _table(list(head), [*cells, total], [600, TEXT_WIDTH - 3800, 1500, 1700])


def _signature(doc: DocxDocument, report: Report) -> None:
    cfg = report.config
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for n, line in enumerate(w.RECEIVERS):
        p = left.paragraphs[0] if n == 0 else left.add_paragraph()
        run = p.add_run(line)
        run.bold, run.italic = n == 0, n == 0
    _fill(
        right,
        [(cfg.signer_title, True), ("", False), ("", False), ("", False), (cfg.signer, True)],
    )


def _table(head: list[str], body: list[list[str]], widths: list[int]) -> list[str]:
    """A bordered table (header row repeated on each page) and the paragraph after it
    (Word merges two adjacent tables into one without it)."""
    grid = "".join(f'<w:gridCol w:w="{x}"/>' for x in widths)
    rows = [_row(head, widths, header=True), *(_row(r, widths) for r in body)]
    table = (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    return [table, _p("")]


def _row(cells: list[str], widths: list[int], header: bool = False) -> str:
    pr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    bold = "<w:rPr><w:b/></w:rPr>" if header else ""
    out = []
    for text, width in zip(cells, widths, strict=True):
        jc = (
            '<w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>'
            if header
            else ('<w:pPr><w:spacing w:after="0"/></w:pPr>')
        )
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{jc}<w:r>{bold}'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
        )
    return f"<w:tr>{pr}{''.join(out)}</w:tr>"
