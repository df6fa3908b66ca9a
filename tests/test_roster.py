"""Team rules from seed letter section 3."""

import pytest

from bot.roster import (
    TEAM_SIZE,
    describe_missing,
    is_complete,
    missing,
    name_case,
    role_from_text,
    seats_to_fill,
    valid_name,
    valid_position,
)

FULL = [
    "it_officer",
    "software_guide",
    "software_guide",
    "youth_member",
    "youth_member",
    "telecom_technician",
]


def test_a_full_team_has_six_seats() -> None:
    assert TEAM_SIZE == 6
    assert is_complete(FULL)
    assert is_complete([*FULL, "youth_member"])  # more than the minimum is fine


def test_missing_and_words() -> None:
    gaps = missing(["it_officer", "youth_member"])
    assert gaps == {"software_guide": 2, "youth_member": 1, "telecom_technician": 1}
    assert "1 đoàn viên thanh niên" in describe_missing(gaps)
    assert seats_to_fill(["it_officer"]) == FULL[1:]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("it_officer", "it_officer"),
        ("Cán bộ phụ trách CNTT của đơn vị cấp xã", "it_officer"),
        ("doan vien thanh nien", "youth_member"),
        ("Đoàn viên thanh niên (tổ Công nghệ số cộng đồng)", "youth_member"),
        ("Cán bộ kỹ thuật doanh nghiệp viễn thông trên địa bàn", "telecom_technician"),
        ("huong dan phan mem", "software_guide"),
        ("thủ quỹ", None),
    ],
)
def test_role_from_text(text: str, role: str | None) -> None:
    assert role_from_text(text) == role


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Lê Thị Bích Nguyệt", True),
        ("Tôn Nữ Thị Ngọc Hân", True),
        ("Nguyễn Văn Được", True),  # "được" is a given name; the list reads accents as typed
        ("Nguyễn Thị Sao", True),  # a name, whatever the word means in a question
        ("H'Hen Niê", True),
        ("tran van loi", True),
        ("Nguyễn Văn An 🙂", False),
        ("sao mạng cứ chập chờn thế nhỉ", False),  # a question typed at the name prompt
        ("Anh ơi em hỏi chút", False),
        ("Hùng?", False),
        ("Trần Mạnh Hùng, kế toán", False),
        ("một hai ba bốn năm sáu bảy tám", False),  # longer than any name
    ],
)
def test_what_passes_for_a_name(name: str, ok: bool) -> None:
    assert valid_name(name) is ok


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("tran thi mai", "Tran Thi Mai"),
        ("ĐỖ HỮU TIẾN", "Đỗ Hữu Tiến"),
        ("Hoàng anh Tuấn", "Hoàng anh Tuấn"),  # mixed case: as the registrar typed it
    ],
)
def test_names_typed_in_one_case_are_capitalised(typed: str, kept: str) -> None:
    assert name_case(typed) == kept


@pytest.mark.parametrize(
    ("position", "ok"),
    [
        ("Công chức Văn hóa - Xã hội", True),
        ("Cán bộ không chuyên trách", True),
        ("Tổ trưởng tổ 2", True),
        ("", True),
        ("0987 111 222", False),  # the phone again, at the next prompt
        ("+84912000111", False),
        ("ai lo vụ máy chiếu vậy", False),
        ("em chưa biết chức vụ gì?", False),
    ],
)
def test_what_passes_for_a_position(position: str, ok: bool) -> None:
    assert valid_position(position) is ok
