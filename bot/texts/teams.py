"""Teams, roles and registration."""

from __future__ import annotations

REGISTRARS = "cán bộ đăng ký của huyện (cũ) hoặc điều phối viên"
PRIVATE_ONLY = (
    "Việc này chỉ làm được trong tin nhắn riêng với bot, để thông tin cá nhân không hiện trong "
    "nhóm. Anh/chị nhắn riêng cho bot giúp tôi."
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
OUT_OF_SCOPE = "{name} không thuộc phạm vi anh/chị phụ trách."  # names carry their type
TEAM_FULL = (
    "Tổ hỗ trợ kỹ thuật của {name} đã đủ người. Anh/chị dùng /team để xem, sửa hoặc thay người."
)
ASK_NAME = "{commune} — ghế {n}/{total}: {role}.\nAnh/chị nhập họ và tên:"
ASK_PHONE = "Số điện thoại của {name}:"
BAD_PHONE = (
    "“{text}” không phải số điện thoại Việt Nam hợp lệ. Anh/chị nhập lại (ví dụ 0912 345 678)."
)
BAD_NAME = (
    "Họ tên chỉ gồm chữ cái (2–100 ký tự, không có chữ số, biểu tượng hay dấu hỏi), ví dụ: "
    "Nguyễn Văn An. Nếu anh/chị muốn hỏi việc khác, gõ “hủy” để dừng việc đăng ký trước."
)
DUPLICATE_PHONE = "Số {phone} đã có trong tổ của xã này; mỗi người cần một số điện thoại riêng."
PHONE_ELSEWHERE = "Lưu ý: số {phone} đã có trong tổ của {communes}."
BAD_POSITION = (
    "Chức vụ cần tối đa 100 ký tự, có chữ, không phải số điện thoại hay câu hỏi, không có ký "
    "tự như = < > {{ }}. Anh/chị nhập lại, hoặc bấm “{skip}” nếu không ghi chức vụ:"
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
KEPT_UNTIL_ALLOWED = (
    "Các thông tin đã nhập vẫn được giữ, chưa lưu: khi được cấp lại quyền, anh/chị bấm "
    "“Xác nhận lưu” lần nữa; muốn bỏ thì bấm “Hủy”."
)
NOTHING_TO_SAVE = "Chưa có thành viên nào để lưu; tôi kết thúc, không lưu gì."
SAVED = "Đã lưu {n} thành viên cho {commune}."
STILL_MISSING = "Còn thiếu: {missing}."
WILL_BE_COMPLETE = "Sau khi lưu, tổ sẽ đủ các vị trí."
WILL_STILL_MISS = "Sau khi lưu, tổ vẫn còn thiếu: {missing}."
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
EDIT_KEEPS_UNLINKED = (
    "Ghế và mã nhận ghế được giữ nguyên. Người này chưa liên kết tài khoản với bot nên chưa "
    "được báo qua bot."
)
MEMBER_TOLD_HEAD = "Thông tin của anh/chị trong tổ hỗ trợ kỹ thuật ({role}, {commune})"
MEMBER_TOLD = "Cán bộ đăng ký vừa cập nhật {field}: {value}."
FILL_SEATS = "Đăng ký ghế còn trống"
GET_LINKS = "Lấy mã nhận ghế"
NO_TEAM_ROLE = (
    "Anh/chị chưa có vai trò trong hệ thống. Cán bộ đăng ký nhận đường dẫn mời từ điều phối "
    "viên; thành viên tổ nhận mã nhận ghế từ cán bộ đăng ký."
)
INVITE_USAGE = (
    "Cách dùng: /invite <huyện cũ hoặc xã/phường>[, …] — ví dụ: /invite Hoằng Hóa, Hậu Lộc "
    "hoặc /invite xã Nông Cống."
)
INVITE_UNKNOWN = "Không tìm thấy huyện cũ hoặc xã/phường “{text}”."
INVITE_CREATED = (
    "Đường dẫn mời cán bộ đăng ký cho {scope} (dùng một lần, hết hạn sau 7 ngày):\n{link}\n"
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
SEATS_OF_OTHERS = (
    "Lưu ý: tài khoản này cũng đang liên kết với ghế của {names}. Mỗi ghế cần một người riêng "
    "(tổ cần ít nhất 6 người); nếu mã của {name} được gửi nhầm người, anh/chị báo cán bộ đăng "
    "ký của huyện để cấp lại."
)
BAD_CODE = (
    "Mã hoặc đường dẫn này không hợp lệ, đã dùng hoặc đã hết hạn. Anh/chị xin mã mới từ người gửi."
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
DUE_ONLY = "hạn {due}"
STATUS_COMPLETE = "đủ thành phần"
STATUS_EMPTY = "chưa đăng ký"
STATUS_LACKS = "thiếu {missing}"
IMPORT_HOW = (
    "Anh/chị gửi tệp .xlsx hoặc .csv theo mẫu (/template) vào đây. Xã nào có dòng lỗi thì cả xã "
    "đó chưa được nhập; bot trả báo cáo từng dòng."
)
IMPORT_BAD_FILE = "Không đọc được tệp {name}: {error}"
IMPORT_NOT_FETCHED = (
    "Chưa tải được tệp {name} (đường truyền tới Telegram đang chập chờn), nên chưa nhập gì. "
    "Anh/chị gửi lại tệp giúp sau ít phút."
)
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
N_COMMUNES = "{n} xã/phường"
