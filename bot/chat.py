"""The channel-neutral conversation model: what comes in, what goes out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.inputs import clean_text

Kind = Literal["text", "command", "choice", "media", "file", "contact"]
BUTTON_CHANNELS = frozenset({"telegram"})  # the others get numbered options


@dataclass(frozen=True)
class Person:
    """Somebody on a channel; `key` is the channel-qualified id used everywhere."""

    channel: str
    user_id: str
    name: str = ""

    def __post_init__(self) -> None:
        # Display names come from the channel as typed: no control, zero-width or direction
        # characters reach greetings, records or reports.
        object.__setattr__(self, "name", clean_text(self.name, 64))

    @property
    def key(self) -> str:
        """telegram:123456 / zalo:8a1b…"""
        return f"{self.channel}:{self.user_id}"


@dataclass(frozen=True)
class Recipient:
    """Where a message goes: the channel-qualified person key and the chat to write to.

    One type for every sender of bulk messages (nudges, broadcasts, digests, notices) and for
    the outbox row it becomes; `commune` is the commune a broadcast audience reached them for.
    """

    key: str
    channel: str
    chat_id: str
    name: str = ""
    commune: str | None = None


@dataclass(frozen=True)
class FileRef:
    """A file the user sent; `content` is fetched by the channel before the core sees it
    (`fetched` False: the chat app would not hand it over, even after retrying)."""

    name: str
    content: bytes
    fetched: bool = True


@dataclass(frozen=True)
class Incoming:
    """One user action, already translated from Telegram/Zalo/console."""

    channel: str
    chat_id: str
    user: Person
    kind: Kind
    text: str = ""
    command: str | None = None
    payload: str | None = None
    media: str | None = None
    file: FileRef | None = None
    group: bool = False
    addressed: bool = True  # in groups: a command, a mention of the bot or a reply to it
    message_id: str = ""  # the channel's id of this message (to relay it by copying)
    reply_to: str = ""  # the id of the bot message this one answers, when it is a reply
    thread: int | None = None  # the forum topic it was written in


@dataclass(frozen=True)
class Seg:
    """A run of text with one style: "" plain, "b" bold, "i" italic, "code"."""

    text: str
    style: str = ""


Rich = tuple[Seg, ...]


@dataclass(frozen=True)
class Choice:
    """A button on Telegram, a numbered option on Zalo and in the console."""

    label: str
    value: str  # at most 64 bytes: it travels as Telegram callback_data


@dataclass(frozen=True)
class ContactCard:
    """A tappable contact (Telegram sendContact)."""

    phone: str
    first_name: str
    last_name: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file to send (exports, templates, charts)."""

    filename: str
    content: bytes
    photo: bool = False
    caption: str = ""


@dataclass(frozen=True)
class Reply:
    """One message to the user."""

    text: Rich
    choices: tuple[Choice, ...] = ()
    columns: int = 1
    contact: ContactCard | None = None
    attachment: Attachment | None = None
    thread: int | None = None  # a forum topic of a Telegram supergroup (message_thread_id)
    copy: tuple[str, str] | None = None  # relay (from chat, message id) under the text
    ask_phone: str = ""  # Telegram: a keyboard button that shares the user's own phone
