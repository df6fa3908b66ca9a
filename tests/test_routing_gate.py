"""The request gate's mechanism, one table per failure class found on real messages.

Cue-level tables check what the gate reads off a message (deterministic: no training
involved); the routing tables check the whole decision on messages worded for this file,
far from the training lines.
"""

from __future__ import annotations

import pytest

from bot import default_data_dir
from bot.directory import load_directory
from bot.lexicon import Lexicon, tokens
from bot.route_cues import first_person, gate_features, text_cues
from bot.route_evidence import read
from bot.routing import Router

DATA = default_data_dir()
KEYWORDS = load_directory(DATA / "contacts.yaml").keywords()


@pytest.fixture(scope="module")
def router() -> Router:
    return Router.build(KEYWORDS, DATA / "routing")


def _cues(text: str) -> set[str]:
    toks = tokens(text)
    return {f for f in gate_features(toks, [f for f, _ in toks], {}, text) if f.startswith("c:")}


# --- folded collisions: a cue word typed with other accents is another word -------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("bọn em chưa gửi được", True),
        ("xã em mất mạng", True),
        ("tôi không in được", True),
        ("4 tuyến cáp biển cùng gặp sự cố", False),  # "4" reads "bốn", not the pronoun "bọn"
        ("cả 4 phòng đều chậm", False),
    ],
)
def test_a_numeral_is_no_pronoun(text: str, speaker: bool) -> None:
    assert first_person(tokens(text)) is speaker


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("cần hỗ trợ cài phần mềm họp", True),
        ("nhờ anh xem giúp máy in", True),
        ("cho hỏi số của bên mạng", True),
        ("can ho tro cai phan mem hop", True),  # without accents it may be either: read as asking
        ("cán bộ văn phòng đã nộp báo cáo", False),
        ("hội nghị tổng kết năm của huyện", False),
        ("phòng họp nhỏ ở tầng hai", False),
    ],
)
def test_asking_words_are_read_with_their_accents(text: str, asks: bool) -> None:
    assert ("c:ask" in _cues(text)) is asks


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('phần mềm báo "Phiên làm việc đã hết hạn, mời đăng nhập lại"', True),
        ("màn hình hiện 'Không tìm thấy thiết bị ký số'", True),
        ('Ông ấy nói "sẽ khắc phục trong tuần"', False),
    ],
)
def test_a_programs_message_quoted_is_marked(text: str, quoted: bool) -> None:
    assert ("c:quoted" in text_cues(text)) is quoted


def test_weak_is_a_failure_but_attached_and_requested_are_not() -> None:
    assert "c:failure" in _cues("mạng kém")
    assert "c:failure" in _cues("song yeu qua")
    assert "c:failure" not in _cues("tệp đính kèm theo quyết định")
    assert "c:failure" not in _cues("yêu cầu cấp tài khoản")


@pytest.mark.parametrize(
    ("text", "cue", "present"),
    [
        ("Tại sao nhà mạng không giảm cước?", "c:why", True),
        ("Tại sao nhà mạng không giảm cước?", "c:howto", False),
        ("Cách khắc phục máy in kẹt giấy", "c:howto", True),
        ("Lỗi không lưu được hồ sơ", "c:opens", True),
        ("Hồ sơ lưu xong thì báo lỗi", "c:opens", False),
    ],
)
def test_how_to_is_told_from_why(text: str, cue: str, present: bool) -> None:
    assert (cue in _cues(text)) is present


@pytest.mark.parametrize("text", ["thanks anh, chạy được rồi", "tks bạn nhé, ok rồi"])
def test_thanks_in_english_is_thanks(router: Router, text: str) -> None:
    assert router.route(text).reason == "thanks"


def test_thanks_then_but_is_a_request(router: Router) -> None:
    assert router.route("thanks anh, nhưng máy in vẫn không in được").reason != "thanks"


def test_thanks_followed_by_but_is_no_thanks_cue() -> None:
    assert "c:thanks" in _cues("cảm ơn anh nhiều")
    assert "c:thanks" not in _cues("cảm ơn anh, nhưng gõ dấu vẫn sai")


def test_an_apology_asks_nothing_about_an_error() -> None:
    assert not {"c:ask", "c:failure"} & _cues("xin lỗi anh, tại em bấm nhầm")
    assert {"c:ask", "c:failure"} <= _cues("xin hỗ trợ, máy báo lỗi")


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("khi y/c bổ sung", "khi yêu cầu bổ sung"),
        ("V/v gửi b/c quý", "về việc gửi báo cáo quý"),
        ("nltt không nộp được", "người làm thủ tục không nộp được"),
    ],
)
def test_official_abbreviations_read_as_words(variant: str, canonical: str) -> None:
    assert [f for f, _ in tokens(variant)] == [f for f, _ in tokens(canonical)]


# --- what a headline, a notice or a title has instead of somebody asking ------------------


@pytest.mark.parametrize(
    ("text", "scare"),
    [
        ("Người dùng 'kêu trời' vì mạng chậm cả tuần", True),
        ('Phần mềm mới "đắp chiếu" sau nửa năm', True),
        ('máy báo "Không tìm thấy chứng thư" khi ký', False),  # quoted error text
        ("gõ 'được' thì hiện 'đươc'", False),  # quoted keystrokes
    ],
)
def test_scare_quotes_are_told_from_quoted_errors(text: str, scare: bool) -> None:
    assert ("c:scare" in text_cues(text)) is scare


def test_a_title_in_capitals_is_marked() -> None:
    assert "c:capitals" in text_cues("QUY CHẾ SỬ DỤNG HỆ THỐNG BÁO CÁO CỦA TỈNH")
    assert "c:capitals" not in text_cues("Hệ thống báo cáo không lưu được số liệu")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Lưu ý tắt loa khi không phát biểu để tránh hú", "c:advice"),
        ("Quý khách vui lòng khởi động lại modem", "c:advice"),
        ("Bấm nút Lưu thì màn hình báo lỗi", "c:interface"),
        ("không tải lên được file đính kèm", "c:interface"),
        ("Thông tư số 01 quy định về chữ ký số chuyên dùng", "c:legal"),
    ],
)
def test_vocabulary_classes(text: str, cue: str) -> None:
    assert cue in _cues(text)


# --- a system's name belongs to the system, all of it -------------------------------------


def test_words_of_an_overlapping_system_name_are_not_free() -> None:
    lexicon = Lexicon(KEYWORDS)
    topics = tuple(KEYWORDS)
    reading = read(lexicon, topics, "phần mềm một cửa điện tử không chuyển được hồ sơ")
    # greedy matching scores "phần mềm một cửa"; "điện tử" still belongs to the name
    assert "dien" not in reading.free and "tu" not in reading.free
    assert "chuyen" in reading.free


def test_a_topic_word_inside_a_compound_is_not_free() -> None:
    reading = read(Lexicon(KEYWORDS), tuple(KEYWORDS), "làm sao để đăng ký tài khoản mới")
    assert "ky" not in reading.free
    assert reading.lex["digital_signature"] == 0.0


def test_a_typo_in_a_phrase_still_finds_the_phrase(router: Router) -> None:
    matched = {m["words"] for m in router.explain("mở emial công vụ không được")["matches"]}
    assert "emial cong vu" in matched


# --- end to end ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("kiểu gõ telex không ăn dấu", "general"),
        ("bảng mã unicode bị sai, chữ ra toàn ô vuông", "general"),
        ("gõ tiếng anh bị nhảy chữ lung tung", "general"),
        ("Bấm nút Lưu trên màn hình tiếp nhận hồ sơ thì báo lỗi", "public_service_center"),
        (
            "Chức năng đính kèm file trong phần mềm quản lý văn bản không hoạt động",
            "document_management",
        ),
        ("bọn em không vào được phần mềm họp", "video_conference"),
    ],
)
def test_symptoms_and_bug_reports_are_answered(router: Router, text: str, topic: str) -> None:
    assert router.route(text).topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a device on a PC with no meeting named is the PC's problem (label rule 1)
        ("laptop không nhận mic cắm ngoài", "general"),
        ("máy tính bàn không nhận webcam mới mua", "general"),
        # with a meeting named it is the meeting room's
        ("laptop không nhận mic khi vào họp trực tuyến với tỉnh", "video_conference"),
        ("camera điểm cầu không lên hình", "video_conference"),
    ],
)
def test_a_device_belongs_to_what_it_is_named_with(router: Router, text: str, topic: str) -> None:
    assert router.route(text).topic == topic


@pytest.mark.parametrize(
    "text",
    [
        "Người dùng 'kêu trời' vì mạng chậm cả tuần",
        "QUY CHẾ QUẢN LÝ VÀ SỬ DỤNG PHẦN MỀM THEO DÕI NHIỆM VỤ CỦA TỈNH",
        "Vì sao chữ ký số điện tử có giá trị pháp lý như chữ ký tay?",
        "Đề nghị các xã lưu ý tắt micro khi không phát biểu",
        "xin lỗi anh, em gửi nhầm tin",
        # a problem reported gone (the resolved mark below)
        "em gỡ bản cũ cài bản mới thì đã gõ tiếng Việt được bình thường",
        "giờ em đã đăng nhập được phần mềm một cửa rồi ạ",
    ],
)
def test_no_contact_for_text_that_asks_nothing(router: Router, text: str) -> None:
    assert router.route(text).topic is None


# --- "it works now": somebody reports the problem gone, in words no thanks rule lists --------


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("em cài lại bộ gõ thì đã fix được lỗi", True),
        ("giờ đã đăng nhập được phần mềm một cửa", True),
        ("mạng ở trụ sở đã ổn định trở lại", True),
        ("da vao duoc hop truc tuyen roi a", True),
        ("mạng có lại rồi nhé", True),  # back again
        ("hội nghị có tiếng lại rồi", True),
        ("wifi on dinh roi", True),  # fine now
        ("không ổn rồi, mạng lại mất", False),  # "not fine"
        ("em có cài lại rồi", False),  # done what was asked, nothing said about the problem
        ("em đã được cấp tài khoản nhưng chưa vào được", False),  # a passive "được", then "but"
        ("doanh nghiệp không nhận được mã hồ sơ", False),  # negated
        ("đã cài lại mà vẫn không được", False),  # still failing
        ("máy in đã in được chưa ạ", False),  # a question tag
        ("hi vọng bản sau sẽ fix được", False),  # hoped for, not done
        ("link truy cập không được rồi", False),
        ("chả vào được rồi", False),  # "chả" negates like "không" (route_rules.NEGATORS)
    ],
)
def test_a_problem_reported_gone_is_marked(text: str, gone: bool) -> None:
    assert ("c:resolved" in _cues(text)) is gone


@pytest.mark.parametrize(
    "text",
    [
        "em đã cài lại bộ gõ nhưng vẫn không gõ được dấu",
        "đã đổi mật khẩu mà vẫn không đăng nhập được",
    ],
)
def test_still_failing_after_a_fix_gets_help(router: Router, text: str) -> None:
    route = router.route(text)
    assert route.topic or route.unsure
