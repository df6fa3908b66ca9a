"""The official report (.docx/.xlsx), `/report` in chat and the weekly digest."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from bot.deps import Deps
from bot.normalize import vietnamese_order
from bot.reports import digest
from bot.reports.model import build_report
from bot.roster import describe_missing
from tests.conftest import COORDINATOR, Chat, Clock
from tests.fake_telegram import FakeTelegram
from tests.test_cli import cli, lines

HAM_RONG, HAC_THANH = "14758", "14797"
TEAM_CSV = """commune,role,name,phone,position,operator
14758,it_officer,Nguyễn Văn An,0912345601,Công chức,
14758,software_guide,Lê Thị Bình,0912345602,,
14758,software_guide,Trần Văn Cư,0912345603,,
14758,youth_member,Phạm Thị Dung,0912345604,,
14758,youth_member,Hoàng Văn Em,0912345605,,
14758,telecom_technician,Đỗ Văn Giang,0912345606,Kỹ thuật viên,VNPT
14797,it_officer,Ngô Văn Minh,0913000004,,
14797,youth_member,Vũ Thị Hoa,0913000005,,
"""


def district_tables(doc) -> list:
    """The per-district tables: their header starts with STT, Xã/phường, Thành viên."""
    return [
        t
        for t in doc.tables
        if [c.text for c in t.rows[0].cells][1:3] == ["Xã/phường", "Thành viên (/6)"]
    ]


def test_docx_table_matches_teams_status(tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_text(TEAM_CSV, encoding="utf-8")
    assert cli(tmp_path, "teams", "import", "team.csv").returncode == 0
    assert (
        cli(tmp_path, "grant", "telegram:777", "registrar", "--district", "Hoằng Hóa").returncode
        == 0
    )
    result = cli(tmp_path, "report", "--out", "bao-cao.docx")
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)[0]["communes"] == 166
    status = {r["name"]: r for r in lines(cli(tmp_path, "teams", "status").stdout)}
    doc = Document(str(tmp_path / "bao-cao.docx"))
    seen = {}
    for table in district_tables(doc):
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            seen[cells[1]] = cells
    assert set(seen) == set(status)  # every commune once, in its former district's table
    for name, row in status.items():
        assert seen[name][2] == f"{row['members']}/6"
        assert seen[name][3] == (describe_missing(row["missing"]) or "—")
    assert seen["Phường Hàm Rồng"][3] == "—" and seen["Phường Hạc Thành"][2] == "2/6"
    assert seen["Xã Hoằng Hóa"][-1] == "telegram:777"  # the responsible registrar


def test_docx_is_an_administrative_document(tmp_path: Path) -> None:
    assert cli(tmp_path, "report", "--out", "r.docx", "--at", "2026-11-23T09:00").returncode == 0
    doc = Document(str(tmp_path / "r.docx"))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    sizes = {r.font.size for p in doc.paragraphs for r in p.runs} - {None}
    assert all(13 <= s.pt <= 14 for s in sizes)
    left, right = (c.text for c in doc.tables[0].rows[0].cells)
    assert left.startswith("UBND TỈNH THANH HÓA\nSỞ KHOA HỌC VÀ CÔNG NGHỆ") and "Số:" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in right
    assert "Thanh Hóa, ngày 23 tháng 11 năm 2026" in right
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "Tình hình thành lập Tổ hỗ trợ kỹ thuật và triển khai các nhiệm vụ theo Công văn số"
        in text
    )
    assert "SKHCN-CNTT&CĐS" in text and "0/166 đơn vị cấp xã" in text
    assert "III. CÁC ĐƠN VỊ QUÁ HẠN" in text  # the letter's deadlines of June 2025 are past
    signature = doc.tables[-1].rows[0].cells[1].text
    assert "GIÁM ĐỐC" in signature and "Trần Duy Bình" in signature


def test_xlsx_for_one_former_district(tmp_path: Path) -> None:
    (tmp_path / "team.csv").write_text(TEAM_CSV, encoding="utf-8")
    cli(tmp_path, "teams", "import", "team.csv")
    result = cli(tmp_path, "report", "--out", "r.xlsx", "--district", "Thành phố Thanh Hóa")
    assert result.returncode == 0, result.stderr
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["Tổng hợp", "Xã, phường", "Câu hỏi", "Yêu cầu"]
    rows = {r[0]: r for r in book["Xã, phường"].iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 7 and rows[HAM_RONG][3] == 6 and rows[HAM_RONG][4] == "có"
    assert rows[HAC_THANH][3] == 2 and "đoàn viên" in rows[HAC_THANH][5]
    bad = cli(tmp_path, "report", "--out", "x.docx", "--district", "Không Có")
    assert bad.returncode == 1 and "unknown former district" in bad.stderr


async def test_figures_as_of_a_moment_tasks_and_questions(services: Deps, clock: Clock) -> None:
    now = clock.now
    await services.store.teams.add(
        HAM_RONG, [{"role": "it_officer", "name": "Nguyễn Văn An", "phone": "+84912345601"}], now
    )
    await services.store.tasks.mark_done(HAM_RONG, "lan_upgraded", "telegram:1", "", now)
    await services.store.questions.record(
        "telegram", "telegram:5", "5", "mất mạng", "network", 0.9, now
    )
    await services.store.questions.record("telegram", "telegram:5", "5", "??", None, 0.1, now)
    report = await build_report(services, now)
    row = next(r for r in report.rows if r.code == HAM_RONG)
    assert row.members == 1 and row.tasks == {"lan_upgraded": True, "conference_pcs": False}
    assert "lan_upgraded" not in row.overdue and {"team_formed", "conference_pcs"} <= set(
        row.overdue
    )
    assert report.totals()["lan_upgraded"] == 1
    assert (
        sum(q.count for q in report.questions) == 2
        and sum(q.detail for q in report.questions) == 1
    )
    earlier = await build_report(services, now - timedelta(hours=1))
    past = next(r for r in earlier.rows if r.code == HAM_RONG)
    assert past.members == 0 and past.tasks["lan_upgraded"] is False
    assert earlier.questions == ()


async def test_report_in_chat_by_scope(fake: FakeTelegram, services: Deps, telegram) -> None:
    await services.store.access.grant(
        "telegram:801", "registrar", ["399"], [], "test", services.clock()
    )
    boss = Chat(fake, COORDINATOR)
    await boss.send("/report")
    doc = next(c for c in boss.replies if c.method == "sendDocument")
    assert doc.params["document"]["filename"].endswith(".docx")
    assert len(district_tables(Document(io.BytesIO(doc.params["document"]["content"])))) > 20
    registrar = Chat(fake, 801)
    await registrar.send("/report")
    doc = next(c for c in registrar.replies if c.method == "sendDocument")
    tables = district_tables(Document(io.BytesIO(doc.params["document"]["content"])))
    assert len(tables) == 1 and len(tables[0].rows) == 1 + 8  # Hoằng Hóa's communes only
    sent = len(registrar.replies)
    await registrar.send("/report hau loc")  # another registrar's district: no report at all
    assert "Huyện Hậu Lộc không thuộc phạm vi" in registrar.last_text
    assert not any(c.method == "sendDocument" for c in registrar.replies[sent:])
    await boss.send("/report Không Có Huyện")
    assert "Không có huyện cũ" in boss.last_text
    outsider = Chat(fake, 802)
    await outsider.send("/report")
    assert "chỉ dành cho" in outsider.last_text


async def test_weekly_digest_once_per_slot_with_the_docx(services: Deps, clock: Clock) -> None:
    tz = services.settings.tz
    monday = datetime(2026, 11, 23, 8, 0, tzinfo=tz)
    assert digest.latest_slot(monday + timedelta(days=3), services.report, tz) == monday
    assert digest.next_slot(monday, services.report, tz) == monday + timedelta(days=7)
    assert digest.due_slot(monday + timedelta(days=2), services.report, tz) is None  # too late
    await services.store.questions.seen(
        "telegram", str(COORDINATOR), str(COORDINATOR), "Sở", clock.now
    )
    await services.store.access.grant("zalo:z1", "coordinator", [], [], "test", clock.now)
    at = monday + timedelta(minutes=5)
    assert await digest.queue_digest(services, at) == 3  # telegram:900001, console:boss, zalo:z1
    assert await digest.queue_digest(services, at + timedelta(hours=1)) == 0
    rows = await services.store.outbox.due(at)
    mine = next(r for r in rows if r.recipient == f"telegram:{COORDINATOR}")
    text = "".join(seg for seg, _ in json.loads(mine.body))
    assert "Tổng hợp tuần" in text and "Tổ đủ thành viên: 0/166" in text
    assert "quá hạn: 166" in text
    name, content = await services.store.outbox.attachment(mine.id)
    assert name.endswith(".docx") and district_tables(Document(io.BytesIO(content)))
    on_zalo = next(r for r in rows if r.recipient == "zalo:z1")
    assert not on_zalo.attachment_name and "/downloads" in on_zalo.body
    assert await digest.queue_digest(services, monday + timedelta(days=7, minutes=1)) == 3


async def test_districts_come_in_vietnamese_alphabetical_order(services: Deps) -> None:
    report = await build_report(services, services.clock(), None, "toàn tỉnh")
    names = [s.district for s in report.sections]
    assert names.index("Huyện Hà Trung") < names.index("Huyện Hoằng Hóa")  # "a" before "o"
    assert names == sorted(names, key=vietnamese_order)
