"""Per-role Telegram command menus: setMyCommands with BotCommandScopeChat.

The menu a person sees follows their role: it is pushed for a private chat the first time the
bot hears from it in this process and again whenever the role changes (an invite accepted, a
seat claimed, a grant or revoke made with `commune-bot grant` in another process), so a
registrar never sees /deadline and commune staff never see /broadcast.
"""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.channels.telegram import Context
from bot.flows.help import commands_for, role_key
from bot.messages import Incoming

log = logging.getLogger(__name__)


async def sync_menu(context: Context, inc: Incoming) -> None:
    """Push the person's command menu to their private chat when it changed."""
    engine = context.bot_data.engine
    if engine is None or inc.group or inc.channel != "telegram":
        return
    roles = await engine.access.roles(inc.user)
    key = role_key(roles)
    menus: dict = context.bot_data.extras.setdefault("menus", {})
    if menus.get(inc.chat_id) == key:
        return
    commands = [BotCommand(c, d) for c, d in commands_for(roles)]
    try:
        await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(int(inc.chat_id)))
    except (TelegramError, ValueError) as exc:  # the menu is a convenience: never fail a reply
        log.warning("could not set the command menu: %s", exc)
        return
    menus[inc.chat_id] = key
