"""The trained router kept between start-ups, next to the database.

Training reads every labelled line and scores it (0.2–0.5 s, most of a warm start); loading
the result takes milliseconds. The file is keyed by a hash of everything training reads —
the lexicon, the labelled files, the taught lines and the core's source code — so any
change retrains, and a missing, stale or unreadable file is simply rebuilt. Nothing is ever
downloaded: the cache holds only what this process computed itself, in the bot's own state
directory (the same trust as the SQLite file beside it), readable by its owner only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
CORE = Path(__file__).resolve().parent  # the core package: its code shapes the trained model
FILE_NAME = "router.cache"
T = TypeVar("T")


def fingerprint(
    keywords: Mapping[str, Mapping[str, float]],
    folder: Path,
    taught: Iterable[tuple[str, str | None]],
) -> bytes:
    """A hash of every input of training (data and code): equal hashes, equal routers."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update(json.dumps(keywords, sort_keys=True, ensure_ascii=False).encode())
    for path in sorted(folder.rglob("*.jsonl")):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(list(taught), ensure_ascii=False).encode())
    for path in sorted(CORE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest().encode()


def cached(path: Path, key: bytes, build: Callable[[], T], kind: type[T]) -> T:
    """`build()`'s result, from `path` when it was saved there under the same `key`."""
    found = _load(path, key, kind)
    if found is not None:
        return found
    value = build()
    _save(path, key, value)
    return value


def _load(path: Path, key: bytes, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as file:
            if file.readline().rstrip(b"\n") != key:  # stale: never unpickle it
                return None
            value = pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception as exc:  # damaged or from older code: rebuild
        log.warning("router cache unreadable (%s); retraining", type(exc).__name__)
        return None
    return value if isinstance(value, kind) else None


def _save(path: Path, key: bytes, value: object) -> None:
    """Written whole or not at all (temp file + rename); a read-only folder only costs time."""
    temp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(key + b"\n")
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except (OSError, pickle.PicklingError) as exc:
        log.info("router cache not written (%s)", type(exc).__name__)
        temp.unlink(missing_ok=True)
