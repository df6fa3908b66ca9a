"""Every Vietnamese sentence the bot says, and the per-channel renderers.

Messages are built from `Seg` runs, never from markup strings, so user and database values
(names with `_ . ( ) -`, `<`, `&`) are escaped by the renderer and cannot break Telegram's
HTML parser (a 400 "can't parse entities").
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from bot.messages import Choice, Reply, Rich, Seg

TELEGRAM_LIMIT = 4096


def t(text: str) -> Seg:
    """Plain text."""
    return Seg(text)


def b(text: str) -> Seg:
    """Bold text."""
    return Seg(text, "b")


def i(text: str) -> Seg:
    """Italic text."""
    return Seg(text, "i")


def lines(*parts: Iterable[Seg] | Seg | str) -> Rich:
    """Join parts as lines; a str is plain text, a Seg or a sequence of Segs is one line."""
    out: list[Seg] = []
    for n, part in enumerate(parts):
        if n:
            out.append(Seg("\n"))
        if isinstance(part, str):
            out.append(Seg(part))
        elif isinstance(part, Seg):
            out.append(part)
        else:
            out.extend(part)
    return tuple(out)


def plain(text: str, choices: Sequence[Choice] = (), columns: int = 1) -> Reply:
    """A reply of plain text, optionally with choices."""
    return Reply(text=(Seg(text),), choices=tuple(choices), columns=columns)


_HTML_TAGS = {"b": "b", "i": "i", "code": "code"}


def render_html(rich: Rich) -> str:
    """Telegram HTML: every run escaped, styles as tags."""
    out = []
    for seg in rich:
        body = html.escape(seg.text, quote=False)
        tag = _HTML_TAGS.get(seg.style)
        out.append(f"<{tag}>{body}</{tag}>" if tag else body)
    return "".join(out)


def render_plain(rich: Rich) -> str:
    """Zalo and console: text only."""
    return "".join(seg.text for seg in rich)


def split_rich(rich: Rich, limit: int = TELEGRAM_LIMIT) -> list[Rich]:
    """Cut a message into parts whose rendered HTML stays under `limit`, between runs."""
    parts: list[Rich] = []
    current: list[Seg] = []
    size = 0
    for seg in rich:
        pieces = split_text(seg.text, limit // 2) if len(seg.text) > limit // 2 else [seg.text]
        for piece in pieces:
            piece_seg = Seg(piece, seg.style)
            cost = len(render_html((piece_seg,)))
            if current and size + cost > limit:
                parts.append(tuple(current))
                current, size = [], 0
            current.append(piece_seg)
            size += cost
    if current:
        parts.append(tuple(current))
    return parts


def numbered(choices: Sequence[Choice]) -> str:
    """Choices as a numbered list for channels without buttons."""
    rows = [f"{n}. {c.label}" for n, c in enumerate(choices, 1)]
    return "\n".join([*rows, PICK_BY_NUMBER])


def split_text(text: str, limit: int) -> list[str]:
    """Split at paragraph, then line, then space boundaries into pieces of at most `limit`."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = rest.rfind(sep, 0, limit)
            if cut > 0:
                break
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest.strip():
        pieces.append(rest)
    return pieces


# --- Sentences ---------------------------------------------------------------------------

PICK_BY_NUMBER = "Trả lời bằng số thứ tự để chọn."
GREETING = (
    "Xin chào{name}! Tôi là trợ lý hỗ trợ kỹ thuật của Sở Khoa học và Công nghệ cho các Tổ hỗ "
    "trợ kỹ thuật cấp xã tỉnh Thanh Hóa.\n\n"
    "Hãy mô tả sự cố bằng lời của bạn, có dấu hay không dấu đều được (ví dụ: “không ký số "
    "được”, “mất mạng cả trụ sở”, “máy in kẹt giấy”). Tôi sẽ chỉ đầu mối hỗ trợ của tỉnh kèm "
    "số điện thoại và cách xử lý ban đầu.\n\nHoặc chọn một chủ đề:"
)
HELP = (
    "Cách dùng:\n"
    "• Nhắn mô tả sự cố → tôi trả lời đầu mối hỗ trợ của tỉnh, số điện thoại và gợi ý xử lý.\n"
    "• /contacts — danh bạ tất cả đầu mối hỗ trợ.\n"
    "• /start — chọn chủ đề từ danh sách.\n"
    "Trong nhóm, hãy nhắc tên bot (@{bot}) hoặc trả lời tin nhắn của bot."
)
MENU_PROMPT = "Chọn chủ đề bạn cần hỗ trợ:"
UNSURE = "Tôi chưa chắc bạn cần hỗ trợ về việc gì. Bạn chọn giúp chủ đề gần nhất:"
NOT_A_QUESTION = (
    "Tôi là bot hỗ trợ kỹ thuật. Khi gặp sự cố, bạn hãy mô tả ngắn gọn (ví dụ: “không vào "
    "được phần mềm một cửa”), hoặc chọn chủ đề:"
)
THANKS = "Rất vui được hỗ trợ! Khi cần, bạn cứ nhắn mô tả sự cố."
MEDIA = (
    "Tôi chưa đọc được hình ảnh, nhãn dán, tệp hay tin nhắn thoại. Bạn vui lòng mô tả sự cố "
    "bằng chữ (ví dụ: “máy in báo kẹt giấy”), tôi sẽ chỉ đầu mối hỗ trợ."
)
UNKNOWN_COMMAND = "Tôi không có lệnh /{command}. Gõ /help để xem cách dùng."
STALE_BUTTON = "Nút này không còn hiệu lực. Bạn chọn lại giúp tôi:"
TOO_LONG = "Tin nhắn dài quá {limit} ký tự; tôi chỉ đọc phần đầu."
NOT_ALLOWED = "Xin lỗi, chức năng này chỉ dành cho {who}."
COORDINATORS = "điều phối viên cấp tỉnh"
ERROR = "Xin lỗi, tôi gặp lỗi khi xử lý yêu cầu. Bạn thử lại sau ít phút giúp tôi."
NOT_SAVED = (
    "Xin lỗi anh/chị, hệ thống tạm thời không lưu được dữ liệu nên thao tác vừa rồi chưa được "
    "ghi lại. Những gì anh/chị đã nhập trước đó vẫn còn; anh/chị vui lòng thử lại sau ít phút. "
    "Danh bạ hỗ trợ (/contacts) vẫn dùng được bình thường."
)
CONTACTS_TITLE = "Danh bạ đầu mối hỗ trợ kỹ thuật cấp tỉnh (Công văn của Sở KH&CN, mục 4):"
OPERATOR_NOTE = "Đầu mối của nhà mạng đang phục vụ xã bạn:"
ALL_OPERATORS_NOTE = "Liên hệ đầu mối của nhà mạng đang cung cấp đường truyền cho xã:"
TIPS_TITLE = "Thử xử lý ban đầu:"
SAVE_CONTACT = "📇 Lưu vào danh bạ"
SAVE_CONTACT_OF = "📇 Lưu số {name}"
STATS_TITLE = "Số câu hỏi theo chủ đề"
STATS_EMPTY = "Chưa có câu hỏi nào trong 30 ngày qua."
UNROUTED = "Chưa xác định chủ đề"

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Bắt đầu, chọn chủ đề hỗ trợ"),
    ("help", "Hướng dẫn sử dụng"),
    ("contacts", "Danh bạ đầu mối hỗ trợ của tỉnh"),
    ("stats", "Thống kê câu hỏi (điều phối viên)"),
)

# --- Teams, roles, registration --------------------------------------------------------

REGISTRARS = "cán bộ đăng ký của huyện (cũ) hoặc điều phối viên"
PRIVATE_ONLY = (
    "Việc này có số điện thoại cá nhân nên chỉ làm trong tin nhắn riêng với bot. Bạn nhắn "
    "riêng cho bot giúp tôi."
)
ASK_COMMUNE = "Nhập tên hoặc mã xã/phường cần đăng ký tổ hỗ trợ kỹ thuật (ví dụ: Hàm Rồng):"
PICK_COMMUNE = "Bạn chọn đúng xã/phường:"
PICK_DISTRICT_OR_COMMUNE = (
    "“{text}” vừa là tên xã/phường mới, vừa là tên huyện cũ. Bạn chọn xã/phường:"
)
NO_COMMUNE = "Không tìm thấy xã/phường “{text}” trong phạm vi của bạn. Bạn gõ lại tên hoặc mã."
OUT_OF_SCOPE = "Xã/phường {name} không thuộc phạm vi bạn phụ trách."
TEAM_FULL = "Tổ hỗ trợ kỹ thuật của {name} đã đủ người. Dùng /team để xem hoặc thay người."
ASK_NAME = "{commune} — ghế {n}/{total}: {role}.\nNhập họ và tên:"
ASK_PHONE = "Số điện thoại của {name}:"
BAD_PHONE = "“{text}” không phải số điện thoại Việt Nam hợp lệ. Bạn nhập lại (ví dụ 0912 345 678):"
BAD_NAME = "Họ tên cần từ 2 đến 100 ký tự chữ. Bạn nhập lại:"
DUPLICATE_PHONE = "Số {phone} đã có trong tổ của xã này. Mỗi người một số; bạn nhập số khác:"
PHONE_ELSEWHERE = "Lưu ý: số {phone} đã có trong tổ của {communes}."
BAD_POSITION = (
    "Chức vụ cần tối đa 100 ký tự, bắt đầu bằng chữ và không có ký tự như = < > { }. "
    "Anh/chị nhập lại hoặc bấm Bỏ qua:"
)
ASK_POSITION = "Chức vụ của {name} (ví dụ: Công chức Văn phòng - Thống kê):"
ASK_OPERATOR = "{name} thuộc doanh nghiệp viễn thông nào?"
BAD_OPERATOR = "Bạn chọn một trong ba nhà mạng: VNPT, Viettel, MobiFone."
REVIEW = "Kiểm tra lại trước khi lưu — {commune}:"
NOTHING_TO_SAVE = "Chưa có ai để lưu. Đã kết thúc, không lưu gì."
SAVED = "Đã lưu {n} thành viên cho {commune}."
STILL_MISSING = "Còn thiếu: {missing}."
NOW_COMPLETE = "Tổ hỗ trợ kỹ thuật của {commune} đã đủ thành phần."
CANCELLED = "Đã hủy, không lưu gì."
LINKS_TITLE = (
    "Mã liên kết riêng của từng thành viên (dùng một lần, hết hạn sau 30 ngày). Bạn chuyển "
    "cho từng người; họ bấm link (Telegram) hoặc nhắn mã cho bot (Zalo):"
)
SKIP = "Bỏ qua"
SKIP_SEAT = "Để trống ghế này"
CONFIRM = "Xác nhận lưu"
CANCEL = "Hủy"
TEAM_TITLE = "Tổ hỗ trợ kỹ thuật — {commune}"
TEAM_ASK = "Bạn muốn xem tổ của xã/phường nào? Nhắn: /team <tên hoặc mã xã/phường>"
TEAM_EMPTY = "{commune} chưa đăng ký thành viên nào."
LINKED = "đã liên kết"
NOT_LINKED = "chưa liên kết"
REPLACE = "Thay {name}"
REMOVE = "Xóa {name}"
REMOVE_CONFIRM = "Xóa {name} khỏi tổ của {commune}?"
REMOVED = "Đã xóa {name} khỏi tổ."
REPLACED = "Đã cập nhật ghế {role} của {commune}: {name}."
FILL_SEATS = "Đăng ký ghế còn trống"
GET_LINKS = "Lấy mã liên kết"
NO_TEAM_ROLE = (
    "Bạn chưa có vai trò trong hệ thống. Cán bộ đăng ký nhận link mời từ điều phối viên; "
    "thành viên tổ nhận mã liên kết từ cán bộ đăng ký."
)
INVITE_USAGE = (
    "Cách dùng: /invite <huyện cũ hoặc xã/phường>[, …] — ví dụ: /invite Hoằng Hóa, Hậu Lộc "
    "hoặc /invite xã Nông Cống."
)
INVITE_UNKNOWN = "Không tìm thấy huyện cũ hoặc xã/phường “{text}”."
INVITE_CREATED = (
    "Link mời cán bộ đăng ký cho {scope} (dùng một lần, hết hạn sau 7 ngày):\n{link}\n"
    "Trên Zalo: nhắn mã {code} cho bot."
)
WELCOME_REGISTRAR = (
    "Bạn đã là cán bộ đăng ký tổ hỗ trợ kỹ thuật cho {scope}. Dùng /register để đăng ký tổ, "
    "/status để xem còn thiếu gì."
)
WELCOME_MEMBER = (
    "Xin chào {name}! Tài khoản này đã liên kết với ghế {role} của tổ hỗ trợ kỹ thuật "
    "{commune}. Bot sẽ nhắc việc và gửi thông báo cho bạn tại đây."
)
BAD_CODE = "Mã hoặc link này không hợp lệ, đã dùng hoặc đã hết hạn. Bạn xin mã mới từ người gửi."
STATUS_PROVINCE = "Tiến độ thành lập Tổ hỗ trợ kỹ thuật — {total} xã/phường"
STATUS_LINE = "{name}: đủ {complete}, thiếu {incomplete}, chưa đăng ký {empty}"
STATUS_PAGE = "Trang {page}/{pages}"
PAGE_PREVIOUS = "◀ Trang trước"
PAGE_NEXT = "Trang sau ▶"
STATUS_REGISTRAR = "Các xã/phường bạn phụ trách ({n}):"
STATUS_COMPLETE = "đủ thành phần"
STATUS_EMPTY = "chưa đăng ký"
STATUS_LACKS = "thiếu {missing}"
IMPORT_HOW = (
    "Gửi tệp .xlsx hoặc .csv theo mẫu (/template) vào đây. Mỗi xã có dòng lỗi sẽ không được "
    "nhập dòng nào; bot trả báo cáo từng dòng."
)
IMPORT_BAD_FILE = "Không đọc được tệp {name}: {error}"
IMPORT_REPORT = "Nhập {name}: {ok} dòng thành công, {bad} dòng bị từ chối."
IMPORT_ROW_ERROR = "Dòng {row}: {error}"
EXPORT_CAPTION = "Danh sách tổ hỗ trợ kỹ thuật ({scope})"
TEMPLATE_CAPTION = "Mẫu danh sách tổ hỗ trợ kỹ thuật: điền rồi gửi lại cho bot."
PROVINCE_SCOPE = "toàn tỉnh"

COMMANDS += (
    ("register", "Đăng ký tổ hỗ trợ kỹ thuật của xã"),
    ("team", "Xem, sửa thành viên tổ"),
    ("status", "Tiến độ thành lập tổ"),
    ("import", "Nhập danh sách từ tệp Excel/CSV"),
    ("export", "Xuất danh sách ra Excel"),
    ("template", "Tải mẫu danh sách"),
    ("invite", "Mời cán bộ đăng ký (điều phối viên)"),
    ("cancel", "Hủy thao tác đang làm"),
)

# --- Deadlines, nudges, broadcasts ------------------------------------------------------

LACKS = "còn thiếu {missing}"
NOT_REPORTED = "chưa báo hoàn thành"
BEFORE = "⏰ Còn {left} đến hạn: {title} (hạn {due})."
OVERDUE = "⚠️ Đã quá hạn: {title} (hạn {due})."
SUMMARY = "📋 Tổng hợp: {n} xã/phường chưa xong “{title}” (hạn {due})."
BROADCAST_ASK_AUDIENCE = "Gửi thông báo tới ai?"
BROADCAST_ASK_TEXT = "Nhập nội dung thông báo (tối đa 3000 ký tự):"
BROADCAST_TOO_LONG = "Nội dung dài quá 3000 ký tự. Bạn rút gọn rồi gửi lại."
BROADCAST_EMPTY = "Không có ai trong nhóm người nhận này."
BROADCAST_PREVIEW = "Xem trước — gửi tới {n} người ({audience}):"
BROADCAST_QUEUED = (
    "Đã xếp hàng gửi thông báo #{id} tới {n} người. Tôi sẽ báo kết quả khi gửi xong."
)
BROADCAST_SEND = "Gửi"
BROADCAST_REPORT = (
    "Kết quả thông báo #{id}: đã gửi {delivered}, không liên lạc được {unreachable}, lỗi {failed}."
)
BROADCAST_UNREACHABLE = "Không liên lạc được qua bot (gọi điện trực tiếp):"
BROADCAST_FROM = "📢 Thông báo từ {sender}:"
BROADCAST_DISTRICT = "Nhập tên huyện cũ:"
BROADCAST_COMMUNE = "Nhập tên hoặc mã xã/phường:"
AUDIENCES = {
    "all": "Tất cả người dùng bot",
    "registrars": "Cán bộ đăng ký các huyện",
    "members": "Thành viên các tổ",
    "incomplete": "Xã/phường chưa hoàn thành",
    "district": "Một huyện cũ",
    "commune": "Một xã/phường",
}
DEADLINES_TITLE = "Các hạn công việc:"
DEADLINE_LINE = "{n}. {title} — hạn {due}{closed}"
DEADLINE_CLOSED = " (đã đóng)"
DEADLINE_MOVE = "Dời hạn {n}"
DEADLINE_CLOSE = "Đóng {n}"
DEADLINE_ADD = "Thêm hạn mới"
DEADLINE_ASK_DUE = "Nhập hạn mới dạng ngày/tháng/năm giờ:phút (ví dụ 20/12/2026 17:00):"
DEADLINE_BAD_DUE = "“{text}” không phải ngày giờ hợp lệ. Ví dụ: 20/12/2026 17:00"
DEADLINE_ASK_TITLE = "Nhập tên công việc cần hoàn thành:"
DEADLINE_MOVED = "Đã đặt hạn “{title}”: {due}."
DEADLINE_CLOSED_OK = "Đã đóng “{title}”: không nhắc việc này nữa."
DEADLINE_ADDED = "Đã thêm “{title}”, hạn {due}."
DONE_PICK = "Báo hoàn thành việc nào cho {commune}?"
DONE_NOTHING = "{commune} không còn việc nào cần báo hoàn thành."
DONE_ASK_NOTE = "Ghi chú kèm theo (không bắt buộc):"
DONE_OK = "Đã ghi nhận {commune} hoàn thành: {title}."
DONE_WHO = "cán bộ đăng ký hoặc cán bộ phụ trách CNTT của xã"
DONE_ASK_COMMUNE = "Báo hoàn thành cho xã/phường nào? Nhắn: /done <tên xã>"

COMMANDS += (
    ("done", "Báo hoàn thành công việc của xã"),
    ("deadline", "Xem, dời, thêm hạn (điều phối viên)"),
    ("broadcast", "Gửi thông báo hàng loạt"),
)

# --- Two channels ----------------------------------------------------------------------

LINK_TITLE = (
    "Để dùng bot trên kênh còn lại (Zalo hoặc Telegram) với cùng vai trò, nhắn mã dưới đây "
    "cho bot ở kênh đó (mỗi mã dùng một lần, hết hạn sau 7 ngày với vai trò, 30 ngày với ghế):"
)
LINK_SETTINGS = (
    "Bạn là điều phối viên theo cấu hình BOT_COORDINATORS: thêm tài khoản ở kênh còn lại vào "
    "cấu hình đó (ví dụ zalo:…)."
)
ROLE_NAMES = {"registrar": "cán bộ đăng ký", "coordinator": "điều phối viên"}
COMMANDS += (("link", "Dùng bot trên cả Telegram và Zalo"),)

# --- Review queue (coordinators) -------------------------------------------------------

REVIEW_EMPTY = "Không còn câu hỏi nào cần xem lại. Cảm ơn anh/chị!"
REVIEW_HEAD = "Xem lại câu hỏi (còn {count} câu)"
REVIEW_ROUTED = "Bot đã trả lời: {topic}"
REVIEW_UNSURE = "Bot chưa chắc, đã đưa danh sách chủ đề"
REVIEW_CHOSEN = "Người hỏi đã chọn: {topic}"
REVIEW_ASK = "Câu hỏi này thuộc chủ đề nào?"
REVIEW_NOT_SUPPORT = "🚫 Không phải câu hỏi hỗ trợ"
REVIEW_SKIP = "⏭ Bỏ qua"
REVIEW_SAVED = "Đã ghi nhãn “{label}” cho câu hỏi #{id}. Bot học nhãn này khi khởi động lại."
REVIEW_SKIPPED = "Đã bỏ qua câu hỏi #{id}."
REVIEW_NOT_SUPPORT_LABEL = "không phải câu hỏi hỗ trợ"
COMMANDS += (("review", "Xem lại câu hỏi bot chưa chắc (điều phối viên)"),)

# --- Official report, weekly digest, web dashboard ---------------------------------------

NO_DISTRICT = "Chưa xác định huyện cũ"
REPORT_CAPTION = "Báo cáo tình hình thành lập Tổ hỗ trợ kỹ thuật ({scope}), số liệu đến {at}"
REPORT_UNKNOWN_DISTRICT = (
    "Không có huyện cũ “{text}”. Gõ /report để lấy báo cáo toàn tỉnh, hoặc /report kèm tên "
    "huyện cũ (ví dụ: /report Hoằng Hóa)."
)
COMMANDS += (("report", "Báo cáo chính thức (.docx)"),)
DIGEST_TITLE = "📊 Tổng hợp tuần ({since} – {until})"
DIGEST_TEAMS = "Tổ đủ thành viên"
DIGEST_LINE = "• {label}: {now}/{total} (so với tuần trước: {delta:+d})"
DIGEST_OVERDUE = "• Đơn vị còn nhiệm vụ quá hạn: {n}."
DIGEST_MORE = " và {n} đơn vị khác"
DIGEST_REQUESTS = "• Yêu cầu hỗ trợ đang mở: {n}."
DIGEST_UNSURE = "• Câu hỏi bot chưa chắc chắn chủ đề trong tuần: {n}."

# --- Delivery --------------------------------------------------------------------------

ZALO_QUOTA_WARNING = (
    "Cảnh báo: bot Zalo đã gửi {used}/{limit} tin nhắn trong tháng {month} ({percent}% hạn mức "
    "của gói miễn phí). Khi hết hạn mức, Zalo ngừng nhận tin của bot đến hết tháng: thông báo "
    "cho người dùng cả hai kênh sẽ đi qua Telegram. Anh/chị cân nhắc nâng gói hoặc hạn chế "
    "thông báo qua Zalo."
)
INLINE_BUTTON = "Anh/chị vui lòng bấm nút trong cuộc trò chuyện riêng với bot."
