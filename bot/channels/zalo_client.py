"""A thin httpx client for the Zalo Bot API (bot-api.zaloplatforms.com).

Every call is a JSON POST to {root}/bot{token}/{method}. Errors arrive in the JSON body, often
with HTTP 200, so `ok` decides, not the status. getUpdates answers one update per call and
"error" 408 when idle. Non-JSON bodies (an nginx 429 page), 429 and 5xx are transient. The token
is in the URL path, so no URL ever goes into an exception message or a log line.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from bot.delivery import Fault

log = logging.getLogger(__name__)
MAX_TEXT = 2000  # sendMessage accepts 1–2000 characters
IDLE = 408


class ZaloError(Exception):
    """A failed call: `code` from the body (or HTTP status), `transient` when worth retrying."""

    def __init__(
        self,
        method: str,
        code: int | None,
        description: str,
        transient: bool,
        fault: Fault | None = None,
    ) -> None:
        super().__init__(f"Zalo {method} failed: {code} {description}")
        self.method, self.code, self.description, self.transient = (
            method,
            code,
            description,
            transient,
        )
        self.fault = fault or _fault(code)


class ZaloClient:
    """getMe, getUpdates, setWebhook, deleteWebhook, sendMessage, sendChatAction."""

    def __init__(
        self, token: str, root: str, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._base = f"{root.rstrip('/')}/bot{token}"
        self._http = httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(15.0))

    async def close(self) -> None:
        await self._http.aclose()

    async def call(
        self, method: str, payload: dict[str, Any] | None = None, timeout: float = 15.0
    ) -> Any:
        """POST JSON, return `result`; ZaloError otherwise (never with the URL in it)."""
        try:
            response = await self._http.post(
                f"{self._base}/{method}", json=payload or {}, timeout=timeout
            )
        except httpx.HTTPError as exc:
            fault = Fault.TIMEOUT if isinstance(exc, httpx.TimeoutException) else Fault.NETWORK
            raise ZaloError(method, None, type(exc).__name__, True, fault) from None
        try:
            body = response.json()
        except ValueError:
            raise ZaloError(
                method, response.status_code, "non-JSON response", True, Fault.MALFORMED
            ) from None
        if not isinstance(body, dict):
            raise ZaloError(method, response.status_code, "unexpected body", True, Fault.MALFORMED)
        if body.get("ok") is True:
            return body.get("result")
        code = _int(body.get("error_code")) or response.status_code
        transient = code in (IDLE, 403, 429) or code >= 500  # 403: "internal server error"
        raise ZaloError(method, code, str(body.get("description", "")), transient)

    async def get_me(self) -> dict[str, Any]:
        return await self.call("getMe")

    async def get_update(self, timeout: int = 30) -> dict[str, Any] | None:
        """One update, or None when the long poll ended idle (408) or empty."""
        try:
            result = await self.call("getUpdates", {"timeout": str(timeout)}, timeout=timeout + 10)
        except ZaloError as exc:
            if exc.code == IDLE:
                return None
            raise
        if isinstance(result, list):  # documented as one object; accept a list defensively
            result = result[0] if result else None
        return result if isinstance(result, dict) and result.get("event_name") else None

    async def set_webhook(self, url: str, secret: str) -> Any:
        return await self.call("setWebhook", {"url": url, "secret_token": secret})

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def send_message(self, chat_id: str, text: str) -> list[Any]:
        """Plain text, split at paragraph or line boundaries into pieces of at most 2000."""
        from bot.texts import split_text

        return [await self.send_piece(chat_id, piece) for piece in split_text(text, MAX_TEXT)]

    async def send_piece(self, chat_id: str, text: str) -> Any:
        """One sendMessage of at most 2000 characters."""
        return await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.call("sendChatAction", {"chat_id": chat_id, "action": action})


def _fault(code: int | None) -> Fault:
    """Zalo's error codes (its docs' error-code page) → the delivery table's faults."""
    if code is None or code >= 500:
        return Fault.SERVER
    return {
        400: Fault.BAD_REQUEST,
        401: Fault.UNAUTHORIZED,
        403: Fault.FORBIDDEN,  # documented as "Internal server error": retried
        404: Fault.NOT_FOUND,
        408: Fault.TIMEOUT,
        429: Fault.QUOTA,  # "Quota exceeded": the plan's monthly messages
    }.get(code, Fault.BAD_REQUEST)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
