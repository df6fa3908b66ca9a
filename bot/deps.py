"""What every flow needs, built once by the composition root and passed down typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.communes import Communes, load_communes
from bot.directory import Directory, load_directory
from bot.nudges.campaign import Policy
from bot.reports.config import ReportConfig
from bot.routing import Router
from bot.settings import Settings
from bot.taught import Labelled, build_router

if TYPE_CHECKING:  # the core sees the store's methods, never imports aiosqlite
    from bot.store import Store


def utc_now() -> datetime:
    """The real clock (tests pass their own)."""
    return datetime.now(UTC)


@dataclass
class Deps:
    """Settings, reference data, the router and the store."""

    settings: Settings
    directory: Directory
    router: Router
    store: Store
    communes: Communes
    clock: Callable[[], datetime] = utc_now
    policy: Policy = field(default_factory=Policy)
    bot_names: dict[str, str] = field(default_factory=dict)  # channel → bot username
    staff_ready: bool = True  # False while BOT_STAFF_CHAT is unusable (checked at start-up)
    report: ReportConfig = field(default_factory=ReportConfig)  # letterhead, digest time
    # (channel, chat) with interactive replies waiting in the outbox: the next go behind them
    waiting_replies: set[tuple[str, str]] = field(default_factory=set)


def load_reference(
    settings: Settings, taught: list[Labelled] | None = None
) -> tuple[Directory, Router, Communes]:
    """Load and validate contacts and communes, build the router, from BOT_DATA_DIR.

    ``taught``: the coordinators' labelled questions from the database, which train the router
    with the packaged files (and answer their own texts with their label)."""
    directory = load_directory(settings.data_dir / "contacts.yaml")
    router = build_router(directory.keywords(), settings.data_dir / "routing", taught or [])
    return directory, router, load_communes(settings.data_dir)
