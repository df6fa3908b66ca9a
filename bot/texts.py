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
CONTACTS_TITLE = "Danh bạ đầu mối hỗ trợ kỹ thuật cấp tỉnh (Công văn của Sở KH&CN, mục 4):"
OPERATOR_NOTE = "Đầu mối của nhà mạng đang phục vụ xã bạn:"
ALL_OPERATORS_NOTE = "Liên hệ đầu mối của nhà mạng đang cung cấp đường truyền cho xã:"
TIPS_TITLE = "Thử xử lý ban đầu:"
STATS_TITLE = "Số câu hỏi theo chủ đề"
STATS_EMPTY = "Chưa có câu hỏi nào trong 30 ngày qua."
UNROUTED = "Chưa xác định chủ đề"

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Bắt đầu, chọn chủ đề hỗ trợ"),
    ("help", "Hướng dẫn sử dụng"),
    ("contacts", "Danh bạ đầu mối hỗ trợ của tỉnh"),
    ("stats", "Thống kê câu hỏi (điều phối viên)"),
)
