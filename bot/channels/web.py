"""The bot's own HTTP server on BOT_LISTEN: /healthz and the channels' webhooks."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger(__name__)

# A webhook handler gets the headers and the parsed JSON body, returns an HTTP status.
WebhookHandler = Callable[[dict[str, str], object], Awaitable[int]]
MAX_BODY = 1024 * 1024


class WebServer:
    """aiohttp application with a health check and POST routes added by channels.

    aiohttp (about 0.2 s of imports) is loaded in `start`, which the runner calls after the
    channels are polling: routes added before are kept until then.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.channels: list[str] = []
        self._posts: list[tuple[str, WebhookHandler]] = []
        self._runner: Any = None

    def add_post(self, path: str, handler: WebhookHandler) -> None:
        """Route POST `path` to a webhook handler (before start)."""
        self._posts.append((path, handler))

    def _application(self) -> web.Application:
        from aiohttp import web

        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_get("/healthz", self._health)
        for path, handler in self._posts:
            app.router.add_post(path, _endpoint(handler))
        return app

    async def _health(self, request: web.Request) -> web.Response:
        from aiohttp import web

        return web.json_response({"ok": True, "channels": self.channels})

    async def start(self) -> None:
        """Listen on host:port."""
        from aiohttp import web

        self._runner = web.AppRunner(self._application(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        log.info("HTTP server on %s:%s (/healthz)", self.host, self.port)

    async def stop(self) -> None:
        """Stop listening (idempotent)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def _endpoint(handler: WebhookHandler) -> Callable[[web.Request], Awaitable[web.Response]]:
    from aiohttp import web

    async def endpoint(request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            return web.json_response({"ok": False, "error": "invalid JSON"}, status=400)
        status = await handler(dict(request.headers), body)
        return web.json_response({"ok": status < 300}, status=status)

    return endpoint
