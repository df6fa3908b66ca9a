"""The handlers' typed context: `context.bot_data` is a TelegramData."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

if TYPE_CHECKING:  # the channel is built before the engine (polling starts early)
    from bot.deps import Deps
    from bot.engine import Engine


@dataclass
class TelegramData:
    """Typed bot_data: what handlers reach through `context.bot_data`."""

    engine: Engine | None = None
    services: Deps | None = None
    handled: int = 0
    menus: dict[str, str] = field(default_factory=dict)  # chat id -> role key of its menu


# The handlers' context: bot_data is a TelegramData (not the default dict), so mypy checks it.
Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], TelegramData]
CONTEXT_TYPES = ContextTypes(bot_data=TelegramData)
