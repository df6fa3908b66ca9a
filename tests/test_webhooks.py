"""Both webhooks: the secret first and in any header case; bad bytes, bodies and secrets."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr, ValidationError

from bot.channels.telegram import TelegramChannel, webhook_secret
from bot.channels.web import WebServer
from bot.channels.zalo import ZaloChannel
from bot.deps import Deps
from bot.engine import Engine
from bot.settings import Settings
from tests.conftest import TOKEN, ZTOKEN
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo
from tests.process import free_port

ZSECRET = "zalo-webhook-secret"
TG_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ZALO_HEADER = "X-Bot-Api-Secret-Token"


@pytest.fixture
async def hooks(
    fake: FakeTelegram, zfake: FakeZalo, services: Deps
) -> AsyncIterator[dict[str, Any]]:
    """Telegram and Zalo in webhook mode behind the bot's own HTTP server."""
    settings = services.settings
    settings.telegram_api_url, settings.webhook_url = fake.root, "https://bot.example.vn"
    settings.zalo_token, settings.zalo_api_url = SecretStr(ZTOKEN), zfake.root
    settings.zalo_webhook_secret = SecretStr(ZSECRET)
    port = free_port()
    web = WebServer("127.0.0.1", port)
    telegram = TelegramChannel(services, Engine(services), web)
    zalo = ZaloChannel(services, Engine(services), web)
    await telegram.start()
    await zalo.start()
    web.health = {"telegram": telegram.report, "zalo": zalo.report}
    await web.start()
    base = f"http://127.0.0.1:{port}"
    yield {"tg": f"{base}/telegram/webhook", "zalo": f"{base}/zalo/webhook", "base": base}
    await zalo.stop()
    await telegram.stop()
    await web.stop()
    assert fake.errors == []


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> bool:
    return not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


async def test_header_names_in_any_case(
    hooks: dict[str, Any], fake: FakeTelegram, zfake: FakeZalo
) -> None:
    tg = {TG_HEADER.lower(): webhook_secret(TOKEN)}
    zalo = {ZALO_HEADER.lower(): ZSECRET}
    update = {"update_id": 1, "message": fake.message(6300, "/help")}
    async with httpx.AsyncClient() as http:
        assert (await http.post(hooks["tg"], json=update, headers=tg)).status_code == 200
        body = zfake.update("message.text.received", "zw1", text="máy in kẹt giấy")
        assert (await http.post(hooks["zalo"], json=body, headers=zalo)).status_code == 200
    await fake.wait_for(chat_id=6300)
    await zfake.wait_sent("zw1")


@pytest.mark.parametrize("channel", ["tg", "zalo"])
async def test_the_secret_is_checked_before_the_body(
    hooks: dict[str, Any], channel: str, caplog: pytest.LogCaptureFixture
) -> None:
    name = TG_HEADER if channel == "tg" else ZALO_HEADER
    async with httpx.AsyncClient() as http:
        missing = await http.post(hooks[channel], content=b"{not json")
        wrong = await http.post(hooks[channel], content=b"{not json", headers={name: "nope"})
        # Header bytes that are not ASCII: a 403 like any wrong secret, never a 500.
        raw = await http.post(hooks[channel], json={}, headers={name: "mật-khẩu".encode()})
        latin = await http.post(hooks[channel], json={}, headers={name: b"\xff\xfe\x80"})
    assert [r.status_code for r in (missing, wrong, raw, latin)] == [403, 403, 403, 403]
    assert no_tracebacks(caplog)


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[]", b'"text"', b'{"update_id": "x"}', b'{"update_id": 5, "message": 7}',
     b'{"ok": true, "result": 5}', b"\xff\xfe"],
)  # fmt: skip
async def test_a_body_that_is_not_an_update_is_a_200_and_a_log_line(
    hooks: dict[str, Any], body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    async with httpx.AsyncClient() as http:
        tg = await http.post(hooks["tg"], content=body, headers={TG_HEADER: webhook_secret(TOKEN)})
        zalo = await http.post(hooks["zalo"], content=body, headers={ZALO_HEADER: ZSECRET})
        await asyncio.sleep(0.1)
        health = await http.get(f"{hooks['base']}/healthz")
    assert tg.status_code == 200 and zalo.status_code == 200  # not redelivered forever
    assert any(r.levelno == logging.WARNING for r in caplog.records)
    assert no_tracebacks(caplog)
    assert health.status_code == 200 and health.json()["ok"] is True


def test_webhook_secrets_follow_the_docs(settings: Settings) -> None:
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", webhook_secret(TOKEN))
    with pytest.raises(ValidationError, match="8 to 256"):
        Settings(_env_file=None, zalo_webhook_secret="abc")
    with pytest.raises(ValidationError, match="8 to 256"):
        Settings(_env_file=None, zalo_webhook_secret="x" * 257)
    assert Settings(_env_file=None, zalo_webhook_secret="").zalo_webhook_secret is None
