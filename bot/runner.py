"""`commune-bot run`: the composition root. Settings → services → channels → run."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from bot.engine import Engine
from bot.services import Services, load_reference
from bot.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)

NO_TOKEN = """Chưa có token nào: bot không biết kết nối tới đâu.
(No channel is configured.)

Telegram: open @BotFather in Telegram, send /newbot, follow the steps, then
    export BOT_TELEGRAM_TOKEN=123456789:AA...   (or put it in a .env file)
Zalo: create a bot in the Zalo Bot Creator mini-app, then
    export BOT_ZALO_TOKEN=...
and run `commune-bot run` again.

To try the bot right now without any token:  commune-bot chat
"""


async def open_services(settings: Settings) -> Services:
    """Load reference data (errors name the file and entry) and open the store."""
    directory, router, communes = load_reference(settings)
    store = Store(settings.database)
    await store.open()
    return Services(
        settings=settings, directory=directory, router=router, store=store, communes=communes
    )


async def run(settings: Settings) -> int:
    """Run every configured channel until SIGINT/SIGTERM; exit status 0 on a clean stop."""
    if settings.telegram_token is None and settings.zalo_token is None:
        sys.stderr.write(NO_TOKEN)
        return 2
    services = await open_services(settings)
    engine = Engine(services)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    from bot.channels.web import WebServer

    web = WebServer(*settings.host_port)
    channels = []
    try:
        if settings.telegram_token is not None:
            from bot.channels.telegram import TelegramChannel

            channels.append(TelegramChannel(services, engine, web))
        for channel in channels:
            await channel.start()
        web.channels = [type(c).__name__ for c in channels]
        await web.start()
        log.info("running; SIGINT or SIGTERM stops")
        await stop.wait()
    finally:
        for channel in reversed(channels):
            try:
                await channel.stop()
            except Exception:
                log.exception("error while stopping %s", type(channel).__name__)
        await web.stop()
        await services.store.close()
    log.info("stopped cleanly")
    return 0
