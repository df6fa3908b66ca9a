"""Vietnamese phone numbers as people write them."""

from __future__ import annotations

import pytest

from bot.phones import InvalidPhone, masked, national, to_e164


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0915 351 008", "+84915351008"),
        ("+84.915.351.008", "+84915351008"),
        ("01687654321", "+84387654321"),  # the 11-digit number before the 2018 change
        ("0128 555 1234", "+84785551234"),
        ("+84 129 333 4444", "+84823334444"),
        ("0237 385 1234", "+842373851234"),  # a Thanh Hóa landline stays as it is
    ],
)
def test_usual_spellings_and_retired_prefixes(typed: str, e164: str) -> None:
    assert to_e164(typed) == e164


@pytest.mark.parametrize("typed", ["01001234567", "0915", "số tôi", "09153510081234"])
def test_what_is_not_a_number(typed: str) -> None:
    with pytest.raises(InvalidPhone):
        to_e164(typed)


def test_shown_and_logged_forms() -> None:
    assert national("+84387654321") == "0387 654 321"
    assert "654" not in masked("+84387654321")
