"""The outbox's idle wake-up: set before, set during, or the time passes."""

from __future__ import annotations

import asyncio

from bot.wakeup import Wakeup, _settle


async def test_a_wakeup_set_before_the_wait_returns_at_once() -> None:
    wakeup = Wakeup()
    wakeup.set()
    assert await asyncio.wait_for(wakeup.within(60), 1)


async def test_a_wakeup_set_during_the_wait_ends_it_early() -> None:
    wakeup = Wakeup()
    loop = asyncio.get_running_loop()
    loop.call_later(0.05, wakeup.set)
    started = loop.time()
    assert await wakeup.within(60)
    assert loop.time() - started < 5


async def test_the_time_passing_is_not_a_wakeup_and_clear_forgets_one() -> None:
    wakeup = Wakeup()
    assert not await wakeup.within(0.01)
    wakeup.set()
    wakeup.clear()
    assert not await wakeup.within(0.01)


async def test_a_timer_firing_after_a_set_in_the_same_turn_leaves_the_answer() -> None:
    # set() resolved the wait; the timer's callback, already due in that turn, runs next.
    waiting: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
    waiting.set_result(True)
    _settle(waiting)  # no InvalidStateError
    assert waiting.result() is True
