"""Settings from the environment (and a .env file), read once by the composition root."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot import default_data_dir
from bot.inputs import parse_int, valid_user_key
from bot.logs import hide

CHANNELS = ("telegram", "zalo", "console")


class Settings(BaseSettings):
    """Every operator-facing setting; names and defaults follow spec/interfaces.md."""

    model_config = SettingsConfigDict(
        env_prefix="BOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    zalo_token: SecretStr | None = None
    zalo_api_url: str = "https://bot-api.zaloplatforms.com"
    zalo_webhook_secret: SecretStr | None = None
    # Zalo's free plan: about 3,000 outbound messages a month (0: no budget kept).
    zalo_monthly_limit: int = Field(default=3000, ge=0)
    webhook_url: str | None = None
    # Public base URL of the bot's own HTTP server (web sign-in links).
    public_url: str | None = None
    listen: str = "127.0.0.1:8080"
    database: Path = Path("bot.sqlite3")
    coordinators: Annotated[tuple[str, ...], NoDecode] = ()
    timezone: str = "Asia/Ho_Chi_Minh"
    data_dir: Path = Field(default_factory=default_data_dir)
    # Telegram supergroup (forum topics on) where support requests are posted for staff.
    staff_chat: str | None = None
    # Official (NSO) code of the province whose communes `communes regenerate` writes.
    province: int = Field(default=38, ge=1, le=99)
    # Answers carry a "Lưu vào danh bạ" button; True also sends the card with every answer
    # (two Bot API messages per answer instead of one).
    contact_card: bool = False

    @field_validator("coordinators", mode="before")
    @classmethod
    def _split_users(cls, value: object) -> tuple[str, ...]:
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            items: list[object] = list(value.split(","))
        elif isinstance(value, Iterable):
            items = list(value)
        else:
            raise ValueError(f"{value!r} is not a comma-separated list of users")
        users = tuple(str(v).strip() for v in items if str(v).strip())
        for user in users:
            if not valid_user_key(user):
                raise ValueError(f"{user!r} is not a channel-qualified user id like telegram:123")
        return users

    @field_validator("staff_chat")
    @classmethod
    def _staff_chat(cls, value: str | None) -> str | None:
        if value is None or not str(value).strip():
            return None
        value = str(value).strip()
        if not value.lstrip("-").isdigit() or not value.startswith("-"):
            raise ValueError(f"{value!r} is not a Telegram group id like -1001234567890")
        return value

    @field_validator("zalo_webhook_secret")
    @classmethod
    def _zalo_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Zalo's setWebhook takes a secret_token of 8–256 characters.
        if value is None or value.get_secret_value() == "":
            return None
        if not 8 <= len(value.get_secret_value()) <= 256:
            raise ValueError("must be 8 to 256 characters (Zalo's setWebhook rule)")
        return value

    @field_validator("listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or parse_int(port, 0, 65535) is None:
            raise ValueError(f"{value!r} is not host:port")
        return value

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("webhook_url", "telegram_api_url", "zalo_api_url", "public_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None if value == "" else value
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.rstrip("/")

    def model_post_init(self, context: Any, /) -> None:
        """The tokens are masked in every log line from the moment they are read."""
        for secret in (self.telegram_token, self.zalo_token, self.zalo_webhook_secret):
            hide(secret.get_secret_value() if secret else None)

    @property
    def tz(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.timezone)

    @property
    def host_port(self) -> tuple[str, int]:
        """BOT_LISTEN split into host and port."""
        host, _, port = self.listen.rpartition(":")
        return host, int(port)
