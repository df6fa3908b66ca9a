"""Every Vietnamese sentence of support requests (kept apart from bot/texts.py's flows)."""

from __future__ import annotations

CREATE_BUTTON = "🆘 Tạo yêu cầu hỗ trợ"
STATES = {
    "open": "đang chờ trả lời",
    "answered": "đã có trả lời",
    "resolved": "đã giải quyết",
    "closed": "đã đóng",
}
CHANNELS = {"telegram": "Telegram", "zalo": "Zalo", "console": "bảng điều khiển"}

ASK_QUESTION = (
    "Anh/chị mô tả ngắn gọn sự cố cần hỗ trợ (ví dụ: “không ký số được trên máy của văn thư”)."
)
EMPTY_QUESTION = "Yêu cầu cần có nội dung bằng chữ. Anh/chị gõ mô tả sự cố giúp tôi nhé."
ASK_COMMUNE = "Anh/chị thuộc xã/phường nào? Gõ tên xã/phường (có dấu hay không dấu đều được)."
UNKNOWN_COMMUNE = "Tôi chưa tìm thấy xã/phường “{text}”. Anh/chị gõ lại tên giúp tôi nhé."
PICK_COMMUNE = "Anh/chị chọn đúng xã/phường:"
LIMIT = (
    "Hôm nay anh/chị đã gửi {count} yêu cầu, cán bộ đang xử lý. Xin anh/chị chờ trả lời, hoặc "
    "nhắn tiếp vào yêu cầu đang mở (/requests)."
)
TOO_LONG = "Nội dung dài quá nên tôi chỉ giữ {limit} ký tự đầu."
CREATED = (
    "✅ Đã tạo yêu cầu hỗ trợ #{id} ({topic}). Cán bộ hỗ trợ của tỉnh sẽ trả lời tại đây; "
    "anh/chị nhắn thêm bằng cách trả lời tin nhắn của cán bộ. Xem lại: /request {id}"
)
CARD_TITLE = "🆘 Yêu cầu hỗ trợ #{id} — {topic}"
CARD_BODY = "Xã/phường: {commune}\nNgười hỏi: {asker} ({channel})\nNội dung: "
CARD_HINT = "↩️ Trả lời (reply) tin nhắn này để gửi câu trả lời tới người hỏi."
TAKE, RESOLVE, PHONE, REPLY = "🙋 Nhận xử lý", "✅ Đã giải quyết", "📞 SĐT người hỏi", "↩️ Trả lời"
NO_COMMUNE = "chưa rõ"
STAFF_SAYS = "💬 Trả lời yêu cầu #{id} từ {name} ({unit}):\n"
ASKER_SAYS = "💬 Người hỏi yêu cầu #{id} ({asker}, {commune}) nhắn:\n"
ATTACHED = "\n[kèm {what} — xem trên Telegram]"
ATTACHED_ZALO = "\n[người hỏi gửi {what} qua Zalo — hãy gọi điện nếu cần xem]"
MEDIA_WORDS = {"photo": "ảnh", "document": "tệp", "media": "ảnh/tệp"}
RELAYED_TO_ASKER = "✅ Đã chuyển tới người hỏi (yêu cầu #{id})."
RELAYED_TO_STAFF = "✅ Đã chuyển tới cán bộ hỗ trợ (yêu cầu #{id})."
REOPENED = "Yêu cầu #{id} đã đóng trước đó; tôi đã mở lại yêu cầu."
EMPTY_RELAY = "Tin nhắn trống nên tôi không chuyển. Anh/chị gõ nội dung giúp tôi nhé."
WRITE_REPLY = "Anh/chị gõ nội dung trả lời cho yêu cầu #{id}:"
STAFF_UNIT = "Tổ hỗ trợ kỹ thuật tỉnh"
COORDINATOR_UNIT = "Điều phối viên cấp tỉnh"
TAKEN = "🙋 {name} đã nhận xử lý yêu cầu #{id}."
TAKEN_ASKER = "🙋 Cán bộ {name} ({unit}) đã nhận xử lý yêu cầu #{id} của anh/chị."
RESOLVED_STAFF = "✅ Yêu cầu #{id} đã được đánh dấu giải quyết bởi {name}."
RESOLVED_ASKER = (
    "✅ Yêu cầu #{id} đã được giải quyết. Anh/chị chấm điểm hỗ trợ giúp tôi "
    "(1 = kém, 5 = rất tốt):"
)
CLOSE = "🚫 Đóng"
CLOSED_STAFF = "🚫 Yêu cầu #{id} đã được {name} đóng."
CLOSED_ASKER = (
    "Yêu cầu #{id} đã được cán bộ hỗ trợ đóng. Nếu sự cố vẫn còn, anh/chị trả lời tin nhắn này "
    "để mở lại."
)
ALREADY = "Yêu cầu #{id} {state}."
ASKER_PHONE = "📞 Người hỏi yêu cầu #{id}: {name} — {phone}"
NO_PHONE = "Người hỏi yêu cầu #{id} chưa đăng ký số điện thoại với bot; hãy trả lời bằng tin nhắn."
STAFF_ONLY = "Chỉ cán bộ hỗ trợ và điều phối viên mới làm được việc này."
NOT_FOUND = "Không có yêu cầu #{id} (hoặc không phải của anh/chị)."
FOLLOW_UP = "Yêu cầu #{id} ({topic}) của anh/chị đã được hỗ trợ chưa? Anh/chị chọn giúp tôi:"
FU_OK, FU_NO_CONTACT, FU_STILL = "Đã giải quyết", "Chưa liên lạc được", "Vẫn còn lỗi"
OTHER_CONTACTS = "Anh/chị có thể gọi các đầu mối sau (giờ hành chính {hours}):"
STAFF_NO_CONTACT = "☎️ Người hỏi yêu cầu #{id} chưa liên lạc được với cán bộ. Xin gọi lại sớm."
STAFF_STILL = "⚠️ Người hỏi yêu cầu #{id} báo vẫn còn lỗi."
STILL_ASKER = "Tôi đã báo lại cán bộ hỗ trợ: yêu cầu #{id} vẫn còn lỗi."
NO_CONTACT_SENT = "Tôi đã báo cán bộ hỗ trợ gọi lại cho anh/chị."
ASKER_CONFIRMED = "✅ Người hỏi xác nhận yêu cầu #{id} đã được giải quyết."
RATED = (
    "Cảm ơn anh/chị đã chấm {rating}/5. Anh/chị có góp ý thêm không? Gõ góp ý, hoặc bấm Bỏ qua."
)
SKIP = "Bỏ qua"
THANKS = "Cảm ơn anh/chị!"
COMMENTED = "Cảm ơn góp ý của anh/chị!"
ESCALATION_TITLE = "⏰ Yêu cầu hỗ trợ chưa giải quyết sau một ngày làm việc:"
ESCALATION_LINE = "\n• #{id} {topic} — {commune}, {asker}, tạo {created} ({state})"
ESCALATED_STAFF = "⏰ Yêu cầu #{id} chưa giải quyết sau một ngày làm việc: đã báo điều phối viên."
UNREACHABLE = (
    "⚠️ Không gửi được tin nhắn tới người hỏi yêu cầu #{id} (đã chặn bot hoặc không còn liên "
    "lạc được). Hãy gọi điện: /request {id}"
)
STAFF_GROUP_PROBLEM = (
    "⚠️ Nhóm cán bộ hỗ trợ (BOT_STAFF_CHAT) chưa dùng được: {problem}. Yêu cầu hỗ trợ vẫn được "
    "ghi lại và gửi tới điều phối viên và đầu mối đã liên kết."
)
MY_REQUESTS_EMPTY = "Anh/chị chưa có yêu cầu hỗ trợ nào. Hỏi sự cố rồi bấm “Tạo yêu cầu hỗ trợ”."
MY_REQUESTS = "Yêu cầu hỗ trợ của anh/chị:"
LIST_LINE = "\n• #{id} {topic} — {state}, tạo {created}"
OPEN_EMPTY = "Không còn yêu cầu hỗ trợ nào đang mở."
OPEN_TITLE = "Yêu cầu hỗ trợ đang mở: {count}"
OPEN_LINE = "\n• #{id} {commune} ({district}) — {age}, {state}"
REQUEST_USAGE = "Gõ /request kèm số yêu cầu, ví dụ: /request 12"
SHOW_TITLE = "Yêu cầu #{id} — {topic} ({state})"
SHOW_BODY = "\nXã/phường: {commune}\nNgười hỏi: {asker}\nTạo lúc: {created}"
SHOW_MESSAGE = "\n\n{who} ({at}):\n"
STATS_TITLE = "Yêu cầu hỗ trợ (30 ngày)"
STATS_BODY = (
    "\nTổng: {total} · đang mở: {open} · đã giải quyết: {resolved}"
    "\nTrả lời đầu tiên sau (trung vị): {first} · giải quyết sau (trung vị): {resolve}"
    "\nĐiểm hài lòng: {rating}"
)
STATS_UNRESOLVED = "\nChưa giải quyết theo chủ đề: "
STAFF_USAGE = "Chọn đầu mối cần liên kết tài khoản (mã dùng một lần, 7 ngày):"
STAFF_LINK = (
    "Gửi cho {name} đường link sau (hoặc mã để nhắn cho bot trên Zalo):\n{link}\nMã: {code}\n"
    "Sau khi bấm, đầu mối nhận trực tiếp các yêu cầu hỗ trợ về {topic}."
)
STAFF_WELCOME = (
    "Chào anh/chị {name}! Tài khoản này đã được liên kết: anh/chị sẽ nhận yêu cầu hỗ trợ về "
    "{topics}. Trả lời (reply) tin nhắn yêu cầu để gửi câu trả lời tới người hỏi."
)
PICK_TOPIC = "Anh/chị cần cán bộ hỗ trợ về việc gì? Chọn chủ đề:"

# The requests workbook (`commune-bot requests export`): the list and the figures.
SHEET_LIST, SHEET_FIGURES = "Yêu cầu", "Tổng hợp"
SHEET_HEADERS = (
    "Số",
    "Trạng thái",
    "Chủ đề",
    "Xã/phường",
    "Huyện cũ",
    "Người hỏi",
    "Kênh",
    "Tạo lúc",
    "Trả lời đầu tiên",
    "Giải quyết",
    "Điểm",
    "Góp ý",
    "Nội dung",
)
FIGURE_LABELS = {
    "total": "Tổng số yêu cầu",
    "open": "Đang mở",
    "resolved": "Đã giải quyết",
    "first_answer_hours": "Trung vị giờ đến trả lời đầu tiên",
    "resolution_hours": "Trung vị giờ đến khi giải quyết",
    "rating": "Điểm hài lòng trung bình",
    "ratings": "Số lượt chấm điểm",
}
UNRESOLVED_BY_TOPIC = "Chưa giải quyết theo chủ đề"
# Why the staff group cannot take requests (STAFF_GROUP_PROBLEM's {problem}).
STAFF_GROUP_NO_TELEGRAM = "kênh Telegram không chạy"
STAFF_GROUP_NO_TOPICS = "nhóm chưa bật Chủ đề (Topics)"
STAFF_GROUP_NOT_ADMIN = "bot chưa là quản trị viên có quyền Quản lý chủ đề"
STAFF_GROUP_TELEGRAM_SAYS = "Telegram trả lời: {error}"
FILE_WORD = "tệp"
ASKER = "Người hỏi"
HOURS = "{n} giờ"
DAYS = "{n} ngày"
RATING = "{rating}/5 ({count} lượt)"
OPEN_WORDS = ("open", "mở", "mo")  # `/requests open`: what coordinators may type
