"""Per-role Telegram command menus: setMyCommands with BotCommandScopeChat.

The menu a person sees follows their role: a chat gets a menu of its own when its role is not
the default one, and again whenever the role changes (an invite accepted, a seat claimed, a
grant or revoke made with `commune-bot grant` in another process), so a registrar never sees
/deadline and commune staff never see /broadcast. Which chats have one is kept in SQLite.
"""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.access import Roles
from bot.channels.telegram import Context
from bot.flows.help import commands_for, role_key
from bot.messages import Incoming
from bot.storage import StorageFault
from bot.store import Store

log = logging.getLogger(__name__)


async def sync_menu(context: Context, inc: Incoming) -> None:
    """Push the person's command menu to their private chat when it changed.

    Chats never given a menu of their own show the bot-wide default (set at start-up), so a
    stranger costs no call; the chats that were are remembered in the database, so a role
    revoked while the bot was down is still taken off their menu."""
    engine = context.bot_data.engine
    if engine is None or inc.group or inc.channel != "telegram":
        return
    roles = await engine.access.roles(inc.user)
    key = role_key(roles)
    menus = await _scoped_menus(context, engine.s.store)
    known = menus.get(inc.chat_id)
    if known == key or (known is None and key == role_key(Roles())):
        return
    commands = [BotCommand(c, d) for c, d in commands_for(roles)]
    try:
        await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(int(inc.chat_id)))
        menus[inc.chat_id] = key
        await engine.s.store.set_chat_menu(inc.chat_id, key)
    except (TelegramError, ValueError, StorageFault) as exc:  # a convenience: never fail a reply
        log.warning("could not set the command menu: %s", exc)


async def _scoped_menus(context: Context, store: Store) -> dict[str, str]:
    """chat → menu key of the chats with a menu of their own (loaded once per process)."""
    menus = context.bot_data.extras.get("menus")
    if menus is None:
        loaded = await store.chat_menus()
        menus = context.bot_data.extras.setdefault("menus", loaded)
    return menus  # type: ignore[return-value]
