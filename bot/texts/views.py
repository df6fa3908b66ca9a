"""The one-shot commands' views (bot/views.py) in words: each renderer returns `Reply`s."""

from __future__ import annotations

from bot.chat import Reply, Seg
from bot.texts.common import STATS_EMPTY, STATS_TITLE, UNROUTED
from bot.texts.render import b, plain
from bot.views import StatsView

STATS_PERIODS = " (7 ngày / 30 ngày)"
STATS_TOTAL = "Tổng: {week} / {month}"


def stats_replies(view: StatsView) -> list[Reply]:
    """/stats: questions per topic, 7 days / 30 days, and the totals."""
    if not view.rows:
        return [plain(STATS_EMPTY)]
    parts: list[Seg] = [b(f"{STATS_TITLE}{STATS_PERIODS}")]
    for row in view.rows:
        label = UNROUTED if row.label is None else row.label
        parts.append(Seg(f"\n• {label}: {row.week} / {row.month}"))
    total = STATS_TOTAL.format(week=view.week_total, month=view.month_total)
    return [Reply(text=(*parts, Seg("\n"), b(total)))]
