"""PTB update processor: updates of different chats concurrently, of one chat in order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.ordering import ChatOrder

CONCURRENT_UPDATES = 64  # updates being worked on at once (others wait their turn)
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


def chat_key(update: object) -> Hashable:
    """The chat an update belongs to (the user for chat-less updates such as inline queries)."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
    return ("other", 0)
