"""The timer port the schedulers (nudges, support requests) arm: one job, replaced when armed
again. PTB's JobQueue implements it when Telegram runs (`channels/telegram/app.py`), the
event loop otherwise, so the schedulers stay free of channel libraries."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

Arm = Callable[[float, Callable[[], Coroutine[Any, Any, None]]], None]


def event_loop_timer() -> Arm:
    """A one-job timer on the event loop (used when Telegram's JobQueue is not there)."""
    loop = asyncio.get_running_loop()
    handle: list[asyncio.TimerHandle] = []

    def arm(delay: float, callback: Callable[[], Coroutine[Any, Any, None]]) -> None:
        for old in handle:
            old.cancel()
        handle[:] = [loop.call_later(delay, lambda: loop.create_task(callback()))]

    return arm
