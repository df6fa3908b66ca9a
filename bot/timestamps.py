"""The one way a moment is written to and read from the database.

Every stored moment is UTC, ISO 8601, with microseconds: `2026-12-02T14:36:53.000000+00:00`.
One fixed-width spelling means SQL compares moments correctly as text (`at >= ?`, `MIN(…)`,
`ORDER BY`), which strings of mixed offsets (`…+07:00` next to `…+00:00`), a missing fraction
(`isoformat()` drops `.000000`) or SQLite's `CURRENT_TIMESTAMP` (`2026-12-02 14:36:53`) do
not. Python compares the parsed values as instants. A pure leaf: the core may use it too.
"""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime) -> str:
    """The stored spelling of `moment`; a naive value is taken as UTC (SQLite's own habit)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str) -> datetime:
    """The moment a stored value names, as an aware UTC datetime.

    Reads every spelling the store has ever written (any offset, `Z`, no fraction, a space
    instead of `T`, naive = UTC), so old rows read right before and after their migration.
    """
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def normalize(text: str) -> str:
    """A stored value (or a caller's ISO string) in the one spelling; ValueError if none."""
    return to_db(from_db(text))
