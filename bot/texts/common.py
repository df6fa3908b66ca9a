"""Greetings, menus, the dialogue contract and errors: what every user may see."""

from __future__ import annotations

# The per-role command menus and /help live in bot/commands/help.py. A command appended here
# (COMMANDS) and missing there is shown to coordinators only.
COMMANDS: tuple[tuple[str, str], ...] = (("web", "Trang theo dõi trên web"),)

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
DIALOGUE_GONE = (
    "Phần việc anh/chị đang làm dở không tiếp tục được sau khi bot được cập nhật, nên tôi đã "
    "dừng nó lại. Anh/chị vui lòng bắt đầu lại bằng lệnh tương ứng (gõ /help để xem các lệnh)."
)
NOTHING_TO_CANCEL = "Hiện không có thao tác nào đang làm dở để hủy."
PRESS_A_BUTTON = "Anh/chị chọn một trong các lựa chọn dưới đây giúp tôi."
ENTERED_MEMBERS = "thông tin của {n} người ({names})"
ENTERED_TEXT = "nội dung thông báo (“{start}…”)"
ENTERED_QUESTION = "câu hỏi “{start}”"
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
UNSURE = "Tôi chưa chắc anh/chị cần hỗ trợ về việc gì."
UNSURE_PICK = "Anh/chị chọn giúp chủ đề gần nhất:"
UNSURE_LIKELY = "Có thể là: {topics}."
NO_SUCH_OPTION = (
    "Số {n} không ứng với lựa chọn nào đang mở (danh sách cũ đã hết hiệu lực). Anh/chị mô tả "
    "sự cố bằng lời hoặc chọn chủ đề:"
)
NOT_A_QUESTION = (
    "Tôi là bot hỗ trợ kỹ thuật. Khi gặp sự cố, anh/chị hãy mô tả ngắn gọn (ví dụ: “không vào "
    "được phần mềm một cửa”) hoặc chọn chủ đề:"
)
THANKS = "Rất vui được hỗ trợ anh/chị! Khi cần, anh/chị cứ nhắn mô tả sự cố."
RESOLVED = (
    "Rất vui vì sự cố đã được khắc phục! Nếu lỗi quay lại, anh/chị cứ nhắn mô tả sự cố, "
    "tôi sẽ chỉ đầu mối hỗ trợ."
)
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
OR = " hoặc "
FILE_ON_TELEGRAM_ONLY = "(Tệp này chỉ gửi được qua bot trên Telegram.)"
