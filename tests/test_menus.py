"""Per-chat command menus: strangers cost no call, a revoke outlives a restart."""

from __future__ import annotations

from typing import Any

from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import Chat
from tests.fake_telegram import FakeTelegram

REGISTRAR = 811


def menu_calls(fake: FakeTelegram, chat_id: int) -> int:
    scoped = [c for c in fake.calls if c.method == "setMyCommands" and c.status == 200]
    return sum(1 for c in scoped if str(chat_id) in str(c.params.get("scope", "")))


async def test_a_strangers_questions_cost_no_menu_call_a_registrars_first_does(
    fake: FakeTelegram, services: Deps, telegram: Any
) -> None:
    stranger = Chat(fake, 812)
    await stranger.send("máy in phòng văn thư bị kẹt giấy")
    assert "0915 351 008" in stranger.last_text
    await stranger.send("/help")
    await services.store.access.grant(
        f"telegram:{REGISTRAR}", "registrar", ["399"], [], "t", services.clock()
    )
    registrar, mark = Chat(fake, REGISTRAR), len(fake.calls)
    await registrar.send("/help")
    await fake.wait_for(method="setMyCommands", after=mark)  # pushed after the answer
    await registrar.send("/help")
    assert menu_calls(fake, REGISTRAR) == 1
    assert "broadcast" in (fake.commands_for_chat(REGISTRAR) or [])
    assert menu_calls(fake, 812) == 0  # the bot-wide default menu already shows


async def test_a_role_revoked_while_the_bot_was_down_leaves_the_menu_on_restart(
    fake: FakeTelegram, services: Deps
) -> None:
    from bot.channels.telegram import TelegramChannel

    services.settings.telegram_api_url = fake.root
    await services.store.access.grant(
        f"telegram:{REGISTRAR}", "registrar", ["399"], [], "t", services.clock()
    )
    first = TelegramChannel(services, Engine(services))
    await first.start()
    mark = len(fake.calls)
    await Chat(fake, REGISTRAR).send("/help")
    await fake.wait_for(method="setMyCommands", after=mark)  # pushed after the answer
    assert "broadcast" in (fake.commands_for_chat(REGISTRAR) or [])
    await first.stop()
    await services.store.access.revoke(f"telegram:{REGISTRAR}")  # `commune-bot revoke`, bot down
    second = TelegramChannel(services, Engine(services))  # a new process: nothing in memory
    await second.start()
    try:
        mark = len(fake.calls)
        await Chat(fake, REGISTRAR).send("/help")
        await fake.wait_for(method="setMyCommands", after=mark)
        assert "broadcast" not in (fake.commands_for_chat(REGISTRAR) or [])
    finally:
        await second.stop()
    assert fake.errors == []
