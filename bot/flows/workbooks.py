"""Workbooks the bot hands out: the import template and the team export (XLSX)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from bot.directory import OPERATOR_NAMES
from bot.flows.sheets import COLUMNS
from bot.inputs import as_cell_text
from bot.phones import national
from bot.roster import ROLES, describe_missing, label, missing
from bot.services import Services


def template_xlsx() -> bytes:
    """The import template: the contract's columns, examples and a how-to sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sach"
    sheet.append(list(COLUMNS))
    sheet.append(["14758", "it_officer", "Nguyễn Văn An", "0912 345 678", "Công chức VP", ""])
    sheet.append(
        [
            "Phường Hàm Rồng",
            "Cán bộ kỹ thuật doanh nghiệp viễn thông trên địa bàn",
            "Lê Văn Cường",
            "0987 654 321",
            "Kỹ thuật viên",
            "VNPT",
        ]
    )
    guide = book.create_sheet("Huong dan")
    guide.append(["Cột", "Ý nghĩa"])
    guide.append(["commune", "Mã xã/phường (khuyên dùng) hoặc tên đầy đủ"])
    guide.append(["role", "Mã vai trò hoặc tên vai trò (bảng dưới)"])
    guide.append(["name", "Họ và tên"])
    guide.append(["phone", "Số điện thoại di động"])
    guide.append(["position", "Chức vụ (không bắt buộc)"])
    guide.append(["operator", "Chỉ ghi cho cán bộ kỹ thuật viễn thông: VNPT, Viettel, MobiFone"])
    guide.append([])
    guide.append(["Mã vai trò", "Tên vai trò", "Số người tối thiểu"])
    for key, (name, seats, _) in ROLES.items():
        guide.append([key, name, seats])
    return _save(book)


def export_xlsx(services: Services, teams: dict[str, list], codes: Iterable[str]) -> bytes:
    """Two sheets: communes with completeness, and members."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    communes = book.create_sheet("Xa phuong")
    communes.append(
        ["Mã", "Xã/phường", "Loại", "Huyện cũ", "Số thành viên", "Đủ thành phần", "Còn thiếu"]
    )
    members = book.create_sheet("Thanh vien")
    members.append(
        [
            "Mã xã",
            "Xã/phường",
            "Vai trò",
            "Họ tên",
            "Số điện thoại",
            "Chức vụ",
            "Nhà mạng",
            "Đã liên kết",
        ]
    )
    for code in codes:
        commune = services.communes.get(code)
        name = commune.name if commune else code
        team = teams.get(code, [])
        gaps = missing(m.role for m in team)
        _append(
            communes,
            [
                code,
                name,
                commune.type if commune else "",
                "; ".join(commune.former_districts) if commune else "",
                len(team),
                "có" if not gaps else "không",
                describe_missing(gaps),
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
                    "có" if m.reachable else "chưa",
                ],
            )
    return _save(book)


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
