"""Per-chat order with concurrency across chats: one lock per chat, kept only while in use."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Hashable

# Updates accepted from a channel (a task made) but not finished. A channel takes no more
# beyond this, so polling stops fetching and a flood costs bounded memory, not one task each.
IN_FLIGHT = 256


class ChatOrder:
    """Work for one chat runs in arrival order; different chats run side by side.

    asyncio locks are fair (first come, first served), so callers that reach `hold` in the
    order their updates arrived are served in that order.
    """

    def __init__(self) -> None:
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._users: dict[Hashable, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: Hashable) -> AsyncIterator[None]:
        """Wait for the chat's earlier work to finish, then run."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # nobody waits: forget the chat (memory stays flat)
                del self._users[key], self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)
