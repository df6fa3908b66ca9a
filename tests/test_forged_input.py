"""Forged buttons and numbers: "²" (isdigit() but not int()), ids beyond SQLite's 2^63,
callbacks from inline-mode messages. A polite answer, never a traceback or a Bot API 400."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.conftest import COORDINATOR, Chat
from tests.fake_telegram import FakeTelegram

FORGED = [
    "tm:rm:²",
    "tm:rmok:99999999999999999999",
    "tm:rp:9223372036854775808",
    "tm:rp:١٢",  # Arabic-Indic digits
    "t:network:²",
    "t:network:18446744073709551616",
    "dl:cc:²",
    "dl:cc:99999999999999999999999",
    "tm:show:",
    ":::",
    "",
]


def errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.parametrize("data", FORGED)
async def test_forged_button_data_gets_a_polite_answer(
    fake: FakeTelegram, telegram: Any, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    chat = Chat(fake, COORDINATOR)  # the role that reaches every flow
    await chat.press(data)
    assert chat.last_text  # an answer in Vietnamese, not silence
    assert not errors(caplog)


async def test_a_button_under_an_inline_message_is_answered_in_the_popup(
    fake: FakeTelegram, telegram: Any, caplog: pytest.LogCaptureFixture
) -> None:
    query = {
        "id": "77",
        "from": fake.user(6400),
        "chat_instance": "ci",
        "inline_message_id": "AAQinline",
        "data": "t:network",
    }
    mark = len(fake.calls)
    await fake.push({"callback_query": query})
    (answer,) = await fake.wait_for("answerCallbackQuery", after=mark)
    assert "cuộc trò chuyện riêng" in answer.params.get("text", "")
    assert not [c for c in fake.calls[mark:] if c.method == "sendMessage"]  # never to chat 0
    assert not errors(caplog)


async def test_zalo_numbered_choice_with_odd_digits(zfake: Any, services: Any) -> None:
    from pydantic import SecretStr

    from bot.channels.zalo import ZaloChannel
    from bot.engine import Engine
    from tests.conftest import ZTOKEN

    services.settings.zalo_token = SecretStr(ZTOKEN)
    services.settings.zalo_api_url = zfake.root
    channel = ZaloChannel(services, Engine(services))
    channel.poll_timeout = 1
    await channel.start()
    try:
        await zfake.text("zn", "xin chào")
        await zfake.wait_sent("zn")
        for n, text in enumerate(["²", "٣", "99999999999999999999", "2"], start=2):
            await zfake.text("zn", text)
            await zfake.wait_sent("zn", n)
        assert "Chữ ký số" in zfake.to("zn")[-1]  # a plain "2" still picks option 2
    finally:
        await channel.stop()
