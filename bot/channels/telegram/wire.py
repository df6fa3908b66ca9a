"""Telegram on the wire: PTB's HTTP requests made robust, and its errors mapped to `Fault`s.

PTB logs a whole non-JSON body with a traceback and raises a bare TelegramError for it (which
looks permanent); a 200 body without `result` surfaces as a KeyError; one update it cannot
parse makes the whole getUpdates batch fail again and again. Here a bad body is a
`MalformedResponse` (a NetworkError: retried with backoff); an update without a usable id is
dropped, and one PTB cannot read is logged once, counted and replaced by a bare update with
its id (`lean.LeanBot`, which parses each update once), so the next poll confirms it.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
from http import HTTPStatus
from typing import Any

import httpx
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest, RequestData

from bot.channels.health import ChannelHealth
from bot.delivery import Fault

log = logging.getLogger(__name__)
GONE = ("chat not found", "deactivated", "blocked", "user not found", "kicked", "chat_id is empty")
# Every Bot API call's headers (httpx copies them into the request; Host and the body's are added)
_HEADERS = {"User-Agent": HTTPXRequest.USER_AGENT, "Accept": "*/*"}
_FORM_HEADERS = {**_HEADERS, "Content-Type": "application/x-www-form-urlencoded"}
_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")  # RFC 3986 unreserved: sent as they are
EMPTY_BATCH_PAUSE = 1.0  # a batch of nothing usable must not be fetched again in a tight loop


class MalformedResponse(NetworkError):
    """The Bot API (or a proxy in front of it) answered something that is not its JSON."""


class QuietRequest(HTTPXRequest):
    """HTTPXRequest whose bad bodies raise MalformedResponse, without logging the body, and
    whose requests go straight to the client's transport (`do_request`)."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """As HTTPXRequest.do_request, without the AsyncClient's layers around the transport
        (auth, redirects, cookies, event hooks, header merging, the per-request log line with
        the token in the URL): a Bot API call uses none of them, and they cost a quarter of
        each call's CPU. The same transport, pool, proxy, timeouts and error mapping."""
        client = self._client
        if client.is_closed:
            raise RuntimeError("This HTTPXRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        defaults = client.timeout
        timeout = httpx.Timeout(
            connect=_given(connect_timeout, defaults.connect),
            read=_given(read_timeout, defaults.read),
            write=_given(write_timeout, self._media_write_timeout if files else defaults.write),
            pool=_given(pool_timeout, defaults.pool),
        )
        extensions = {"timeout": timeout.as_dict()}
        body: dict[str, Any] = (
            {"headers": _FORM_HEADERS, "content": form_body(fields)}  # our encoding of `data=`
            if fields and not files
            else {"headers": _HEADERS, "data": fields, "files": files}  # uploads: httpx's own
        )
        request = httpx.Request(method, _url(url), extensions=extensions, **body)
        try:
            response = await client._transport_for_url(request.url).handle_async_request(request)
            try:
                content = await response.aread()
            finally:
                await response.aclose()
        except httpx.PoolTimeout as err:
            raise TimedOut("Pool timeout: all connections are busy; not sent.") from err
        except httpx.TimeoutException as err:
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        if response.status_code >= 400 and not content.lstrip().startswith(b"{"):
            content = _error_body(response.status_code, len(content))
        return response.status_code, content

    @staticmethod
    def parse_json_payload(payload: bytes) -> Any:
        try:
            return json.loads(payload.decode("utf-8", "replace"))
        except ValueError:
            raise MalformedResponse(f"Invalid server response ({len(payload)} bytes)") from None

    # PTB marks post() @final for users of BaseRequest; this subclass only narrows its errors.
    async def post(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
        """The `result` of a successful call; MalformedResponse for any other shape."""
        try:
            return await super().post(*args, **kwargs)
        except (KeyError, TypeError, AttributeError) as exc:
            raise MalformedResponse(f"Invalid server response ({type(exc).__name__})") from None


def _error_body(status: int, size: int) -> bytes:
    """A refusal whose body is not the Bot API's JSON (a proxy's HTML 502 page) as the JSON
    error it stands for: PTB would put the whole page in the error's message, and so in every
    log line and notice that quotes it."""
    reason = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    said = f"{reason} (a {size}-byte answer that is not the Bot API's)"
    return json.dumps({"ok": False, "error_code": status, "description": said}).encode()


def _given(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def form_body(fields: dict[str, str]) -> bytes:
    """The fields as application/x-www-form-urlencoded, what httpx's `data=` sends, encoded
    in C: urllib's quote_plus walks a Vietnamese answer's UTF-8 bytes one by one in Python (a
    tenth of the bot's own CPU per answer). A value with anything beyond the unreserved
    characters is percent-encoded whole (`bytes.hex`), which every form decoder reads the same.
    """
    return "&".join(f"{_pct(k)}={_pct(v)}" for k, v in fields.items()).encode("ascii")


def _pct(value: str) -> str:
    if _SAFE.fullmatch(value):
        return value
    return "%" + value.encode("utf-8").hex("%").upper()


@functools.lru_cache(maxsize=256)
def _url(url: str) -> httpx.URL:
    """Each Bot API method's URL, parsed once (there are a few dozen)."""
    return httpx.URL(url)


class PollingRequest(QuietRequest):
    """The getUpdates request: records each successful poll and skips unreadable updates."""

    def __init__(self, health: ChannelHealth, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.health = health

    # PTB marks post() @final for users of BaseRequest; this subclass only narrows its errors.
    async def post(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
        result = await super().post(*args, **kwargs)
        if not isinstance(result, list):
            raise MalformedResponse("getUpdates answered something that is not a list")
        self.health.ok_now()
        batch = [u for u in (readable(item, self.health) for item in result) if u is not None]
        if result and not batch:
            await asyncio.sleep(EMPTY_BATCH_PAUSE)
        return batch


def readable(item: object, health: ChannelHealth) -> dict[str, Any] | None:
    """The update when it has a usable id (parsed once, later: bot.channels.telegram.lean),
    None when it has no usable id at all."""
    update_id = item.get("update_id") if isinstance(item, dict) else None
    if type(update_id) is not int or not 0 <= update_id < 2**63:
        health.skipped += 1
        log.warning("telegram: dropped an update without a valid update_id")
        return None
    return item  # type: ignore[return-value]


def classify(exc: BaseException) -> Fault:
    """A PTB exception → the delivery table's fault (bot.delivery)."""
    if isinstance(exc, RetryAfter):
        return Fault.RATE_LIMITED
    if isinstance(exc, Forbidden):
        return Fault.FORBIDDEN
    if isinstance(exc, InvalidToken):
        return Fault.UNAUTHORIZED
    if isinstance(exc, ChatMigrated):
        return Fault.CHAT_GONE
    if isinstance(exc, BadRequest):
        gone = any(w in str(exc).lower() for w in GONE)
        return Fault.CHAT_GONE if gone else Fault.BAD_REQUEST
    if isinstance(exc, TimedOut):
        return Fault.TIMEOUT
    if isinstance(exc, MalformedResponse):
        return Fault.MALFORMED
    if isinstance(exc, NetworkError):
        return Fault.SERVER if "(5" in str(exc) else Fault.NETWORK
    if isinstance(exc, TelegramError):
        return Fault.MALFORMED if "invalid server response" in str(exc).lower() else (
            Fault.BAD_REQUEST)  # fmt: skip
    return Fault.MALFORMED  # a body PTB could not turn into a Message: it may have arrived
