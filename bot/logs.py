"""Logging set-up: tokens and phone numbers never reach the log in clear."""

from __future__ import annotations

import logging
import re

# Bot API URLs carry the token in the path (/bot123:ABC/sendMessage); Vietnamese phones look
# like 0915351008 or +84915351008.
_TOKEN = re.compile(r"bot\d+:[A-Za-z0-9_-]+")
_PHONE = re.compile(r"(?<!\d)(\+?84|0)(\d{2})\d{4,5}(\d{3})(?!\d)")


def redact(text: str) -> str:
    """Mask bot tokens and phone numbers."""
    text = _TOKEN.sub("bot<token>", text)
    return _PHONE.sub(lambda m: f"{m.group(1)}{m.group(2)}****{m.group(3)}", text)


class RedactingFilter(logging.Filter):
    """Rewrites every record's message with `redact` before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(level: int = logging.INFO) -> None:
    """Log to stderr with redaction; silence request logs that print URLs with the token."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
