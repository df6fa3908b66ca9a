"""Coordinators' labels on stored questions: the review queue and the taught examples.

A label is a topic key, ``none`` (not a support request) or ``skip`` (looked at, left
unlabelled). Labels live in the database only, never in the package; the router reads the
real ones at start-up.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.rows.questions import ReviewItem
from bot.timestamps import from_db, to_db

if TYPE_CHECKING:
    from bot.store.database import Database

NOT_SUPPORT = "none"
SKIP = "skip"

# Unsure (no topic given) or corrected (the asker picked another topic than the router).
_NEEDS_REVIEW = "(q.topic IS NULL OR (q.chosen_topic IS NOT NULL AND q.chosen_topic != q.topic))"
_COLUMNS = (
    "q.id, q.at, q.channel, q.text, q.topic, q.confidence, q.chosen_topic, l.label, "
    "l.labelled_by, l.at AS labelled_at"
)


def _item(row: Any) -> ReviewItem:
    id_, at, channel, text, topic, confidence, chosen, label, labelled_by, labelled_at = row
    return ReviewItem(
        id_,
        from_db(at),
        channel,
        text,
        topic,
        float(confidence),
        chosen,
        label,
        labelled_by,
        from_db(labelled_at) if labelled_at else None,
    )


class Labels:
    """The `question_labels` area: the review queue, the labels, the taught examples."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def next_to_review(self, skip_ids: tuple[int, ...] = ()) -> ReviewItem | None:
        """The newest unlabelled question that was unsure or corrected (``skip_ids`` aside)."""
        # "NOT IN (NULL)" would match nothing: no clause at all when nothing is set aside.
        aside = f"AND q.id NOT IN ({','.join('?' * len(skip_ids))}) " if skip_ids else ""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM questions q LEFT JOIN question_labels l "
            f"ON l.question_id = q.id WHERE l.question_id IS NULL AND {_NEEDS_REVIEW} "
            f"{aside}ORDER BY q.id DESC LIMIT 1",
            skip_ids,
        )
        return _item(row) if row else None

    async def review_count(self) -> int:
        """How many questions wait in the review queue."""
        row = await self.db.fetchone(
            "SELECT COUNT(*) FROM questions q LEFT JOIN question_labels l "
            f"ON l.question_id = q.id WHERE l.question_id IS NULL AND {_NEEDS_REVIEW}"
        )
        return int(row[0]) if row else 0

    async def label(self, question_id: int, label: str, labelled_by: str, now: datetime) -> bool:
        """Set (or replace) the label of one question; False when there is no such question."""
        async with self.db.transaction() as db:
            found = await (
                await db.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,))
            ).fetchone()
            if found is None:
                return False
            await db.execute(
                "INSERT INTO question_labels (question_id, label, labelled_by, at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (question_id) DO UPDATE SET "
                "label = excluded.label, labelled_by = excluded.labelled_by, at = excluded.at",
                (question_id, label, labelled_by, to_db(now)),
            )
        return True

    async def for_review(self, unsure_only: bool) -> list[ReviewItem]:
        """Questions for the export file: the open review queue, or every stored question."""
        where = f"WHERE l.question_id IS NULL AND {_NEEDS_REVIEW}" if unsure_only else ""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM questions q LEFT JOIN question_labels l "
            f"ON l.question_id = q.id {where} ORDER BY q.id"
        )
        return [_item(row) for row in rows]

    async def taught_examples(self) -> list[tuple[str, str | None]]:
        """Labelled questions as ``(text, topic or None)`` training lines (skips left out)."""
        rows = await self.db.fetchall(
            "SELECT q.text, l.label FROM question_labels l JOIN questions q "
            "ON q.id = l.question_id WHERE l.label != ? ORDER BY q.id",
            (SKIP,),
        )
        return [(row[0], None if row[1] == NOT_SUPPORT else row[1]) for row in rows]
