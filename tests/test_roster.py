"""Team rules from seed letter section 3."""

import pytest

from bot.roster import (
    TEAM_SIZE,
    describe_missing,
    is_complete,
    missing,
    role_from_text,
    seats_to_fill,
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
