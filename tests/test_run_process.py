"""`commune-bot run` as deployed: a subprocess against the fake Bot API, then SIGTERM."""

from __future__ import annotations

import asyncio
import json
import signal
from pathlib import Path

import httpx

from tests.conftest import TOKEN, ZTOKEN
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo
from tests.process import free_port, start_bot


async def _stop(proc: asyncio.subprocess.Process) -> int:
    proc.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(proc.wait(), 20)


async def test_polling_bot_answers_and_exits_0_on_sigterm(fake: FakeTelegram, tmp_path: Path):
    port = free_port()
    proc = await start_bot(
        tmp_path, telegram_token=TOKEN, telegram_api_url=fake.root, listen=f"127.0.0.1:{port}"
    )
    try:
        await fake.wait_for("deleteWebhook", timeout=20)
        await fake.send_text(42, "/start")
        (reply,) = await fake.wait_for("sendMessage", chat_id=42, timeout=20)
        assert "Xin chào" in reply.text
        async with httpx.AsyncClient() as client:
            # The bot answers as soon as its engine is ready; the HTTP server starts right after.
            await _wait_listening(client, port)
            health = await client.get(f"http://127.0.0.1:{port}/healthz")
        assert health.status_code == 200 and health.json()["ok"] is True
    finally:
        code = await _stop(proc)
    stderr = (await proc.stderr.read()).decode()
    assert code == 0, stderr
    assert TOKEN.split(":")[1] not in stderr  # the token never reaches the log


async def test_webhook_mode_checks_the_secret(fake: FakeTelegram, tmp_path: Path) -> None:
    port = free_port()
    proc = await start_bot(
        tmp_path,
        telegram_token=TOKEN,
        telegram_api_url=fake.root,
        listen=f"127.0.0.1:{port}",
        webhook_url="https://bot.example.vn",
    )
    try:
        (hook,) = await fake.wait_for("setWebhook", timeout=20)
        assert hook.params["url"] == "https://bot.example.vn/telegram/webhook"
        secret = hook.params["secret_token"]
        update = {"update_id": 1, "message": fake.message(43, "/help")}
        url = f"http://127.0.0.1:{port}/telegram/webhook"
        async with httpx.AsyncClient() as client:
            await _wait_listening(client, port)
            bad_secret = {"X-Telegram-Bot-Api-Secret-Token": "nope"}
            wrong = await client.post(url, json=update, headers=bad_secret)
            assert wrong.status_code == 403
            right = await client.post(
                url,
                content=json.dumps(update),
                headers={
                    "X-Telegram-Bot-Api-Secret-Token": secret,
                    "Content-Type": "application/json",
                },
            )
            assert right.status_code == 200
        (reply,) = await fake.wait_for("sendMessage", chat_id=43, timeout=20)
        assert "Cách dùng" in reply.text
    finally:
        assert await _stop(proc) == 0


async def _wait_listening(client: httpx.AsyncClient, port: int) -> None:
    for _ in range(100):
        try:
            await client.get(f"http://127.0.0.1:{port}/healthz")
            return
        except httpx.TransportError:
            await asyncio.sleep(0.1)
    raise AssertionError("bot HTTP server did not start")


async def test_zalo_only_bot_exits_0_on_sigterm(zfake: FakeZalo, tmp_path: Path) -> None:
    proc = await start_bot(tmp_path, zalo_token=ZTOKEN, zalo_api_url=zfake.root,
                           listen=f"127.0.0.1:{free_port()}")  # fmt: skip
    try:
        for _ in range(200):
            if "getUpdates" in zfake.calls:
                break
            await asyncio.sleep(0.05)
        await zfake.text("z1", "máy in kẹt giấy")
        assert "0915 351 008" in (await zfake.wait_sent("z1", timeout=15))[0]
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 20)
    stderr = (await proc.stderr.read()).decode()
    assert code == 0, stderr
    assert "zalo-secret-token" not in stderr


async def test_telegram_and_zalo_from_one_run(
    fake: FakeTelegram, zfake: FakeZalo, tmp_path: Path
) -> None:
    proc = await start_bot(
        tmp_path,
        telegram_token=TOKEN,
        telegram_api_url=fake.root,
        zalo_token=ZTOKEN,
        zalo_api_url=zfake.root,
        listen=f"127.0.0.1:{free_port()}",
    )
    try:
        await fake.wait_for("deleteWebhook", timeout=20)
        await fake.send_text(44, "token không nhận, không ký số được")
        (tg,) = await fake.wait_for("sendMessage", chat_id=44, timeout=20)
        await zfake.text("z2", "token không nhận, không ký số được")
        (zl,) = await zfake.wait_sent("z2", timeout=20)
        assert "0917 672 989" in tg.text and "0917 672 989" in zl
    finally:
        assert await _stop(proc) == 0


async def test_a_token_the_bot_api_refuses_is_a_configuration_error(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    proc = await start_bot(
        tmp_path,
        telegram_token="999:WRONG",
        telegram_api_url=fake.root,
        listen=f"127.0.0.1:{free_port()}",
    )
    code = await asyncio.wait_for(proc.wait(), 30)
    stderr = (await proc.stderr.read()).decode()
    assert code == 2, stderr  # interfaces.md: 2 on usage or configuration errors
    assert "telegram" in stderr and "WRONG" not in stderr  # the token is never shown
