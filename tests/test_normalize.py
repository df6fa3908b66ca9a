"""Vietnamese normalisation: diacritics, đ, Telex leftovers, tone placement."""

import pytest

from bot.normalize import fold, has_letters, nfc_lower, untelex


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Chữ ký số", "chu ky so"),
        ("ĐƯỜNG TRUYỀN", "duong truyen"),
        ("kys soos", "ky so"),
        ("chuwx kys", "chu ky"),
        ("dduwowcj", "duoc"),
        ("heej thoongs baos caos", "he thong bao cao"),
        ("mays tinhs khoong leen nguoonf", "may tinh khong len nguon"),
        ("windows virus bit4id vgca", "windows virus bit4id vgca"),
        ("Hoà Thuỷ", "hoa thuy"),
        ("tokeen", "tokeen"),
        ("ddc", "dc"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_nfd_input_equals_nfc() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Thanh Hóa ký số")
    assert fold(nfd) == fold("Thanh Hóa ký số") == "thanh hoa ky so"
    assert nfc_lower(nfd) == "thanh hóa ký số"


def test_new_tone_style_maps_to_classic() -> None:
    assert nfc_lower("Hoà Thuỷ") == nfc_lower("Hòa Thủy")


def test_telex_leaves_non_syllables_alone() -> None:
    for word in ("cks", "tks", "pdf", "mbps", "windows"):
        assert untelex(word) == word


def test_has_letters() -> None:
    assert not has_letters("🙏🙏 ... !!!")
    assert has_letters("ok 👍")
