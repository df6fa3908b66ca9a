"""Migration 0014: every stored moment rewritten into `bot.timestamps`' one spelling.

Rows written before it carry several spellings: the offset of whatever clock wrote them
(`+07:00` deadlines from the campaign file next to `+00:00` rows), no fraction when the clock
hit a whole second, SQLite's `CURRENT_TIMESTAMP` (`2026-12-02 14:36:53`). Text comparison in
SQL then orders them wrong. The moment columns are found by name (`at`, `due`, `*_at`,
`*_seen`) in every table, so tables added later by other migrations are covered too; a value
that does not read as a moment (a date, free text) is left as it is.
"""

from __future__ import annotations

import sqlite3

from bot.timestamps import normalize

NAME = "0014_one_timestamp_format"


def _is_moment_column(name: str) -> bool:
    return name in ("at", "due") or name.endswith("_at") or name.endswith("_seen")


def _canonical(value: object) -> str | None:
    """The one spelling of a stored moment, or None when the value is not one."""
    if not isinstance(value, str) or len(value) < 16 or value[10] not in "T ":
        return None
    try:
        return normalize(value)
    except ValueError:
        return None


def _nudge_key(key: str) -> str:
    # Nudge keys end with their slot ("task|where|who|kind|<moment>"): the same slot must
    # keep the same key after the upgrade, or an already-sent reminder would go out again.
    head, sep, tail = key.rpartition("|")
    fixed = _canonical(tail) if sep else None
    return f"{head}|{fixed}" if fixed else key


def rewrite_times(db: sqlite3.Connection) -> None:
    """Rewrite every moment column of every table (inside the migration's transaction)."""
    tables = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
        for column in filter(_is_moment_column, columns):
            # By value, not by rowid: equal old values get equal new ones, and a table
            # WITHOUT ROWID is rewritten the same way.
            values = db.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
            changed = [
                (fixed, value)
                for (value,) in values
                if (fixed := _canonical(value)) is not None and fixed != value
            ]
            db.executemany(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', changed)
    if "nudges_sent" in tables:
        keys = [r[0] for r in db.execute("SELECT key FROM nudges_sent")]
        moved = [(_nudge_key(k), k) for k in keys if _nudge_key(k) != k]
        db.executemany("UPDATE OR IGNORE nudges_sent SET key = ? WHERE key = ?", moved)
