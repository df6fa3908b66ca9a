"""Ordered, named schema migrations; each runs once, in its own transaction."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_people_and_questions",
        """
        CREATE TABLE people (
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            unreachable INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (channel, user_id)
        );
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            channel TEXT NOT NULL,
            user_key TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            text TEXT NOT NULL,
            topic TEXT,
            confidence REAL NOT NULL,
            chosen_topic TEXT
        );
        CREATE INDEX questions_at ON questions (at);
        CREATE TABLE pending_choices (
            channel TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            choices TEXT NOT NULL,
            PRIMARY KEY (channel, chat_id)
        );
        CREATE TABLE conversations (
            channel TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            flow TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (channel, chat_id)
        );
        """,
    ),
)
