"""Delivery semantics, in one place: what each channel's failures mean and what we do next.

Channel adapters only *classify* an error into a `Fault`; this table decides the action, for
the outbox (nudges, broadcasts) and for interactive replies alike:

| fault          | Telegram                    | Zalo                                  |
|----------------|-----------------------------|---------------------------------------|
| network        | retry with backoff          | retry with backoff                    |
| timeout        | retry with backoff          | retry with backoff                    |
| server (5xx)   | retry with backoff          | retry with backoff                    |
| malformed body | retry with backoff          | retry with backoff                    |
| rate_limited   | wait `retry_after`, retry   | (Zalo has no such answer)             |
| quota (429)    | (Telegram has none)         | pause Zalo, retry after the pause     |
| forbidden 403  | unreachable (blocked)       | retry with backoff (docs: "internal") |
| chat_gone 400  | unreachable                 | unreachable                           |
| not_found 404  | failed                      | unreachable (unknown chat)            |
| bad_request    | failed                      | failed                                |
| unauthorized   | failed                      | failed                                |

An interactive reply whose action is a retry or a wait is queued in the durable outbox
instead of being dropped; nothing retries in a loop of its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum


class Fault(StrEnum):
    """What went wrong, as the channel adapter understood it."""

    NETWORK = "network"
    TIMEOUT = "timeout"
    SERVER = "server"
    MALFORMED = "malformed"
    RATE_LIMITED = "rate_limited"
    QUOTA = "quota"
    FORBIDDEN = "forbidden"
    CHAT_GONE = "chat_gone"
    NOT_FOUND = "not_found"
    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"


class Action(StrEnum):
    """What the sender does next."""

    RETRY = "transient"  # back off, then try again (the outbox's status name)
    WAIT = "retry_after"  # the server said how long
    QUOTA = "quota"  # the channel's budget is spent: pause the channel
    UNREACHABLE = "unreachable"
    FAILED = "failed"


_COMMON = {
    Fault.NETWORK: Action.RETRY,
    Fault.TIMEOUT: Action.RETRY,
    Fault.SERVER: Action.RETRY,
    Fault.MALFORMED: Action.RETRY,
    Fault.RATE_LIMITED: Action.WAIT,
    Fault.QUOTA: Action.QUOTA,
    Fault.CHAT_GONE: Action.UNREACHABLE,
    Fault.BAD_REQUEST: Action.FAILED,
    Fault.UNAUTHORIZED: Action.FAILED,
}
TABLE: dict[str, dict[Fault, Action]] = {
    "telegram": {**_COMMON, Fault.FORBIDDEN: Action.UNREACHABLE, Fault.NOT_FOUND: Action.FAILED},
    # Zalo documents 403 as "Internal server error" and answers 404 for an unknown chat.
    "zalo": {**_COMMON, Fault.FORBIDDEN: Action.RETRY, Fault.NOT_FOUND: Action.UNREACHABLE},
}
RETRYABLE = frozenset({Action.RETRY, Action.WAIT, Action.QUOTA})
MAX_BACKOFF = 300.0
QUOTA_PAUSE = 3600.0  # Zalo gives no reset time; look again in an hour
REPLY_RETRY = 2.0  # an interactive reply that failed goes out again this soon


def action_for(channel: str, fault: Fault) -> Action:
    """The table above; an unknown channel gets the common semantics."""
    return TABLE.get(channel, _COMMON).get(fault, Action.FAILED)


def backoff(attempts: int) -> float:
    """Seconds before retry number `attempts + 1`: doubling, capped, with jitter."""
    base = min(MAX_BACKOFF, 2.0 ** max(0, attempts))
    return base * random.uniform(0.8, 1.2)


@dataclass(frozen=True)
class Outcome:
    """What happened to one send: `status` is "sent" or an `Action` value."""

    status: str
    retry_after: float = 0.0
    error: str = ""
    fault: Fault | None = None
    parts_sent: int = 0  # Bot API messages of the reply that did arrive
    message_ids: tuple[str, ...] = ()  # their ids (a staff reply to one finds its request)

    @property
    def retryable(self) -> bool:
        return self.status in RETRYABLE


def failure(
    channel: str, fault: Fault, error: str, retry_after: float = 0.0, sent: int = 0
) -> Outcome:
    """The Outcome for a classified failure on a channel."""
    action = action_for(channel, fault)
    wait = retry_after if action is Action.WAIT else QUOTA_PAUSE if action is Action.QUOTA else 0
    return Outcome(action.value, wait, error[:300], fault, sent)
