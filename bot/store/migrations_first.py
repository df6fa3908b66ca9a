"""The first schema era (0001-0006): people, questions, teams, deadlines, the outbox, inbound
ids and identities. Applied rows are never edited: a change is a new migration in
`bot.store.migrations`."""

from __future__ import annotations

FIRST: tuple[tuple[str, str], ...] = (
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

FIRST += (
    (
        "0002_roles_and_teams",
        """
        CREATE TABLE grants (
            user_key TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('coordinator', 'registrar')),
            districts TEXT NOT NULL DEFAULT '[]',
            communes TEXT NOT NULL DEFAULT '[]',
            granted_by TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE invites (
            code_hash TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            districts TEXT NOT NULL DEFAULT '[]',
            communes TEXT NOT NULL DEFAULT '[]',
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_by TEXT,
            used_at TEXT
        );
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            commune TEXT NOT NULL,
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            position TEXT NOT NULL DEFAULT '',
            operator TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (commune, phone)
        );
        CREATE INDEX members_commune ON members (commune);
        CREATE INDEX members_phone ON members (phone);
        CREATE TABLE claims (
            code_hash TEXT PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_by TEXT,
            used_at TEXT
        );
        CREATE TABLE member_accounts (
            member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (member_id, channel)
        );
        CREATE INDEX member_accounts_user ON member_accounts (channel, user_id);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        """,
    ),
)

FIRST += (
    (
        "0003_deadlines_and_outbox",
        """
        CREATE TABLE tasks (
            key TEXT PRIMARY KEY,
            campaign TEXT NOT NULL,
            title TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('team', 'manual')),
            due TEXT NOT NULL,
            closed INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE task_done (
            commune TEXT NOT NULL,
            task TEXT NOT NULL REFERENCES tasks (key) ON DELETE CASCADE,
            done_by TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            PRIMARY KEY (commune, task)
        );
        CREATE TABLE nudges_sent (
            key TEXT PRIMARY KEY,
            outbox_id INTEGER,
            at TEXT NOT NULL
        );
        CREATE TABLE broadcasts (
            id INTEGER PRIMARY KEY,
            sender TEXT NOT NULL,
            sender_channel TEXT,
            sender_chat TEXT,
            audience TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            recipients INTEGER NOT NULL,
            reported_at TEXT
        );
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            broadcast INTEGER REFERENCES broadcasts (id),
            channel TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            recipient TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            commune TEXT,
            body TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'unreachable', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_at TEXT NOT NULL,
            error TEXT,
            created_at TEXT NOT NULL,
            done_at TEXT,
            UNIQUE (broadcast, channel, chat_id)
        );
        CREATE INDEX outbox_due ON outbox (status, next_at);
        """,
    ),
)

FIRST += (
    (
        "0004_inbound_and_identities",
        """
        CREATE TABLE inbound (
            channel TEXT NOT NULL,
            message_id TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (channel, message_id)
        );
        CREATE INDEX inbound_at ON inbound (at);
        CREATE TABLE identities (
            user_key TEXT PRIMARY KEY,
            person TEXT NOT NULL
        );
        ALTER TABLE invites ADD COLUMN person TEXT;
        """,
    ),
)

FIRST += (
    (
        "0005_store_opened",
        # One row rewritten at every start-up: proves the database can be written right away.
        "CREATE TABLE store_opened (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL);",
    ),
)

FIRST += (
    (
        # /stats reads per-day counts kept by triggers, never the whole questions table.
        "0006_question_day_counts",
        """
        CREATE TABLE question_days (
            day TEXT NOT NULL,
            topic TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (day, topic)
        ) WITHOUT ROWID;
        INSERT INTO question_days (day, topic, n)
            SELECT substr(at, 1, 10), COALESCE(chosen_topic, topic, ''), COUNT(*)
            FROM questions GROUP BY 1, 2;
        CREATE TRIGGER question_days_insert AFTER INSERT ON questions BEGIN
            INSERT INTO question_days (day, topic, n)
                VALUES (substr(NEW.at, 1, 10), COALESCE(NEW.chosen_topic, NEW.topic, ''), 1)
                ON CONFLICT (day, topic) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER question_days_delete AFTER DELETE ON questions BEGIN
            UPDATE question_days SET n = n - 1
                WHERE day = substr(OLD.at, 1, 10)
                AND topic = COALESCE(OLD.chosen_topic, OLD.topic, '');
        END;
        CREATE TRIGGER question_days_update AFTER UPDATE OF at, topic, chosen_topic ON questions
        BEGIN
            UPDATE question_days SET n = n - 1
                WHERE day = substr(OLD.at, 1, 10)
                AND topic = COALESCE(OLD.chosen_topic, OLD.topic, '');
            INSERT INTO question_days (day, topic, n)
                VALUES (substr(NEW.at, 1, 10), COALESCE(NEW.chosen_topic, NEW.topic, ''), 1)
                ON CONFLICT (day, topic) DO UPDATE SET n = n + 1;
        END;
        """,
    ),
)
