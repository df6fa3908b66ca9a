"""Logging set-up: tokens and phone numbers never reach the log in clear."""

from __future__ import annotations

import logging
import re

# Bot API URLs carry the token in the path (/bot123:ABC/sendMessage). Vietnamese phones are
# written every way people type them: 0915351008, 0915 351 008, 0915.351.008, 0915-351-008,
# +84 915 351 008, (+84) 915..., 84915351008; landlines have one digit more (0237 3852 123).
_TOKEN = re.compile(r"bot\d+:[A-Za-z0-9_-]+")
_SEP = r"[ .\-()\u00a0]{0,3}"  # what people put between digit groups
_PHONE = re.compile(
    rf"(?<![\d+])(\(?\+?84\)?|0)((?:{_SEP}2(?:{_SEP}\d){{9}})|(?:{_SEP}[3-9](?:{_SEP}\d){{8}}))"
    r"(?!\d)"
)


_SECRETS: set[str] = set()  # the configured tokens, masked wherever they appear


def hide(secret: str | None) -> None:
    """Mask this value in every log line and start-up message from now on (a library may
    quote a token without its "bot" prefix: PTB's "The token `…` was rejected")."""
    if secret and len(secret) >= 6:
        _SECRETS.add(secret)


def redact(text: str) -> str:
    """Mask bot tokens and phone numbers (in any spelling: the digits decide)."""
    for secret in _SECRETS:
        text = text.replace(secret, "<token>")
    text = _TOKEN.sub("bot<token>", text)
    return _PHONE.sub(_mask, text)


def _mask(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(2))
    return f"{match.group(1)}{digits[:2]}****{digits[-3:]}"


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
