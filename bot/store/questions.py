"""People who reached the bot, and the questions they asked."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.rows.questions import QuestionRow
from bot.timestamps import from_db, to_db

if TYPE_CHECKING:
    from bot.store.database import Database

MAX_TEXT = 2000  # question text kept for analysis; longer messages are cut
SEEN_SQL = (
    "INSERT INTO people (channel, user_id, chat_id, name, first_seen, last_seen) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, user_id) DO UPDATE SET "
    "chat_id = excluded.chat_id, name = excluded.name, last_seen = excluded.last_seen, "
    "unreachable = 0"
)
QUESTION_SQL = (
    "INSERT INTO questions (at, channel, user_key, chat_id, text, topic, confidence) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


QUESTION_FIELDS = "id, at, channel, user_key, chat_id, text, topic, confidence, chosen_topic"


class Questions:
    """The `questions` area: who reached the bot, what they asked, the per-topic counts."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def seen(
        self, channel: str, user_id: str, chat_id: str, name: str, now: datetime
    ) -> None:
        """Remember (or refresh) somebody who wrote to the bot, and where to reach them."""
        at = to_db(now)
        await self.db.write(SEEN_SQL, (channel, user_id, chat_id, name[:200], at, at))

    async def record(
        self,
        channel: str,
        user_key: str,
        chat_id: str,
        text: str,
        topic: str | None,
        confidence: float,
        now: datetime,
    ) -> int:
        """Store one routed question; returns its id."""
        return await self.db.write(
            QUESTION_SQL,
            (to_db(now), channel, user_key, chat_id, text[:MAX_TEXT], topic, confidence),
        )

    async def choose_topic(self, question_id: int, user_key: str, topic: str) -> bool:
        """Record the topic the asker picked from the menu (only on their own question);
        False when the question is not theirs or does not exist."""
        changed = await self.db.change(
            "UPDATE questions SET chosen_topic = ? WHERE id = ? AND user_key = ?",
            (topic, question_id, user_key),
        )
        return changed > 0

    async def get(self, question_id: int) -> QuestionRow | None:
        """One stored question."""
        row = await self.db.fetchone(
            f"SELECT {QUESTION_FIELDS} FROM questions WHERE id = ?", (question_id,)
        )
        if row is None:
            return None
        id_, at, channel, user_key, chat_id, text, topic, confidence, chosen = row
        return QuestionRow(
            id_, from_db(at), channel, user_key, chat_id, text, topic, float(confidence), chosen
        )

    async def per_topic(self, since: datetime) -> dict[str | None, int]:
        """Questions on the days since a moment, counted by the final topic (menu choice wins).

        Reads the per-day counts kept by triggers (whole days, by the date of `at`): the cost
        does not grow with the number of stored questions.
        """
        rows = await self.db.fetchall(
            "SELECT topic, SUM(n) FROM question_days WHERE day >= ? GROUP BY topic "
            "HAVING SUM(n) > 0",
            (since.date().isoformat(),),
        )
        return {(row[0] or None): row[1] for row in rows}
