"""Bot API calls sent straight to httpx's transport (bot.channels.telegram.wire.QuietRequest):
what PTB's own HTTPXRequest does, through a real PTB Bot against the fake Bot API."""

from __future__ import annotations

import gzip
import json
import time
from urllib.parse import parse_qsl

import pytest
from aiohttp import web
from telegram import Bot, InputFile
from telegram.error import NetworkError, TimedOut

from bot.channels.telegram.wire import QuietRequest, form_body
from tests.conftest import TOKEN
from tests.fake_telegram import FakeTelegram
from tests.servers import serve

CHAT = 7001


async def bot_on(root: str, **request: object) -> Bot:
    bot = Bot(TOKEN, base_url=f"{root}/bot", request=QuietRequest(**request))  # type: ignore[arg-type]
    await bot.initialize()
    return bot


async def test_form_fields_and_an_upload_arrive_as_sent(fake: FakeTelegram) -> None:
    bot = await bot_on(fake.root)
    text = "Anh/chị <b>Hùng</b> & 0915 351 008 — “xã Đông Sơn” 🙂"
    sent = await bot.send_message(CHAT, text, parse_mode=None)
    upload = InputFile(b"ma,ten\n1,X\xc3\xa3 A\n", filename="bao-cao.csv")
    await bot.send_document(CHAT, upload, caption="Báo cáo")
    await bot.shutdown()
    message, document = [c for c in fake.calls if c.method in ("sendMessage", "sendDocument")]
    assert message.params["text"] == text and sent.message_id > 0
    assert document.params["caption"] == "Báo cáo"
    assert document.params["document"]["filename"] == "bao-cao.csv"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "2000012",
        "HTML",
        "a b+c&d=e%20f",
        "Anh/chị liên hệ ông Nguyễn Văn Hùng, 0915 351 008 🎉",
        '{"inline_keyboard": [[{"text": "Lưu vào danh bạ", "callback_data": "c:4.1"}]]}',
        "\x00\n\t\u00a0~._-",
    ],
)
def test_a_form_body_decodes_to_the_fields_it_was_given(value: str) -> None:
    fields = {"chat_id": "7001", "text": value}
    body = form_body(fields).decode("ascii")
    assert dict(parse_qsl(body, keep_blank_values=True, strict_parsing=True)) == fields


async def test_a_call_the_server_never_answers_times_out_at_the_given_read_timeout(
    fake: FakeTelegram,
) -> None:
    bot = await bot_on(fake.root)
    fake.break_for("timeout", 5)
    started = time.monotonic()
    with pytest.raises(TimedOut):
        await bot.send_message(CHAT, "xin chào", read_timeout=0.5)
    assert time.monotonic() - started < 3
    await bot.shutdown()


async def test_a_proxys_error_page_is_a_short_network_error_without_the_page(
    fake: FakeTelegram,
) -> None:
    bot = await bot_on(fake.root)
    fake.break_for("proxy5xx", 5)
    with pytest.raises(NetworkError) as caught:
        await bot.send_message(CHAT, "xin chào")
    said = str(caught.value)
    assert "Bad Gateway" in said and "<html" not in said and "nginx" not in said
    await bot.shutdown()


async def test_a_dropped_connection_is_a_network_error(fake: FakeTelegram) -> None:
    bot = await bot_on(fake.root)
    fake.break_for("reset", 5)
    with pytest.raises(NetworkError) as caught:
        await bot.send_message(CHAT, "xin chào")
    assert not isinstance(caught.value, TimedOut)
    await bot.shutdown()


async def test_the_configured_proxy_carries_the_calls(fake: FakeTelegram) -> None:
    # Nothing listens on port 9: the call reaches the fake only through the proxy (which,
    # being an aiohttp server, answers the proxied absolute-form request itself).
    bot = await bot_on("http://127.0.0.1:9", proxy=fake.root)
    await bot.send_message(CHAT, "qua proxy")
    await bot.shutdown()
    assert [c.params["text"] for c in fake.calls if c.method == "sendMessage"] == ["qua proxy"]


async def test_a_body_a_proxy_compressed_anyway_is_decoded() -> None:
    message = {"message_id": 5, "date": 0, "chat": {"id": CHAT, "type": "private"}, "text": "ok"}
    me = {"id": 1, "is_bot": True, "first_name": "Bot", "username": "bot"}

    async def answer(request: web.Request) -> web.Response:
        result = me if request.match_info["method"] == "getMe" else message
        body = gzip.compress(json.dumps({"ok": True, "result": result}).encode())
        return web.Response(body=body, headers={"Content-Encoding": "gzip"})

    app = web.Application()
    app.router.add_route("*", "/bot{token}/{method}", answer)
    runner, port = await serve(app)
    try:
        bot = await bot_on(f"http://127.0.0.1:{port}")
        sent = await bot.send_message(CHAT, "xin chào")
        await bot.shutdown()
    finally:
        await runner.cleanup()
    assert sent.message_id == 5
