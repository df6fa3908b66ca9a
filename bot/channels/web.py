"""The bot's own HTTP server on BOT_LISTEN: /healthz and the channels' webhooks."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger(__name__)

# A webhook handler gets the headers (case-insensitive) and the parsed JSON body (None when
# it is not JSON) and returns an HTTP status; `authorize` sees the headers before the body
# is read.
WebhookHandler = Callable[[Mapping[str, str], object], Awaitable[int]]
Authorize = Callable[[Mapping[str, str]], bool]
MAX_BODY = 1024 * 1024


def secret_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison; header bytes that are not ASCII simply do not match."""
    raw = (given or "").encode("utf-8", "surrogateescape")
    return hmac.compare_digest(raw, expected.encode())


class WebServer:
    """aiohttp application with a health check and POST routes added by channels.

    aiohttp (about 0.2 s of imports) is loaded in `start`, which the runner calls after the
    channels are polling; routes added before are kept until then.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.channels: list[str] = []
        self.health: dict[str, Callable[[], dict[str, object]]] = {}  # channel → report
        self._posts: list[tuple[str, WebhookHandler, Authorize]] = []
        self._mounts: list[Callable[[Any], None]] = []  # e.g. the web dashboard's routes
        self._runner: Any = None

    def add_post(self, path: str, handler: WebhookHandler, authorize: Authorize) -> None:
        """Route POST `path` to a webhook handler (before start): the secret first, then the
        body; a body that is not JSON is still a 200 (the sender would redeliver it forever)."""
        self._posts.append((path, handler, authorize))

    def mount(self, install: Callable[[Any], None]) -> None:
        """Let a part add its own routes to the application when it is built (before start)."""
        self._mounts.append(install)

    def _application(self) -> web.Application:
        from aiohttp import web

        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_get("/healthz", self._health)
        for path, handler, authorize in self._posts:
            app.router.add_post(path, _endpoint(path, handler, authorize))
        for install in self._mounts:
            install(app)
        return app

    async def _health(self, request: web.Request) -> web.Response:
        from aiohttp import web

        reports = {name: report() for name, report in self.health.items()}
        ok = all(r.get("ok") for r in reports.values())
        body = {"ok": ok, "channels": self.channels, "health": reports}
        return web.json_response(body, status=200 if ok else 503)

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


def _endpoint(
    path: str, handler: WebhookHandler, authorize: Authorize
) -> Callable[[web.Request], Awaitable[web.Response]]:
    from aiohttp import web

    async def endpoint(request: web.Request) -> web.Response:
        if not authorize(request.headers):  # CIMultiDict: any header-name case
            return web.json_response({"ok": False}, status=403)
        try:
            body = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            log.warning("%s: ignored a request whose body is not JSON", path)
            body = None
        status = await handler(request.headers, body)
        return web.json_response({"ok": status < 300}, status=status)

    return endpoint
