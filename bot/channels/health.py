"""Liveness of one channel: when it last polled or got a webhook, and what it skipped.

`/healthz` fails (503) when a polling channel has not completed a poll for `STUCK_AFTER`
seconds or its loop is not running: a supervisor can then restart the process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

STUCK_AFTER = 90.0  # long polls end within ~40 s even when idle; three missed is stuck


@dataclass
class ChannelHealth:
    """Counters and timestamps a channel updates as it works (monotonic clock)."""

    name: str
    mode: str = "polling"  # or "webhook"
    started: float = field(default_factory=time.monotonic)
    last_ok: float | None = None  # last successful poll, or last webhook request accepted
    skipped: int = 0  # updates that could not be read (logged once, confirmed past)
    restarts: int = 0  # loop restarts after an unexpected error
    running: bool = True

    def ok_now(self) -> None:
        self.last_ok = time.monotonic()

    def stuck(self, now: float | None = None) -> bool:
        """A poller that has not finished a poll for too long, or a loop that stopped."""
        if not self.running:
            return True
        if self.mode != "polling":
            return False  # nobody writing to a webhook is not a fault
        now = time.monotonic() if now is None else now
        return now - (self.last_ok or self.started) > STUCK_AFTER

    def report(self) -> dict[str, object]:
        now = time.monotonic()
        age = None if self.last_ok is None else round(now - self.last_ok, 1)
        return {
            "mode": self.mode,
            "last_ok_seconds_ago": age,
            "skipped_updates": self.skipped,
            "restarts": self.restarts,
            "ok": not self.stuck(now),
        }
