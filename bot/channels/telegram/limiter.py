"""PTB's rate limiter on the shared RateGate: bulk sends keep headroom for replies."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.ratelimit import RateGate


class GateLimiter(BaseRateLimiter[dict]):
    """PTB rate limiter on the shared RateGate: bulk sends keep headroom for replies."""

    def __init__(self, gate: RateGate) -> None:
        self.gate = gate

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict | None,
    ) -> bool | JSONDict | list[JSONDict]:
        bulk = bool(rate_limit_args and rate_limit_args.get("bulk"))
        if data.get("chat_id") is not None:  # getUpdates, answerCallbackQuery: not metered
            await self.gate.acquire(bulk)
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            # No retry here (bot.delivery decides: the outbox resends it); bulk waits meanwhile.
            self.gate.pause_bulk(retry_seconds(exc.retry_after))
            raise


def retry_seconds(value: float | timedelta) -> float:
    """A RetryAfter delay in seconds (PTB gives an int or a timedelta)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
