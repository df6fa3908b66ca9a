"""Completion chart per former district, rendered offline to PNG (matplotlib, Agg)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.texts import web as w
from bot.texts.render import clip

if TYPE_CHECKING:  # matplotlib itself is imported lazily (only coordinators ask for charts)
    from matplotlib.axes import Axes

MAX_BARS = 60  # at 0.32 in per bar the image stays far inside Telegram's photo limits


def completion_chart(
    summary: list[tuple[str, dict[str, int]]],
    subtitle: str = "",
    tasks: Sequence[tuple[str, int, int]] = (),
) -> bytes:
    """Stacked horizontal bars: complete / incomplete / not started, per former district.

    Callers page long lists; more than MAX_BARS bars are refused rather than drawn as an
    image Telegram would reject (width + height ≤ 10000 px, aspect ratio ≤ 20).
    """
    if len(summary) > MAX_BARS:
        raise ValueError(f"{len(summary)} bars; page the summary (at most {MAX_BARS})")
    # Imported lazily (only coordinators ask for charts); the object API, unlike pyplot, keeps
    # no global state, so rendering in a worker thread is safe.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = [name for name, _ in summary][::-1]
    complete = [c["complete"] for _, c in summary][::-1]
    incomplete = [c["incomplete"] for _, c in summary][::-1]
    empty = [c["empty"] for _, c in summary][::-1]
    height = max(4, 0.32 * len(names) + 1.5)
    extra = 0.5 * len(tasks) + 1.2 if tasks else 0
    fig = Figure(figsize=(8, height + extra), dpi=100)
    FigureCanvasAgg(fig)
    if tasks:
        ax, tax = fig.subplots(2, 1, height_ratios=[height, extra])
        _task_bars(tax, list(tasks))
    else:
        ax = fig.subplots()
    ax.barh(names, complete, color="#2e7d32", label=w.CHART_COMPLETE)
    ax.barh(names, incomplete, left=complete, color="#f9a825", label=w.CHART_INCOMPLETE)
    left = [a + b for a, b in zip(complete, incomplete, strict=True)]
    ax.barh(names, empty, left=left, color="#c62828", label=w.CHART_EMPTY)
    ax.set_xlabel(w.CHART_AXIS)
    title = w.CHART_TITLE
    ax.set_title(f"{title} ({subtitle})" if subtitle else title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8, frameon=False)
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _task_bars(ax: Axes, tasks: list[tuple[str, int, int]]) -> None:
    """Done / not done per task (the counts add up to the communes counted)."""
    names = [clip(title, 45) for title, _, _ in tasks][::-1]
    done = [d for _, d, _ in tasks][::-1]
    rest = [t - d for _, d, t in tasks][::-1]
    ax.barh(names, done, color="#2e7d32", label=w.CHART_DONE)
    ax.barh(names, rest, left=done, color="#c62828", label=w.CHART_NOT_DONE)
    ax.set_title(w.CHART_TASKS, fontsize=10)
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(loc="lower right", fontsize=7, frameon=False)
