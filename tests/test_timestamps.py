"""One spelling for stored moments, and the upgrade of a database written before it.

The upgrade test builds a database with the previous schema (every migration before
0014, applied by real SQLite exactly as the store applied them), fills it with the spellings
the old code wrote, then opens it with today's Store.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from bot.store import Store
from bot.store.migrate_times import NAME
from bot.store.migrations import MIGRATIONS
from bot.timestamps import from_db, normalize, to_db

HANOI = timezone(timedelta(hours=7))


def test_one_fixed_width_spelling_whose_text_order_is_time_order() -> None:
    moments = [
        datetime(2026, 12, 2, 21, 0, tzinfo=HANOI),  # 14:00 UTC
        datetime(2026, 12, 2, 14, 30, tzinfo=UTC),
        datetime(2026, 12, 2, 14, 30, 0, 500000, tzinfo=UTC),
        datetime(2026, 12, 3, 6, 59, 59, tzinfo=HANOI),  # 23:59:59 the day before, UTC
        datetime(2026, 12, 2, 23, 59, 59, 999999, tzinfo=UTC),
    ]
    spelled = [to_db(m) for m in moments]
    assert len({len(s) for s in spelled}) == 1
    assert all(s.endswith("+00:00") for s in spelled)
    assert sorted(spelled) == [to_db(m) for m in sorted(moments)]
    assert [from_db(s) for s in spelled] == moments  # the same instants come back
    assert to_db(datetime(2026, 12, 2, 14, 0)) == "2026-12-02T14:00:00.000000+00:00"  # naive: UTC


def test_every_old_spelling_reads_as_its_instant() -> None:
    want = "2026-12-02T14:00:00.000000+00:00"
    for old in (
        "2026-12-02T21:00:00+07:00",
        "2026-12-02T14:00:00+00:00",
        "2026-12-02T14:00:00Z",
        "2026-12-02 14:00:00",  # SQLite CURRENT_TIMESTAMP
        "2026-12-02T14:00:00.000000+00:00",
    ):
        assert normalize(old) == want, old


def _previous_schema(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(
        "CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL "
        "DEFAULT CURRENT_TIMESTAMP)"
    )
    for name, script in MIGRATIONS:
        if name == NAME:
            break
        assert isinstance(script, str)
        db.executescript(
            f"BEGIN;\n{script}\nINSERT INTO migrations (name) VALUES ('{name}');COMMIT;"
        )
    return db


async def test_upgrade_rewrites_old_moments_and_keeps_their_meaning(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = _previous_schema(path)
    db.executescript(
        """
        INSERT INTO tasks (key, campaign, title, kind, due, position)
            VALUES ('t1', 'c', 'Lập nhóm', 'team', '2025-06-13T11:00:00+07:00', 1);
        INSERT INTO outbox (channel, chat_id, recipient, body, next_at, created_at)
            VALUES ('telegram', '1', 'telegram:1', '"early"', '2026-12-02T21:00:00+07:00',
                    '2026-12-02T21:00:00+07:00'),
                   ('telegram', '2', 'telegram:2', '"late"', '2026-12-02T14:30:00+00:00',
                    '2026-12-02 14:30:00');
        INSERT INTO questions (at, channel, user_key, chat_id, text, topic, confidence)
            VALUES ('2026-12-02T06:00:00+07:00', 'telegram', 'telegram:1', '1', 'mất mạng',
                    'network', 0.9);
        INSERT INTO nudges_sent (key, outbox_id, at)
            VALUES ('t1|14758|telegram:1|before_1d|2025-06-12T11:00:00+07:00', 1,
                    '2025-06-12T11:00:00+07:00'),
                   ('quota:zalo:2025-06:telegram:1', 2, '2025-06-12T04:00:00.5+00:00');
        INSERT INTO audit (at, actor, action, detail) VALUES ('not a moment', 'x', 'y', '{}');
        """
    )
    db.close()

    store = Store(path)
    await store.open()
    try:
        assert await store.applied_migrations() == sorted(name for name, _ in MIGRATIONS)
        # Every moment column now holds the one spelling …
        for table, column in (
            ("tasks", "due"),
            ("outbox", "next_at"),
            ("outbox", "created_at"),
            ("questions", "at"),
            ("nudges_sent", "at"),
            ("migrations", "applied_at"),
            ("store_opened", "at"),
        ):
            for (value,) in await store.fetchall(f"SELECT {column} FROM {table}"):
                assert value == normalize(value), (table, column, value)
        # … naming the same instant as before.
        (task,) = await store.tasks.all()
        assert task.due == datetime(2025, 6, 13, 11, 0, tzinfo=HANOI)
        # SQL now compares instants: at 14:15 UTC only the row due at 14:00 UTC is due,
        # although its old text ("21:00+07:00") sorted after the 14:30 one.
        due = await store.outbox.due(datetime(2026, 12, 2, 14, 15, tzinfo=UTC))
        assert [r.chat_id for r in due] == ["1"]
        assert await store.outbox.next_at() == datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
        # A sent reminder keeps its key, spelled as today's code spells it: not sent twice.
        keys = await store.nudges.sent_keys(datetime(2025, 6, 1, tzinfo=UTC))
        slot = datetime(2025, 6, 12, 11, 0, tzinfo=HANOI)
        assert f"t1|14758|telegram:1|before_1d|{to_db(slot)}" in keys
        assert "quota:zalo:2025-06:telegram:1" in keys
        # The per-day counts follow the rewritten moment (the trigger keeps them in step).
        days = await store.fetchall("SELECT day, topic, n FROM question_days WHERE n > 0")
        assert [tuple(r) for r in days] == [("2026-12-01", "network", 1)]
        # A value that is not a moment is left alone.
        (row,) = await store.fetchall("SELECT at FROM audit")
        assert row[0] == "not a moment"
    finally:
        await store.close()

    again = Store(path)  # a second start runs nothing again
    await again.open()
    assert await again.applied_migrations() == sorted(name for name, _ in MIGRATIONS)
    await again.close()
