"""The web dashboard's messages (the page templates hold their own layout words) and the
charts' labels."""

from __future__ import annotations

SIGN_IN_SPENT = (
    "Liên kết đăng nhập không hợp lệ, đã được dùng hoặc đã hết hạn (10 phút). "
    "Anh/chị gõ /web cho bot để nhận liên kết mới."
)
NO_SUCH_COMMUNE = "Không có xã/phường mang mã này."
COMMUNE_OUT_OF_SCOPE = "Xã/phường này không thuộc phạm vi của anh/chị."
MAY_NOT_EDIT_TEAM = "Anh/chị không được sửa tổ của xã/phường này."
COORDINATORS_ONLY = "Trang này dành cho điều phối viên cấp tỉnh."
LABEL_NOT_SUPPORT = "Không phải yêu cầu hỗ trợ"
LABEL_SKIP = "Bỏ qua"
BAD_LABEL = "Nhãn hoặc câu hỏi không hợp lệ."
NO_SUCH_QUESTION = "Không có câu hỏi này."
NO_SUCH_FILE = "Không có tệp này."
TEAM_TASK = "Thành lập Tổ (đủ 6 thành viên)"

# charts.py: the teams-by-district chart and the tasks' progress bars.
CHART_COMPLETE = "Đủ thành phần"
CHART_INCOMPLETE = "Còn thiếu"
CHART_EMPTY = "Chưa đăng ký"
CHART_AXIS = "Số xã/phường"
CHART_TITLE = "Tổ hỗ trợ kỹ thuật theo huyện cũ"
CHART_DONE = "Đã xong"
CHART_NOT_DONE = "Chưa xong"
CHART_TASKS = "Tiến độ các công việc"
