"""/help and the per-role Telegram command menus: each command's menu label and help line."""

from __future__ import annotations

from bot.views import HelpView

# command → (menu description, help line with one example). The order is the menu's order;
# which role sees which command is bot/commands/help.py's table.
COMMANDS: dict[str, tuple[str, str]] = {
    "start": ("Bắt đầu, chọn chủ đề hỗ trợ", "/start — chọn chủ đề hỗ trợ từ danh sách"),
    "help": ("Các việc anh/chị làm được với bot", "/help — xem lại hướng dẫn này"),
    "contacts": ("Danh bạ đầu mối hỗ trợ của tỉnh", "/contacts — danh bạ mọi đầu mối hỗ trợ"),
    "claim": (
        "Nhận ghế trong tổ hỗ trợ kỹ thuật",
        "/claim — nhận ghế của anh/chị trong tổ bằng số điện thoại hoặc mã nhận ghế",
    ),
    "status": ("Tiến độ của tổ và các công việc", "/status — tổ của xã và tiến độ từng việc"),
    "team": ("Xem thành viên tổ", "/team — danh sách tổ của xã (thêm tên xã: /team Hàm Rồng)"),
    "deadlines": ("Các hạn công việc", "/deadlines — các hạn công việc và còn bao lâu"),
    "done": (
        "Báo một việc đã hoàn thành",
        "/done — báo xã đã xong một việc (ví dụ nâng cấp mạng LAN)",
    ),
    "register": (
        "Đăng ký tổ hỗ trợ kỹ thuật của xã",
        "/register Hàm Rồng — đăng ký từng thành viên của tổ",
    ),
    "import": ("Nhập danh sách từ tệp Excel/CSV", "/import — gửi tệp Excel theo mẫu để nhập"),
    "template": ("Tải mẫu danh sách", "/template — tải mẫu Excel để điền"),
    "export": ("Xuất danh sách ra Excel", "/export — tải danh sách tổ và tiến độ ra Excel"),
    "report": (
        "Báo cáo chính thức (.docx)",
        "/report Hoằng Hóa — báo cáo chính thức (.docx) của huyện cũ hoặc toàn tỉnh",
    ),
    "broadcast": ("Gửi thông báo", "/broadcast — gửi thông báo tới các tổ hoặc cán bộ đăng ký"),
    "invite": (
        "Mời cán bộ đăng ký",
        "/invite Hoằng Hóa, Hậu Lộc — tạo link mời cán bộ đăng ký của huyện cũ",
    ),
    "deadline": ("Dời, đóng, thêm hạn công việc", "/deadline — dời, đóng hoặc thêm hạn"),
    "stats": ("Thống kê câu hỏi", "/stats — số câu hỏi theo chủ đề trong 30 ngày"),
    "review": ("Gán chủ đề cho câu hỏi", "/review — gán chủ đề cho câu hỏi bot chưa chắc"),
    "link": ("Dùng bot trên cả Telegram và Zalo", "/link — mã để dùng bot trên kênh còn lại"),
    "requests": (
        "Yêu cầu hỗ trợ của tôi",
        "/requests — các yêu cầu hỗ trợ của anh/chị; /request 12 — xem yêu cầu #12",
    ),
    "staff": (
        "Liên kết tài khoản đầu mối hỗ trợ",
        "/staff — tạo link để một đầu mối của tỉnh nhận yêu cầu trực tiếp",
    ),
    "cancel": ("Hủy thao tác đang làm", "/cancel — hủy thao tác đang làm dở"),
}
ROLE_TITLES = {
    "coordinator": "Điều phối viên cấp tỉnh",
    "registrar": "Cán bộ đăng ký",
    "member": "Thành viên tổ hỗ trợ kỹ thuật",
    "user": "Người dùng",
}
HELP_HEAD = "Cách dùng bot — vai trò của anh/chị: {role}. Những việc anh/chị làm được:"
HELP_ASK = "• Nhắn mô tả sự cố (ví dụ “mất mạng cả trụ sở”) — tôi chỉ đầu mối hỗ trợ của tỉnh"
HELP_GROUP = "Trong nhóm, anh/chị nhắc tên bot (@{bot}) hoặc trả lời tin nhắn của bot."
HELP_NO_ROLE = (
    "Cán bộ đăng ký nhận link mời từ điều phối viên; thành viên tổ nhận mã nhận ghế từ cán bộ "
    "đăng ký (hoặc gõ /claim trên Telegram để nhận ghế bằng số điện thoại)."
)
HELP_DIALOGUE = (
    "Khi đang nhập dở: “quay lại” để sửa bước trước, /cancel (hoặc số 0 trên Zalo) để hủy."
)


def help_text(view: HelpView) -> str:
    """/help: the role, then one line with an example per thing the person can do."""
    title = ROLE_TITLES["member" if view.role.startswith("member") else view.role]
    lines = [HELP_HEAD.format(role=title), HELP_ASK]
    lines += [
        f"• {COMMANDS[c][1]}" if c in COMMANDS else f"• /{c} — {d}"
        for c, d in view.commands
        if c != "help"
    ]
    lines.append(HELP_NO_ROLE if view.role == "user" else HELP_DIALOGUE)
    lines.append(HELP_GROUP.format(bot=view.bot))
    return "\n".join(lines)
