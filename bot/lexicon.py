"""Chat text → tokens, and the weighted phrase lexicon the router matches. Pure.

Tokens are (folded, accented) pairs: folded for matching without diacritics, accented to break
ties between single words that differ only in their accents (mạng / mang).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from bot.normalize import fold_word, iy_variant, nfc_lower, words
from bot.shorthand import NEUTRAL, NUMERALS, SHORTHAND, SLASHED

__all__ = ["ASKING_ACCENTS", "PRONOUNS", "SHORTHAND", "Lexicon", "tokens"]

# Pronouns of somebody speaking for themselves or for their commune, as typed with accents.
PRONOUNS = frozenset({"em", "tôi", "mình", "chúng", "bọn", "xã", "anh", "chị", "bạn"})
# Folded asking words and the one accented form in which each asks (cần, hỏi, nhờ).
ASKING_ACCENTS = {"can": "cần", "hoi": "hỏi", "nho": "nhờ"}


@dataclass(frozen=True)
class _Phrase:
    topic: str  # "" for a neutral compound (consumes its words, is evidence for nothing)
    weight: float
    accented: tuple[str, ...]


_SLASHED = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in SLASHED) + r")(?!\w)")


def tokens(text: str) -> list[tuple[str, str]]:
    """(folded, accented) token pairs: shorthand expanded, numerals read, i/y spelt one way."""
    return list(_tokens(text))


@lru_cache(maxsize=64)  # read by the tips and the look-ups of the same message
def folded_text(text: str) -> str:
    """The folded tokens joined by single spaces: the form every phrase pattern searches."""
    return " ".join(f for f, _ in _tokens(text))


@lru_cache(maxsize=64)  # one message is tokenised by several readers (as normalize.fold)
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    if "/" in text:
        text = _SLASHED.sub(lambda m: SLASHED[m.group(1)], nfc_lower(text))
    for word in words(text):
        out.extend(_word_tokens(word))
    return tuple(out)


@lru_cache(maxsize=8192)  # the words of chat repeat: each is read once (as strip_marks)
def _word_tokens(word: str) -> tuple[tuple[str, str], ...]:
    folded = fold_word(word)
    expansion = SHORTHAND.get(folded) if folded == word or word == "đc" else None
    if expansion:
        return tuple((part, part) for part in expansion.split())
    if word in NUMERALS:
        return (NUMERALS[word],)
    return ((iy_variant(folded), iy_variant(word)),)


class Lexicon:
    """Weighted phrases per topic, matched longest-first on folded tokens."""

    def __init__(self, keywords: Mapping[str, Mapping[str, float]]) -> None:
        self._phrases: dict[tuple[str, ...], _Phrase] = {}
        for compound in NEUTRAL:
            self._add("", compound, 0.0)
        for topic, phrases in keywords.items():
            for phrase, weight in phrases.items():
                self._add(topic, phrase, float(weight))
        # Phrase lengths per first word, longest first: matching tries only those.
        lengths: dict[str, set[int]] = {}
        for key in self._phrases:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {w: sorted(n, reverse=True) for w, n in lengths.items()}
        self._near_cache: dict[str, str | None] = {}
        # First words of topic phrases long enough for a typo to be told from another word;
        # single-word phrases first, so "emial" is "email" before it is anything longer.
        firsts = sorted(
            {(len(k) > 1, k[0]) for k, p in self._phrases.items() if len(k[0]) >= 5 and p.topic}
        )
        long_words = list(dict.fromkeys(w for _, w in firsts))
        # Per word length, the first words a typo of that length may be (one letter longer or
        # shorter at most), in the order above.
        self._near_by_length: dict[int, list[str]] = {}
        for first in long_words:
            for size in (len(first) - 1, len(first), len(first) + 1):
                self._near_by_length.setdefault(size, []).append(first)

    def _add(self, topic: str, phrase: str, weight: float) -> None:
        toks = tokens(phrase)
        key = tuple(f for f, _ in toks)
        if key:
            self._phrases[key] = _Phrase(topic, weight, tuple(a for _, a in toks))

    def matches(self, toks: list[tuple[str, str]]) -> list[tuple[int, int, _Phrase, float]]:
        """Non-overlapping (start, end, phrase, weight) topic matches, longest first."""
        found: list[tuple[int, int, _Phrase, float]] = []
        folded = [f for f, _ in toks]
        i = 0
        while i < len(toks):
            for n in self._lengths.get(folded[i], ()):
                if i + n > len(toks):
                    continue
                phrase = self._phrases.get(tuple(folded[i : i + n]))
                if phrase and self._fits(phrase, toks, folded, i, n):
                    if phrase.topic:
                        found.append((i, i + n, phrase, phrase.weight))
                    i += n
                    break
            else:
                i += self._near_match(toks, folded, i, found)
        return found

    def _near_match(
        self, toks: list[tuple[str, str]], folded: list[str], i: int, found: list
    ) -> int:
        """A long word one typo away from a topic phrase's first word, and the phrase it
        starts ("emial công vụ" is "email công vụ"): scored at 3/4, its length returned."""
        word = self._near_word(folded[i])
        if word is None:
            return 1
        for n in self._lengths.get(word, ()):
            if i + n > len(toks):
                continue
            phrase = self._phrases.get((word, *folded[i + 1 : i + n]))
            if phrase and phrase.topic:
                found.append((i, i + n, phrase, phrase.weight * 0.75))
                return n
        return 1

    def covered(self, toks: list[tuple[str, str]]) -> set[int]:
        """Positions inside any topic phrase, overlapping ones included: greedy matching
        takes "phần mềm một cửa" and scores it once, but the "điện tử" of "một cửa điện tử"
        after it belongs to the system's name too, not to the rest of the message; and a
        topic word inside a neutral compound (the "ký" of "đăng ký") is no request evidence
        either."""
        folded = [f for f, _ in toks]
        out: set[int] = set()
        for i, word in enumerate(folded):
            for n in self._lengths.get(word, ()):
                if i + n > len(folded):
                    continue
                phrase = self._phrases.get(tuple(folded[i : i + n]))
                if phrase and phrase.topic and self._fits(phrase, toks, folded, i, n):
                    out.update(range(i, i + n))
                    break
        return out

    def _fits(
        self, phrase: _Phrase, toks: list[tuple[str, str]], folded: list[str], i: int, n: int
    ) -> bool:
        if phrase.topic:
            return _accents_agree(phrase, toks[i : i + n])
        # A neutral compound typed with other accents is another word ("đang ký số" is not
        # "đăng ký"); typed without accents it yields to a topic phrase that starts inside it
        # and runs on ("dang ky so": "ký số").
        if any(
            a != f and a != p for (f, a), p in zip(toks[i : i + n], phrase.accented, strict=True)
        ):
            return False
        return not any(self._topic_phrase_from(folded, j, i + n) for j in range(i + 1, i + n))

    def _topic_phrase_from(self, folded: list[str], j: int, end: int) -> bool:
        for m in self._lengths.get(folded[j], ()):
            if m <= end - j or j + m > len(folded):
                continue
            phrase = self._phrases.get(tuple(folded[j : j + m]))
            if phrase and phrase.topic:
                return True
        return False

    def _near_word(self, word: str) -> str | None:
        # Typos in long product words ("emial", "tokeen", "camerra"): one edit away from the
        # first word of a topic phrase. Words repeat across messages, so each is looked at
        # once (a bounded cache).
        if len(word) < 5 or not word.isascii():
            return None
        if word in self._near_cache:
            return self._near_cache[word]
        found = None
        for key in self._near_by_length.get(len(word), ()):
            if _one_edit(word, key):
                found = key
                break
        if len(self._near_cache) < 50_000:
            self._near_cache[word] = found
        return found


def _one_edit(a: str, b: str) -> bool:
    """Optimal-string-alignment distance of exactly one (substitution, indel, swap)."""
    if a == b or len(set(a) ^ set(b)) > 2:  # one edit changes at most one letter each side
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
