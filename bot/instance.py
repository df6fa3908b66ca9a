"""One `commune-bot run` per database: an OS lock on a file next to it.

Two runs on one database would each re-queue the other's in-flight outbox rows and send
broadcasts twice. An advisory `flock` is released by the kernel when its process dies, even
on kill -9, so there is no stale lease to expire; the file's text names the holder so the
second run can say who is in the way. The lock lives on `<database>.lock`, never on the
database itself: closing any other descriptor of the database file would drop SQLite's own
POSIX locks.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path


class InstanceLocked(RuntimeError):
    """Another process holds the database; the message names it."""


class InstanceLock:
    """Held from `acquire()` to `release()` (or the death of the process)."""

    def __init__(self, database: Path | str) -> None:
        self.database = Path(database)
        self.path = Path(f"{database}.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise InstanceLocked; OSError when the file cannot be made."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            raise InstanceLocked(
                f"another commune-bot run already uses {self.database} "
                f"({holder}); stop it first, or point BOT_DATABASE at another file"
            ) from None
        except OSError:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(_me()).encode())
        self._fd = fd

    def release(self) -> None:
        """Let the next run start (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def _me() -> dict[str, object]:
    started = datetime.now(UTC).isoformat(timespec="seconds")
    return {"pid": os.getpid(), "host": socket.gethostname(), "since": started}


def _read(fd: int) -> str:
    try:
        holder = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {holder['pid']} on {holder['host']}, since {holder['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "holder unknown"
