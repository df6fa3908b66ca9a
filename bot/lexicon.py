"""Chat text → tokens, and the weighted phrase lexicon the router matches. Pure.

Tokens are (folded, accented) pairs: folded for matching without diacritics, accented to break
ties between single words that differ only in their accents (mạng / mang).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.normalize import fold_word, words

# Chat shorthand seen from commune staff (folded form → folded expansion).
SHORTHAND: dict[str, str] = {
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "khg": "khong",
    "kg": "khong",
    "hk": "khong",
    "hok": "khong",
    "dc": "duoc",
    "dk": "duoc",
    "đc": "duoc",
    "r": "roi",
    "j": "gi",
    "v": "vay",
    "vs": "voi",
    "ntn": "nhu the nao",
    "mn": "moi nguoi",
    "e": "em",
    "a": "anh",
    "c": "chi",
    "tks": "cam on",
    "thks": "cam on",
    "thanks": "cam on",
    "thank": "cam on",
    "camon": "cam on",
    "cks": "chu ky so",
    "ks": "ky so",
    "qlvb": "quan ly van ban",
    "vb": "van ban",
    "hntt": "hoi nghi truyen hinh",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "tthc": "thu tuc hanh chinh",
    "hcc": "hanh chinh cong",
    "nv": "nhiem vu",
    "bc": "bao cao",
    "pm": "phan mem",
    "hs": "ho so",
    "ht": "he thong",
    "tk": "tai khoan",
    "mk": "mat khau",
    "vp": "van phong",
    "cv": "cong vu",
    "pc": "may tinh",
    "mt": "may tinh",
    "ubnd": "ubnd",
    "hd": "huong dan",
    "hdan": "huong dan",
    "sdt": "so dien thoai",
    "dt": "dien thoai",
    "net": "internet",
    "wf": "wifi",
    "cntt": "cong nghe thong tin",
    "cds": "chuyen doi so",
}


@dataclass(frozen=True)
class _Phrase:
    topic: str
    weight: float
    accented: tuple[str, ...]


def tokens(text: str) -> list[tuple[str, str]]:
    """(folded, accented) token pairs with chat shorthand expanded."""
    out: list[tuple[str, str]] = []
    for word in words(text):
        folded = fold_word(word)
        expansion = SHORTHAND.get(folded) if folded == word or word == "đc" else None
        if expansion:
            out.extend((part, part) for part in expansion.split())
        else:
            out.append((folded, word))
    return out


class Lexicon:
    """Weighted phrases per topic, matched longest-first on folded tokens."""

    def __init__(self, keywords: Mapping[str, Mapping[str, float]]) -> None:
        self._phrases: dict[tuple[str, ...], _Phrase] = {}
        for topic, phrases in keywords.items():
            for phrase, weight in phrases.items():
                accented = tuple(words(phrase))
                key = tuple(fold_word(w) for w in accented)
                if key:
                    self._phrases[key] = _Phrase(topic, float(weight), accented)
        self._longest = max((len(k) for k in self._phrases), default=1)
        self._long_words = [k[0] for k in self._phrases if len(k) == 1 and len(k[0]) >= 5]

    def matches(self, toks: list[tuple[str, str]]) -> list[tuple[int, int, _Phrase, float]]:
        """Non-overlapping (start, end, phrase, weight) matches, longest first, left to right."""
        found: list[tuple[int, int, _Phrase, float]] = []
        folded = [f for f, _ in toks]
        i = 0
        while i < len(toks):
            for n in range(min(self._longest, len(toks) - i), 0, -1):
                phrase = self._phrases.get(tuple(folded[i : i + n]))
                if phrase and _accents_agree(phrase, toks[i : i + n]):
                    found.append((i, i + n, phrase, phrase.weight))
                    i += n
                    break
            else:
                near = self._near_miss(folded[i])
                if near:
                    found.append((i, i + 1, near, near.weight * 0.75))
                i += 1
        return found

    def _near_miss(self, word: str) -> _Phrase | None:
        # Typos in long product words ("emial", "tokeen", "camerra"): one edit away.
        if len(word) < 5 or not word.isascii():
            return None
        for key in self._long_words:
            if abs(len(key) - len(word)) <= 1 and _one_edit(word, key):
                return self._phrases[(key,)]
        return None


def _one_edit(a: str, b: str) -> bool:
    """Optimal-string-alignment distance of exactly one (substitution, indel, swap)."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _accents_agree(phrase: _Phrase, span: list[tuple[str, str]]) -> bool:
    # Diacritics break ties: a lone "mang" typed as "mang" (carry) is not "mạng" (network).
    # Only single words are checked; longer phrases are specific enough once folded, and
    # checking them would punish users who type with a few wrong accents.
    if len(span) > 1:
        return True
    folded, accented = span[0]
    return accented == folded or accented == phrase.accented[0]
