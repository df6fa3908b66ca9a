"""The Vietnamese wording of the official report and the digest (document text, one place)."""

from __future__ import annotations

from datetime import datetime

from bot.nudges.campaign import Task
from bot.reports.model import Report
from bot.roster import TEAM_SIZE
from bot.texts.render import clip

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
KIND = "BÁO CÁO"
TITLE = "Tình hình thành lập Tổ hỗ trợ kỹ thuật và triển khai các nhiệm vụ theo Công văn {letter}"
TO = "Kính gửi: {recipient}."
CLOSING = "{department} kính báo cáo {recipient} xem xét, chỉ đạo./."
RECEIVERS = ("Nơi nhận:", "- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT, CNTT&CĐS.")
PART_SUMMARY = "I. KẾT QUẢ CHUNG"
PART_DISTRICTS = "II. CHI TIẾT THEO ĐỊA BÀN (HUYỆN CŨ)"
PART_OVERDUE = "III. CÁC ĐƠN VỊ QUÁ HẠN"
PART_TOPICS = "IV. CÂU HỎI VÀ YÊU CẦU HỖ TRỢ TỪ {since} ĐẾN {until}"
QUESTIONS_PART = "1. Câu hỏi gửi tới bot theo chủ đề"
REQUESTS_PART = "2. Yêu cầu hỗ trợ theo chủ đề"
NO_OVERDUE = "Không có đơn vị nào quá hạn."
NO_QUESTIONS = "Không có câu hỏi nào trong kỳ."
NO_REQUESTS = "Chưa có số liệu yêu cầu hỗ trợ (chức năng tiếp nhận yêu cầu chưa bật)."
NO_REQUESTS_PERIOD = "Không có yêu cầu hỗ trợ nào trong kỳ."
SECTION = "{n}. {district}: {complete}/{total} đơn vị đủ thành viên"
COMMUNE_HEAD = ("STT", "Xã/phường", f"Thành viên (/{TEAM_SIZE})", "Còn thiếu")
REGISTRAR_HEAD = "Cán bộ đầu mối"
OVERDUE_HEAD = ("STT", "Xã/phường", "Huyện cũ", "Nhiệm vụ quá hạn")
QUESTION_HEAD = ("STT", "Chủ đề", "Số câu hỏi", "Bot chưa chắc chắn")
REQUEST_HEAD = ("STT", "Chủ đề", "Số yêu cầu", "Chưa xử lý xong")
DONE, NOT_DONE, NONE = "Đã xong", "Chưa", "—"
SHORT_TITLES = {
    "team_formed": "Thành lập Tổ",
    "lan_upgraded": "Mạng LAN",
    "conference_pcs": "Máy tính HNTH",
}


def short_title(task: Task) -> str:
    """A column header for a task (the seed letter's tasks have short names)."""
    if task.key in SHORT_TITLES:
        return SHORT_TITLES[task.key]
    return clip(task.title, 30)


def date_line(place: str, at: datetime) -> str:
    """ "Thanh Hóa, ngày 05 tháng 02 năm 2026": a leading 0 for days below 10 and for
    months 1 and 2 (Decree 30/2020/NĐ-CP on administrative documents)."""
    day = f"{at.day:02d}" if at.day < 10 else str(at.day)
    month = f"{at.month:02d}" if at.month < 3 else str(at.month)
    return f"{place}, ngày {day} tháng {month} năm {at.year}"


def moment(at: datetime) -> str:
    return at.strftime("%H:%M ngày %d/%m/%Y")


def summary(report: Report) -> str:
    """The summary paragraph with the figures."""
    t = report.totals()
    incomplete = t["communes"] - t["complete"]
    text = (
        f"Tính đến {moment(report.at)}, trên địa bàn {report.scope} có {t['complete']}/"
        f"{t['communes']} đơn vị cấp xã đã thành lập đủ Tổ hỗ trợ kỹ thuật (tối thiểu "
        f"{TEAM_SIZE:02d} thành viên theo Công văn); {incomplete} đơn vị còn thiếu thành viên, "
        f"trong đó {t['empty']} đơn vị chưa đăng ký thành viên nào. Tổng số thành viên đã đăng "
        f"ký: {t['members']}."
    )
    for task in report.manual_tasks:
        done = f"{t[task.key]}/{t['communes']}"
        text += f" Nhiệm vụ “{task.title}”: {done} đơn vị đã báo cáo hoàn thành."
    if t["overdue"]:
        text += f" Có {t['overdue']} đơn vị còn nhiệm vụ quá hạn (mục III)."
    return text


# The report's workbook (render_xlsx): sheet names, headers and totals.
SHEET_SUMMARY, SHEET_COMMUNES = "Tổng hợp", "Xã, phường"
SHEET_QUESTIONS, SHEET_REQUESTS = "Câu hỏi", "Yêu cầu"
AT, SCOPE = "Thời điểm", "Phạm vi"
SHEET_COMMUNE_HEAD = ("Mã", "Xã/phường", "Huyện cũ", "Số thành viên", "Đủ thành phần", "Còn thiếu")
OVERDUE_COLUMN = "Quá hạn"
YES, NO = "có", "không"
TOTAL = "Tổng cộng"
TOTAL_LABELS = {
    "communes": "Số đơn vị cấp xã",
    "complete": "Đủ thành viên",
    "empty": "Chưa đăng ký thành viên",
    "members": "Tổng số thành viên",
    "overdue": "Đơn vị có nhiệm vụ quá hạn",
}
TASK_TOTAL = "Hoàn thành: {task}"
