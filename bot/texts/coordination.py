"""Two channels, the review queue, the report, the digest, the dashboard, delivery."""

from __future__ import annotations

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
DIGEST_ON_WEB = "\n• Báo cáo (.docx, .xlsx): {url}/downloads (đăng nhập bằng lệnh /web)."

# --- Delivery --------------------------------------------------------------------------

ZALO_QUOTA_WARNING = (
    "Cảnh báo: bot Zalo đã gửi {used}/{limit} tin nhắn trong tháng {month} ({percent}% hạn mức "
    "của gói miễn phí). Khi hết hạn mức, Zalo ngừng nhận tin của bot đến hết tháng: thông báo "
    "cho người dùng cả hai kênh sẽ đi qua Telegram. Anh/chị cân nhắc nâng gói hoặc hạn chế "
    "thông báo qua Zalo."
)
INLINE_BUTTON = "Anh/chị vui lòng bấm nút trong cuộc trò chuyện riêng với bot."
