"""The bot's own HTTP server on BOT_LISTEN: /healthz and the channels' webhooks."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

log = logging.getLogger(__name__)

# A webhook handler gets the headers and the parsed JSON body, returns an HTTP status.
WebhookHandler = Callable[[dict[str, str], object], Awaitable[int]]
MAX_BODY = 1024 * 1024


class WebServer:
    """aiohttp application with a health check and POST routes added by channels."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.app = web.Application(client_max_size=MAX_BODY)
        self.app.router.add_get("/healthz", self._health)
        self.channels: list[str] = []
        self._runner: web.AppRunner | None = None

    def add_post(self, path: str, handler: WebhookHandler) -> None:
        """Route POST `path` to a webhook handler (before start)."""

        async def endpoint(request: web.Request) -> web.Response:
            try:
                body = await request.json()
            except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
                return web.json_response({"ok": False, "error": "invalid JSON"}, status=400)
            status = await handler(dict(request.headers), body)
            return web.json_response({"ok": status < 300}, status=status)

        self.app.router.add_post(path, endpoint)

    async def _health(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "channels": self.channels})

    async def start(self) -> None:
        """Listen on host:port."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        log.info("HTTP server on %s:%s (/healthz)", self.host, self.port)

    async def stop(self) -> None:
        """Stop listening (idempotent)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
