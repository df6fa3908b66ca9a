"""A channel's monthly message budget (Zalo's free plan: about 3,000 outbound a month).

Every message the channel accepts is counted per calendar month (in BOT_TIMEZONE). Bulk
sends stop at the limit, replies to people still go out until the channel itself says the
quota is spent (Zalo's 429); at 80% the coordinators are warned, once a month.
"""

from __future__ import annotations

import logging

from bot import texts
from bot.deps import Deps
from bot.outbox_codec import rich_to_json
from bot.recipients import coordinators

log = logging.getLogger(__name__)
WARN_AT = 0.8


class MonthlyBudget:
    """`allows(bulk)` before a send, `spent(n)` after, `exhausted()` on the channel's 429."""

    def __init__(self, services: Deps, channel: str, limit: int) -> None:
        self.s, self.channel, self.limit = services, channel, limit

    def month(self) -> str:
        return self.s.clock().astimezone(self.s.settings.tz).strftime("%Y-%m")

    async def allows(self, bulk: bool) -> bool:
        """Replies always may try; bulk sends only while the month's budget lasts."""
        if not bulk or self.limit <= 0:
            return True
        return await self.s.store.quota.used(self.channel, self.month()) < self.limit

    async def spent(self, messages: int) -> None:
        """Count accepted messages; warn the coordinators when 80% is reached."""
        month = self.month()
        used = await self.s.store.quota.count_sent(self.channel, month, messages)
        if self.limit > 0 and used >= WARN_AT * self.limit:
            await self._warn(month, used)

    async def exhausted(self) -> None:
        """The channel refused for quota: the month counts as used up."""
        month = self.month()
        await self.s.store.quota.spend(self.channel, month, self.limit)
        await self._warn(month, self.limit)

    async def _warn(self, month: str, used: int) -> None:
        if not await self.s.store.quota.first_warning(self.channel, month):
            return
        text = texts.ZALO_QUOTA_WARNING.format(
            used=used, limit=self.limit, month=month, percent=round(100 * used / self.limit)
        )
        body = rich_to_json((texts.t(text),))
        for person in await coordinators(self.s):
            key = f"quota:{self.channel}:{month}:{person.key}"
            await self.s.store.nudges.enqueue(person, body, [key], self.s.clock())
        log.warning("%s has used %d of its %d messages this month", self.channel, used, self.limit)
