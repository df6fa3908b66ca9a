"""my_chat_member: a user who blocks the bot (or a group that removes it) is unreachable."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.ext import ChatMemberHandler

from bot.channels.telegram.context import Context

GONE = {ChatMemberStatus.BANNED, ChatMemberStatus.LEFT}


async def membership(update: Update, context: Context) -> None:
    """Record it so broadcasts skip them and reports list them; no reply is possible."""
    change = update.my_chat_member
    services = context.bot_data.services
    # A forged update may lack the new member: PTB then leaves it None.
    status = getattr(getattr(change, "new_chat_member", None), "status", None)
    if change is None or services is None or status not in GONE:
        return
    await services.store.people.mark_unreachable("telegram", str(change.chat.id))


HANDLERS = [ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER)]
