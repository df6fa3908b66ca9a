"""`commune-bot run` for a polling Telegram bot: the first getUpdates before the rest loads.

A bare python-telegram-bot bot polls after importing PTB and one getMe. Here the instance
lock, PTB and a few leaves of ours come first (`bot.early_settings`, no pydantic), polling
begins, and only then the rest of the bot is imported and the settings validated (off the
event loop, while the poll is out), the store opened (migrations) and the router built.
Updates fetched meanwhile wait, unconfirmed, until the engine is in place
(`bot.channels.telegram.early`).

Whatever fails before the bot is ready (a setting, a data file, the database, the Bot API)
gives the early start up without handling or confirming anything, and `commune-bot run`
goes the usual way, which meets the same fault and says what it is, as it always did.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import signal
from typing import TYPE_CHECKING

from bot.early_settings import EarlySettings, early_settings

if TYPE_CHECKING:
    from bot.channels.telegram.early import EarlyTelegram
    from bot.deps import Deps
    from bot.settings import Settings

log = logging.getLogger(__name__)


def run_early() -> int | None:
    """Run the bot polling early; None when the usual way must run it (or say why not)."""
    early = early_settings()
    if early is None:  # webhook, no token, or a value only the full settings can judge
        return None
    from bot.logs import setup_logging

    setup_logging()
    return asyncio.run(_locked(early))


async def _locked(early: EarlySettings) -> int | None:
    from bot.instance import InstanceLock

    lock = InstanceLock(early.database)
    try:
        lock.acquire()
    except Exception:  # held by another run, or no folder: the usual way says which
        return None
    loop, stop = asyncio.get_running_loop(), asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):  # from the first poll on: a clean stop
        loop.add_signal_handler(sig, stop.set)
    try:
        ready = await _prepare(early)
        if stop.is_set():  # asked to stop while starting: nothing was handled nor confirmed
            if ready is not None:
                await ready[2].abandon()
                await ready[1].store.close()
            return 0
        if ready is None:
            return None
        from bot.runner import serve

        settings, services, telegram = ready
        return await serve(settings, services, telegram, stop)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        lock.release()


async def _prepare(early: EarlySettings) -> tuple[Settings, Deps, EarlyTelegram] | None:
    """Polling, then the settings and the services; None (nothing handled) on any fault."""
    from zoneinfo import ZoneInfo

    from bot.channels.telegram.early import EarlyTelegram

    telegram = EarlyTelegram(
        early.telegram_token, early.telegram_api_url, ZoneInfo(early.timezone)
    )
    try:
        await telegram.begin()
        # The first getUpdates is on its way: the rest of the bot meanwhile, off the loop.
        settings = await asyncio.to_thread(_settings)
        if not early.agrees_with(settings):
            raise ValueError("the settings read early differ from the full ones")
        from bot.runner import open_services

        return settings, await open_services(settings), telegram
    except Exception as exc:
        log.debug("early start given up (%s); starting the usual way", type(exc).__name__)
        await telegram.abandon()
        return None


def _settings() -> Settings:
    """Import the bot (for the time it takes, not for the names) and read every setting."""
    from bot.settings import Settings

    # The runner with the whole bot, the channel's handlers and the web stack (aiohttp, the
    # dashboard: loaded when the HTTP server starts, right after the channels).
    for module in ("bot.runner", "bot.channels.telegram.app", "bot.channels.dashboard"):
        importlib.import_module(module)

    return Settings()
