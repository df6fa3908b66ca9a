"""Output helpers shared by the command-line modules."""

from __future__ import annotations

import json
import sys
from typing import Any

USAGE_ERROR = 2


def emit(obj: dict[str, Any]) -> None:
    """One JSON line on stdout, UTF-8, not ASCII-escaped."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def fail(message: str, status: int = USAGE_ERROR) -> int:
    """A message on stderr; returns the exit status."""
    sys.stderr.write(f"commune-bot: {message}\n")
    return status
