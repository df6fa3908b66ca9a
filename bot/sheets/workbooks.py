"""Workbooks the bot hands out: the import template and the team export (XLSX)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from bot.deps import Deps
from bot.directory import OPERATOR_NAMES
from bot.inputs import as_cell_text
from bot.normalize import vietnamese_order
from bot.nudges.campaign import TEAM
from bot.phones import national
from bot.roster import ROLES, TELECOM, describe_missing, label, missing, short_label
from bot.texts import sheets as w

TEMPLATE_WIDTHS = (28, 46, 26, 16, 30, 12)


def template_xlsx(services: Deps | None = None) -> bytes:
    """The import template: Vietnamese headers, examples, drop-downs for role, commune and
    operator (data validation on a list sheet), widths, frozen header, filter, a guide."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has exactly one sheet (`active` may be None)
    sheet.title = w.TEMPLATE_SHEET
    sheet.append(list(w.TEMPLATE_HEADERS))
    for role, (place, *rest) in (("it_officer", w.EXAMPLE_IT), (TELECOM, w.EXAMPLE_TELECOM)):
        sheet.append([place, short_label(role), *rest])
    _shape(sheet, TEMPLATE_WIDTHS, "A1:F500")
    lists = book.create_sheet(w.LISTS)
    lists.append(list(w.LISTS_HEADERS))
    names = (
        sorted((c.name for c in services.communes.communes.values()), key=vietnamese_order)
        if services
        else []
    )
    roles = [short_label(k) for k in ROLES]
    operators = list(OPERATOR_NAMES.values())
    for n in range(max(len(roles), len(names), len(operators))):
        lists.append(
            [
                roles[n] if n < len(roles) else None,
                names[n] if n < len(names) else None,
                operators[n] if n < len(operators) else None,
            ]
        )
    _shape(lists, (46, 30, 12), None)
    for column, col_range, count in (
        ("B", "A", len(roles)),
        ("A", "B", len(names)),
        ("F", "C", len(operators)),
    ):
        if not count:
            continue
        rule = DataValidation(
            type="list",
            formula1=f"='{w.LISTS}'!${col_range}$2:${col_range}${count + 1}",
            allow_blank=True,
            showErrorMessage=column != "A",  # a commune code typed by hand is fine too
            errorTitle=w.NOT_IN_LIST_TITLE,
            error=w.NOT_IN_LIST,
        )
        rule.add(f"{column}2:{column}500")
        sheet.add_data_validation(rule)
    guide = book.create_sheet(w.GUIDE_SHEET)
    for row in w.GUIDE_ROWS:
        guide.append(list(row))
    guide.append([])
    guide.append(list(w.GUIDE_ROLES_HEADERS))
    for key, (name, seats, _) in ROLES.items():
        guide.append([short_label(key), name, seats])
    _shape(guide, (34, 80, 18), None)
    return _save(book)


def _shape(sheet: Any, widths: Iterable[int], filter_range: str | None) -> None:
    """Column widths, a bold frozen header row and (optionally) an autofilter."""
    from openpyxl.utils import get_column_letter

    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    if filter_range:
        sheet.auto_filter.ref = filter_range


def export_xlsx(
    services: Deps,
    teams: dict[str, list],
    codes: Iterable[str],
    tasks: list | None = None,
    done: set[tuple[str, str]] | None = None,
    registrars: dict[str, list[str]] | None = None,
) -> bytes:
    """Two sheets: communes with completeness, each task and the registrar; and members."""
    from openpyxl import Workbook

    tasks, done, registrars = tasks or [], done or set(), registrars or {}
    codes = list(codes)
    book = Workbook(write_only=True)
    communes = book.create_sheet(w.EXPORT_COMMUNES_SHEET)
    members = book.create_sheet(w.EXPORT_MEMBERS_SHEET)
    task_headers = [t.title[:60] for t in tasks]
    widths = [8, 28, 8, 30, 30, 12, 12, 40] + [22] * len(tasks)
    for sheet, header, cols in (
        (communes, [*w.COMMUNE_HEADERS, *task_headers], widths),
        (members, list(w.MEMBER_HEADERS), [8, 28, 46, 26, 16, 30, 12, 12]),
    ):
        from openpyxl.utils import get_column_letter

        for n, width in enumerate(cols, 1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        sheet.freeze_panes = "A2"
        last_row = max(2, 1 + _rows(teams, codes, sheet is members))
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{last_row}"
        sheet.append(header)
    for code in codes:
        commune = services.communes.get(code)
        name = commune.name if commune else code
        team = teams.get(code, [])
        gaps = missing(m.role for m in team)
        states = []
        for task in tasks:
            finished = not gaps if task.kind == TEAM else (code, task.key) in done
            states.append(w.TASK_DONE if finished else w.TASK_NOT_DONE)
        _append(
            communes,
            [
                code,
                name,
                commune.type if commune else "",
                "; ".join(commune.former_districts) if commune else "",
                "; ".join(registrars.get(code, [])),
                len(team),
                w.YES if not gaps else w.NO,
                describe_missing(gaps),
                *states,
            ],
        )
        for m in team:
            _append(
                members,
                [
                    code,
                    name,
                    label(m.role),
                    m.name,
                    national(m.phone),
                    m.position,
                    OPERATOR_NAMES.get(m.operator or "", ""),
                    w.YES if m.reachable else w.NOT_YET,
                ],
            )
    return _save(book)


def _rows(teams: dict[str, list], codes: list[str], members: bool) -> int:
    return sum(len(teams.get(c, [])) for c in codes) if members else len(codes)


def _append(sheet: Any, values: list[Any]) -> None:
    """One row in which text that looks like a formula (=, +, -, @) stays text."""
    from openpyxl.cell import WriteOnlyCell

    row: list[Any] = []
    for value in values:
        if isinstance(value, str) and as_cell_text(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # openpyxl would store "=…" as a live formula
            row.append(cell)
        else:
            row.append(value)
    sheet.append(row)


def _save(book: object) -> bytes:
    out = io.BytesIO()
    book.save(out)  # type: ignore[attr-defined]
    return out.getvalue()
