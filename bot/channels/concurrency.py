"""PTB update processor: updates of different chats concurrently, of one chat in order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.ordering import IN_FLIGHT, ChatOrder

CONCURRENT_UPDATES = 64  # updates being worked on at once (others wait their turn)
# Beyond IN_FLIGHT PTB's fetcher waits, the queue fills and the Updater's put() waits:
# polling stops fetching, so a flood holds at most IN_FLIGHT + WAITING updates in memory.
WAITING = 100  # one getUpdates batch
# PTB's own semaphore is taken before our per-chat lock; sized so it never binds, otherwise
# one chat's backlog waiting for its lock could fill every slot and stall the other chats.
_UNBOUNDED = 1_000_000


class PerChatProcessor(BaseUpdateProcessor):
    """Serialises each chat (its messages, presses and member updates), not the bot."""

    def __init__(self, concurrent: int = CONCURRENT_UPDATES) -> None:
        super().__init__(_UNBOUNDED)
        self.order = ChatOrder()
        self._slots = asyncio.Semaphore(concurrent)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        async with self.order.hold(chat_key(update)), self._slots:
            await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


class UpdateBacklog(asyncio.Queue[object]):
    """PTB's update queue with a bound on the work it hands out.

    PTB's fetcher `get()`s an update, spawns its task and calls `task_done()` when the task
    ends. Taking a slot in `get()` and giving it back in `task_done()` bounds the updates in
    flight at the mechanism; `maxsize` bounds those waiting behind them.

    Until `open()` the door is shut: polling may begin while the bot is still starting (the
    first getUpdates goes out early), but PTB's Updater waits in `put()` with the batch it
    fetched, so it does not confirm it (the next poll's offset) before the bot can answer;
    a start-up that fails then loses nothing, Telegram sends those updates again.
    """

    def __init__(self, in_flight: int = IN_FLIGHT, waiting: int = WAITING) -> None:
        super().__init__(maxsize=waiting)
        self._free = asyncio.Semaphore(in_flight)
        self._door = asyncio.Event()

    def open(self) -> None:
        """Let updates in (the engine is ready)."""
        self._door.set()

    async def put(self, item: object) -> None:
        if not self._door.is_set():
            await self._door.wait()
        await super().put(item)

    async def get(self) -> object:
        await self._free.acquire()
        try:
            return await super().get()
        except BaseException:
            self._free.release()
            raise

    def task_done(self) -> None:
        super().task_done()
        # At shutdown PTB drops what is left with get_nowait() + task_done(): an extra
        # release then is harmless (plain Semaphore, nothing is fetched any more).
        self._free.release()


def chat_key(update: object) -> Hashable:
    """The chat an update belongs to (the user for chat-less updates such as inline queries)."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
    return ("other", 0)
