"""Telegram through python-telegram-bot 22, one module per job.

`app` builds and runs the Application and is the only module that imports `handlers` (one
module per kind of update, registered in one ordered list); `early` is the Application before
the bot behind it (polling starts before the rest is imported); `lean` is PTB's bot without
double parsing; `context` is the handlers' typed context, `render` turns a Reply into Bot
API calls, `limiter` meters them, `sender` is the outbox's port. Nothing in the package
imports this `__init__` back, and it imports `app` only when asked for its names, so that
`early` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.channels.telegram.app import TelegramChannel, build_application, webhook_secret

__all__ = ["TelegramChannel", "build_application", "webhook_secret"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bot.channels.telegram import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
