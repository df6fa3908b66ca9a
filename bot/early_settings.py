"""The few settings a polling Telegram bot needs before its first getUpdates, without pydantic.

`commune-bot run` starts polling before the rest of the bot is imported (pydantic-settings
alone costs about as much as python-telegram-bot's own start). Only what opening the
channel needs is read here, from the environment and a `.env` file as `bot.settings` reads
them (BOT_ prefix, any case, the environment first). The full `Settings` is validated right
after, before any update is handled; when it disagrees with these values, or any of them is
not plainly valid, the early start is not taken (`None`) and the usual path decides.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.logs import hide

ENV_FILE = ".env"  # as bot.settings.Settings.model_config


@dataclass(frozen=True)
class EarlySettings:
    """What the Telegram channel and the instance lock need before the first poll."""

    telegram_token: str
    telegram_api_url: str
    database: Path
    timezone: str

    def agrees_with(self, settings: object) -> bool:
        """True when the full settings say the same (else the early channel is given up)."""
        token = getattr(settings, "telegram_token", None)
        return (
            token is not None
            and token.get_secret_value() == self.telegram_token
            and getattr(settings, "telegram_api_url", None) == self.telegram_api_url
            and getattr(settings, "database", None) == self.database
            and getattr(settings, "timezone", None) == self.timezone
            and not getattr(settings, "webhook_url", None)
        )


def early_settings(env: dict[str, str] | None = None, folder: Path | None = None) -> (
    EarlySettings | None):  # fmt: skip
    """The early values of a polling Telegram bot, or None (webhook, no token, or a value
    that only the full settings can judge)."""
    values = _read(os.environ if env is None else env, (folder or Path.cwd()) / ENV_FILE)
    token = values.get("bot_telegram_token", "")
    hide(token)  # whatever happens next, the log never shows it
    api = values.get("bot_telegram_api_url", "https://api.telegram.org")
    timezone = values.get("bot_timezone", "Asia/Ho_Chi_Minh")
    database = values.get("bot_database", "bot.sqlite3")
    if not token or not database or values.get("bot_webhook_url"):
        return None
    if not api.startswith(("http://", "https://")):
        return None
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return EarlySettings(token, api.rstrip("/"), Path(database), timezone)


def _read(env: os._Environ[str] | dict[str, str], dotenv: Path) -> dict[str, str]:
    """BOT_* values, lower-case names, the environment over the .env file."""
    values: dict[str, str] = {}
    if dotenv.is_file():
        from dotenv import dotenv_values  # what pydantic-settings reads .env with

        for key, value in dotenv_values(dotenv, encoding="utf-8").items():
            if value is not None:
                values[key.lower()] = value
    for key, value in env.items():
        if key[:4].lower() == "bot_":
            values[key.lower()] = value
    return values
