"""Database faults as the core sees them (no SQLite types leak past the store)."""

from __future__ import annotations

import os
from pathlib import Path


class StorageFault(Exception):
    """The database could not do what was asked; the message tells an operator why."""


def explain(path: Path | str, reason: str) -> str:
    """An operator's sentence for SQLite's terse error text about the database at `path`."""
    where = Path(path)
    folder = where.parent
    low = reason.lower()
    if not folder.is_dir():
        return f"the folder {folder} of BOT_DATABASE does not exist"
    if "unable to open" in low:
        if where.is_dir():
            return f"{where} is a folder, not a database file"
        if where.exists() and not os.access(folder, os.W_OK):
            return (
                f"the folder {folder} is read-only: SQLite needs to create {where.name}-wal "
                "and -shm next to the database"
            )
        return f"cannot open {where}: not readable, or its folder {folder} is not writable"
    if "readonly" in low or "read-only" in low:
        return f"{where} is read-only for this process (file or folder permissions)"
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return f"{where} is not a valid SQLite database (corrupt, or another kind of file)"
    if "permission denied" in low:
        return f"cannot use {where} or its folder {folder}: permission denied"
    if "full" in low or "no space" in low:
        return f"the disk holding {where} is full"
    if "i/o error" in low:
        return f"cannot read or write {where}: disk I/O error (is the disk full or failing?)"
    if "locked" in low or "busy" in low:
        return f"{where} stayed locked by another process"
    return f"{where}: {reason}"
