"""Per-role Telegram command menus: setMyCommands with BotCommandScopeChat.

The menu a person sees follows their role: a chat gets a menu of its own when its role is not
the default one, and again whenever the role changes (an invite accepted, a seat claimed, a
grant or revoke made with `commune-bot grant` in another process), so a registrar never sees
/deadline and commune staff never see /broadcast. Chats never given a menu of their own show
the bot-wide default (set at start-up), so a stranger costs no call; the chats that were are
kept in SQLite (`chat_menus`, loaded at start-up), so a role revoked while the bot was down
still leaves the menu.

A grant or revoke made by the CLI (another process) reaches the menu without the person
writing first: `sync_all_menus` runs at start-up and then every few minutes in the channel.

The bot-wide default menu is set at start-up only when it differs from the one last set for
this bot: its digest is kept in `chat_menus` under `default:<bot id>` (never a chat id).
"""

from __future__ import annotations

import hashlib
import json
import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.access import Access, Roles
from bot.channels.telegram.context import Context
from bot.chat import Incoming, Person
from bot.commands.help import commands_for, role_key
from bot.storage import StorageFault
from bot.store import Store

log = logging.getLogger(__name__)


async def sync_menu(context: Context, inc: Incoming) -> None:
    """Push the person's command menu to their private chat when it changed."""
    engine = context.bot_data.engine
    if engine is None or inc.group or inc.channel != "telegram":
        return
    roles = await engine.access.roles(inc.user)
    await _push(context.bot, context.bot_data.menus, engine.s.store, inc.chat_id, roles)


async def sync_all_menus(bot: Bot, menus: dict[str, str], access: Access, store: Store) -> None:
    """Every Telegram chat holding a role, or whose menu we set, gets the menu of its role now."""
    chats = {g.user.split(":", 1)[1] for g in await store.access.grants() if _telegram(g.user)}
    chats |= {
        str(a.chat_id or a.user_id)
        for a in await store.people.linked_seats()
        if a.channel == "telegram"
    }
    chats |= set(menus)  # a revoked role: back to the default menu
    for chat_id in sorted(chats):
        roles = await access.roles(Person("telegram", chat_id))
        await _push(bot, menus, store, chat_id, roles)


DEFAULT_MENU = "default:"  # + the bot's id: the digest of the default menu last set


async def menus_of_chats(store: Store) -> dict[str, str]:
    """The chats given a menu of their own (chat id → role key), as kept in SQLite."""
    return {
        k: v
        for k, v in (await store.access.chat_menus()).items()
        if not k.startswith(DEFAULT_MENU)
    }


async def set_default_menu(bot: Bot, store: Store) -> None:
    """Everyone's menu (setMyCommands without a scope), only when it changed since last set."""
    commands = commands_for(Roles())
    digest = hashlib.sha256(json.dumps(commands, ensure_ascii=False).encode()).hexdigest()[:16]
    key = f"{DEFAULT_MENU}{bot.id}"
    try:
        if (await store.access.chat_menus()).get(key) == digest:
            return
    except StorageFault as exc:  # cannot tell: set it all the same
        log.warning("could not read the menu digest: %s", exc)
    await bot.set_my_commands([BotCommand(c, d) for c, d in commands])
    try:
        await store.access.set_chat_menu(key, digest)
    except StorageFault as exc:  # the menu is set; it is only set again next start
        log.warning("could not keep the menu digest: %s", exc)


def _telegram(user_key: str) -> bool:
    return user_key.startswith("telegram:")


async def _push(bot: Bot, menus: dict[str, str], store: Store, chat_id: str, roles: Roles) -> None:
    """setMyCommands for one private chat, only when its role changed since the last push."""
    key = role_key(roles)
    known = menus.get(chat_id)
    if known == key or (known is None and key == role_key(Roles())):
        return  # unchanged, or never given a menu of its own and the default still fits
    commands = [BotCommand(c, d) for c, d in commands_for(roles)]
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(int(chat_id)))
        menus[chat_id] = key
        await store.access.set_chat_menu(chat_id, key)
    except (TelegramError, ValueError, StorageFault) as exc:  # a convenience: never fail a reply
        log.warning("could not set the command menu: %s", exc)
