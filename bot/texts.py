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


def code(text: str) -> Seg:
    """Copyable text (a code)."""
    return Seg(text, "code")


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
    """Telegram HTML: every run escaped, styles as tags around the words only (leading and
    trailing spaces and line breaks stay outside the tag)."""
    out = []
    for seg in rich:
        tag = _HTML_TAGS.get(seg.style)
        core = seg.text.strip()
        if not tag or not core:
            out.append(html.escape(seg.text, quote=False))
            continue
        start = seg.text.index(core[0])
        lead, trail = seg.text[:start], seg.text[start + len(core) :]
        body = html.escape(core, quote=False)
        lead, trail = html.escape(lead, quote=False), html.escape(trail, quote=False)
        out.append(f"{lead}<{tag}>{body}</{tag}>{trail}")
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


CANCEL_VALUE = "f:cancel"


def numbered(choices: Sequence[Choice]) -> str:
    """Choices as a numbered list for channels without buttons; cancel is always `0`."""
    own = [c for c in choices if c.value != CANCEL_VALUE]
    rows = [f"{n}. {c.label}" for n, c in enumerate(own, 1)]
    if len(own) != len(choices):
        rows.append(f"0. {next(c.label for c in choices if c.value == CANCEL_VALUE)}")
        return "\n".join([*rows, PICK_OR_CANCEL if own else ZERO_CANCELS])
    return "\n".join([*rows, PICK_BY_NUMBER])


def number_value(choices: Sequence[str], number: int) -> str | None:
    """The option a typed number picks, as `numbered` showed it (0 = cancel)."""
    if number == 0:
        return CANCEL_VALUE if CANCEL_VALUE in choices else None
    own = [c for c in choices if c != CANCEL_VALUE]
    return own[number - 1] if 1 <= number <= len(own) else None


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

# The per-role command menus and /help live in bot/flows/help.py. A command appended here
# (COMMANDS += (("name", "mô tả"),)) and missing there is shown to coordinators only.
COMMANDS: tuple[tuple[str, str], ...] = ()

PICK_BY_NUMBER = "Anh/chị trả lời bằng số thứ tự để chọn."
PICK_OR_CANCEL = "Anh/chị trả lời bằng số thứ tự để chọn; gõ 0 để hủy."
ZERO_CANCELS = "Gõ 0 để hủy."
BACK = "« Quay lại"
KEEP_GOING = "Tiếp tục nhập"
CANCEL_DISCARD = "Hủy, bỏ dữ liệu đã nhập"
CANCEL_CONFIRM = (
    "Anh/chị đã nhập {what}. Nếu hủy, các thông tin này sẽ bị bỏ và không được lưu. "
    "Anh/chị có chắc muốn hủy?"
)
FINISH_FIRST = (
    "Anh/chị đang nhập dở {what}. Anh/chị làm tiếp bước dưới đây, hoặc bấm Hủy (gõ 0 trên "
    "Zalo) rồi bắt đầu việc mới."
)
BACK_AT_START = "Đây là bước đầu tiên, không có bước nào để quay lại."
NOTHING_TO_CANCEL = "Hiện không có thao tác nào đang làm dở để hủy."
PRESS_A_BUTTON = "Anh/chị chọn một trong các lựa chọn dưới đây giúp tôi."
ENTERED_MEMBERS = "thông tin của {n} người ({names})"
ENTERED_TEXT = "nội dung thông báo (“{start}…”)"
ENTERED_TASK = "công việc “{title}”"
GREETING = (
    "Xin chào{name}! Tôi là trợ lý hỗ trợ kỹ thuật của Sở Khoa học và Công nghệ tỉnh Thanh Hóa "
    "dành cho các Tổ hỗ trợ kỹ thuật cấp xã.\n\n"
    "Anh/chị cứ mô tả sự cố bằng lời của mình, gõ có dấu hay không dấu đều được (ví dụ: "
    "“không ký số được”, “mất mạng cả trụ sở”, “máy in kẹt giấy”). Tôi sẽ chỉ đầu mối hỗ trợ "
    "của tỉnh kèm số điện thoại và cách xử lý ban đầu.\n\nHoặc anh/chị chọn một chủ đề:"
)
GREETING_BACK = (
    "Xin chào anh/chị! Khi gặp sự cố, anh/chị cứ nhắn mô tả ngắn gọn (ví dụ: “không vào được "
    "phần mềm một cửa”) hoặc chọn một chủ đề:"
)
MENU_PROMPT = "Anh/chị chọn chủ đề cần hỗ trợ:"
UNSURE = "Tôi chưa chắc anh/chị cần hỗ trợ về việc gì. Anh/chị chọn giúp chủ đề gần nhất:"
UNSURE_LIKELY = "Có thể là: {topics}."
NOT_A_QUESTION = (
    "Tôi là bot hỗ trợ kỹ thuật. Khi gặp sự cố, anh/chị hãy mô tả ngắn gọn (ví dụ: “không vào "
    "được phần mềm một cửa”) hoặc chọn chủ đề:"
)
THANKS = "Rất vui được hỗ trợ anh/chị! Khi cần, anh/chị cứ nhắn mô tả sự cố."
MEDIA = (
    "Tôi chưa đọc được hình ảnh, nhãn dán, tệp hay tin nhắn thoại. Anh/chị vui lòng mô tả sự cố "
    "bằng chữ (ví dụ: “máy in báo kẹt giấy”), tôi sẽ chỉ đầu mối hỗ trợ."
)
UNKNOWN_COMMAND = "Tôi không có lệnh /{command}. Anh/chị gõ /help để xem các lệnh dùng được."
STALE_BUTTON = "Nút này không còn hiệu lực. Anh/chị chọn lại giúp tôi:"
TOO_LONG = "Tin nhắn dài quá {limit} ký tự; tôi chỉ đọc phần đầu."
NOT_ALLOWED = "Xin lỗi, chức năng này chỉ dành cho {who}."
COORDINATORS = "điều phối viên cấp tỉnh"
ERROR = "Xin lỗi, tôi gặp lỗi khi xử lý yêu cầu. Anh/chị thử lại sau ít phút giúp tôi."
NOT_SAVED = (
    "Xin lỗi anh/chị, hệ thống tạm thời không lưu được dữ liệu nên thao tác vừa rồi chưa được "
    "ghi lại. Những gì anh/chị đã nhập trước đó vẫn còn; anh/chị vui lòng thử lại sau ít phút. "
    "Danh bạ hỗ trợ (/contacts) vẫn dùng được bình thường."
)
CONTACTS_TITLE = "Danh bạ đầu mối hỗ trợ kỹ thuật cấp tỉnh (Công văn của Sở KH&CN, mục 4):"
OPERATOR_NOTE = "Đầu mối của nhà mạng đang phục vụ xã của anh/chị:"
ALL_OPERATORS_NOTE = "Anh/chị liên hệ đầu mối của nhà mạng đang cung cấp đường truyền cho xã:"
TIPS_TITLE = "Thử xử lý ban đầu:"
SAVE_CONTACT = "📇 Lưu vào danh bạ"
SAVE_CONTACT_OF = "📇 Lưu số {name}"
OTHER_TOPIC = "Chủ đề khác"
OTHER_TOPIC_PROMPT = (
    "Bot đã trả lời theo chủ đề “{topic}”. Nếu chưa đúng, anh/chị chọn chủ đề của câu hỏi, "
    "bot sẽ gửi đầu mối phụ trách:"
)
STATS_TITLE = "Số câu hỏi theo chủ đề"
STATS_EMPTY = "Chưa có câu hỏi nào trong 30 ngày qua."
UNROUTED = "Chưa xác định chủ đề"

# --- Teams, roles, registration --------------------------------------------------------

REGISTRARS = "cán bộ đăng ký của huyện (cũ) hoặc điều phối viên"
PRIVATE_ONLY = (
    "Việc này có số điện thoại cá nhân nên chỉ làm trong tin nhắn riêng với bot. Anh/chị nhắn "
    "riêng cho bot giúp tôi."
)
ASK_COMMUNE = (
    "Anh/chị nhập tên hoặc mã xã/phường cần đăng ký tổ hỗ trợ kỹ thuật (ví dụ: Hàm Rồng):"
)
PICK_COMMUNE = "Anh/chị chọn đúng xã/phường:"
PICK_DISTRICT_OR_COMMUNE = (
    "“{text}” vừa là tên xã/phường mới, vừa là tên huyện cũ. Anh/chị chọn xã/phường:"
)
NO_COMMUNE = (
    "Không tìm thấy xã/phường “{text}” trong phạm vi của anh/chị. Anh/chị gõ lại tên hoặc mã."
)
OUT_OF_SCOPE = "Xã/phường {name} không thuộc phạm vi anh/chị phụ trách."
TEAM_FULL = (
    "Tổ hỗ trợ kỹ thuật của {name} đã đủ người. Anh/chị dùng /team để xem, sửa hoặc thay người."
)
ASK_NAME = "{commune} — ghế {n}/{total}: {role}.\nAnh/chị nhập họ và tên:"
ASK_PHONE = "Số điện thoại của {name}:"
BAD_PHONE = (
    "“{text}” không phải số điện thoại Việt Nam hợp lệ. Anh/chị nhập lại (ví dụ 0912 345 678)."
)
BAD_NAME = "Họ tên cần từ 2 đến 100 ký tự, bắt đầu bằng chữ và không có chữ số."
DUPLICATE_PHONE = "Số {phone} đã có trong tổ của xã này; mỗi người một số khác nhau."
PHONE_ELSEWHERE = "Lưu ý: số {phone} đã có trong tổ của {communes}."
BAD_POSITION = (
    "Chức vụ cần tối đa 100 ký tự, bắt đầu bằng chữ và không có ký tự như = < > { }. "
    "Anh/chị nhập lại hoặc bấm Bỏ qua:"
)
ASK_POSITION = "Chức vụ của {name} (ví dụ: Công chức Văn phòng - Thống kê):"
ASK_OPERATOR = "{name} làm việc cho doanh nghiệp viễn thông nào?"
BAD_OPERATOR = "Anh/chị chọn một trong ba nhà mạng: VNPT, Viettel, MobiFone."
REVIEW = "Anh/chị kiểm tra lại trước khi lưu — {commune}:"
FIX_ENTRY = "Sửa: {name}"
FIX_WHICH = "Sửa thông tin nào của {name}?"
FIELD_NAMES = {
    "name": "Họ tên",
    "phone": "Số điện thoại",
    "position": "Chức vụ",
    "operator": "Nhà mạng",
}
ASK_NEW_VALUE = "Anh/chị nhập {field} mới (hiện là: {current}):"
EMPTY_VALUE = "chưa có"
CLEAR_POSITION = "Để trống"
NOTHING_TO_SAVE = "Chưa có ai để lưu nên tôi kết thúc, không lưu gì."
SAVED = "Đã lưu {n} thành viên cho {commune}."
STILL_MISSING = "Còn thiếu: {missing}."
NOW_COMPLETE = "Tổ hỗ trợ kỹ thuật của {commune} đã đủ thành phần."
CANCELLED = "Đã hủy, không lưu gì."
LINKS_TITLE = (
    "Dưới đây là mã nhận ghế riêng của từng thành viên, mỗi người một tin nhắn (dùng một lần, "
    "hết hạn sau 30 ngày). Anh/chị chuyển đúng tin nhắn cho đúng người."
)
CLAIM_FOR = "Mã nhận ghế trong tổ hỗ trợ kỹ thuật của {name}."
CLAIM_TELEGRAM = "Trên Telegram, bấm: "
CLAIM_TYPE = "Hoặc nhắn mã này cho bot (Telegram hay Zalo đều được): "
CLAIM_PHONE = (
    "Trên Telegram còn có thể gõ /claim rồi bấm “Chia sẻ số điện thoại”: nếu đúng số đã đăng "
    "ký, bot tự nhận ghế."
)
SHARE_PHONE = "📱 Chia sẻ số điện thoại"
SHARE_PHONE_HINT = (
    "Nếu anh/chị là thành viên Tổ hỗ trợ kỹ thuật của xã, bấm nút “Chia sẻ số điện thoại” bên "
    "dưới: nếu số khớp với số cán bộ đăng ký đã ghi, bot sẽ nhận ghế cho anh/chị. Hoặc nhắn "
    "mã nhận ghế mà cán bộ đăng ký gửi."
)
CLAIM_BY_CODE = "Anh/chị nhắn mã nhận ghế (9 ký tự, ví dụ M7KQ3XA9P) mà cán bộ đăng ký gửi."
PHONE_NOT_REGISTERED = (
    "Số {phone} chưa có trong tổ hỗ trợ kỹ thuật nào. Anh/chị nhờ cán bộ đăng ký của huyện "
    "kiểm tra lại số, hoặc nhắn mã nhận ghế mà cán bộ đăng ký gửi."
)
NOT_OWN_CONTACT = (
    "Đây là số liên hệ của người khác. Để nhận ghế, anh/chị bấm nút “Chia sẻ số điện thoại” để "
    "gửi số của chính mình."
)
SKIP = "Bỏ qua"
SKIP_SEAT = "Để trống ghế này"
CONFIRM = "Xác nhận lưu"
CANCEL = "Hủy"
TEAM_TITLE = "Tổ hỗ trợ kỹ thuật — {commune}"
TEAM_ASK = "Anh/chị muốn xem tổ của xã/phường nào? Nhắn: /team <tên hoặc mã xã/phường>"
TEAM_EMPTY = "{commune} chưa đăng ký thành viên nào."
LINKED = "đã liên kết"
NOT_LINKED = "chưa liên kết"
MEMBER_BUTTON = "✏️ {name}"
MEMBER_MENU = "{who}\n{commune}. Anh/chị muốn sửa thông tin, thay người hay xóa khỏi tổ?"
REPLACE = "Thay {name} bằng người khác"
REMOVE = "Xóa {name} khỏi tổ"
REMOVE_CONFIRM = (
    "Xóa {name} khỏi tổ của {commune}? Người này sẽ không còn nhận nhắc việc và thông báo của tổ; "
    "tài khoản đã liên kết với ghế cũng bị gỡ."
)
REMOVED = "Đã xóa {name} khỏi tổ."
REPLACED = "Đã cập nhật ghế {role} của {commune}: {name}."
EDITED = "Đã sửa {field} của {name}: {value}."
WAS = "(trước đây: {old})"
EDIT_KEEPS = "Ghế, mã nhận ghế và tài khoản đã liên kết được giữ nguyên; người này đã được báo."
MEMBER_TOLD_HEAD = "Thông tin của anh/chị trong tổ hỗ trợ kỹ thuật ({role}, {commune})"
MEMBER_TOLD = "Cán bộ đăng ký vừa cập nhật {field}: {value}."
FILL_SEATS = "Đăng ký ghế còn trống"
GET_LINKS = "Lấy mã nhận ghế"
NO_TEAM_ROLE = (
    "Anh/chị chưa có vai trò trong hệ thống. Cán bộ đăng ký nhận link mời từ điều phối viên; "
    "thành viên tổ nhận mã nhận ghế từ cán bộ đăng ký."
)
INVITE_USAGE = (
    "Cách dùng: /invite <huyện cũ hoặc xã/phường>[, …] — ví dụ: /invite Hoằng Hóa, Hậu Lộc "
    "hoặc /invite xã Nông Cống."
)
INVITE_UNKNOWN = "Không tìm thấy huyện cũ hoặc xã/phường “{text}”."
INVITE_CREATED = (
    "Link mời cán bộ đăng ký cho {scope} (dùng một lần, hết hạn sau 7 ngày):\n{link}\n"
    "Trên Zalo: nhắn mã này cho bot: "
)
WELCOME_REGISTRAR = (
    "Chào mừng anh/chị! Anh/chị đã được giao vai trò cán bộ đăng ký tổ hỗ trợ kỹ thuật cho "
    "{scope}.\nViệc tiếp theo: gõ /register <tên xã> (ví dụ /register Hàm Rồng) để đăng ký "
    "tổ, hoặc /template để tải mẫu Excel rồi gửi lại; /status để xem xã nào còn thiếu; /help để "
    "xem mọi việc anh/chị làm được."
)
WELCOME_MEMBER = (
    "Xin chào {name}! Tài khoản này đã liên kết với ghế {role} của tổ hỗ trợ kỹ thuật "
    "{commune}. Bot sẽ nhắc việc và gửi thông báo cho anh/chị tại đây.\nViệc tiếp theo: gõ "
    "/status để xem tổ và tiến độ của xã, /deadlines để xem các hạn công việc{done}."
)
WELCOME_MEMBER_DONE = ", /done để báo một việc đã hoàn thành"
BAD_CODE = (
    "Mã hoặc link này không hợp lệ, đã dùng hoặc đã hết hạn. Anh/chị xin mã mới từ người gửi."
)
STATUS_PROVINCE = "Tiến độ thành lập Tổ hỗ trợ kỹ thuật — {total} xã/phường"
STATUS_LINE = "{name}: đủ {complete}, thiếu {incomplete}, chưa đăng ký {empty}"
STATUS_PAGE = "Trang {page}/{pages}"
PAGE_PREVIOUS = "◀ Trang trước"
PAGE_NEXT = "Trang sau ▶"
STATUS_REGISTRAR = "Các xã/phường anh/chị phụ trách ({n}):"
STATUS_DISTRICT = "{name} — {n} xã/phường:"
STATUS_COUNTED_ONCE = (
    "(Xã/phường hình thành từ hai huyện cũ được tính một lần, ở huyện cũ đầu tiên.)"
)
TASKS_TITLE = "Tiến độ các công việc (số xã/phường):"
TASKS_TITLE_ONE = "Các công việc:"
TASK_LINE = "{title}: đã xong {done}, chưa xong {open} / {total}"
TASK_DONE = "đã xong"
TASK_OPEN = "chưa xong"
DUE_LEFT = "hạn {due}, còn {left}"
DUE_PASSED = "hạn {due}, đã quá hạn"
STATUS_COMPLETE = "đủ thành phần"
STATUS_EMPTY = "chưa đăng ký"
STATUS_LACKS = "thiếu {missing}"
IMPORT_HOW = (
    "Anh/chị gửi tệp .xlsx hoặc .csv theo mẫu (/template) vào đây. Xã nào có dòng lỗi thì cả xã "
    "đó chưa được nhập; bot trả báo cáo từng dòng."
)
IMPORT_BAD_FILE = "Không đọc được tệp {name}: {error}"
IMPORT_REPORT = "Nhập {name}: {ok} dòng thành công, {bad} dòng bị từ chối."
IMPORT_ROW_ERROR = "Dòng {row}: {error}"
IMPORT_ROW_WARNING = "Dòng {row}: lưu ý {warning}"
IMPORT_CONVERT = (
    "Tôi chưa đọc được tệp {kind}. Anh/chị mở tệp rồi lưu lại dạng Excel .xlsx (Excel: Tệp → "
    "Lưu thành → “Sổ làm việc Excel (.xlsx)”; LibreOffice/Numbers/Google Trang tính: Tệp → "
    "Tải xuống hoặc Xuất → .xlsx) hoặc dạng CSV UTF-8, rồi gửi lại. Mẫu đúng cột: /template."
)
IMPORT_PHOTO = (
    "Tôi chưa đọc được danh sách trong ảnh chụp hay tệp PDF. Anh/chị điền danh sách vào mẫu "
    "Excel (/template), lưu dạng .xlsx hoặc CSV UTF-8 rồi gửi lại vào đây."
)
EXPORT_CAPTION = "Danh sách tổ hỗ trợ kỹ thuật ({scope})"
TEMPLATE_CAPTION = "Mẫu danh sách tổ hỗ trợ kỹ thuật: anh/chị điền rồi gửi lại cho bot."
PROVINCE_SCOPE = "toàn tỉnh"

# --- Deadlines, nudges, broadcasts ------------------------------------------------------

LACKS = "còn thiếu {missing}"
NOT_REPORTED = "chưa báo hoàn thành"
BEFORE = "⏰ Còn {left} đến hạn: {title} (hạn {due})."
OVERDUE = "⚠️ Đã quá hạn: {title} (hạn {due})."
SUMMARY = "📋 Tổng hợp: {n} xã/phường chưa xong “{title}” (hạn {due})."
NEXT_REGISTER = "Việc cần làm: đăng ký đủ người cho tổ bằng /register."
NEXT_DONE = "Làm xong thì báo bằng /done."
NEXT_STATUS = "Xem chi tiết bằng /status."
BUTTON_REGISTER = "Đăng ký thành viên"
BUTTON_DONE = "Báo hoàn thành"
BROADCAST_ASK_AUDIENCE = "Anh/chị gửi thông báo tới ai?"
BROADCAST_ASK_TEXT = "Anh/chị nhập nội dung thông báo (tối đa 3000 ký tự):"
BROADCAST_TOO_LONG = "Nội dung dài quá 3000 ký tự. Anh/chị rút gọn rồi gửi lại."
BROADCAST_EMPTY = (
    "Nhóm người nhận này hiện chưa có ai nhận được tin qua bot. Anh/chị chọn nhóm khác."
)
BROADCAST_PREVIEW = "Xem trước — sẽ gửi tới {n} người ({audience}):"
BROADCAST_MISSED = (
    "Không nhận được: {never} người chưa từng liên kết hoặc nhắn tin với bot, {blocked} người "
    "đã chặn bot."
)
BROADCAST_SHOW_MISSED = "Xem ai không nhận được"
BROADCAST_MISSED_TITLE = "Những người sẽ không nhận được thông báo này:"
MISSED_REASONS = {"never": "chưa liên kết hoặc chưa nhắn tin với bot", "blocked": "đã chặn bot"}
AND_MORE = "… và {n} người khác."
BROADCAST_QUEUED = (
    "Thông báo #{id} đang được gửi tới {n} người. Tôi sẽ báo kết quả cho anh/chị khi gửi xong."
)
BROADCAST_SEND = "Gửi cho {n} người"
BROADCAST_REPORT = (
    "Kết quả thông báo #{id}: đã gửi {delivered}, không liên lạc được {unreachable}, lỗi {failed}."
)
BROADCAST_UNREACHABLE = "Không liên lạc được qua bot (anh/chị gọi điện trực tiếp):"
BROADCAST_FROM = "📢 Thông báo của {sender}:"
SIGN_COORDINATOR = "Điều phối viên, Sở Khoa học và Công nghệ tỉnh Thanh Hóa"
SIGN_REGISTRAR = "Cán bộ đăng ký tổ hỗ trợ kỹ thuật ({scope})"
BROADCAST_DISTRICT = "Anh/chị nhập tên huyện cũ:"
BROADCAST_COMMUNE = "Anh/chị nhập tên hoặc mã xã/phường:"
AUDIENCES = {
    "all": "Tất cả người dùng bot",
    "registrars": "Cán bộ đăng ký các huyện",
    "members": "Thành viên các tổ",
    "incomplete": "Xã/phường chưa hoàn thành",
    "district": "Một huyện cũ",
    "commune": "Một xã/phường",
}
DEADLINES_TITLE = "Các hạn công việc:"
DEADLINE_LINE = "{title} — hạn {due}"
DEADLINE_PICK = "Anh/chị chọn một việc để dời hoặc đóng hạn, hoặc thêm hạn mới:"
DEADLINE_TASK = "{title} — hạn {due}."
DEADLINE_CLOSED = " (đã đóng)"
DEADLINE_MOVE = "Dời hạn"
DEADLINE_CLOSE = "Đóng hạn (ngừng nhắc)"
DEADLINE_CLOSE_CONFIRM = (
    "Đóng hạn “{title}”? Bot sẽ ngừng nhắc việc này cho tất cả xã/phường và cán bộ đăng ký."
)
DEADLINE_CLOSE_YES = "Đóng hạn, ngừng nhắc"
CAMPAIGN_CLOSE = "Đóng cả đợt: {campaign}"
CAMPAIGN_CLOSE_CONFIRM = (
    "Đóng cả đợt “{campaign}”? Mọi hạn công việc của đợt này sẽ đóng và bot ngừng toàn bộ nhắc "
    "việc của đợt trên cả tỉnh."
)
CAMPAIGN_CLOSE_YES = "Đóng cả đợt, ngừng mọi nhắc việc"
CAMPAIGN_CLOSED_OK = "Đã đóng đợt “{campaign}”: bot không nhắc việc nào của đợt này nữa."
DEADLINE_ADD = "Thêm hạn mới"
DEADLINE_ASK_DUE = "Anh/chị nhập hạn mới dạng ngày/tháng/năm giờ:phút (ví dụ 20/12/2026 17:00):"
DEADLINE_BAD_DUE = "“{text}” không phải ngày giờ hợp lệ."
DEADLINE_PAST = (
    "Hạn {due} đã qua. Nếu đặt, các xã chưa xong sẽ bị tính là quá hạn ngay và nhận nhắc quá hạn. "
    "Anh/chị vẫn đặt hạn này?"
)
DEADLINE_PAST_YES = "Vẫn đặt hạn đã qua"
DEADLINE_ASK_TITLE = "Anh/chị nhập tên công việc cần hoàn thành:"
DEADLINE_SHORT_TITLE = "Tên công việc cần ít nhất 3 ký tự."
DEADLINE_MOVED = "Đã đặt hạn “{title}”: {due}. Bot nhắc việc theo hạn mới ngay từ bây giờ."
DEADLINE_CLOSED_OK = "Đã đóng “{title}”: bot không nhắc việc này nữa."
DEADLINE_ADDED = "Đã thêm “{title}”, hạn {due}. Bot sẽ nhắc các xã theo hạn này."
DONE_PICK = "Báo hoàn thành việc nào cho {commune}?"
DONE_NOTHING = "{commune} không còn việc nào cần báo hoàn thành."
DONE_ASK_NOTE = "Ghi chú kèm theo (không bắt buộc):"
DONE_OK = "Đã ghi nhận {commune} hoàn thành: {title}."
DONE_WHO = "cán bộ đăng ký hoặc cán bộ phụ trách CNTT của xã"
DONE_ASK_COMMUNE = "Báo hoàn thành cho xã/phường nào? Anh/chị nhập tên hoặc mã xã/phường:"

# --- Two channels ----------------------------------------------------------------------

LINK_TITLE = (
    "Để dùng bot trên kênh còn lại (Zalo hoặc Telegram) với cùng vai trò, anh/chị nhắn mã dưới "
    "đây cho bot ở kênh đó (mỗi mã dùng một lần, hết hạn sau 7 ngày với vai trò, 30 ngày với "
    "ghế):"
)
LINK_SETTINGS = (
    "Anh/chị là điều phối viên theo cấu hình BOT_COORDINATORS: hãy thêm tài khoản ở kênh còn "
    "lại vào cấu hình đó (ví dụ zalo:…)."
)
ROLE_NAMES = {"registrar": "cán bộ đăng ký", "coordinator": "điều phối viên"}

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

# --- Official report, weekly digest, web dashboard ---------------------------------------

NO_DISTRICT = "Chưa xác định huyện cũ"
REPORT_CAPTION = "Báo cáo tình hình thành lập Tổ hỗ trợ kỹ thuật ({scope}), số liệu đến {at}"
REPORT_UNKNOWN_DISTRICT = (
    "Không có huyện cũ “{text}”. Anh/chị gõ /report để lấy báo cáo toàn tỉnh, hoặc /report "
    "kèm tên huyện cũ (ví dụ: /report Hoằng Hóa)."
)
DIGEST_TITLE = "📊 Tổng hợp tuần ({since} – {until})"
DIGEST_TEAMS = "Tổ đủ thành viên"
DIGEST_LINE = "• {label}: {now}/{total} (so với tuần trước: {delta:+d})"
DIGEST_OVERDUE = "• Đơn vị còn nhiệm vụ quá hạn: {n}."
DIGEST_MORE = " và {n} đơn vị khác"
DIGEST_REQUESTS = "• Yêu cầu hỗ trợ đang mở: {n}."
DIGEST_UNSURE = "• Câu hỏi bot chưa chắc chắn chủ đề trong tuần: {n}."
WEB_USERS = "điều phối viên, cán bộ đăng ký và thành viên các tổ hỗ trợ kỹ thuật"
WEB_LINK = (
    "Liên kết đăng nhập trang theo dõi (dùng một lần, hiệu lực 10 phút; không chuyển cho "
    "người khác):\n{url}"
)
REPORT_ON_WEB = "Zalo chưa gửi được tệp: anh/chị tải báo cáo (.docx, .xlsx) trên trang theo dõi."
COMMANDS += (("web", "Trang theo dõi trên web"),)
DIGEST_ON_WEB = "\n• Báo cáo (.docx, .xlsx): {url}/downloads (đăng nhập bằng lệnh /web)."

# --- Delivery --------------------------------------------------------------------------

ZALO_QUOTA_WARNING = (
    "Cảnh báo: bot Zalo đã gửi {used}/{limit} tin nhắn trong tháng {month} ({percent}% hạn mức "
    "của gói miễn phí). Khi hết hạn mức, Zalo ngừng nhận tin của bot đến hết tháng: thông báo "
    "cho người dùng cả hai kênh sẽ đi qua Telegram. Anh/chị cân nhắc nâng gói hoặc hạn chế "
    "thông báo qua Zalo."
)
INLINE_BUTTON = "Anh/chị vui lòng bấm nút trong cuộc trò chuyện riêng với bot."
