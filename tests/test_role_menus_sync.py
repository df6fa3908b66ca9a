"""A grant or revoke made by the CLI (another process) reaches the person's Telegram menu.

The person never writes to the bot here: the menu can only follow the grant through the
channel's own periodic sync (setMyCommands with BotCommandScopeChat), as on a real server.
"""

from __future__ import annotations

import asyncio

from bot.channels.telegram import TelegramChannel
from bot.deps import Deps
from bot.engine import Engine
from tests.fake_telegram import FakeTelegram

SILENT = 812  # a registrar granted by `commune-bot grant`, who has not written since


async def _menu(fake: FakeTelegram, chat: int, want: bool, command: str) -> list[str] | None:
    for _ in range(60):
        menu = fake.commands_for_chat(chat)
        if (menu is not None and command in menu) == want:
            return menu
        await asyncio.sleep(0.05)
    return fake.commands_for_chat(chat)


async def test_cli_grant_and_revoke_update_the_chat_menu(
    fake: FakeTelegram, services: Deps
) -> None:
    await services.store.access.grant(
        f"telegram:{SILENT}", "registrar", ["399"], ["14758"], "cli", services.clock()
    )
    services.settings.telegram_api_url = fake.root
    channel = TelegramChannel(services, Engine(services))
    channel.menu_sync_seconds = 0.2
    await channel.start()
    try:
        menu = await _menu(fake, SILENT, True, "register")  # at start-up
        assert menu and "register" in menu and "deadline" not in menu
        await services.store.access.revoke(f"telegram:{SILENT}")  # `commune-bot revoke`, meanwhile
        menu = await _menu(fake, SILENT, False, "register")
        assert menu is not None and "register" not in menu and "broadcast" not in menu
        pushes = [c for c in fake.calls if c.method == "setMyCommands" and c.params.get("scope")]
        await asyncio.sleep(0.5)  # unchanged roles: no further pushes
        again = [c for c in fake.calls if c.method == "setMyCommands" and c.params.get("scope")]
        assert len(again) == len(pushes)
    finally:
        await channel.stop()
    assert fake.errors == []
