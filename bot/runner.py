"""`commune-bot run`: the composition root. Settings → services → channels → run."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.communes import load_communes
from bot.deps import Deps, utc_now
from bot.directory import load_directory
from bot.engine import Engine
from bot.logs import redact
from bot.nudges.campaign import load_campaign
from bot.nudges.schedule import NudgeScheduler
from bot.outbox import Outbox
from bot.reports.config import load_report_config
from bot.router_cache import FILE_NAME as ROUTER_CACHE
from bot.settings import Settings
from bot.storage import explain
from bot.store import Store
from bot.taught import build_router
from bot.texts.console import CANNOT_START, NO_TOKEN
from bot.timer import event_loop_timer

if TYPE_CHECKING:
    from bot.channels.telegram.early import EarlyTelegram

log = logging.getLogger(__name__)


async def start_requests(services: Deps, engine: Engine, channels: list, outbox: Outbox) -> None:
    """Staff group topics, then the follow-up/escalation timers (re-armed from the database)."""
    from bot.requests.timers import RequestTimers

    telegram = next((c for c in channels if c.name == "telegram"), None)
    if services.settings.staff_chat:
        from bot.channels.staff_group import prepare_staff_group

        if await prepare_staff_group(services, telegram.app.bot if telegram else None):
            outbox.wake()  # the coordinators' notice about the group
    arm = channels[0].timer("requests") if channels else event_loop_timer()
    desk = engine.requests
    timers = RequestTimers(services, desk.policy, desk.calendar, arm, outbox.wake)
    loop = asyncio.get_running_loop()
    desk.opening.on_created = lambda: loop.create_task(timers.tick())
    await timers.tick()


async def open_services(settings: Settings, clock: Callable[[], datetime] | None = None) -> Deps:
    """Load reference data (errors name the file and entry), open the store, seed tasks.

    The router is built once, after the store is open: the coordinators' labels from the
    review queue join the training data at every start-up. Reading the files and building
    the router run off the event loop: `commune-bot run` may be polling already."""
    directory, communes, (_campaign, tasks, policy), report = await asyncio.to_thread(
        _reference, settings
    )
    store = Store(settings.database)
    await store.open()
    try:
        await store.tasks.seed(tasks)
        taught = await store.labels.taught_examples()
        folder, cache = settings.data_dir / "routing", settings.database.parent / ROUTER_CACHE
        router = await asyncio.to_thread(build_router, directory.keywords(), folder, taught, cache)
    except BaseException:
        await store.close()  # an open connection's thread would keep the process alive
        raise
    return Deps(
        settings=settings,
        directory=directory,
        router=router,
        store=store,
        communes=communes,
        policy=policy,
        report=report,
        clock=clock or utc_now,
    )


def _reference(settings: Settings) -> tuple[Any, ...]:
    """Contacts, communes, the campaign and the report's letterhead (bad files: fail early)."""
    directory = load_directory(settings.data_dir / "contacts.yaml")
    communes = load_communes(settings.data_dir)
    campaign = load_campaign(settings.data_dir / "campaign.yaml")
    return directory, communes, campaign, load_report_config(settings.data_dir / "campaign.yaml")


async def run(settings: Settings) -> int:
    """Run every configured channel until SIGINT/SIGTERM; exit status 0 on a clean stop."""
    if settings.telegram_token is None and settings.zalo_token is None:
        sys.stderr.write(NO_TOKEN)
        return 2
    from bot.instance import InstanceLock, InstanceLocked

    lock = InstanceLock(settings.database)
    try:
        lock.acquire()
    except InstanceLocked as exc:
        sys.stderr.write(f"commune-bot: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"commune-bot: {explain(settings.database, str(exc))}\n")
        return 2
    try:
        return await _serve(settings)
    finally:
        lock.release()


async def _serve(settings: Settings) -> int:
    return await serve(settings, await open_services(settings))


async def serve(
    settings: Settings,
    services: Deps,
    early: EarlyTelegram | None = None,
    stop: asyncio.Event | None = None,
) -> int:
    """Run the channels on open services until `stop` (SIGINT/SIGTERM). `early`: the Telegram
    application already polling, its updates held back until the engine is in place."""
    engine = Engine(services)
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    from bot.channels.web import WebServer

    web = WebServer(*settings.host_port)
    web.mount(lambda app: _install_dashboard(services, app))
    channels: list = []
    outbox: Outbox | None = None
    try:
        if settings.telegram_token is not None:
            from bot.channels.telegram import TelegramChannel

            channels.append(TelegramChannel(services, engine, web, early))
        if settings.zalo_token is not None:
            from bot.channels.zalo import ZaloChannel

            channels.append(ZaloChannel(services, engine, web))
        for channel in channels:
            try:
                await channel.start()
            except Exception as exc:  # wrong token, API unreachable: say so, no traceback
                log.error("cannot start the %s channel: %s", channel.name, exc)
                sys.stderr.write(redact(CANNOT_START.format(channel=channel.name, error=exc)))
                return 2  # a token or an address to correct: a configuration error
        web.channels = [type(c).__name__ for c in channels]
        web.health = {c.name: c.report for c in channels}
        await web.start()
        outbox = Outbox(services, {c.name: c.sender for c in channels})
        for channel in channels:  # a pause holds back that channel only
            outbox.on_pause[channel.name] = channel.gate.pause_bulk
        engine.on_queued = outbox.wake
        outbox.start()
        arm = channels[0].timer() if channels else event_loop_timer()
        scheduler = NudgeScheduler(services, arm, outbox.wake)
        # A moved or added deadline, a closed task, a changed team: plan and queue at once
        # (a slot that became due now goes out now), then re-arm.
        replans: set[asyncio.Task[None]] = set()  # held so that a running re-plan is not collected

        def replan() -> None:
            task = asyncio.get_running_loop().create_task(scheduler.tick())
            replans.add(task)
            task.add_done_callback(replans.discard)

        engine.on_schedule_change = replan
        await scheduler.start()
        await start_requests(services, engine, channels, outbox)
        log.info("running; SIGINT or SIGTERM stops")
        await stop.wait()
    finally:
        if outbox is not None:
            await outbox.stop()
        for channel in reversed(channels):
            try:
                await channel.stop()
            except Exception:
                log.exception("error while stopping %s", type(channel).__name__)
        await web.stop()
        await services.store.close()
    log.info("stopped cleanly")
    return 0


def _install_dashboard(services: Deps, app: Any) -> None:
    """Imported when the web server starts, after the channels: the dashboard's stack
    (aiohttp, jinja2: ~0.2 s) does not delay the first getUpdates."""
    from bot.channels.dashboard import Dashboard

    Dashboard(services).install(app)
