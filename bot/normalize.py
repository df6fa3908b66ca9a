"""Vietnamese chat text → comparable forms. Pure: no I/O, no third-party imports.

Commune staff type with full diacritics, without any, with Telex leftovers (the IME was off:
``kys soos`` for ``ký số``) and with chat shorthand (``ko``, ``dc``, ``cks``). Everything the
router and the commune lookup compare goes through :func:`fold` and :func:`tokens`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone placement differs between "old" and "new" styles (hoà/hòa, thuỷ/thủy); the data files
# use the classic style, so map the new style onto it before comparing accented text.
_TONE_STYLE = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_STYLE))

_WORD_RE = re.compile(r"[0-9a-zA-Z\u00c0-\u024f\u1e00-\u1eff]+")

# One syllable typed in Telex with the IME off: consonant onset, a vowel group that may carry
# Telex doubling (aa, ee, oo, aw, ow, uw, w), a legal coda, then a tone key (s f r x j).
# Native syllables never end in s/f/r/x/j, so the final tone key is safe to drop.
_TELEX_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"([aeiouyw]+)"
    r"(ch|ng|nh|[cmnpt])?"
    r"([sfrxj])?$"
)
_TELEX_VOWELS = (
    ("uwow", "uo"),
    ("uow", "uo"),
    ("uw", "u"),
    ("aa", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("aw", "a"),
    ("ow", "o"),
)


# A message is read by several parts (router, tips, follow-ups, lookups): its normal forms
# are kept for the last few texts instead of being recomputed by each reader.
@lru_cache(maxsize=64)
def nfc_lower(text: str) -> str:
    """NFC, lower case, classic tone placement: the accented comparison form."""
    text = unicodedata.normalize("NFC", text).lower()
    return _TONE_RE.sub(lambda m: _TONE_STYLE[m.group(0)], text)


@lru_cache(maxsize=8192)
def strip_marks(word: str) -> str:
    """Remove every diacritic; đ becomes d."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


@lru_cache(maxsize=8192)
def untelex(word: str) -> str:
    """Undo Telex keystrokes left in an ASCII word: ``dduwowcj`` → ``duoc``, ``kys`` → ``ky``."""
    if word.startswith("dd"):  # đ typed as dd, also in shorthand such as ddc (được)
        word = word[1:]
        if not _TELEX_SYLLABLE.match(word):
            return word
    match = _TELEX_SYLLABLE.match(word)
    if not match or not (match.group(4) or _has_telex_vowel(match.group(2))):
        return word
    onset, vowels, coda, _tone = match.groups()
    for telex, plain in _TELEX_VOWELS:
        vowels = vowels.replace(telex, plain)
    vowels = vowels.replace("w", "u")
    return f"{onset or ''}{vowels}{coda or ''}"


def _has_telex_vowel(vowels: str) -> bool:
    return any(telex in vowels for telex, _ in _TELEX_VOWELS) or "w" in vowels


def words(text: str) -> list[str]:
    """Accented lower-case words in order (digits kept, punctuation and emoji dropped)."""
    return _WORD_RE.findall(nfc_lower(text))


def fold_word(word: str) -> str:
    """One accented word → its ASCII, Telex-repaired form."""
    return untelex(strip_marks(word))


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """Whole text → space-separated folded words."""
    return " ".join(fold_word(w) for w in words(text))


def vietnamese_order(name: str) -> tuple[str, str]:
    """A sort key that puts names in Vietnamese alphabetical order ("Hà Trung" before
    "Hoằng Hóa"; code points put every accented letter after "z")."""
    return " ".join(strip_marks(w) for w in name.lower().split()), name


def has_letters(text: str) -> bool:
    """True when the text holds at least one letter or digit (not only emoji or punctuation)."""
    return bool(_WORD_RE.search(text))


# Syllables spelt with either i or y (kí/ký, lí/lý, kĩ/kỹ, quí/quý, công ti/công ty): both
# spellings are correct Vietnamese, so the router compares one canonical form (y).
_I_TO_Y = str.maketrans("iíìỉĩị", "yýỳỷỹỵ")
_IY_RE = re.compile(r"^(qu|[klmst])([iíìỉĩị])$")


def iy_variant(word: str) -> str:
    """Canonical spelling of an i/y syllable: ``kí`` → ``ký``, ``li`` → ``ly``; others as is."""
    match = _IY_RE.match(word)
    if not match:
        return word
    spelt = match.group(1) + match.group(2).translate(_I_TO_Y)
    return _TONE_RE.sub(lambda m: _TONE_STYLE[m.group(0)], spelt)  # quý → qúy, as nfc_lower
