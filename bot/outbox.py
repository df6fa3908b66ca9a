"""The durable outbox: every nudge and broadcast message is a row in SQLite, delivered once.

A single worker drains due rows through the channel's `Sender`, a few at a time, marking each
row `sending` before and `sent`/`unreachable`/`failed` right after. A crash leaves at most the
rows in flight (`IN_FLIGHT`) as `sending`; they are resent on restart. What a failure means
(retry with backoff, wait, pause the channel, unreachable, failed) is `bot.delivery`'s table;
a pause (Telegram's 429, Zalo's quota) holds back only that channel's rows. Interactive
replies that could not be delivered at once are rows here too (`bot.replies`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.broadcast_report import broadcast_report
from bot.chat import Attachment, Reply
from bot.delivery import Action, Outcome, backoff
from bot.deps import Deps
from bot.outbox_codec import progressed, reply_from_body, reply_from_json
from bot.requests.delivery import delivered, undeliverable
from bot.requests.envelope import decode
from bot.rows.outbox import OutboxRow
from bot.storage import StorageFault
from bot.wakeup import Wakeup

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
IDLE_POLL = 5.0  # the longest idle wait (another process's rows are seen sooner, below)
WATCH_OTHERS = 0.5  # seconds between looks at the database files while idle
PER_CHAT_GAP = timedelta(seconds=1)  # Telegram: about one message per second in one chat
PER_GROUP_GAP = timedelta(seconds=3)  # Telegram: at most 20 messages a minute in one group
IN_FLIGHT = 8
CHANNEL_BACKOFF = 30.0  # longest pause of a failing channel between probes
STOP_GRACE = 10.0  # seconds a clean stop waits for the sends in flight
BATCH = 200  # rows per query; the worker waits for a batch to finish before the next
_TICK = timedelta(milliseconds=1)


class Sender(Protocol):
    """One implementation per channel: `send(chat, reply, bulk=True) -> Outcome`."""

    async def send(
        self, chat_id: str, reply: Reply, bulk: bool = True, skip: int = 0
    ) -> Outcome: ...


class Outbox:
    """Delivers pending rows; `wake()` after queueing, `stop()` to finish."""

    def __init__(self, services: Deps, senders: dict[str, Sender]) -> None:
        self.s, self.senders = services, senders
        self._wake = Wakeup()
        self._stopping = False
        self._next_ok: dict[tuple[str, str], datetime] = {}
        self._slots = asyncio.Semaphore(IN_FLIGHT)
        self._tasks: set[asyncio.Task] = set()
        self._task: asyncio.Task | None = None
        self.idle_poll = IDLE_POLL
        # channel → callback(seconds): a 429 or a spent quota pauses that channel's rate gate
        self.on_pause: dict[str, Callable[[float], None]] = {}
        self._paused: dict[str, datetime] = {}
        self._failing: dict[str, int] = {}  # channel → transient failures in a row

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.run())

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        self._stopping = True
        self.wake()
        if self._tasks:  # let sends in flight be recorded: a clean stop must not resend them
            await asyncio.wait(list(self._tasks), timeout=STOP_GRACE)
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def run(self) -> None:
        """Resume interrupted rows, then deliver until stopped."""
        resumed = await self.s.store.outbox.resume_interrupted()
        if resumed:
            log.warning("resending %d messages interrupted by the last stop", resumed)
        # replies queued before a restart still come before the ones written after it
        self.s.waiting_replies |= await self.s.store.outbox.reply_chats()
        while not self._stopping:
            try:
                busy = await self.drain_once()
            except StorageFault as exc:  # disk full, read-only: one line, not a traceback
                log.error("outbox delivery failed: %s; retrying shortly", exc)
                busy = False
            except Exception:
                log.exception("outbox delivery failed; retrying shortly")
                busy = False
            if not busy:
                await self._idle()

    async def drain_once(self) -> bool:
        """Dispatch the due rows; False when there was nothing to do."""
        rows = await self.s.store.outbox.due(self.s.clock(), limit=BATCH)
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
        next_at = await self.s.store.outbox.next_at()
        if next_at is not None:
            timeout = min(timeout, max(0.05, (next_at - self.s.clock()).total_seconds()))
        loop = asyncio.get_running_loop()
        until = loop.time() + timeout
        # `commune-bot broadcast` queues rows from another process: SQLite's data_version
        # changes when another connection commits. Asking it is a hop to the database
        # thread, so it is asked only when the files' sizes or times moved (a stat every
        # 0.5 s: each wake of an idle process costs CPU); a move the stat misses is still
        # seen at `timeout`.
        store = self.s.store
        stamp = store.file_stamp()
        version = await store.data_version(stamp)
        while (left := until - loop.time()) > 0:
            if await self._wake.within(min(WATCH_OTHERS, left)):
                return
            if (moved := store.file_stamp()) != stamp:
                stamp = moved
                if await store.data_version(moved) != version:
                    return

    async def _deliver(self, row: OutboxRow) -> None:
        try:
            await self._deliver_row(row)
        finally:
            self._slots.release()

    async def _deliver_row(self, row: OutboxRow) -> None:
        store, now = self.s.store, self.s.clock()
        chat = (row.channel, row.chat_id)
        ok_at = self._next_ok.get(chat)
        if ok_at and ok_at > now:
            await store.outbox.mark(row.id, "pending", now, next_at=ok_at)
            return
        paused = self._paused.get(row.channel)
        if paused and paused > now:  # only this channel waits; the others go on
            await store.outbox.mark(row.id, "pending", now, next_at=paused)
            return
        sender = self.senders.get(row.channel)
        if sender is None:
            await store.outbox.mark(row.id, "failed", now, "channel not running")
            return
        body = json.loads(row.body)
        # an interactive reply: a person is waiting (a bulk row partly sent is a dict too)
        urgent = isinstance(body, dict) and not body.get("bulk")
        if urgent and (first := await store.outbox.earlier_reply_at(row)) is not None:
            # an earlier reply to this chat was put off (a retry): this one stays behind it
            await store.outbox.mark(row.id, "pending", now, next_at=first + _TICK)
            return
        self._next_ok[chat] = now + chat_gap(*chat)
        await store.outbox.mark(row.id, "sending", now)
        reply, skip = await self._reply(row, body)
        outcome = await sender.send(row.chat_id, reply, bulk=not urgent, skip=skip)
        numbered = row.channel != "telegram" and not urgent
        if outcome.status == "sent" and reply.choices and numbered:
            # A nudge's numbered options on Zalo: a reply "1" picks its first option.
            values = [c.value for c in reply.choices]
            await store.conversations.save_choices(row.channel, row.chat_id, values)
        await self._record(row, outcome, progressed(body, reply, outcome.parts_sent))

    async def _reply(self, row: OutboxRow, body: object) -> tuple[Reply, int]:
        if isinstance(body, list):  # nudges and broadcasts: "time left" computed now
            reply, skip = reply_from_body(body, self.s.clock()), 0
        else:
            reply, skip = reply_from_json(body)
        if not row.attachment_name:
            return reply, skip
        stored = await self.s.store.outbox.attachment(row.id)
        file = Attachment(*stored) if stored else None
        return replace(reply, attachment=file), skip

    async def _record(self, row: OutboxRow, outcome: Outcome, body: object = None) -> None:
        store, now = self.s.store, self.s.clock()
        if outcome.parts_sent and outcome.status != "sent":  # never resend what arrived
            await store.outbox.rewrite_body(row.id, json.dumps(body, ensure_ascii=False))
        if outcome.status == "sent":
            self._failing[row.channel] = 0
            await delivered(self.s, row, outcome, decode(body))  # with the request links
        elif outcome.status == Action.UNREACHABLE:
            await store.outbox.mark(row.id, "unreachable", now, outcome.error)
            await store.people.mark_unreachable(row.channel, row.chat_id)
            await undeliverable(self.s, decode(body))
        elif outcome.status in (Action.WAIT, Action.QUOTA):
            later = self.pause(row.channel, outcome.retry_after)
            await store.outbox.mark(row.id, "pending", now, outcome.error, later)
            if outcome.status == Action.QUOTA and "telegram" in self.senders:
                moved = await store.outbox.reroute_to_telegram(row.channel, now)
                log.warning("%s quota spent: paused; %d messages moved to Telegram", *(
                    row.channel, moved))  # fmt: skip
        elif outcome.status == Action.RETRY and row.attempts + 1 < MAX_ATTEMPTS:
            # The channel is failing, not just this row: every row of it waits a little
            # (doubling while it keeps failing), so a fault never meets a tight loop of sends.
            paused = self._paused.get(row.channel)
            if paused is None or paused <= now:  # sends already in flight do not escalate
                failing = self._failing.get(row.channel, 0)
                self._failing[row.channel] = failing + 1
                self.pause(row.channel, min(backoff(failing), CHANNEL_BACKOFF), gate=False)
            later = now + timedelta(seconds=backoff(row.attempts))
            await store.outbox.mark(
                row.id, "pending", now, outcome.error, later, failed_attempt=True
            )
        else:
            await store.outbox.mark(row.id, "failed", now, outcome.error or outcome.status)

    def pause(self, channel: str, seconds: float, gate: bool = True) -> datetime:
        """Hold back this channel's rows (and its gate's bulk sends) for `seconds`."""
        until = self.s.clock() + timedelta(seconds=seconds)
        self._paused[channel] = max(until, self._paused.get(channel, until))
        if gate and channel in self.on_pause:
            self.on_pause[channel](seconds)
        return self._paused[channel]

    async def report_finished(self) -> None:
        """Tell each sender how their finished broadcast went (once)."""
        for b in await self.s.store.broadcasts.finished():
            await self.s.store.broadcasts.mark_reported(b.id, self.s.clock())
            sender = self.senders.get(b.channel or "")
            if sender is None or not b.chat_id:
                continue
            await sender.send(b.chat_id, await broadcast_report(self.s, b.id), bulk=False)


def chat_gap(channel: str, chat_id: str) -> timedelta:
    """The least time between two messages to one chat (Telegram group ids are negative)."""
    return PER_GROUP_GAP if channel == "telegram" and chat_id.startswith("-") else PER_CHAT_GAP
