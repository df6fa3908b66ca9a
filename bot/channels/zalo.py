"""Zalo through the Bot API: long polling or webhook, into the same engine as Telegram.

Zalo specifics handled here: one update per getUpdates call and 408 when idle; the next poll
goes out at once after an update (a queue of waiting updates drains at full speed) and a 1 s
floor applies only when idle; redeliveries (de-duplicated by message_id, persisted); the bot's
own messages echoed back (dropped, as are other bots); dates in milliseconds; images,
stickers, voice and protected users' "unsupported" events; no buttons (numbered options), no
files, no contact cards; text at most 2000 characters per message; the free plan's monthly
message quota (bot.quota). Updates of one chat are handled in order, chats concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping
from typing import Any

from bot import texts
from bot.channels.health import ChannelHealth
from bot.channels.web import secret_matches
from bot.channels.zalo_client import MAX_TEXT, ZaloClient, ZaloError
from bot.chat import Incoming, Person, Reply
from bot.delivery import Fault, Outcome, failure
from bot.deps import Deps
from bot.engine import Engine
from bot.ordering import IN_FLIGHT, ChatOrder
from bot.quota import MonthlyBudget
from bot.ratelimit import RateGate
from bot.replies import answer
from bot.timer import Arm, event_loop_timer

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/zalo/webhook"
POLL_TIMEOUT = 30
POLL_FLOOR = 1.0  # seconds between polls
MAX_BACKOFF = 30.0
RESTART_PAUSE = 5.0  # a poller that crashed is restarted after this long


def to_incoming(update: dict[str, Any], bot_id: str, bot_name: str = "") -> Incoming | None:
    """A Zalo update → Incoming; None for echoes, other bots and updates without a sender."""
    message = _object(update.get("message"))
    sender = _object(message.get("from"))
    sender_id = _id(sender.get("id"))
    if sender.get("is_bot") is True or not sender_id or sender_id == bot_id:
        return None
    chat = _object(message.get("chat"))
    chat_id = _id(chat.get("id")) or sender_id
    name = next(
        (v for k in ("display_name", "first_name", "name") if isinstance(v := sender.get(k), str)),
        "",
    )
    person = Person("zalo", sender_id, name[:200])
    group = str(chat.get("chat_type", "")).upper() == "GROUP"
    message_id = str(message.get("message_id") or "")[:100]
    if update.get("event_name") != "message.text.received":
        event = str(update.get("event_name"))[:80]
        caption = message.get("caption")  # images carry one; it is routed like a question
        caption = caption.strip() if isinstance(caption, str) else ""
        return Incoming(
            "zalo",
            chat_id,
            person,
            "media",
            caption,
            media=event,
            group=group,
            message_id=message_id,
        )
    raw = message.get("text")
    text = raw if isinstance(raw, str) else ""
    if group and bot_name:  # Zalo only delivers group messages that mention the bot
        text = text.replace(f"@{bot_name}", " ")
    text = text.strip()
    if text.startswith("/") and len(text) > 1:
        head, _, rest = text[1:].partition(" ")
        return Incoming(
            "zalo", chat_id, person, "command", rest.strip(), head.lower(), group=group
        )
    return Incoming("zalo", chat_id, person, "text", text, group=group, message_id=message_id)


def _object(value: Any) -> dict[str, Any]:
    # Forged or broken updates carry strings, lists or numbers where objects belong.
    return value if isinstance(value, dict) else {}


def _id(value: Any) -> str:
    """Zalo ids are opaque strings; numbers are tolerated, anything else is no id."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    text = str(value).strip()
    return text if 0 < len(text) <= 64 and text.isprintable() else ""


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
    if reply.attachment or reply.copy:
        out += "\n" + texts.FILE_ON_TELEGRAM_ONLY
    return out.strip() or "…"


class ZaloSender:
    """The outbox's and the replies' port to Zalo: errors classified for bot.delivery, every
    accepted message counted against the month's budget."""

    def __init__(
        self, client: ZaloClient, gate: RateGate, budget: MonthlyBudget | None = None
    ) -> None:
        self.client, self.gate, self.budget = client, gate, budget

    async def send(self, chat_id: str, reply: Reply, bulk: bool = True, skip: int = 0) -> Outcome:
        if self.budget and not await self.budget.allows(bulk):
            return failure("zalo", Fault.QUOTA, "monthly message budget spent")
        sent = 0
        try:
            for piece in texts.split_text(render(reply), MAX_TEXT)[skip:]:
                await self.gate.acquire(bulk)
                await self.client.send_piece(chat_id, piece)
                sent += 1
        except ZaloError as exc:
            if exc.fault is Fault.QUOTA and self.budget:
                await self.budget.exhausted()
            return failure("zalo", exc.fault, f"{exc.code} {exc.description}", sent=sent)
        finally:
            if sent and self.budget:
                await self.budget.spent(sent)
        return Outcome("sent", parts_sent=sent)


class ZaloChannel:
    """Starts polling or registers the webhook; every update goes through the engine."""

    name = "zalo"

    def __init__(
        self, services: Deps, engine: Engine, web: Any = None, transport: Any = None
    ) -> None:
        settings = services.settings
        assert settings.zalo_token is not None
        self.s, self.engine, self.web = services, engine, web
        self.client = ZaloClient(
            settings.zalo_token.get_secret_value(), settings.zalo_api_url, transport
        )
        # Zalo publishes no per-second limit; stay gentle (the free plan also caps the month).
        self.gate = RateGate(rate=5.0, capacity=3.0, reserve=1.0)
        budget = MonthlyBudget(services, "zalo", settings.zalo_monthly_limit)
        self.sender = ZaloSender(self.client, self.gate, budget)
        self.health = ChannelHealth("zalo")
        self.bot_id, self.bot_name = "", ""
        self.poll_timeout = POLL_TIMEOUT
        self.restart_pause = RESTART_PAUSE
        self._poller: asyncio.Task | None = None
        self._tasks: set[asyncio.Task] = set()
        # Bounds the updates in flight: the poller (and a webhook call) waits for a slot
        # before taking more, so a flood costs a bounded amount of memory.
        self._slots = asyncio.Semaphore(IN_FLIGHT)
        self._stopping = False
        self.order = ChatOrder()

    async def start(self) -> None:
        await self.s.store.inbound.forget(self.s.clock())  # ids are needed for minutes only
        me = await self.client.get_me()
        self.bot_id = str(me.get("id", ""))
        self.bot_name = str(me.get("display_name") or me.get("account_name") or "")
        self.s.bot_names["zalo"] = self.bot_name or "bot"
        settings = self.s.settings
        if settings.webhook_url and settings.zalo_webhook_secret and self.web is not None:
            self.health.mode = "webhook"
            self.web.add_post(WEBHOOK_PATH, self._webhook, self._authorized)
            await self.client.set_webhook(
                f"{settings.webhook_url}{WEBHOOK_PATH}",
                settings.zalo_webhook_secret.get_secret_value(),
            )
            log.info("zalo channel started (webhook)")
        else:
            with contextlib.suppress(ZaloError):  # polling fails while a webhook is set
                await self.client.delete_webhook()
            self._poller = asyncio.get_running_loop().create_task(self._supervise())
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

    def timer(self, name: str = "nudges") -> Arm:
        """Zalo has no JobQueue of its own: a timer on the event loop."""
        return event_loop_timer()

    def report(self) -> dict[str, object]:
        """For /healthz: the last successful poll or webhook; not ok when the poller died."""
        if self.health.mode == "polling":
            self.health.running = self._poller is not None and not self._poller.done()
        return self.health.report()

    async def _supervise(self) -> None:
        """Keep the poller alive: an unexpected error is logged and the loop restarted."""
        while not self._stopping:
            try:
                await self._poll()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                self.health.restarts += 1
                log.exception("zalo poller failed; restarting in %.0f s", self.restart_pause)
                await asyncio.sleep(self.restart_pause)

    async def _poll(self) -> None:
        backoff = 1.0
        while not self._stopping:
            started = time.monotonic()
            try:
                update = await self.client.get_update(self.poll_timeout)
                backoff = 1.0
                self.health.ok_now()
            except ZaloError as exc:
                if exc.code == 401:
                    log.error("zalo polling stopped: %s (check BOT_ZALO_TOKEN)", exc)
                    self.health.running = False
                    return
                if not exc.transient:
                    log.warning("zalo polling: %s; retrying in %.0f s", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(MAX_BACKOFF, backoff * 2)
                continue
            if update is not None:  # more may be waiting: ask again at once
                await self._spawn(update)
                continue
            await asyncio.sleep(max(0.0, POLL_FLOOR - (time.monotonic() - started)))

    async def _spawn(self, update: dict[str, Any]) -> None:
        await self._slots.acquire()
        task = asyncio.get_running_loop().create_task(self.handle(update))
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        self._slots.release()

    def _authorized(self, headers: Mapping[str, str]) -> bool:
        """The secret header, checked before the body is read (any header case)."""
        secret = self.s.settings.zalo_webhook_secret
        given = headers.get("X-Bot-Api-Secret-Token")
        return secret is not None and secret_matches(given, secret.get_secret_value())

    async def _webhook(self, headers: Mapping[str, str], body: Any) -> int:
        """200 at once for anything authorised; the work happens in the background."""
        self.health.ok_now()
        update = unwrap(body)
        if update is None:
            self.health.skipped += 1
            log.warning("zalo webhook: ignored a body that is not an update")
            return 200
        await self._spawn(update)
        return 200

    async def handle(self, update: dict[str, Any]) -> None:
        """De-duplicate, translate, run the engine, send the replies; one chat at a time."""
        try:
            inc = to_incoming(update, self.bot_id, self.bot_name)
            if inc is None:
                return
            # Taken before the first await: the chat's updates get the lock in arrival order.
            async with self.order.hold(inc.chat_id):
                await self._answer(update, inc)
        except Exception as exc:  # a forged update must not stop anything: log it briefly
            self.health.skipped += 1
            log.warning("zalo: skipped an update that cannot be handled (%s)", type(exc).__name__)

    async def _answer(self, update: dict[str, Any], inc: Incoming) -> None:
        message_id = _id(_object(update.get("message")).get("message_id"))
        if message_id and not await self.s.store.inbound.first_delivery(
            "zalo", message_id, self.s.clock()
        ):
            return
        replies = await self.engine.handle(inc)
        await answer(self.s, self.sender, inc, replies, self.engine.on_queued)
