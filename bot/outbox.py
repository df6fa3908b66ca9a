"""The durable outbox: every nudge and broadcast message is a row in SQLite, delivered once.

A single worker drains due rows through the channel's `Sender`, a few at a time, marking each
row `sending` before and `sent`/`unreachable`/`failed` right after. A crash leaves at most the
rows in flight as `sending`; they are resent on restart. Unreachable chats (blocked, deleted)
are never retried; network errors back off; 429 pauses bulk sending for `retry_after`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot import texts
from bot.messages import Attachment, Reply, Seg
from bot.reminders import rich_from_json
from bot.services import Services

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
IDLE_POLL = 5.0  # the longest idle wait (another process's rows are seen sooner, below)
WATCH_OTHERS = 0.25  # seconds between looks at PRAGMA data_version while idle
PER_CHAT_GAP = timedelta(seconds=1)  # Telegram: about one message per second in one chat
PER_GROUP_GAP = timedelta(seconds=3)  # Telegram: at most 20 messages a minute in one group
IN_FLIGHT = 8
BATCH = 200  # rows per query; the worker waits for a batch to finish before the next


@dataclass(frozen=True)
class Outcome:
    """What happened to one send."""

    status: str  # sent, unreachable, retry_after, transient, failed
    retry_after: float = 0.0
    error: str = ""


class Sender(Protocol):
    """One implementation per channel: `send(chat, reply, bulk=True) -> Outcome`."""

    async def send(self, chat_id: str, reply: Reply, bulk: bool = True) -> Outcome: ...


class Outbox:
    """Delivers pending rows; `wake()` after queueing, `stop()` to finish."""

    def __init__(self, services: Services, senders: dict[str, Sender]) -> None:
        self.s, self.senders = services, senders
        self._wake = asyncio.Event()
        self._stopping = False
        self._next_ok: dict[tuple[str, str], datetime] = {}
        self._slots = asyncio.Semaphore(IN_FLIGHT)
        self._tasks: set[asyncio.Task] = set()
        self._task: asyncio.Task | None = None
        self.idle_poll = IDLE_POLL
        self.on_pause: list = []  # callbacks(seconds) for 429s (the channel's rate gate)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.run())

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def run(self) -> None:
        """Resume interrupted rows, then deliver until stopped."""
        resumed = await self.s.store.resume_interrupted()
        if resumed:
            log.warning("resending %d messages interrupted by the last stop", resumed)
        while not self._stopping:
            try:
                busy = await self.drain_once()
            except Exception:
                log.exception("outbox delivery failed; retrying shortly")
                busy = False
            if not busy:
                await self._idle()

    async def drain_once(self) -> bool:
        """Dispatch the due rows; False when there was nothing to do."""
        rows = await self.s.store.due_outbox(self.s.clock(), limit=BATCH)
        if not rows:
            await self.report_finished()
            return False
        for row in rows:
            if self._stopping:
                break
            await self._slots.acquire()
            task = asyncio.get_running_loop().create_task(self._deliver(row))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        if self._tasks:  # the next batch must not pick rows still in flight
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        return True

    async def _idle(self) -> None:
        self._wake.clear()
        timeout = self.idle_poll
        next_at = await self.s.store.next_outbox_at()
        if next_at is not None:
            timeout = min(timeout, max(0.05, (next_at - self.s.clock()).total_seconds()))
        loop = asyncio.get_running_loop()
        until = loop.time() + timeout
        # `commune-bot broadcast` queues rows from another process: SQLite's data_version
        # changes when another connection commits, a cheap read (no file scan) every 0.25 s.
        version = await self.s.store.data_version()
        while (left := until - loop.time()) > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), min(WATCH_OTHERS, left))
                return
            if await self.s.store.data_version() != version:
                return

    async def _deliver(self, row: dict) -> None:
        try:
            await self._deliver_row(row)
        finally:
            self._slots.release()

    async def _deliver_row(self, row: dict) -> None:
        store, now = self.s.store, self.s.clock()
        chat = (row["channel"], row["chat_id"])
        ok_at = self._next_ok.get(chat)
        if ok_at and ok_at > now:
            await store.outbox_mark(row["id"], "pending", now, next_at=ok_at)
            return
        sender = self.senders.get(row["channel"])
        if sender is None:
            await store.outbox_mark(row["id"], "failed", now, "channel not running")
            return
        self._next_ok[chat] = now + chat_gap(*chat)
        await store.outbox_mark(row["id"], "sending", now)
        outcome = await sender.send(row["chat_id"], await self._reply(row))
        await self._record(row, outcome)

    async def _reply(self, row: dict) -> Reply:
        text = rich_from_json(json.loads(row["body"]))
        if not row.get("attachment_name"):
            return Reply(text=text)
        stored = await self.s.store.outbox_attachment(row["id"])
        file = Attachment(*stored) if stored else None
        return Reply(text=text, attachment=file)

    async def _record(self, row: dict, outcome: Outcome) -> None:
        store, now = self.s.store, self.s.clock()
        if outcome.status == "sent":
            await store.outbox_mark(row["id"], "sent", now)
        elif outcome.status == "unreachable":
            await store.outbox_mark(row["id"], "unreachable", now, outcome.error)
            await store.mark_unreachable(row["channel"], row["chat_id"])
        elif outcome.status == "retry_after":
            for pause in self.on_pause:
                pause(outcome.retry_after)
            later = now + timedelta(seconds=outcome.retry_after)
            await store.outbox_mark(row["id"], "pending", now, outcome.error, later)
        elif outcome.status == "transient" and row["attempts"] + 1 < MAX_ATTEMPTS:
            backoff = timedelta(seconds=min(300, 2 ** row["attempts"]))
            await store.outbox_mark(
                row["id"], "pending", now, outcome.error, now + backoff, failed_attempt=True
            )
        else:
            await store.outbox_mark(row["id"], "failed", now, outcome.error or outcome.status)

    async def report_finished(self) -> None:
        """Tell each sender how their finished broadcast went (once)."""
        for b in await self.s.store.finished_broadcasts():
            await self.s.store.mark_reported(b["id"], self.s.clock())
            sender = self.senders.get(b["channel"] or "")
            if sender is None or not b["chat_id"]:
                continue
            await sender.send(b["chat_id"], await broadcast_report(self.s, b["id"]), bulk=False)


async def broadcast_report(services: Services, broadcast: int) -> Reply:
    """Delivered / unreachable (with names and phones to call) / failed."""
    counts = await services.store.broadcast_counts(broadcast) or {}
    parts: list[Seg] = [
        Seg(
            texts.BROADCAST_REPORT.format(
                id=broadcast,
                **{k: counts.get(k, 0) for k in ("delivered", "unreachable", "failed")},
            )
        )
    ]
    missed = await services.store.undelivered(broadcast)
    if missed:
        phones = await services.store.phones_of([m["recipient"] for m in missed])
        parts.append(Seg("\n" + texts.BROADCAST_UNREACHABLE))
        for m in missed:
            phone = phones.get(m["recipient"], "")
            parts.append(Seg(f"\n• {m['name'] or m['recipient']}{' — ' + phone if phone else ''}"))
    return Reply(text=tuple(parts))


def chat_gap(channel: str, chat_id: str) -> timedelta:
    """The least time between two messages to one chat (Telegram group ids are negative)."""
    return PER_GROUP_GAP if channel == "telegram" and chat_id.startswith("-") else PER_CHAT_GAP
