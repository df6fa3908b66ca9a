"""Arms the next nudge run from the database: jobs are disposable, re-armed at every start.

The timer itself is injected (PTB's JobQueue when Telegram runs, the event loop otherwise),
so this module stays free of channel libraries.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from bot.deps import Deps
from bot.nudges import Snapshot, next_slot
from bot.reminders import queue_nudges, snapshot
from bot.reports import digest
from bot.storage import StorageFault

log = logging.getLogger(__name__)
RECHECK = timedelta(hours=1)  # teams and deadlines change between slots; look again hourly

Arm = Callable[[float, Callable[[], Coroutine[Any, Any, None]]], None]


class NudgeScheduler:
    """tick(): queue what is due, wake the outbox, arm the next tick."""

    def __init__(self, services: Deps, arm: Arm, wake: Callable[[], None]) -> None:
        self.s, self.arm, self.wake = services, arm, wake

    async def start(self) -> None:
        """At start-up: send what became due while the bot was down (latest only), re-arm."""
        await self.tick()

    async def tick(self) -> None:
        state = None
        try:
            # One snapshot serves both the plan and the next slot: queueing changes neither
            # the tasks nor what each commune still lacks.
            state = await snapshot(self.s)
            queued = await queue_nudges(self.s, self.s.clock(), self.s.policy, state)
            queued += await digest.queue_digest(self.s, self.s.clock())
            if queued:
                log.info("queued %d nudge messages", queued)
                self.wake()
        except StorageFault as exc:  # disk full, read-only: one line, not a traceback a tick
            log.error("nudge run failed: %s; will try again", exc)
        except Exception:
            log.exception("nudge run failed; will try again")
        await self.rearm(state)

    async def rearm(self, state: Snapshot | None = None) -> None:
        """Arm one job for the next slot (or the hourly re-check, whichever is first)."""
        now = self.s.clock()
        state = state or await snapshot(self.s)
        upcoming = next_slot(now, state, self.s.policy, self.s.settings.tz)
        weekly = digest.next_slot(now, self.s.report, self.s.settings.tz)
        when = min(upcoming or weekly, weekly, now + RECHECK)
        self.arm(max(1.0, (when - now).total_seconds() + 1.0), self.tick)


def event_loop_timer() -> Arm:
    """A one-job timer on the event loop (used when Telegram's JobQueue is not there)."""
    loop = asyncio.get_running_loop()
    handle: list[asyncio.TimerHandle] = []

    def arm(delay: float, callback: Callable[[], Coroutine[Any, Any, None]]) -> None:
        for old in handle:
            old.cancel()
        handle[:] = [loop.call_later(delay, lambda: loop.create_task(callback()))]

    return arm
