"""Rich text and option numbering, rendered per channel.

Messages are built from `Seg` runs, never from markup strings, so user and database values
(names with `_ . ( ) -`, `<`, `&`) are escaped by the renderer and cannot break Telegram's
HTML parser (a 400 "can't parse entities").
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from bot.chat import Choice, Reply, Rich, Seg
from bot.choices import CANCEL_VALUE
from bot.texts.common import PICK_BY_NUMBER, PICK_OR_CANCEL, ZERO_CANCELS

TELEGRAM_LIMIT = 4096


BUTTON_LABEL = 60  # characters of a button's label: longer ones are clipped at a word


def button_label(text: str) -> str:
    """A button's label within BUTTON_LABEL characters, clipped at a word with "…"."""
    return clip(text, BUTTON_LABEL)


def clip(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word boundary with "…" when it is longer
    (a button label or a column header, never a half word and a stray space)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—(") + "…"


def t(text: str) -> Seg:
    """Plain text."""
    return Seg(text)


def b(text: str) -> Seg:
    """Bold text."""
    return Seg(text, "b")


def code(text: str) -> Seg:
    """Copyable text (a code)."""
    return Seg(text, "code")


def i(text: str) -> Seg:
    """Italic text."""
    return Seg(text, "i")


def lines(*parts: Iterable[Seg] | Seg | str) -> Rich:
    """Join parts as lines; a str is plain text, a Seg or a sequence of Segs is one line."""
    out: list[Seg] = []
    for n, part in enumerate(parts):
        if n:
            out.append(Seg("\n"))
        if isinstance(part, str):
            out.append(Seg(part))
        elif isinstance(part, Seg):
            out.append(part)
        else:
            out.extend(part)
    return tuple(out)


def plain(text: str, choices: Sequence[Choice] = (), columns: int = 1) -> Reply:
    """A reply of plain text, optionally with choices."""
    return Reply(text=(Seg(text),), choices=tuple(choices), columns=columns)


_HTML_TAGS = {"b": "b", "i": "i", "code": "code"}


def render_html(rich: Rich) -> str:
    """Telegram HTML: every run escaped, styles as tags around the words only (leading and
    trailing spaces and line breaks stay outside the tag)."""
    out = []
    for seg in rich:
        tag = _HTML_TAGS.get(seg.style)
        core = seg.text.strip()
        if not tag or not core:
            out.append(html.escape(seg.text, quote=False))
            continue
        start = seg.text.index(core[0])
        lead, trail = seg.text[:start], seg.text[start + len(core) :]
        body = html.escape(core, quote=False)
        lead, trail = html.escape(lead, quote=False), html.escape(trail, quote=False)
        out.append(f"{lead}<{tag}>{body}</{tag}>{trail}")
    return "".join(out)


def render_plain(rich: Rich) -> str:
    """Zalo and console: text only."""
    return "".join(seg.text for seg in rich)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP is two)."""
    return len(text.encode("utf-16-le")) // 2


def split_rich(rich: Rich, limit: int = TELEGRAM_LIMIT) -> list[Rich]:
    """Cut a message into parts of at most `limit` characters as Telegram counts them (the
    text after its HTML is parsed, in UTF-16 units), between runs. Each run is first cut
    to `limit // 2` code points, which is at most `limit` units whatever the characters."""
    parts: list[Rich] = []
    current: list[Seg] = []
    size = 0
    for seg in rich:
        pieces = split_text(seg.text, limit // 2) if len(seg.text) > limit // 2 else [seg.text]
        for piece in pieces:
            piece_seg = Seg(piece, seg.style)
            cost = utf16_len(piece)
            if current and size + cost > limit:
                parts.append(tuple(current))
                current, size = [], 0
            current.append(piece_seg)
            size += cost
    if current:
        parts.append(tuple(current))
    return parts


def numbered(choices: Sequence[Choice]) -> str:
    """Choices as a numbered list for channels without buttons; cancel is always `0`."""
    own = [c for c in choices if c.value != CANCEL_VALUE]
    rows = [f"{n}. {c.label}" for n, c in enumerate(own, 1)]
    if len(own) != len(choices):
        rows.append(f"0. {next(c.label for c in choices if c.value == CANCEL_VALUE)}")
        return "\n".join([*rows, PICK_OR_CANCEL if own else ZERO_CANCELS])
    return "\n".join([*rows, PICK_BY_NUMBER])


def split_text(text: str, limit: int) -> list[str]:
    """Split at paragraph, then line, then space boundaries into pieces of at most `limit`."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = rest.rfind(sep, 0, limit)
            if cut > 0:
                break
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest.strip():
        pieces.append(rest)
    return pieces
