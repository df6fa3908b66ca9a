"""Sheet import: per-row report, all-or-nothing per commune, idempotent re-import; export."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from bot.deps import Deps
from bot.roster import role_from_text
from bot.sheets.team_sheet import SheetError, import_rows, read_sheet
from bot.sheets.workbooks import export_xlsx, template_xlsx

HEADER = "commune,role,name,phone,position,operator\n"
COMPLETE = (
    "14758,it_officer,Nguyễn Văn An,0912345601,Công chức VP,\n"
    "14758,software_guide,Lê Thị Bình,0912345602,,\n"
    "14758,Cán bộ hướng dẫn sử dụng phần mềm dùng chung,Trần Văn Cư,0912 345 603,,\n"
    "Phường Hàm Rồng,youth_member,Phạm Thị Dung,0912.345.604,Bí thư Đoàn,\n"
    "14758,doan vien thanh nien,Hoàng Văn Em,+84912345605,,\n"
    "14758,telecom_technician,Đỗ Văn Giang,0912345606,Kỹ thuật viên,Viettel\n"
)


async def run(services: Deps, csv_text: str, scope=None):
    rows = read_sheet("doi.csv", (HEADER + csv_text).encode("utf-8"))
    return await import_rows(services, rows, scope, services.clock())


async def test_complete_commune(services: Deps) -> None:
    results = await run(services, COMPLETE)
    assert all(r.ok for r in results)
    team = await services.store.teams.members_of("14758")
    assert len(team) == 6
    assert await services.store.teams.operator_of("14758") == "viettel"
    assert {m.phone for m in team} >= {"+84912345603", "+84912345604"}


async def test_an_operator_the_sheet_names_oddly_is_read_or_named_in_the_error(
    services: Deps,
) -> None:
    read = await run(services, "14797,telecom_technician,Lê Văn Tài,0912345607,,Mobi\n")
    assert read[0].ok and await services.store.teams.operator_of("14797") == "mobifone"
    (refused,) = await run(services, "14758,telecom_technician,Lê Văn Tư,0912345608,,FPT\n")
    assert not refused.ok and "“FPT”" in (refused.error or "")


async def test_reimport_updates_instead_of_duplicating(services: Deps) -> None:
    await run(services, COMPLETE)
    changed = COMPLETE.replace(
        "Nguyễn Văn An,0912345601,Công chức VP", "Nguyễn Văn Ân,0912345601,Phó VP"
    )
    results = await run(services, changed)
    assert all(r.ok for r in results)
    team = await services.store.teams.members_of("14758")
    assert len(team) == 6
    assert any(m.name == "Nguyễn Văn Ân" and m.position == "Phó VP" for m in team)


async def test_incomplete_commune_is_saved_and_reported_missing(services: Deps) -> None:
    results = await run(services, "14797,it_officer,Vũ Văn Hải,0913000001,,\n")
    assert results[0].ok
    from bot.commands.status import statuses

    (row,) = await statuses(services, ["14797"])
    assert not row.complete and row.missing["youth_member"] == 2


@pytest.mark.parametrize(
    ("bad_row", "error"),
    [
        ("14812,it_officer,Vũ Văn Hải,12345,,", "số điện thoại"),
        ("14812,thủ quỹ,Vũ Văn Hải,0913000002,,", "vai trò"),
        ("14812,youth_member,Vũ Văn Khoa,0913000003,,", "trùng với dòng"),
        ("14812,telecom_technician,Vũ Văn Hải,0913000009,,", "nhà mạng"),
        ("14812,it_officer,,0913000008,,", "họ tên"),
    ],
)
async def test_a_bad_row_keeps_its_whole_commune_out(services: Deps, bad_row: str, error: str):
    good = (
        "14812,youth_member,Vũ Văn Long,0913000003,,\n14758,it_officer,Ngô Văn Minh,0913000004,,\n"
    )
    results = await run(services, good + bad_row + "\n")
    assert error in results[2].error
    assert not results[0].ok and "dòng lỗi" in results[0].error  # same commune, not imported
    assert results[1].ok  # another commune is imported
    assert await services.store.teams.members_of("14812") == []
    assert len(await services.store.teams.members_of("14758")) == 1


async def test_unknown_and_colliding_communes(services: Deps) -> None:
    results = await run(
        services,
        "Xã Không Tồn Tại,it_officer,A Bê,0913000005,,\ndong tien,it_officer,A Xê,0913000006,,\n",
    )
    assert not results[0].ok and not results[1].ok
    assert "mã xã" in results[1].error


async def test_phone_on_another_team_is_flagged(services: Deps) -> None:
    await run(services, "14758,it_officer,Nguyễn Văn An,0912345601,,\n")
    results = await run(services, "14797,it_officer,Nguyễn Văn An,0912345601,,\n")
    assert results[0].ok and "Phường Hàm Rồng" in results[0].warning


async def test_scope_is_enforced(services: Deps) -> None:
    results = await run(services, "14758,it_officer,Nguyễn Văn An,0912345601,,\n", scope={"14797"})
    assert not results[0].ok and "phạm vi" in results[0].error


def test_xlsx_with_vietnamese_headers_and_numeric_phones() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Xã", "Vai trò", "Họ tên", "Số điện thoại", "Chức vụ", "Nhà mạng"])
    sheet.append([14758, "it_officer", "Nguyễn Văn An", 912345601, None, None])
    out = io.BytesIO()
    book.save(out)
    (row,) = read_sheet("doi.xlsx", out.getvalue())
    assert row.values["phone"] == "0912345601" and row.values["commune"] == "14758"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("doi.pdf", b"%PDF", ".xlsx"),
        ("doi.xlsx", b"not a zip", "Excel"),
        ("doi.csv", b"a,b\n1,2\n", "thiếu cột"),
        (
            "doi.csv",
            "commune,role\n".encode("cp1258", errors="ignore") + b"\xff\xfe\xfa",
            "thiếu cột",
        ),
    ],
)
def test_unreadable_files_get_a_clear_error(name: str, content: bytes, message: str) -> None:
    with pytest.raises(SheetError) as err:
        read_sheet(name, content)
    assert message in str(err.value)


async def test_template_round_trips_through_the_reader(services: Deps) -> None:
    content = template_xlsx(services)
    rows = read_sheet("mau.xlsx", content)
    assert [role_from_text(r.values["role"]) for r in rows] == ["it_officer", "telecom_technician"]
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]  # issue 12: diacritics
    sheet = book["Danh sách"]
    assert [c.value for c in sheet[1]] == [
        "Xã/phường", "Vai trò", "Họ và tên", "Số điện thoại", "Chức vụ", "Nhà mạng"
    ]  # fmt: skip
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F500"
    assert sheet.column_dimensions["B"].width >= 40
    rules = {str(r.sqref): r.formula1 for r in sheet.data_validations.dataValidation}
    assert set(rules) == {"A2:A500", "B2:B500", "F2:F500"}  # commune, role, operator lists
    lists = book["Danh mục"]
    assert lists["A2"].value == "cán bộ phụ trách CNTT" and lists.max_row == 167


async def test_export_has_communes_and_members(services: Deps) -> None:
    await run(services, COMPLETE)
    teams = await services.store.teams.by_commune(["14758", "14797"])
    tasks = await services.store.tasks.all()
    registrars = {"14758": ["Cán bộ huyện"]}
    content = export_xlsx(services, teams, ["14758", "14797"], tasks, set(), registrars)
    book = load_workbook(io.BytesIO(content))
    communes, members = book["Xã, phường"], book["Thành viên"]
    assert communes.max_row == 3 and members.max_row == 7
    assert communes["E2"].value == "Cán bộ huyện"  # the registrar
    assert communes["G2"].value == "có" and communes["G3"].value == "không"
    headers = [c.value for c in communes[1]]
    assert (
        headers[-3].startswith("Thành lập Tổ")
        and communes.cell(2, len(headers) - 2).value == "đã xong"
    )
    assert communes.cell(2, len(headers) - 1).value == "chưa xong"  # LAN not reported
    assert communes.freeze_panes == "A2" and communes.auto_filter.ref == "A1:K3"
    assert members.freeze_panes == "A2" and members.column_dimensions["D"].width >= 20
    assert members["E2"].value == "0912 345 601"
