"""Seeded generators of hostile updates for the fuzz suites (tests and bench/).

Each generator yields `(update, chat)`: the update JSON as the chat server would deliver it,
and the chat that deserves an answer (None otherwise). Chats where the bot must stay silent
(another bot's command in a group, a group message not addressed to the bot, an echo) are
collected in `silent`. Every update comes from its own chat, so answers can be counted.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from typing import Any

TEXTS = [
    "mất mạng cả trụ sở",
    "ko ky so dc",
    "<b>máy in</b> & <i>kẹt giấy",
    "hntt chiều nay ko vào đc phòng",
    '=HYPERLINK("http://x")',
    "‮ đảo chiều ‭",
    "zero​width‌joiner‍",
    "\x00\x01\x07 điều khiển \x1b[31m",
    "²³¹ ٣ ๓ ⑦",
    "99999999999999999999999",
    "9223372036854775808",
    "0915 351 008",
    "@",
    "🙂" * 50,
    "a" * 5000,
    "đ" * 4096,
    "&amp; &lt; &#0; &#x110000;",
    "1",
    "2",
    "0",
    "-1",
    "",
    " ",
    "\n\n\n",
]
COMMANDS = [
    "/start", "/help", "/contacts", "/register", "/register ²", "/team ²", "/team 99999999999",
    "/status", "/done", "/done ²", "/deadline", "/broadcast", "/link", "/cancel", "/import",
    "/export", "/template", "/invite", "/stats", "/xyz", "/start@other_bot", "/START",
    "/register Hàm Rồng", "/team Hàm Rồng", "/invite Hoằng Hóa", "/" + "a" * 40,
]  # fmt: skip
PREFIXES = ["t", "menu", "f", "tm", "dl", "dn", "zz", ""]
PARTS = ["", "²", "١٢", "9" * 25, "9223372036854775808", "network", "rm", "rmok", "rp"]
PARTS += ["reg", "show", "links", "cc", "mv", "add", "ok", "14758", "lan_upgraded", ":", "a" * 30]


class TelegramHostile:
    """Random Telegram updates: messages, commands, edits, buttons, media, groups, junk."""

    def __init__(self, seed: int, bot_username: str) -> None:
        self.rng = random.Random(seed)
        self.bot = bot_username
        self._ids = iter(range(10_000_000, 10**12))
        self.silent: set[str] = set()

    def chat(self) -> int:
        return next(self._ids)

    def user(self, uid: int) -> dict[str, Any]:
        name = self.rng.choice(["Lan", "", "‮Nam", "Hoa\u200b", "<b>x</b>", "a" * 300])
        return {"id": uid, "is_bot": False, "first_name": name or "N", "language_code": "vi"}

    def message(self, chat: int, text: str | None, group: bool = False, **extra: Any) -> dict:
        msg: dict[str, Any] = {
            "message_id": self.rng.randint(1, 2**31 - 1),
            "date": int(time.time()),
            "chat": {"id": -chat if group else chat, "type": "supergroup" if group else "private"},
            "from": self.user(chat),
            **extra,
        }
        if group:
            msg["chat"]["title"] = "Tổ"
        else:
            msg["chat"]["first_name"] = "Lan"
        if text is not None:
            msg["text"] = text
            if text.startswith("/"):
                head = text.split(" ", 1)[0]
                msg["entities"] = [{"type": "bot_command", "offset": 0, "length": _u16(head)}]
        return msg

    def __iter__(self) -> Iterator[tuple[dict[str, Any], int | None]]:
        kinds = [self.text, self.command, self.edited, self.press, self.media, self.group,
                 self.junk, self.inline_press, self.big_ids]  # fmt: skip
        weights = [20, 20, 5, 20, 8, 10, 7, 3, 7]
        while True:
            yield self.rng.choices(kinds, weights)[0]()

    def text(self) -> tuple[dict, int | None]:
        chat = self.chat()
        text = self.rng.choice(TEXTS)
        if not text.strip():  # Telegram never delivers an empty text: a sticker instead
            return self.media()
        return {"message": self.message(chat, text)}, chat

    def command(self) -> tuple[dict, int | None]:
        chat = self.chat()
        return {"message": self.message(chat, self.rng.choice(COMMANDS))}, chat

    def edited(self) -> tuple[dict, int | None]:
        chat = self.chat()
        msg = self.message(chat, self.rng.choice(TEXTS[:4]))
        msg["edit_date"] = msg["date"]
        return {"edited_message": msg}, chat

    def data(self) -> str:
        parts = [self.rng.choice(PREFIXES)] + [self.rng.choice(PARTS) for _ in range(2)]
        value = ":".join(parts[: self.rng.randint(1, 3)])
        return value.encode()[:64].decode(errors="ignore") or "x"

    def press(self) -> tuple[dict, int | None]:
        chat = self.chat()
        query = {
            "id": str(self.rng.randint(1, 2**62)),
            "from": self.user(chat),
            "chat_instance": "ci",
            "data": self.data(),
            "message": self.message(chat, "menu", **{"from": _bot(self.bot)}),
        }
        return {"callback_query": query}, chat

    def inline_press(self) -> tuple[dict, int | None]:
        chat = self.chat()
        query = {"id": str(chat), "from": self.user(chat), "chat_instance": "ci",
                 "inline_message_id": "AAQ" + str(chat), "data": self.data()}  # fmt: skip
        return {"callback_query": query}, None  # answered in the popup, no chat to write to

    def media(self) -> tuple[dict, int | None]:
        chat = self.chat()
        sticker = {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1,
                   "height": 1, "is_animated": False, "is_video": False}  # fmt: skip
        photo = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
        extra = self.rng.choice(
            [
                {"sticker": sticker},
                {"photo": photo},
                {"dice": {"emoji": "🎲", "value": 3}},
                {"location": {"latitude": 19.8, "longitude": 105.7}},
            ]
        )
        return {"message": self.message(chat, None, **extra)}, chat

    def group(self) -> tuple[dict, int | None]:
        chat = self.chat()
        choice = self.rng.randint(0, 3)
        if choice < 2:  # not addressed, or another bot's command: silence
            self.silent.add(str(-chat))
            text = "mất mạng rồi" if choice == 0 else "/help@other_bot"
            return {"message": self.message(chat, text, group=True)}, None
        if choice == 2:
            msg = self.message(chat, f"@{self.bot} máy in kẹt giấy", group=True)
            msg["entities"] = [{"type": "mention", "offset": 0, "length": len(self.bot) + 1}]
            return {"message": msg}, -chat
        return {"message": self.message(chat, "/contacts", group=True)}, -chat

    def junk(self) -> tuple[dict, int | None]:
        chat = self.chat()
        return self.rng.choice([
            {"message": {"message_id": 1, "date": 0, "chat": "x"}},
            {"message": {"message_id": 1, "date": 0, "chat": {"id": chat, "type": "private"},
                         "from": [1]}},
            {"callback_query": {"id": 5}},
            {"edited_message": 7},
            {"message": None},
            {"poll": {"id": "1"}},
            {"my_chat_member": {"chat": {"id": chat, "type": "private"}}},
            {"channel_post": self.message(chat, "tin kênh")},
            {"message": {**self.message(chat, "hi"), "from": None}},
        ]), None  # fmt: skip

    def big_ids(self) -> tuple[dict, int | None]:
        """Ids at and beyond SQLite's 2^63 (PTB reads them; the store must not overflow)."""
        big = self.rng.choice([2**63 - 1, 2**63, 2**64 + 5])
        msg = self.message(big, self.rng.choice(["/start", "/team 1", "máy in"]))
        return {"message": msg}, None  # the fake cannot address such a chat: only no crash


class ZaloHostile:
    """Random Zalo updates: texts, commands, numbers, media, groups, echoes, junk, repeats."""

    def __init__(self, seed: int, bot_id: str, bot_name: str) -> None:
        self.rng = random.Random(seed)
        self.bot_id, self.bot_name = bot_id, bot_name
        self._n = 0
        self._last: dict[str, Any] | None = None
        self.silent: set[str] = set()

    def user(self) -> str:
        self._n += 1
        return f"zf{self._n:06d}"

    def update(self, event: str, user: str, chat: str | None = None, group: bool = False,
               **fields: Any) -> dict[str, Any]:  # fmt: skip
        return {
            "event_name": event,
            "message": {
                "from": {
                    "id": user,
                    "display_name": self.rng.choice(["An", "", "‮x", "b" * 300]),
                    "is_bot": False,
                },
                "chat": {"id": chat or user, "chat_type": "GROUP" if group else "PRIVATE"},
                "message_id": f"{self.rng.getrandbits(80):020x}",
                "date": int(time.time() * 1000),
                **fields,
            },
        }

    def __iter__(self) -> Iterator[tuple[dict[str, Any], str | None]]:
        kinds = [self.text, self.command, self.media, self.group, self.echo, self.junk,
                 self.repeat]  # fmt: skip
        weights = [35, 20, 10, 8, 7, 12, 8]
        while True:
            yield self.rng.choices(kinds, weights)[0]()

    def text(self) -> tuple[dict, str | None]:
        user = self.user()
        text = self.rng.choice(TEXTS)
        update = self.update("message.text.received", user, text=text)
        self._last = update
        return update, user

    def command(self) -> tuple[dict, str | None]:
        user = self.user()
        command = self.rng.choice(COMMANDS).replace("@other_bot", "")
        return self.update("message.text.received", user, text=command), user

    def media(self) -> tuple[dict, str | None]:
        user = self.user()
        event = self.rng.choice(["message.image.received", "message.sticker.received",
                                 "message.voice.received", "message.unsupported.received",
                                 "message.something.new"])  # fmt: skip
        return self.update(event, user, photo_url="https://z.example/p.jpg"), user

    def group(self) -> tuple[dict, str | None]:
        user, chat = self.user(), f"g{self._n}"
        text = f"@{self.bot_name} máy in kẹt giấy"
        return self.update("message.text.received", user, chat, True, text=text), chat

    def echo(self) -> tuple[dict, str | None]:
        user = self.user()
        update = self.update("message.text.received", self.bot_id, chat=user, text="máy in")
        update["message"]["from"]["is_bot"] = self.rng.random() < 0.5
        self.silent.add(user)
        return update, None

    def repeat(self) -> tuple[dict, str | None]:
        """The same message delivered again: answered once, the first time."""
        if self._last is None:
            return self.text()
        again, self._last = self._last, None
        return again, None

    def junk(self) -> tuple[dict, str | None]:
        user = self.user()
        return self.rng.choice([
            {"event_name": "message.text.received", "message": "x"},
            {"event_name": "message.text.received", "message": {"from": 5, "chat": [],
                                                                "text": 7}},
            {"event_name": "message.text.received", "message": {"from": {"id": {"a": 1}}}},
            {"event_name": "message.text.received", "message": {"from": {"id": None}}},
            {"event_name": 5, "message": {"from": {"id": user}}},
            {"event_name": "message.text.received",
             "message": {"from": {"id": user, "is_bot": "no"}, "text": ["a"]}},
            {"event_name": "message.text.received",
             "message": {"from": {"id": "x" * 500}, "text": "máy in"}},
        ]), None  # fmt: skip


def _bot(username: str) -> dict[str, Any]:
    return {"id": 7000001, "is_bot": True, "first_name": "Bot", "username": username}


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
