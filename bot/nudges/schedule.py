"""Plans and queues nudges, and arms the next run: jobs are disposable, re-armed at every start.

The timer itself is injected (`bot.timer.Arm`: PTB's JobQueue when Telegram runs, the event
loop otherwise), so this module stays free of channel libraries.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.deps import Deps
from bot.nudges.campaign import Policy
from bot.nudges.policy import Nudge, Snapshot, next_slot, plan
from bot.nudges.snapshot import snapshot
from bot.outbox_codec import rich_to_json
from bot.reports import digest
from bot.storage import StorageFault
from bot.texts.nudges import compose
from bot.timer import Arm

log = logging.getLogger(__name__)
RECHECK = timedelta(hours=1)  # teams and deadlines change between slots; look again hourly
KEEP_KEYS = timedelta(days=400)  # a key older than any slot the policy can still plan


async def due_nudges(
    services: Deps, at: datetime, policy: Policy, state: Snapshot | None = None
) -> list[Nudge]:
    """What `commune-bot nudges plan --at` prints and the scheduler queues."""
    sent = await services.store.nudges.sent_keys(at - KEEP_KEYS)
    state = state or await snapshot(services)
    return plan(at, state, sent, policy, services.settings.tz)


async def queue_nudges(
    services: Deps, at: datetime, policy: Policy, state: Snapshot | None = None
) -> int:
    """Plan and queue: one combined message per recipient; returns messages queued."""
    nudges = await due_nudges(services, at, policy, state)
    by_person: dict[str, list[Nudge]] = defaultdict(list)
    for nudge in nudges:
        by_person[nudge.recipient.key].append(nudge)
    queued = 0
    for group in by_person.values():
        body = rich_to_json(compose(group, services.settings.tz))
        keys = [n.key for n in group]
        if await services.store.nudges.enqueue(group[0].recipient, body, keys, at):
            queued += 1
    return queued


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
