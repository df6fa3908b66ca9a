"""/stats for coordinators: questions per topic over 7 and 30 days."""

from __future__ import annotations

from datetime import timedelta

from bot.chat import Reply
from bot.deps import Deps
from bot.texts.views import stats_replies
from bot.views import StatsView, TopicStats


async def question_stats(services: Deps) -> list[Reply]:
    """Counts per final topic (menu choices override the router) for 7 and 30 days."""
    return stats_replies(await stats_view(services))


async def stats_view(services: Deps) -> StatsView:
    """The counts; no rows when nothing was asked in 30 days."""
    now = services.clock()
    week = await services.store.questions.per_topic(now - timedelta(days=7))
    month = await services.store.questions.per_topic(now - timedelta(days=30))
    if not month:
        return StatsView(())
    keys: list[str | None] = [*services.directory.topics, None]
    rows = tuple(
        TopicStats(
            services.directory.topic(key).label if key else None,
            week.get(key, 0),
            month.get(key, 0),
        )
        for key in keys
    )
    return StatsView(rows, sum(week.values()), sum(month.values()))
