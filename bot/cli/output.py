"""Output helpers shared by the command-line modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

USAGE_ERROR = 2
T = TypeVar("T")


def emit(obj: dict[str, Any]) -> None:
    """One JSON line on stdout, UTF-8, not ASCII-escaped."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def fail(message: str, status: int = USAGE_ERROR) -> int:
    """A message on stderr; returns the exit status."""
    sys.stderr.write(f"commune-bot: {message}\n")
    return status


def read_file(path: Path, parse: Callable[[str, bytes], T], invalid: type[Exception]) -> T | int:
    """`parse(name, content)` of a file named on the command line, or the exit status after
    saying why it could not be read or parsed (one wording for every file-taking command)."""
    try:
        return parse(path.name, path.read_bytes())
    except OSError as exc:
        return fail(f"cannot read {path}: {exc}", 1)
    except invalid as exc:
        return fail(f"{path}: {exc}", 1)
