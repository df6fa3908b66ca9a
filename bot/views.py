"""What the one-shot commands found, as data: `bot.texts` renders each view into `Reply`s.

A leaf module (it imports nothing of the bot's but the chat model), so the commands that
build views and the texts that render them both import it without a circle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HelpView:
    """/help: the person's role key and their commands (name, menu label) in menu order."""

    role: str  # coordinator | registrar | member | member_it | user
    commands: tuple[tuple[str, str], ...]
    bot: str  # the bot's username, for the group hint


@dataclass(frozen=True)
class TopicStats:
    """Questions about one topic (None: not routed) over the last 7 and 30 days."""

    label: str | None
    week: int
    month: int


@dataclass(frozen=True)
class StatsView:
    """/stats: one row per topic; no rows when nothing was asked in 30 days."""

    rows: tuple[TopicStats, ...]
    week_total: int = 0
    month_total: int = 0
