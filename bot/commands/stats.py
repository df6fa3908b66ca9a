"""/stats for coordinators: questions per topic over 7 and 30 days."""

from __future__ import annotations

from datetime import timedelta

from bot import texts
from bot.chat import Reply, Seg
from bot.deps import Deps


async def question_stats(services: Deps) -> list[Reply]:
    """Counts per final topic (menu choices override the router) for 7 and 30 days."""
    now = services.clock()
    week = await services.store.questions.per_topic(now - timedelta(days=7))
    month = await services.store.questions.per_topic(now - timedelta(days=30))
    if not month:
        return [texts.plain(texts.STATS_EMPTY)]
    parts: list[Seg] = [texts.b(f"{texts.STATS_TITLE} (7 ngày / 30 ngày)")]
    keys: list[str | None] = [*services.directory.topics, None]
    for key in keys:
        label = services.directory.topic(key).label if key else texts.UNROUTED
        parts.append(Seg(f"\n• {label}: {week.get(key, 0)} / {month.get(key, 0)}"))
    total = f"Tổng: {sum(week.values())} / {sum(month.values())}"
    return [Reply(text=(*parts, Seg("\n"), texts.b(total)))]
