"""The hot path of an incoming message in one hop to the database thread.

A question costs: refresh the sender, read their grant and seats (their roles, asked again for
the reply's command menu), look for an open conversation, read the chat's last
answered topic (for follow-ups), record the question (and, for network help, find the commune's
operator) and keep the topic about to be answered as the chat's new context.
Run as one function on the SQLite thread in one transaction, that is one queue round trip and
one commit instead of several.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from bot.arrival import Arrival, Question
from bot.roster import TELECOM
from bot.store.access import standing_of
from bot.store.context import CONTEXT_READ_SQL, CONTEXT_WRITE_SQL, context_of
from bot.store.conversations import CONVERSATION_SQL
from bot.store.questions import MAX_TEXT, QUESTION_SQL, SEEN_SQL
from bot.timestamps import to_db

if TYPE_CHECKING:
    from bot.store.database import Database

# The first linked seat's commune whose telecom technician names an operator.
OPERATOR_SQL = (
    "SELECT t.operator FROM member_accounts a JOIN members s ON s.id = a.member_id "
    "JOIN members t ON t.commune = s.commune AND t.role = ? AND t.operator IS NOT NULL "
    "WHERE a.channel = ? AND a.user_id = ? ORDER BY s.id, t.updated_at DESC LIMIT 1"
)


class Arrivals:
    """The hot path: one incoming message's reads and writes, in one hop and one commit."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def arrive(
        self,
        channel: str,
        user_id: str,
        chat_id: str,
        name: str,
        now: datetime,
        question: Question | None,
        context_since: datetime | None = None,
    ) -> Arrival:
        """Seen + open conversation + question record (+ operator) + the chat's context
        (the one answered after ``context_since``, then this answer's), all or nothing."""
        at = to_db(now)
        seen = (channel, user_id, chat_id, name[:200], at, at)
        since = to_db(context_since) if context_since else None

        def work(conn: sqlite3.Connection) -> Arrival:
            conn.execute("BEGIN IMMEDIATE")
            try:
                arrival = _arrive(conn, channel, user_id, chat_id, at, seen, question, since)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return arrival

        return await self.db.on_thread(work)


def _arrive(
    conn: sqlite3.Connection,
    channel: str,
    user_id: str,
    chat_id: str,
    at: str,
    seen: tuple,
    question: Question | None,
    since: str | None = None,
) -> Arrival:
    conn.execute(SEEN_SQL, seen)
    key = f"{channel}:{user_id}"
    standing = standing_of(conn, key, channel, user_id)
    row = conn.execute(CONVERSATION_SQL, (channel, chat_id)).fetchone()
    if row is not None:  # the text belongs to the dialogue, not to the statistics
        return Arrival(conversation=(row[0], json.loads(row[1])), standing=standing)
    context = None  # read for a hand-off too ("tôi muốn gặp cán bộ" goes to this topic)
    if since is not None:
        context = context_of(conn.execute(CONTEXT_READ_SQL, (channel, chat_id, since)).fetchone())
    if question is None:
        return Arrival(context=context, standing=standing)
    question_id = 0
    if question.record:
        values = (at, channel, key, chat_id, question.text[:MAX_TEXT], question.topic)
        cur = conn.execute(QUESTION_SQL, (*values, question.confidence))
        question_id = cur.lastrowid or 0
    operator = None
    if question.topic == "network":
        found = conn.execute(OPERATOR_SQL, (TELECOM, channel, user_id)).fetchone()
        operator = found[0] if found else None
    if question.answers and not question.continues(context):
        shown = (question.operator or operator) if question.answers == "network" else None
        conn.execute(CONTEXT_WRITE_SQL, (channel, chat_id, question.answers, shown, at))
    return Arrival(None, question_id, operator, context, standing)
