"""An outbox row due to be sent, and what a finished broadcast's report needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutboxRow:
    """A queued message, as the outbox worker takes it (the file is read only if it has one)."""

    id: int
    broadcast: int | None
    channel: str
    chat_id: str
    recipient: str  # "channel:user id"
    name: str
    body: str  # JSON: bot/outbox_codec.py reads it
    attempts: int  # failed sends so far
    attachment_name: str | None


@dataclass(frozen=True)
class FinishedBroadcast:
    """A broadcast with nothing left to send, whose sender has not had the report yet."""

    id: int
    sender: str
    channel: str | None  # where to report (None: sent from the CLI)
    chat_id: str | None


@dataclass(frozen=True)
class Undelivered:
    """A recipient a broadcast did not reach."""

    recipient: str
    name: str
    status: str  # "unreachable" | "failed"
    error: str | None
