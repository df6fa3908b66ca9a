"""Ordered, named schema migrations; each runs once, in its own transaction."""

from __future__ import annotations

from bot.store.migrations_first import FIRST

MIGRATIONS: tuple[tuple[str, str], ...] = FIRST

MIGRATIONS += (
    (
        # The weekly digest carries the .docx report: the file travels with its outbox row.
        "0007_outbox_attachments",
        """
        ALTER TABLE outbox ADD COLUMN attachment_name TEXT;
        ALTER TABLE outbox ADD COLUMN attachment BLOB;
        """,
    ),
)

MIGRATIONS += (
    (
        "0008_question_labels",
        """
        CREATE TABLE question_labels (
            question_id INTEGER PRIMARY KEY REFERENCES questions (id),
            label TEXT NOT NULL CHECK (label != ''),
            labelled_by TEXT NOT NULL,
            at TEXT NOT NULL
        );
        """,
    ),
)

MIGRATIONS += (
    (
        "0009_delivery_replies_and_channel_quota",
        """
        ALTER TABLE outbox ADD COLUMN reply INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE channel_usage (
            channel TEXT NOT NULL,
            month TEXT NOT NULL,
            sent INTEGER NOT NULL DEFAULT 0,
            warned INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (channel, month)
        );
        """,
    ),
)

MIGRATIONS += (
    (
        # Web dashboard: single-use sign-in links and sessions, both kept only as hashes.
        "0010_web_sign_in",
        """
        CREATE TABLE web_links (
            token_hash TEXT PRIMARY KEY,
            user_key TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '/',
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        );
        CREATE TABLE web_sessions (
            session_hash TEXT PRIMARY KEY,
            user_key TEXT NOT NULL,
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        """,
    ),
)
