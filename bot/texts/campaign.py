"""Deadlines, nudges and broadcasts."""

from __future__ import annotations

from datetime import timedelta

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
BROADCAST_RECOUNTED = (
    "Số người nhận đã đổi từ {was} thành {n} kể từ lúc anh/chị soạn. Anh/chị xem lại rồi bấm gửi:"
)
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
DEADLINE_ASK_DUE = (
    "Anh/chị nhập hạn mới dạng ngày/tháng/năm giờ:phút (ví dụ 20/12/2026 17:00; không ghi giờ "
    "là 17:00, không ghi năm là lần tới của ngày đó):"
)
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
NEW_CAMPAIGN = "Đợt {month}"  # the campaign of a deadline added by hand
DONE_PICK = "Báo hoàn thành việc nào cho {commune}?"
DONE_NOTHING = "{commune} không còn việc nào cần báo hoàn thành."
DONE_ASK_NOTE = "Ghi chú kèm theo (không bắt buộc):"
DONE_OK = "Đã ghi nhận {commune} hoàn thành: {title}."
DONE_WHO = "cán bộ đăng ký hoặc cán bộ phụ trách CNTT của xã"
DONE_ASK_COMMUNE = "Báo hoàn thành cho xã/phường nào? Anh/chị nhập tên hoặc mã xã/phường:"


def time_left(delta: timedelta) -> str:
    """ "2 ngày 3 giờ", "2 giờ 10 phút", "45 phút" (seconds round up to the minute)."""
    minutes = max(0, -int(-delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} ngày {hours} giờ" if hours else f"{days} ngày"
    if hours:
        return f"{hours} giờ {mins} phút" if mins else f"{hours} giờ"
    return f"{mins} phút"
