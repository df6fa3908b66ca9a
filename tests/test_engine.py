"""The engine directly: forged payloads, numbered options, bad input never crash."""

from __future__ import annotations

import pytest

from bot.chat import Incoming, Person
from bot.engine import Engine

ME = Person("console", "u1", "Lan")


def choice(payload: str, channel: str = "telegram") -> Incoming:
    return Incoming(channel, "u1", ME, "choice", payload=payload)


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "t",
        "t:",
        "t:nope:abc",
        "tm",
        "tm:x",
        "tm:rp",
        "tm:rp:abc",
        "tm:rm:999",
        "tm:show:",
        "f",
        "f:ok",
        "dl",
        "dl:mv",
        "dl:cc:zz",
        "dn",
        "dn::",
        "dn:99999:lan_upgraded",
        "menu",
        "x" * 300,
        "🙏",
        "t:general:-1",
    ],
)
async def test_forged_or_stale_buttons_get_a_polite_answer(engine: Engine, payload: str) -> None:
    replies = await engine.handle(choice(payload))
    text = " ".join("".join(s.text for s in r.text) for r in replies)
    assert replies and "gặp lỗi" not in text


@pytest.mark.parametrize("text", ["", " ", "\n\n", "<script>", "0" * 5000, "/", "@@@", "1"])
async def test_odd_text_is_answered(engine: Engine, text: str) -> None:
    replies = await engine.handle(Incoming("console", "u1", ME, "text", text))
    assert replies and "gặp lỗi" not in "".join(s.text for s in replies[0].text)


async def test_numbers_pick_only_from_the_latest_options(engine: Engine) -> None:
    await engine.handle(Incoming("console", "u1", ME, "command", command="start"))
    (answer,) = await engine.handle(Incoming("console", "u1", ME, "text", "8"))
    assert "Đường truyền" in "".join(s.text for s in answer.text)
    # The answer showed no options: a later "8" is a message, not a stale menu pick.
    (again,) = await engine.handle(Incoming("console", "u1", ME, "text", "8"))
    assert "Đường truyền" not in "".join(s.text for s in again.text)


async def test_a_problem_reported_gone_is_acknowledged_without_a_contact(engine: Engine) -> None:
    (reply,) = await engine.handle(
        Incoming("console", "u1", ME, "text", "em cập nhật lên bản mới thì đã fix được lỗi")
    )
    text = "".join(s.text for s in reply.text)
    assert "khắc phục" in text and "09" not in text  # no phone number: nobody to call
