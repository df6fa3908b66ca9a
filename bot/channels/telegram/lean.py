"""PTB's ExtBot without the double work on the hot path (profiled against a bare echo bot).

* getUpdates: PTB's `get_updates` parses every update of a batch (`Update.de_list`), and
  raises for the whole batch when one update is a shape it trips over. The poison check used
  to parse each update once more beforehand. Here each update is parsed exactly once, and an
  unreadable one becomes a bare `Update(update_id)` (logged once, counted), so the next poll
  confirms it and the rest of the batch is answered.
* sendMessage and friends: PTB turns every response into a `Message` (`Message.de_json`, about
  as costly as parsing the update itself). What our senders keep of it is the message id
  (bot.channels.telegram.sender: the message staff reply to). Inside `ids_only()` the
  response stays the JSON PTB already decoded and comes back as a `Sent` with that id.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dtm
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput, TimePeriod
from telegram.ext import ExtBot

from bot.channels.health import ChannelHealth

log = logging.getLogger(__name__)
# A list while the current task sends in `ids_only()`: `_post` drops the decoded result in it.
_RAW: contextvars.ContextVar[list[JSONDict] | None] = contextvars.ContextVar(
    "lean_raw", default=None
)
_IDS_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("lean_ids_only", default=False)


@dataclass(frozen=True)
class Sent:
    """What is kept of a sent message: its id and chat (the JSON as the Bot API gave it)."""

    message_id: int
    chat_id: int | None
    raw: JSONDict


@contextlib.contextmanager
def ids_only() -> Iterator[None]:
    """Sends in this block return `Sent` (the id), not a parsed `Message`."""
    token = _IDS_ONLY.set(True)
    try:
        yield
    finally:
        _IDS_ONLY.reset(token)


class LeanBot(ExtBot[None]):
    """ExtBot that parses each update once and skips parsing responses nobody reads."""

    def __init__(self, *args: Any, health: ChannelHealth | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._health = health or ChannelHealth("telegram")

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: TimePeriod | None = None,
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        # As Bot.get_updates: the long poll's read timeout is the request's plus `timeout`.
        if isinstance(read_timeout, DefaultValue):
            waited = self._request[0].read_timeout or 0
        else:
            waited = read_timeout or 0
        seconds = timeout.total_seconds() if isinstance(timeout, dtm.timedelta) else timeout
        data: JSONDict = {
            "timeout": timeout,
            "offset": offset,
            "limit": limit,
            "allowed_updates": allowed_updates,
        }
        result = await self._post(
            "getUpdates",
            data,
            read_timeout=waited + (seconds or 0),
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
            api_kwargs=api_kwargs,
        )
        return tuple(self._parse(item) for item in result)  # wire.PollingRequest checked ids

    def _parse(self, item: JSONDict) -> Update:
        update = parse_update(item, self, self._health) or Update(update_id=item["update_id"])
        self.insert_callback_data(update)
        return update

    async def _send_message(self, endpoint: str, data: JSONDict, *args: Any, **kwargs: Any) -> Any:
        if not _IDS_ONLY.get():
            return await super()._send_message(endpoint, data, *args, **kwargs)
        box: list[JSONDict] = []
        token = _RAW.set(box)
        try:
            result = await super()._send_message(endpoint, data, *args, **kwargs)
        finally:
            _RAW.reset(token)
        if not box:  # not a message (True): as PTB gives it
            return result
        raw = box[0]
        chat = raw.get("chat")
        return Sent(
            int(raw["message_id"]), chat.get("id") if isinstance(chat, dict) else None, raw
        )

    async def _post(self, endpoint: str, data: JSONDict | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        box = _RAW.get()
        if box is not None and isinstance(result, dict) and "message_id" in result:
            box.append(result)
            return True  # Bot._send_message returns True as it is: no Message.de_json
        return result


def parse_update(item: JSONDict, bot: ExtBot[Any] | None, health: ChannelHealth) -> Update | None:
    """The update, or None when PTB cannot read it (logged once, counted)."""
    try:
        return Update.de_json(item, bot)
    except Exception as exc:  # any shape PTB trips over
        health.skipped += 1
        log.warning("telegram: skipped update %d that cannot be read (%s)", *(
            item["update_id"], type(exc).__name__))  # fmt: skip
        return None
