"""What an outbox row carries for a request: the reply, where it goes, what to link.

Plain nudges store a list of rich segments; request messages store a dict with the buttons,
the forum topic (Telegram `message_thread_id`), a message to copy (photos and documents are
relayed by Telegram's copyMessage, never downloaded), and the request the delivered message
belongs to, so that its (chat, message id) is linked when the row is marked sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.chat import Choice, Incoming, Reply, Rich, Seg


def here(inc: Incoming, text: str) -> Reply:
    """A short confirmation in the chat (and forum topic) the message came from."""
    return Reply(text=(Seg(text),), thread=inc.thread)


@dataclass(frozen=True)
class Envelope:
    """A decoded outbox body."""

    reply: Reply
    thread: int | None = None
    copy: tuple[str, str] | None = None  # (from chat, message id) on the same channel
    request: int | None = None
    side: str = ""  # the side that will answer this message: asker or staff


def encode(
    rich: Rich,
    choices: tuple[Choice, ...] = (),
    *,
    thread: int | None = None,
    copy: tuple[str, str] | None = None,
    request: int | None = None,
    side: str = "",
) -> dict[str, Any]:
    """The JSON body of one outbox row."""
    body: dict[str, Any] = {"text": [[s.text, s.style] for s in rich]}
    if choices:
        body["choices"] = [[c.label, c.value] for c in choices]
    if thread is not None:
        body["thread"] = thread
    if copy is not None:
        body["copy"] = list(copy)
    if request is not None:
        body["request"], body["side"] = request, side
    return body


def decode(body: Any) -> Envelope:
    """Either shape back into an Envelope (a bare list is an old-style text body)."""
    if isinstance(body, list):
        return Envelope(Reply(text=tuple(Seg(t, s) for t, s in body)))
    choices = tuple(Choice(label, value) for label, value in body.get("choices", ()))
    rich = tuple(Seg(t, s) for t, s in body.get("text", ()))
    copy = (str(body["copy"][0]), str(body["copy"][1])) if body.get("copy") else None
    thread = body.get("thread")
    return Envelope(
        Reply(text=rich, choices=choices, thread=thread, copy=copy),
        thread=thread,
        copy=copy,
        request=body.get("request"),
        side=str(body.get("side", "")),
    )
