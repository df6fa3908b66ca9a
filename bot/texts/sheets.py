"""The team workbooks' words: the import template (sheets, headers, examples, guide) and the
team export's sheets, headers and cell values."""

from __future__ import annotations

TEMPLATE_SHEET = "Danh sách"
TEMPLATE_HEADERS = ("Xã/phường", "Vai trò", "Họ và tên", "Số điện thoại", "Chức vụ", "Nhà mạng")
# The two example rows; the role column is filled from roster's short labels.
EXAMPLE_IT = ("14758", "Nguyễn Văn An", "0912 345 678", "Công chức VP", "")
EXAMPLE_TELECOM = ("Phường Hàm Rồng", "Lê Văn Cường", "0987 654 321", "Kỹ thuật viên", "VNPT")
LISTS = "Danh mục"
LISTS_HEADERS = ("Vai trò", "Xã/phường", "Nhà mạng")
NOT_IN_LIST_TITLE = "Giá trị không có trong danh sách"
NOT_IN_LIST = "Anh/chị chọn một giá trị trong danh sách thả xuống."
GUIDE_SHEET = "Hướng dẫn"
GUIDE_ROWS = (
    ("Cột", "Ý nghĩa"),
    ("Xã/phường", "Mã xã/phường (khuyên dùng) hoặc tên đầy đủ, chọn trong danh sách"),
    ("Vai trò", "Chọn trong danh sách (bảng dưới)"),
    ("Họ và tên", "Họ và tên đầy đủ, có dấu"),
    ("Số điện thoại", "Số điện thoại di động"),
    ("Chức vụ", "Không bắt buộc"),
    ("Nhà mạng", "Chỉ ghi cho cán bộ kỹ thuật viễn thông: VNPT, Viettel, MobiFone"),
)
GUIDE_ROLES_HEADERS = ("Vai trò", "Tên đầy đủ", "Số người tối thiểu")

EXPORT_COMMUNES_SHEET = "Xã, phường"
EXPORT_MEMBERS_SHEET = "Thành viên"
COMMUNE_HEADERS = (
    "Mã",
    "Xã/phường",
    "Loại",
    "Huyện cũ",
    "Cán bộ đăng ký",
    "Số thành viên",
    "Đủ thành phần",
    "Còn thiếu",
)
MEMBER_HEADERS = (
    "Mã xã",
    "Xã/phường",
    "Vai trò",
    "Họ và tên",
    "Số điện thoại",
    "Chức vụ",
    "Nhà mạng",
    "Đã liên kết",
)
TASK_DONE = "đã xong"
TASK_NOT_DONE = "chưa xong"
YES = "có"
NO = "không"
NOT_YET = "chưa"

# Why a team sheet cannot be read, and why one of its rows cannot be saved (also the web form's
# per-field errors); shown after "dòng N:" in the import report.
TOO_BIG = "tệp lớn hơn 2 MB"
WRONG_KIND = "chỉ nhận tệp .xlsx hoặc .csv"
NOT_UTF8 = "tệp CSV cần lưu dạng UTF-8 (CSV UTF-8 trong Excel)"
BROKEN_XLSX = "không mở được tệp Excel (tệp hỏng hoặc không phải .xlsx)"
NO_DATA = "tệp không có dữ liệu"
MISSING_COLUMN = "thiếu cột “{column}” (xem mẫu /template)"
TOO_MANY_ROWS = "quá {limit} dòng"
COMMUNE_HAS_BAD_ROW = "không nhập: xã có dòng lỗi ({row})"
UNKNOWN_COMMUNE = "không xác định được xã/phường “{text}” (tên trùng hoặc sai: ghi mã xã)"
ROW_OUT_OF_SCOPE = "xã/phường ngoài phạm vi anh/chị phụ trách"
ROW_BAD_ROLE = "vai trò “{text}” không hợp lệ"
ROW_BAD_NAME = "thiếu họ tên hoặc họ tên không hợp lệ"
ROW_BAD_POSITION = (
    "chức vụ không hợp lệ (tối đa 100 ký tự, bắt đầu bằng chữ, không có ký tự = < > { })"
)
ROW_BAD_PHONE = "số điện thoại “{text}” không hợp lệ"
ROW_NO_OPERATOR = "cán bộ kỹ thuật viễn thông cần ghi nhà mạng: VNPT, Viettel hoặc MobiFone"
ROW_BAD_OPERATOR = "nhà mạng “{text}” không phải VNPT, Viettel hay MobiFone"
ROW_SAME_PHONE = "số điện thoại trùng với dòng {row} cùng xã"
ROW_PHONE_ELSEWHERE = "số điện thoại đã có trong tổ của {names}"
FORM_SAME_PHONE = "số điện thoại trùng với một thành viên khác của tổ"

# The question-review workbook (`commune-bot questions export/label`); the reader also accepts
# these headers, so a header renamed here still reads files exported before.
QUESTIONS_SHEET, LABELS_SHEET = "Câu hỏi", "Nhãn"
QUESTION_HEADERS = {
    "id": "Mã",
    "at": "Thời điểm",
    "channel": "Kênh",
    "text": "Câu hỏi",
    "routed": "Bot xếp vào",
    "confidence": "Độ tin cậy",
    "chosen": "Người hỏi chọn",
    "label": "Nhãn",
}
LABELS_HEAD = ("Nhãn", "Ý nghĩa")
MEANS_NOT_SUPPORT = "không phải câu hỏi hỗ trợ kỹ thuật"
MEANS_SKIP = "bỏ qua, không dùng để học"
