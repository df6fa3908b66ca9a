"""Vietnamese sentences of follow-ups, directory look-ups and campaign answers.

Kept apart from bot/texts.py so these flows change without touching the shared file.
"""

from __future__ import annotations

NAMED_OPERATOR_NOTE = "Đầu mối của nhà mạng anh/chị nhắc tới:"
HANDOFF_BUTTON = "🆘 Tạo yêu cầu hỗ trợ"
OTHER_TOPIC_BUTTON = "Chọn chủ đề khác"

FOLLOW_UP = {
    "still": "Anh/chị đã thử mà vẫn chưa được. Về {topic}, anh/chị liên hệ tiếp:",
    "other": "Về {topic}, ngoài đầu mối vừa gửi, anh/chị có thể liên hệ:",
    "no_answer": (
        "Đầu mối có thể đang bận hoặc đang họp. Về {topic}, anh/chị thử gọi lại sau ít phút "
        "hoặc liên hệ:"
    ),
    "person": "Về {topic}, anh/chị có thể nhờ cán bộ hỗ trợ trực tiếp hoặc gọi:",
}
TOPIC_CONTACTS = "Đầu mối {topic}"
GENERAL_FALLBACK = "Đầu mối hỗ trợ chung (mục 4.1)"
HANDOFF_HINT = (
    "Hoặc bấm “Tạo yêu cầu hỗ trợ” để cán bộ hỗ trợ của tỉnh nhận và trả lời anh/chị tại đây."
)

PHONE_FOUND = "Số {phone} là của đầu mối hỗ trợ:"
PHONE_UNKNOWN = (
    "Số {phone} không có trong danh bạ đầu mối hỗ trợ kỹ thuật của tỉnh. "
    "Anh/chị xem danh bạ đầy đủ bằng lệnh /contacts."
)
NAME_FOUND = "Đầu mối hỗ trợ tên {name}:"
CONTACT_LINE = "{name} — {title}, {organisation}"
CONTACT_TOPIC = "Phụ trách: {topic}"

CAMPAIGN_TEAM = (
    "Tổ hỗ trợ kỹ thuật cấp xã gồm tối thiểu {size} người:\n{roles}\n\n"
    "Hạn thành lập: {due}. Cán bộ cấp huyện/đầu mối đăng ký tổ bằng lệnh /register; "
    "xem tình hình bằng /status."
)
CAMPAIGN_ROLE = "• {seats} {label}"
CAMPAIGN_TASK = "{title}\nHạn: {due}{state}"
CAMPAIGN_CLOSED = " (đã đóng)"
CAMPAIGN_NONE = "Hiện chưa có việc nào đang mở trong đợt triển khai."
