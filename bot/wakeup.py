"""A wake-up call that an idle loop waits for with a timeout, cheaply. Pure asyncio.

`asyncio.wait_for(event.wait(), t)` makes a task and raises an exception at every timeout;
the outbox's idle loop looks at the database files a few times a second, and on a small VM
each wake of the process already costs a third of a millisecond of CPU. `within` is one bare
future and one timer.
"""

from __future__ import annotations

import asyncio


class Wakeup:
    """Set by `set()`; `await within(seconds)` is True when it was set before they passed."""

    def __init__(self) -> None:
        self._set = False
        self._waiting: asyncio.Future[bool] | None = None

    def set(self) -> None:
        self._set = True
        if self._waiting is not None and not self._waiting.done():
            self._waiting.set_result(True)

    def clear(self) -> None:
        self._set = False

    async def within(self, seconds: float) -> bool:
        if self._set:
            return True
        waiting = self._waiting = asyncio.get_running_loop().create_future()
        timer = waiting.get_loop().call_later(seconds, _settle, waiting)
        try:
            return await waiting
        finally:
            timer.cancel()
            self._waiting = None


def _settle(waiting: asyncio.Future[bool]) -> None:
    if not waiting.done():  # set() may have come first in the same turn of the loop
        waiting.set_result(False)
