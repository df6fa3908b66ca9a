"""The staff supergroup (BOT_STAFF_CHAT): one forum topic per support topic, made if missing.

Checked at every start: the group exists, topics are on, the bot is an administrator allowed
to manage topics. Any problem is logged in one clear line and told to the coordinators;
requests are still recorded and go to the coordinators and linked contacts meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import Bot
from telegram.constants import ChatMemberStatus
from telegram.error import NetworkError, RetryAfter, TelegramError

from bot.channels.telegram.limiter import retry_seconds
from bot.deps import Deps
from bot.requests.notices import staff_group_problem
from bot.texts import requests as w

log = logging.getLogger(__name__)
CHECK_WAITS = (1.0, 2.0, 4.0)  # seconds between tries after a passing fault
MAX_CHECK_WAIT = 10.0
MAX_SAID = 160
_TAGS = re.compile(r"<[^>]*>")


async def prepare_staff_group(services: Deps, bot: Bot | None) -> str | None:
    """Create the missing forum topics; the problem in words, or None when all is well."""
    chat_id = services.settings.staff_chat
    if not chat_id:
        return None
    problem = await _checked(services, bot, chat_id) if bot else w.STAFF_GROUP_NO_TELEGRAM
    services.staff_ready = problem is None
    if problem is None:
        return None
    log.error("staff group %s unusable: %s (requests go to coordinators)", chat_id, problem)
    await staff_group_problem(services, problem)
    return problem


async def _checked(services: Deps, bot: Bot, chat_id: str) -> str | None:
    """The check, again after a passing fault (a 502, a flood wait, a timeout): one bad
    answer at start-up must not turn the staff group off for the whole run."""
    for wait in (*CHECK_WAITS, None):
        try:
            return await _problem(services, bot, chat_id)
        except RetryAfter as exc:
            delay = retry_seconds(exc.retry_after)
            last: TelegramError = exc
        except NetworkError as exc:  # TimedOut too; a proxy's HTML page is only this
            delay, last = float(wait or 0), exc
        if wait is None:
            break
        log.info("staff group check: %s; trying again", _short(last))
        await asyncio.sleep(min(max(delay, wait), MAX_CHECK_WAIT))
    return w.STAFF_GROUP_TELEGRAM_SAYS.format(error=_short(last))


def _short(exc: TelegramError) -> str:
    """What Telegram (or a proxy in front of it) said, without markup, in one short line."""
    said = " ".join(_TAGS.sub(" ", str(exc)).split())
    return said if len(said) <= MAX_SAID else said[: MAX_SAID - 1] + "…"


async def _problem(services: Deps, bot: Bot, chat_id: str) -> str | None:
    """A lasting problem in words; a passing fault is raised (NetworkError, RetryAfter)."""
    try:
        chat = await bot.get_chat(chat_id)
        if not chat.is_forum:
            return w.STAFF_GROUP_NO_TOPICS
        me = await bot.get_chat_member(chat_id, bot.id)
        if me.status != ChatMemberStatus.ADMINISTRATOR or not getattr(
            me, "can_manage_topics", False
        ):
            return w.STAFF_GROUP_NOT_ADMIN
        threads = await services.store.staff.threads(chat_id)
        for key, topic in services.directory.topics.items():
            if key not in threads:
                created = await bot.create_forum_topic(chat_id, topic.label[:128])
                await services.store.staff.save_thread(chat_id, key, created.message_thread_id)
                log.info("created staff forum topic %r", topic.label)
    except (NetworkError, RetryAfter):
        raise
    except TelegramError as exc:
        return w.STAFF_GROUP_TELEGRAM_SAYS.format(error=_short(exc))
    return None
