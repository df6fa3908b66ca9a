"""Ordered, named schema migrations; each runs once, in its own transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from bot.store.migrate_times import NAME as ONE_TIME_FORMAT
from bot.store.migrate_times import rewrite_times
from bot.store.migrations_first import FIRST

# A migration is SQL, or (to rewrite existing values) a function run in one transaction.
Migration = tuple[str, str | Callable[[sqlite3.Connection], None]]

MIGRATIONS: tuple[Migration, ...] = FIRST

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
    (
        "0011_ask_context_last_topic",
        """
        CREATE TABLE ask_context (
            channel TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            operator TEXT,
            at TEXT NOT NULL,
            PRIMARY KEY (channel, chat_id)
        );
        """,
    ),
)

MIGRATIONS += (
    (
        # Support requests (bot/requests): tickets, their messages, the (chat, message id)
        # links, staff forum topics, linked contact accounts and claims.
        "0012_support_requests",
        """
        CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            state TEXT NOT NULL DEFAULT 'open'
                CHECK (state IN ('open', 'answered', 'resolved', 'closed')),
            topic TEXT NOT NULL,
            commune TEXT,
            asker TEXT NOT NULL,
            asker_name TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            question TEXT NOT NULL,
            created_at TEXT NOT NULL,
            first_answer_at TEXT,
            resolved_at TEXT,
            taken_by TEXT,
            taken_name TEXT,
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),
            comment TEXT,
            reopened INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX requests_state ON requests (state);
        CREATE INDEX requests_asker ON requests (asker, created_at);
        CREATE TABLE request_messages (
            id INTEGER PRIMARY KEY,
            request INTEGER NOT NULL REFERENCES requests (id),
            side TEXT NOT NULL CHECK (side IN ('asker', 'staff')),
            author TEXT NOT NULL,
            author_name TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'text',
            text TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            message_id TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (channel, chat_id, message_id)
        );
        CREATE INDEX request_messages_request ON request_messages (request);
        CREATE TABLE request_links (
            channel TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            message_id TEXT NOT NULL,
            request INTEGER NOT NULL REFERENCES requests (id),
            side TEXT NOT NULL CHECK (side IN ('asker', 'staff')),
            PRIMARY KEY (channel, chat_id, message_id)
        );
        CREATE TABLE staff_topics (
            chat_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            thread INTEGER NOT NULL,
            PRIMARY KEY (chat_id, topic)
        );
        CREATE TABLE contact_accounts (
            phone TEXT NOT NULL,
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (phone, channel)
        );
        CREATE INDEX contact_accounts_user ON contact_accounts (channel, user_id);
        CREATE TABLE contact_claims (
            code_hash TEXT PRIMARY KEY,
            phone TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_by TEXT,
            used_at TEXT
        );
        CREATE TABLE asker_communes (
            user_key TEXT PRIMARY KEY,
            commune TEXT NOT NULL
        );
        """,
    ),
)

MIGRATIONS += (
    (
        # Chats given a Telegram command menu of their own (setMyCommands scoped to the chat):
        # everybody else sees the bot-wide default, so a stranger's first message costs no call.
        "0013_chat_menus",
        "CREATE TABLE chat_menus (chat_id TEXT PRIMARY KEY, menu TEXT NOT NULL);",
    ),
)

MIGRATIONS += (
    # Every stored moment in one spelling (UTC, microseconds): see bot/timestamps.py.
    (ONE_TIME_FORMAT, rewrite_times),
)
