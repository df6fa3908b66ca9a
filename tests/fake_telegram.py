"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real PTB stack.

It behaves like the parts of api.telegram.org the bot uses: token check, long-polling
getUpdates with offsets, Telegram's HTML parser rules (so an unescaped `<` is a 400 here as
there), button data limits, message length limits (counted after entity parsing, in UTF-16
units), and injectable errors (403 blocked chats, 429 with retry_after, 5xx) and network faults
for a while (`break_for`: bodies that are not JSON, 5xx, hung requests, reset connections, 429
storms). Tests drive it as a user: `send_text`, `press`, `send_sticker`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

from tests.servers import serve

BOT_ID = 7000001
BOT_USERNAME = "thanhhoa_support_bot"
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
TEXT_FIELDS = {"text", "caption", "first_name", "last_name", "phone_number", "data"}
OUTGOING = {
    "sendMessage",
    "sendContact",
    "sendDocument",
    "sendPhoto",
    "editMessageText",
    "copyMessage",
}
FAULTS = ("malformed", "5xx", "proxy5xx", "timeout", "reset", "429")


class _TelegramHtml(HTMLParser):
    """Telegram's rules: only known tags, balanced, and no bare '<' or '&'."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.error = f'Unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = f'Unexpected end tag "{tag}"'
        else:
            self.stack.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.error = f'Unsupported HTML entity "&{name};"'


def check_html(text: str) -> str | None:
    """None when Telegram would accept the HTML, else its error description."""
    if re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", text):
        return "Bad Request: can't parse entities: Unexpected end of name token"
    if re.search(r"<(?![a-zA-Z/])", text):
        return "Bad Request: can't parse entities: Unexpected character '<'"
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    if parser.error or parser.stack:
        return f"Bad Request: can't parse entities: {parser.error or 'unclosed tag'}"
    return None


def visible_text(text: str) -> str:
    """The text a user sees after Telegram parses the HTML."""
    plain = re.sub(r"<[^>]+>", "", text)
    return (
        plain.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    status: int = 200
    at: float = field(default_factory=time.monotonic)
    result: Any = None  # what the server answered (the sent message, for its message_id)

    @property
    def message_id(self) -> int:
        return int((self.result or {}).get("message_id", 0))

    @property
    def thread(self) -> int | None:
        value = self.params.get("message_thread_id")
        return int(value) if value is not None else None

    @property
    def chat_id(self) -> str:
        return str(self.params.get("chat_id", ""))

    @property
    def text(self) -> str:
        return visible_text(str(self.params.get("text", "")))

    @property
    def buttons(self) -> list[tuple[str, str]]:
        markup = self.params.get("reply_markup") or {}
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


class FakeTelegram:
    """The server and the user-side controls."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.errors: list[tuple[str, dict[str, Any], str | None]] = []
        self.updates: list[dict[str, Any]] = []
        self.blocked: set[str] = set()
        self.failures: dict[str, list[tuple[int, int, str, dict[str, Any]]]] = {}
        self.webhook: str | None = None
        self.closing = False
        self._poll_generation = 0
        self.hang_chats: set[str] = set()
        self.hung = asyncio.Event()
        self._closed = asyncio.Event()
        self.enforce_limits = False
        self.rejected_429 = 0
        self._overall: list[float] = []
        self._per_chat: dict[str, list[float]] = {}
        self.files: dict[str, bytes] = {}
        # Supergroups: chat id → {"forum": bool, "admin": bool, "topics": {thread: name}}.
        self.groups: dict[str, dict[str, Any]] = {}
        self._threads = itertools.count(50)
        self.fault: tuple[str, float, frozenset[str]] | None = None  # kind, until, methods
        self.faulted: list[Call] = []  # requests answered with an injected network fault
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Condition()
        self._new_call = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- server ------------------------------------------------------------------------

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner, self.port = await serve(app)

    async def stop(self) -> None:
        self.closing = True
        self._closed.set()
        async with self._new_update:
            self._new_update.notify_all()
        if self._runner:
            await self._runner.cleanup()

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        params: dict[str, Any] = {}
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.filename:  # type: ignore[union-attr]
                    params[part.name] = {  # type: ignore[union-attr]
                        "filename": part.filename,  # type: ignore[union-attr]
                        "content": await part.read(),  # type: ignore[union-attr]
                    }
                elif part.name in TEXT_FIELDS:  # type: ignore[union-attr]
                    params[part.name] = await part.text()  # type: ignore[union-attr]
                else:
                    params[part.name] = _decode(await part.text())  # type: ignore[union-attr]
            return params
        form = await request.post()
        return {k: _decode(str(v)) if k not in TEXT_FIELDS else str(v) for k, v in form.items()}

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await self._params(request)
        broken = await self._network_fault(request, method, params)
        if broken is not None:
            return broken
        response = await self._answer(method, params)
        if method != "getUpdates":
            result = json.loads(response.text).get("result") if response.text else None
            await self._record(Call(method, params, status=response.status, result=result))
        return response

    async def _answer(self, method: str, params: dict[str, Any]) -> web.Response:
        injected = self.failures.get(method)
        if injected and injected[0][0] > 0:  # calls to let through first
            after, *failure = injected[0]
            injected[0] = (after - 1, *failure)
        elif injected:
            _, status, description, extra = injected.pop(0)
            return _error(status, description, extra)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _ok(True)
        response = await handler(params)
        if response.status >= 400 and response.status not in (403, 409):
            # Anything but an injected failure or a blocked user is a bug in the bot.
            self.errors.append((method, params, response.text))
        return response

    async def _network_fault(
        self, request: web.Request, method: str, params: dict[str, Any]
    ) -> web.Response | None:
        """While `break_for` is in force: what a broken network or proxy answers instead."""
        if self.fault is None or time.monotonic() > self.fault[1] or method not in self.fault[2]:
            return None
        kind = self.fault[0]
        self.faulted.append(Call(method, params, status=0))
        if kind == "malformed":  # a proxy's page, or a body cut short, with status 200
            return web.Response(status=200, text='<html>502 Bad Gateway</html>{"ok": tr')
        if kind == "5xx":
            return _error(502, "Bad Gateway")
        if kind == "proxy5xx":  # the proxy in front of the Bot API answers with its own page
            page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
            return web.Response(status=502, text=page, content_type="text/html")
        if kind == "429":
            return _error(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        if kind == "timeout":  # never answered before the client gives up
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closed.wait(), 6.0)
            return _error(504, "Gateway Timeout")
        assert request.transport is not None  # "reset": the connection drops mid-request
        request.transport.abort()
        return web.Response(status=500)

    def break_for(self, kind: str, seconds: float, methods: set[str] | None = None) -> None:
        """Answer every call of `methods` (default: sending messages) with a network fault."""
        assert kind in FAULTS
        chosen = frozenset(methods or {"sendMessage"})
        self.fault = (kind, time.monotonic() + seconds, chosen)

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        content = self.files.get(request.match_info["path"])
        return web.Response(body=content) if content is not None else web.Response(status=404)

    async def _record(self, call: Call) -> None:
        async with self._new_call:
            self.calls.append(call)
            self._new_call.notify_all()

    # --- methods -------------------------------------------------------------------------

    async def _m_getMe(self, params: dict[str, Any]) -> web.Response:
        return _ok(
            {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Hỗ trợ kỹ thuật",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        )

    async def _m_getUpdates(self, params: dict[str, Any]) -> web.Response:
        if self.webhook:
            return _error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset", 0) or 0)
        timeout = float(params.get("timeout", 0) or 0)
        # Only forget updates when a later offset confirms them (an abandoned poll loses none).
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        self._poll_generation += 1
        generation = self._poll_generation
        async with self._new_update:
            self._new_update.notify_all()  # an older poll still waiting is superseded
            while not self.updates and time.monotonic() < deadline and not self.closing:
                try:
                    await asyncio.wait_for(
                        self._new_update.wait(), timeout=max(0.01, deadline - time.monotonic())
                    )
                except TimeoutError:
                    break
                if generation != self._poll_generation:
                    return _error(409, "Conflict: terminated by other getUpdates request")
        return _ok(list(self.updates[:100]))

    async def _m_setWebhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook = params.get("url") or None
        return _ok(True)

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook = None
        return _ok(True)

    async def _m_sendMessage(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        if chat_id in self.hang_chats:
            # The request arrived but is never answered: the bot can be killed mid-send.
            self.hang_chats.discard(chat_id)
            self.hung.set()
            await self._closed.wait()
            return _error(500, "server stopped")
        limited = self._limit(chat_id)
        if limited:
            return limited
        if chat_id in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        text = str(params.get("text", ""))
        if params.get("parse_mode") == "HTML":
            problem = check_html(text)
            if problem:
                return _error(400, problem)
        if not visible_text(text).strip():
            return _error(400, "Bad Request: message text is empty")
        problem = self._thread_problem(chat_id, params)
        if problem:
            return problem
        if len(visible_text(text).encode("utf-16-le")) // 2 > 4096:  # after entity parsing
            return _error(400, "Bad Request: message is too long")
        for label, data in Call("", params).buttons:
            if not 1 <= len(data.encode()) <= 64:
                return _error(400, "Bad Request: BUTTON_DATA_INVALID")
            if not label:
                return _error(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
        problem = self._thread_problem(chat_id, params) if chat_id in self.groups else None
        if problem is not None:
            return problem
        extra: dict[str, Any] = {"text": visible_text(text)}
        if params.get("message_thread_id") is not None:
            extra |= {"message_thread_id": int(params["message_thread_id"])}
            extra["is_topic_message"] = True
        return _ok(self._message(chat_id, extra))

    async def _m_getChat(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        group = self.groups.get(chat_id)
        if group is None:
            if chat_id.startswith("-"):
                return _error(400, "Bad Request: chat not found")
            return _ok({**self.chat(int(chat_id)), "accent_color_id": 0, "max_reaction_count": 11})
        return _ok(
            {
                "id": int(chat_id),
                "type": "supergroup",
                "title": "Cán bộ hỗ trợ kỹ thuật tỉnh",
                "is_forum": group["forum"],
                "accent_color_id": 0,
                "max_reaction_count": 11,
            }
        )

    async def _m_getChatMember(self, params: dict[str, Any]) -> web.Response:
        chat_id, user_id = str(params.get("chat_id")), int(params.get("user_id", 0))
        group = self.groups.get(chat_id)
        if group is None:
            return _error(400, "Bad Request: chat not found")
        user = self._bot_user() if user_id == BOT_ID else self.user(user_id)
        if user_id == BOT_ID and group["admin"]:
            return _ok({"status": "administrator", "user": user, **_admin_rights(group)})
        return _ok({"status": "member", "user": user})

    async def _m_createForumTopic(self, params: dict[str, Any]) -> web.Response:
        chat_id, name = str(params.get("chat_id")), str(params.get("name", ""))
        group = self.groups.get(chat_id)
        if group is None:
            return _error(400, "Bad Request: chat not found")
        if not group["forum"]:
            return _error(400, "Bad Request: the chat is not a forum")
        if not group["admin"] or not group.get("manage_topics", True):
            return _error(400, "Bad Request: not enough rights to create a topic")
        if not 1 <= len(name) <= 128:
            return _error(400, "Bad Request: TOPIC_TITLE_EMPTY")
        thread = next(self._threads)
        group["topics"][thread] = name
        return _ok({"message_thread_id": thread, "name": name, "icon_color": 7322096})

    async def _m_copyMessage(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        if chat_id in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        problem = self._thread_problem(chat_id, params)
        if problem:
            return problem
        if not params.get("from_chat_id") or not params.get("message_id"):
            return _error(400, "Bad Request: message to copy not found")
        return _ok({"message_id": next(self._message_ids)})

    def _thread_problem(self, chat_id: str, params: dict[str, Any]) -> web.Response | None:
        thread = params.get("message_thread_id")
        if thread is None:
            return None
        group = self.groups.get(chat_id)
        if group is None or int(thread) not in group["topics"]:
            return _error(400, "Bad Request: message thread not found")
        return None

    async def _m_sendContact(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        if chat_id in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        if not params.get("phone_number") or not params.get("first_name"):
            return _error(400, "Bad Request: phone number or first name is empty")
        contact = {"phone_number": params["phone_number"], "first_name": params["first_name"]}
        return _ok(self._message(chat_id, {"contact": contact}))

    async def _m_sendDocument(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        problem = _caption_problem(params)
        if problem:
            return _error(400, problem)
        doc = params.get("document")
        name = doc["filename"] if isinstance(doc, dict) else "file"
        document = {"file_id": "f1", "file_unique_id": "f1", "file_name": name}
        return _ok(self._message(chat_id, {"document": document}))

    async def _m_sendPhoto(self, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        problem = _caption_problem(params) or _photo_problem(params.get("photo"))
        if problem:
            return _error(400, problem)
        upload = params.get("photo")
        size = len(upload["content"]) if isinstance(upload, dict) else 0
        # Telegram answers the sizes it made of the picture, smallest first.
        photo = [
            {
                "file_id": f"p{side}",
                "file_unique_id": f"u{side}",
                "width": side,
                "height": side * 3 // 4,
                "file_size": max(1, size * side // 1280),
            }
            for side in (90, 320, 800, 1280)
        ]
        caption = params.get("caption")
        extra = {"caption": caption} if caption else {}
        return _ok(self._message(chat_id, {"photo": photo, **extra}))

    async def _m_getFile(self, params: dict[str, Any]) -> web.Response:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:
            return _error(400, "Bad Request: invalid file_id")
        size = len(self.files[file_id])
        return _ok(
            {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_size": size,
                "file_path": file_id,
            }
        )

    def _limit(self, chat_id: str) -> web.Response | None:
        """Telegram-like flood control: ~30/s per bot, ~1/s per chat, 20/min per group."""
        if not self.enforce_limits:
            return None
        now = time.monotonic()
        self._overall = [t for t in self._overall if now - t < 1.0]
        window, cap = (60.0, 20) if chat_id.startswith("-") else (3.0, 3)
        mine = [t for t in self._per_chat.get(chat_id, []) if now - t < window]
        if len(self._overall) >= 33 or len(mine) >= cap:
            self.rejected_429 += 1
            return _error(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        self._overall.append(now)
        self._per_chat[chat_id] = [*mine, now]
        return None

    def _message(self, chat_id: str, body: dict[str, Any]) -> dict[str, Any]:
        chat: dict[str, Any] = {
            "id": int(chat_id),
            "type": "private" if int(chat_id) > 0 else "group",
        }
        if chat["type"] == "group":
            chat["title"] = "Tổ hỗ trợ"
        if chat_id in self.groups:
            chat |= {"type": "supergroup", "is_forum": self.groups[chat_id]["forum"]}
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": BOT_USERNAME},
            **body,
        }

    # --- the user side -----------------------------------------------------------------

    def fail_next(
        self, method: str, status: int, description: str, after: int = 0, **parameters: Any
    ) -> None:
        """Make the next call of `method` (after `after` more that succeed) fail with this
        status (429 with retry_after etc.)."""
        self.failures.setdefault(method, []).append((after, status, description, parameters))

    async def push(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._ids), **update}
        async with self._new_update:
            self.updates.append(update)
            self._new_update.notify_all()
        return update

    def user(self, user_id: int, name: str = "Lan") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "vi"}

    def add_group(
        self, chat_id: int, forum: bool = True, admin: bool = True, manage_topics: bool = True
    ) -> None:
        """A supergroup the bot is in (a staff group: topics on, the bot an admin)."""
        self.groups[str(chat_id)] = {
            "forum": forum,
            "admin": admin,
            "manage_topics": manage_topics,
            "topics": {},
        }

    def topic_of(self, chat_id: int, name: str) -> int:
        """The thread id of the forum topic called `name`."""
        topics = self.groups[str(chat_id)]["topics"]
        return next(t for t, n in topics.items() if n == name)

    async def reply_to(
        self, call: Call, text: str | None = None, *, user_id: int, **extra: Any
    ) -> dict[str, Any]:
        """A person answers (Telegram "reply") a message the bot sent, in the same chat and
        forum topic, as the real client does."""
        chat_id = int(call.chat_id)
        original = dict(call.result or {})
        msg = self.message(chat_id, text, user_id=user_id, **extra)
        msg["reply_to_message"] = original
        if call.thread is not None:
            msg |= {"message_thread_id": call.thread, "is_topic_message": True}
        return await self.push({"message": msg})

    def chat(self, chat_id: int, kind: str | None = None) -> dict[str, Any]:
        kind = kind or ("private" if chat_id > 0 else "supergroup")
        chat: dict[str, Any] = {"id": chat_id, "type": kind}
        if str(chat_id) in self.groups:
            chat["is_forum"] = self.groups[str(chat_id)]["forum"]
        if kind == "private":
            chat["first_name"] = "Lan"
        else:
            chat["title"] = "Tổ hỗ trợ kỹ thuật xã"
        return chat

    def message(
        self,
        chat_id: int,
        text: str | None = None,
        *,
        user_id: int | None = None,
        reply_to_bot: bool = False,
        **extra: Any,
    ) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self.user(user_id or abs(chat_id)),
            **extra,
        }
        if text is not None:
            msg["text"] = text
            entities = _entities(text)
            if entities:
                msg["entities"] = entities
        if reply_to_bot:
            msg["reply_to_message"] = self._message(str(chat_id), {"text": "…"})
        return msg

    async def send_text(self, chat_id: int, text: str, **kw: Any) -> dict[str, Any]:
        return await self.push({"message": self.message(chat_id, text, **kw)})

    async def edit_text(self, chat_id: int, text: str) -> dict[str, Any]:
        msg = self.message(chat_id, text)
        msg["edit_date"] = msg["date"]
        return await self.push({"edited_message": msg})

    async def send_sticker(self, chat_id: int) -> dict[str, Any]:
        sticker = {
            "file_id": "CAACAgIAAxk",
            "file_unique_id": "AgAD",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return await self.push({"message": self.message(chat_id, sticker=sticker)})

    async def send_photo(self, chat_id: int, caption: str | None = None) -> dict[str, Any]:
        photo = [{"file_id": "ph1", "file_unique_id": "u1", "width": 90, "height": 90}]
        extra: dict[str, Any] = {"photo": photo}
        if caption:
            extra["caption"] = caption
        return await self.push({"message": self.message(chat_id, **extra)})

    async def send_contact(
        self, chat_id: int, phone: str, owner: int | None = None
    ) -> dict[str, Any]:
        """The user taps "share my phone" (owner = the user) or forwards someone's card."""
        contact = {"phone_number": phone, "first_name": "Lan", "user_id": owner or abs(chat_id)}
        return await self.push({"message": self.message(chat_id, contact=contact)})

    def commands_for_chat(self, chat_id: int) -> list[str] | None:
        """The command menu last set for one private chat (setMyCommands, scope chat)."""
        for call in reversed(self.calls):
            scope = call.params.get("scope") or {}
            chat = isinstance(scope, dict) and scope.get("type") == "chat"
            if (
                call.method == "setMyCommands"
                and chat
                and str(scope.get("chat_id")) == str(chat_id)
            ):
                return [c["command"] for c in call.params.get("commands", [])]
        return None

    async def send_document(self, chat_id: int, name: str, content: bytes) -> dict[str, Any]:
        file_id = f"doc{len(self.files) + 1}"
        self.files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": name,
            "file_size": len(content),
        }
        return await self.push({"message": self.message(chat_id, document=document)})

    async def press(self, chat_id: int, data: str, user_id: int | None = None) -> dict[str, Any]:
        query = {
            "id": str(next(self._ids)),
            "from": self.user(user_id or abs(chat_id)),
            "chat_instance": "ci",
            "data": data,
            "message": self._message(str(chat_id), {"text": "menu"}),
        }
        return await self.push({"callback_query": query})

    async def press_on(self, call: Call, data: str, user_id: int) -> dict[str, Any]:
        """A person presses a button of a message the bot sent (in its chat and topic)."""
        query = {
            "id": str(next(self._ids)),
            "from": self.user(user_id),
            "chat_instance": "ci",
            "data": data,
            "message": dict(call.result or {}),
        }
        return await self.push({"callback_query": query})

    async def block(self, chat_id: int) -> dict[str, Any]:
        """The user blocks the bot: 403 from now on and a my_chat_member update."""
        self.blocked.add(str(chat_id))
        member = {
            "chat": self.chat(chat_id),
            "from": self.user(chat_id),
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": self._bot_user()},
            "new_chat_member": {"status": "kicked", "user": self._bot_user(), "until_date": 0},
        }
        return await self.push({"my_chat_member": member})

    def _bot_user(self) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": BOT_USERNAME}

    async def wait_for(
        self,
        method: str | None = None,
        chat_id: int | str | None = None,
        count: int = 1,
        after: int = 0,
        timeout: float = 5.0,
    ) -> list[Call]:
        """Wait until `count` matching calls exist among calls[after:]; return them."""

        def matching() -> list[Call]:
            return [
                c
                for c in self.calls[after:]
                if (c.method == method if method else c.method in OUTGOING and c.status == 200)
                and (chat_id is None or c.chat_id == str(chat_id))
            ]

        deadline = time.monotonic() + timeout
        async with self._new_call:
            while len(matching()) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} {method or 'calls'} to {chat_id}, got "
                        f"{[(c.method, c.text[:60]) for c in matching()]}"
                    )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._new_call.wait(), remaining)
        return matching()

    def sent(self, chat_id: int | str, after: int = 0) -> list[Call]:
        """Outgoing messages to a chat."""
        return [
            c
            for c in self.calls[after:]
            if c.method in OUTGOING and c.chat_id == str(chat_id) and c.status == 200
        ]


def _admin_rights(group: dict[str, Any]) -> dict[str, Any]:
    rights = (
        "can_be_edited",
        "can_manage_chat",
        "can_change_info",
        "can_delete_messages",
        "can_invite_users",
        "can_restrict_members",
        "can_pin_messages",
        "can_promote_members",
        "can_manage_video_chats",
        "is_anonymous",
        "can_post_stories",
        "can_edit_stories",
        "can_delete_stories",
    )
    out: dict[str, Any] = dict.fromkeys(rights, False)
    out |= {"can_manage_chat": True, "can_delete_messages": True, "can_pin_messages": True}
    out["can_manage_topics"] = bool(group.get("manage_topics", True))
    return out


def _caption_problem(params: dict[str, Any]) -> str | None:
    caption = params.get("caption")
    if caption is None:
        return None
    caption = str(caption)
    if params.get("parse_mode") == "HTML":
        problem = check_html(caption)
        if problem:
            return problem
    if len(visible_text(caption).encode("utf-16-le")) // 2 > 1024:
        return "Bad Request: message caption is too long"
    return None


def png_size(content: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk."""
    if not content.startswith(b"\x89PNG\r\n\x1a\n") or len(content) < 24:
        return None
    return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")


def photo_fits(width: int, height: int) -> bool:
    """Telegram's sendPhoto limits: width + height ≤ 10000, aspect ratio ≤ 20."""
    return width + height <= 10000 and max(width, height) <= 20 * min(width, height)


def _photo_problem(photo: Any) -> str | None:
    if not isinstance(photo, dict):
        return None
    size = png_size(photo.get("content", b""))
    if size is not None and not photo_fits(*size):
        return "Bad Request: PHOTO_INVALID_DIMENSIONS"
    return None


def _entities(text: str) -> list[dict[str, Any]]:
    # Real Telegram marks commands and mentions; CommandHandler needs the bot_command entity.
    out = []
    for m in re.finditer(r"(?<!\w)(/[A-Za-z0-9_]+(?:@\w+)?|@\w+)", text):
        kind = "bot_command" if m.group(0).startswith("/") else "mention"
        if kind == "bot_command" and m.start() != 0:
            continue
        offset = len(text[: m.start()].encode("utf-16-le")) // 2
        length = len(m.group(0).encode("utf-16-le")) // 2
        out.append({"type": kind, "offset": offset, "length": length})
    return out


def _decode(value: str) -> Any:
    # PTB JSON-encodes every non-string parameter (reply_markup, chat_id as number…).
    try:
        return json.loads(value)
    except (json.JSONDecodeError, ValueError):
        return value


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(
    status: int, description: str, parameters: dict[str, Any] | None = None
) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)
