"""A fake Zalo Bot API on 127.0.0.1, with the traps of the real one.

Errors come with HTTP 200 in the JSON body; getUpdates hands out one update per call and answers
"error" 408 when idle; updates can be redelivered; the bot's own messages can come back as
updates; sendMessage rejects empty text and text over 2000 characters; a non-JSON 429 page can
be injected. Tests drive it as users: `text`, `image`, `sticker`, `unsupported`, `echo`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import secrets
import time
from typing import Any

from aiohttp import web

from tests.servers import serve

BOT_ID = "1459232241454765289"
BOT_NAME = "Bot Hỗ trợ kỹ thuật"


class FakeZalo:
    def __init__(self, token: str) -> None:
        self.token = token
        self.updates: list[dict[str, Any]] = []
        self.sent: list[dict[str, Any]] = []
        self.calls: list[str] = []
        self.webhook: dict[str, str] | None = None
        self.failures: dict[str, list[web.Response]] = {}
        self.unknown_chats: set[str] = set()
        self.errors: list[tuple[str, dict]] = []  # requests the bot got wrong (not injected)
        self._new = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._ids = itertools.count(1)
        self.port = 0
        self.closing = False

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._api)
        self._runner, self.port = await serve(app)

    async def stop(self) -> None:
        self.closing = True
        async with self._new:
            self._new.notify_all()
        if self._runner:
            await self._runner.cleanup()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls.append(method)
        if request.match_info["token"] != self.token:
            return _err(401, "Unauthorized")
        try:
            params = await request.json()
        except ValueError:
            return _err(400, "Bad request")
        queued = self.failures.get(method)
        if queued:
            return queued.pop(0)
        handler = getattr(self, f"_m_{method}", None)
        response = await handler(params) if handler else _err(404, "Not Found")
        if method != "getUpdates" and b'"ok": false' in (response.body or b""):  # type: ignore[operator]
            self.errors.append((method, params))
        return response

    async def _m_getMe(self, params: dict) -> web.Response:
        return _ok(
            {
                "id": BOT_ID,
                "account_name": "bot.thanhhoa",
                "account_type": "BASIC",
                "can_join_groups": True,
                "display_name": BOT_NAME,
            }
        )

    async def _m_getUpdates(self, params: dict) -> web.Response:
        if self.webhook:
            return _err(400, "Bad request: webhook is active")
        deadline = time.monotonic() + float(params.get("timeout", 30))
        async with self._new:
            while not self.updates and not self.closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    await asyncio.wait_for(self._new.wait(), remaining)
                except TimeoutError:
                    break
            if not self.updates:
                return _err(408, "Request timeout")  # the normal idle answer, with HTTP 200
            return _ok(self.updates.pop(0))

    async def _m_sendMessage(self, params: dict) -> web.Response:
        chat_id, text = str(params.get("chat_id") or ""), params.get("text")
        if not chat_id:
            return _err(400, "Bad request: The chat_id must not be empty")
        if not isinstance(text, str) or not 1 <= len(text) <= 2000:
            return _err(400, "Bad request: text must be 1-2000 characters")
        if chat_id in self.unknown_chats:
            return _err(404, "Not Found")
        self.sent.append({"chat_id": chat_id, "text": text})
        async with self._new:
            self._new.notify_all()
        return _ok({"message_id": secrets.token_hex(10), "date": int(time.time() * 1000)})

    async def _m_sendChatAction(self, params: dict) -> web.Response:
        return web.json_response({"ok": True})

    async def _m_setWebhook(self, params: dict) -> web.Response:
        if not params.get("url") or len(params.get("secret_token", "")) < 8:
            return _err(400, "Bad request: url and secret_token (8-256) are required")
        self.webhook = {"url": params["url"], "secret": params["secret_token"]}
        return _ok({"url": params["url"], "updated_at": int(time.time() * 1000)})

    async def _m_deleteWebhook(self, params: dict) -> web.Response:
        self.webhook = None
        return _ok({"url": "", "updated_at": int(time.time() * 1000)})

    # --- the user side ------------------------------------------------------------------

    def update(
        self,
        event: str,
        user: str,
        chat: str | None = None,
        group: bool = False,
        message_id: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        return {
            "event_name": event,
            "message": {
                "from": {"id": user, "display_name": f"Người dùng {user[-3:]}", "is_bot": False},
                "chat": {"id": chat or user, "chat_type": "GROUP" if group else "PRIVATE"},
                "message_id": message_id or secrets.token_hex(10),
                "date": int(time.time() * 1000),
                **fields,
            },
        }

    async def push(self, update: dict[str, Any]) -> dict[str, Any]:
        async with self._new:
            self.updates.append(update)
            self._new.notify_all()
        return update

    async def text(self, user: str, text: str, **kw: Any) -> dict[str, Any]:
        return await self.push(self.update("message.text.received", user, text=text, **kw))

    async def image(self, user: str, caption: str = "") -> dict[str, Any]:
        return await self.push(
            self.update(
                "message.image.received",
                user,
                photo_url="https://zalo.example/p.jpg",
                caption=caption,
            )
        )

    async def sticker(self, user: str) -> dict[str, Any]:
        return await self.push(self.update("message.sticker.received", user, sticker="bfe1"))

    async def unsupported(self, user: str) -> dict[str, Any]:
        return await self.push(self.update("message.unsupported.received", user))

    async def echo(self, chat: str, text: str) -> dict[str, Any]:
        update = self.update("message.text.received", BOT_ID, chat=chat, text=text)
        update["message"]["from"] = {"id": BOT_ID, "display_name": BOT_NAME, "is_bot": True}
        return await self.push(update)

    def to(self, chat: str) -> list[str]:
        return [m["text"] for m in self.sent if m["chat_id"] == chat]

    async def wait_sent(self, chat: str, count: int = 1, timeout: float = 10.0) -> list[str]:
        deadline = time.monotonic() + timeout
        async with self._new:
            while len(self.to(chat)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} messages to {chat}, got {self.to(chat)}"
                    )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._new.wait(), remaining)
        return self.to(chat)


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _err(code: int, description: str) -> web.Response:
    # Zalo answers errors with HTTP 200 and the code in the body.
    return web.json_response({"ok": False, "error_code": code, "description": description})
