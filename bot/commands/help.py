"""What each role can do: /help per role and the per-role Telegram command menus.

One table serves both, so the command menu a person sees and the help they read always
agree with what `Access` lets them do.
"""

from __future__ import annotations

from bot import texts
from bot.access import Roles

# command → (menu description, help line with one example); Vietnamese, shown to users.
COMMANDS: dict[str, tuple[str, str]] = {
    "start": ("Bắt đầu, chọn chủ đề hỗ trợ", "/start — chọn chủ đề hỗ trợ từ danh sách"),
    "help": ("Các việc anh/chị làm được với bot", "/help — xem lại hướng dẫn này"),
    "contacts": ("Danh bạ đầu mối hỗ trợ của tỉnh", "/contacts — danh bạ mọi đầu mối hỗ trợ"),
    "claim": (
        "Nhận ghế trong tổ hỗ trợ kỹ thuật",
        "/claim — nhận ghế của anh/chị trong tổ bằng số điện thoại hoặc mã nhận ghế",
    ),
    "status": ("Tiến độ của tổ và các công việc", "/status — tổ của xã và tiến độ từng việc"),
    "team": ("Xem thành viên tổ", "/team — danh sách tổ của xã mình"),
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
EVERYONE = ("start", "help", "contacts", "requests")
MEMBER = ("status", "team", "deadlines", "link")
IT_OFFICER = ("done",)
REGISTRAR = (
    "register",
    "team",
    "status",
    "import",
    "template",
    "export",
    "report",
    "done",
    "deadlines",
    "broadcast",
    "link",
    "cancel",
)
COORDINATOR = ("invite", "deadline", "stats", "review", "staff")
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


def role_key(roles: Roles) -> str:
    """coordinator, registrar, member or user: what the menu depends on."""
    if roles.coordinator:
        return "coordinator"
    if roles.registrar:
        return "registrar"
    if roles.seats:
        it = any(m.role == "it_officer" for m in roles.seats)
        return "member_it" if it else "member"
    return "user"


def commands_for(roles: Roles) -> list[tuple[str, str]]:
    """The person's commands, in a stable order, for the Telegram menu."""
    key = role_key(roles)
    names: list[str] = list(EVERYONE)
    if key.startswith("member"):
        names += MEMBER
        if key == "member_it":
            names += IT_OFFICER
    if key in ("registrar", "coordinator"):
        names += REGISTRAR
    if key == "coordinator":
        names += COORDINATOR
    if key == "user":
        names.append("claim")
    ordered = [(c, COMMANDS[c][0]) for c in COMMANDS if c in names]
    if key == "coordinator":  # commands other modules registered in texts.COMMANDS
        ordered += [(c, d) for c, d in texts.COMMANDS if c not in COMMANDS]
    return ordered


def help_text(roles: Roles, bot: str) -> str:
    """/help: the role, then one line with an example per thing the person can do."""
    key = role_key(roles)
    title = ROLE_TITLES["member" if key.startswith("member") else key]
    lines = [HELP_HEAD.format(role=title), HELP_ASK]
    lines += [
        f"• {COMMANDS[c][1]}" if c in COMMANDS else f"• /{c} — {d}"
        for c, d in commands_for(roles)
        if c != "help"
    ]
    if key == "user":
        lines.append(HELP_NO_ROLE)
    if key != "user":
        lines.append(HELP_DIALOGUE)
    lines.append(HELP_GROUP.format(bot=bot))
    return "\n".join(lines)
