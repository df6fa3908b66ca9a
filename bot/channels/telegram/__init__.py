"""Telegram through python-telegram-bot 22, one module per job.

`app` builds and runs the Application and is the only module that imports `handlers` (one
module per kind of update, registered in one ordered list); `context` is the handlers' typed
context, `render` turns a Reply into Bot API calls, `limiter` meters them, `sender` is the
outbox's port. Nothing in the package imports this `__init__` back.
"""

from bot.channels.telegram.app import TelegramChannel, build_application, webhook_secret

__all__ = ["TelegramChannel", "build_application", "webhook_secret"]
