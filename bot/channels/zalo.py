"""Zalo through the Bot API: long polling or webhook, into the same engine as Telegram.

Zalo specifics handled here: one update per getUpdates call and 408 when idle; a 1 s floor
between polls (a non-empty queue answers at once); redeliveries (de-duplicated by message_id,
persisted); the bot's own messages echoed back (dropped, as are other bots); dates in
milliseconds; images, stickers, voice and protected users' "unsupported" events; no buttons
(numbered options), no files, no contact cards; text at most 2000 characters per message.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
from typing import Any

from bot import texts
from bot.channels.zalo_client import ZaloClient, ZaloError
from bot.engine import Engine
from bot.messages import Incoming, Person, Reply
from bot.ordering import ChatOrder
from bot.outbox import Outcome
from bot.ratelimit import RateGate
from bot.scheduler import Arm, event_loop_timer
from bot.services import Services

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/zalo/webhook"
POLL_TIMEOUT = 30
POLL_FLOOR = 1.0  # seconds between polls
MAX_BACKOFF = 30.0
RATE_LIMITED_WAIT = 5.0  # Zalo's 429 carries no retry_after
FILE_NOTE = "(Tệp này chỉ gửi được qua bot trên Telegram.)"


def to_incoming(update: dict[str, Any], bot_id: str, bot_name: str = "") -> Incoming | None:
    """A Zalo update → Incoming; None for echoes, other bots and updates without a sender."""
    message = update.get("message") or {}
    sender = message.get("from") or {}
    sender_id = str(sender.get("id") or "")
    if sender.get("is_bot") or not sender_id or sender_id == bot_id:
        return None
    chat = message.get("chat") or {}
    chat_id = str(chat.get("id") or sender_id)
    name = sender.get("display_name") or sender.get("first_name") or sender.get("name") or ""
    person = Person("zalo", sender_id, str(name))
    group = str(chat.get("chat_type", "")).upper() == "GROUP"
    if update.get("event_name") != "message.text.received":
        caption = str(message.get("caption") or "").strip()  # images carry one; it is routed
        return Incoming(
            "zalo", chat_id, person, "media", caption, media=update.get("event_name"), group=group
        )
    text = str(message.get("text") or "")
    if group and bot_name:  # Zalo only delivers group messages that mention the bot
        text = text.replace(f"@{bot_name}", " ")
    text = text.strip()
    if text.startswith("/") and len(text) > 1:
        head, _, rest = text[1:].partition(" ")
        return Incoming(
            "zalo", chat_id, person, "command", rest.strip(), head.lower(), group=group
        )
    return Incoming("zalo", chat_id, person, "text", text, group=group)


def unwrap(body: Any) -> dict[str, Any] | None:
    """Webhook bodies come wrapped in {ok, result} (the docs) or bare (what Zalo sends)."""
    if isinstance(body, dict) and body.get("ok") is True and isinstance(body.get("result"), dict):
        body = body["result"]
    return body if isinstance(body, dict) and body.get("event_name") else None


def render(reply: Reply) -> str:
    """Plain text, numbered options, a note instead of files (Zalo cannot upload them)."""
    out = texts.render_plain(reply.text)
    if reply.choices:
        out += "\n\n" + texts.numbered(reply.choices)
    if reply.attachment:
        out += "\n" + FILE_NOTE
    return out.strip() or "…"


class ZaloSender:
    """The outbox's and the replies' port to Zalo."""

    def __init__(self, client: ZaloClient, gate: RateGate) -> None:
        self.client, self.gate = client, gate

    async def send(self, chat_id: str, reply: Reply, bulk: bool = True) -> Outcome:
        await self.gate.acquire(bulk)
        try:
            await self.client.send_message(chat_id, render(reply))
        except ZaloError as exc:
            if exc.code == 429:
                return Outcome("retry_after", RATE_LIMITED_WAIT, exc.description)
            if exc.transient:
                return Outcome("transient", error=exc.description)
            if exc.code in (403, 404):
                return Outcome("unreachable", error=exc.description)
            return Outcome("failed", error=f"{exc.code} {exc.description}")
        return Outcome("sent")


class ZaloChannel:
    """Starts polling or registers the webhook; every update goes through the engine."""

    name = "zalo"

    def __init__(
        self, services: Services, engine: Engine, web: Any = None, transport: Any = None
    ) -> None:
        settings = services.settings
        assert settings.zalo_token is not None
        self.s, self.engine, self.web = services, engine, web
        self.client = ZaloClient(
            settings.zalo_token.get_secret_value(), settings.zalo_api_url, transport
        )
        # Zalo publishes no per-second limit; stay gentle (the free plan also caps the month).
        self.gate = RateGate(rate=5.0, capacity=3.0, reserve=1.0)
        self.sender = ZaloSender(self.client, self.gate)
        self.bot_id, self.bot_name = "", ""
        self.poll_timeout = POLL_TIMEOUT
        self._poller: asyncio.Task | None = None
        self._tasks: set[asyncio.Task] = set()
        self._stopping = False
        self.order = ChatOrder()

    async def start(self) -> None:
        await self.s.store.forget_inbound(self.s.clock())  # ids are needed for minutes only
        me = await self.client.get_me()
        self.bot_id = str(me.get("id", ""))
        self.bot_name = str(me.get("display_name") or me.get("account_name") or "")
        self.s.bot_names["zalo"] = self.bot_name or "bot"
        settings = self.s.settings
        if settings.webhook_url and settings.zalo_webhook_secret and self.web is not None:
            self.web.add_post(WEBHOOK_PATH, self._webhook)
            await self.client.set_webhook(
                f"{settings.webhook_url}{WEBHOOK_PATH}",
                settings.zalo_webhook_secret.get_secret_value(),
            )
            log.info("zalo channel started (webhook)")
        else:
            with contextlib.suppress(ZaloError):  # polling fails while a webhook is set
                await self.client.delete_webhook()
            self._poller = asyncio.get_running_loop().create_task(self._poll())
            log.info("zalo channel started (polling)")

    async def stop(self) -> None:
        self._stopping = True
        if self._poller:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.client.close()

    def timer(self) -> Arm:
        """Zalo has no JobQueue of its own: a timer on the event loop."""
        return event_loop_timer()

    async def _poll(self) -> None:
        backoff = 1.0
        while not self._stopping:
            started = time.monotonic()
            try:
                update = await self.client.get_update(self.poll_timeout)
                backoff = 1.0
            except ZaloError as exc:
                if not exc.transient:
                    log.error("zalo polling stopped: %s (check BOT_ZALO_TOKEN)", exc)
                    if exc.code in (401, 403):
                        return
                await asyncio.sleep(backoff)
                backoff = min(MAX_BACKOFF, backoff * 2)
                continue
            if update is not None:  # chats side by side; `handle` keeps each chat in order
                self._spawn(update)
            await asyncio.sleep(max(0.0, POLL_FLOOR - (time.monotonic() - started)))

    async def _webhook(self, headers: dict[str, str], body: Any) -> int:
        secret = self.s.settings.zalo_webhook_secret
        given = headers.get("X-Bot-Api-Secret-Token", "")
        if secret is None or not hmac.compare_digest(
            given.encode(), secret.get_secret_value().encode()
        ):
            return 403
        update = unwrap(body)
        if update is not None:  # answer 200 at once; the work happens in the background
            self._spawn(update)
        return 200

    def _spawn(self, update: dict[str, Any]) -> None:
        task = asyncio.get_running_loop().create_task(self.handle(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def handle(self, update: dict[str, Any]) -> None:
        """De-duplicate, translate, run the engine, send the replies."""
        inc = to_incoming(update, self.bot_id, self.bot_name)
        if inc is None:
            return
        # Taken before the first await: the chat's updates get the lock in arrival order.
        async with self.order.hold(inc.chat_id):
            await self._handle(update, inc)

    async def _handle(self, update: dict[str, Any], inc: Incoming) -> None:
        message_id = str((update.get("message") or {}).get("message_id") or "")
        if message_id and not await self.s.store.first_delivery(
            "zalo", message_id, self.s.clock()
        ):
            return
        try:
            replies = await self.engine.handle(inc)
            for reply in replies:
                outcome = await self.sender.send(inc.chat_id, reply, bulk=False)
                if outcome.status != "sent":
                    log.warning("zalo reply not delivered: %s", outcome.error)
        except Exception:
            log.exception("zalo update failed")
