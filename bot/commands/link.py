"""/link: use the bot on a second channel (Telegram and Zalo) with the same seat or role."""

from __future__ import annotations

from bot import texts
from bot.access import Access
from bot.chat import Incoming, Reply, Seg
from bot.deps import Deps
from bot.roster import short_label


class LinkFlow:
    """Single-use codes to type on the other channel: one per seat, one for a granted role."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def link(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.roles(inc.user)
        lines: list[Seg] = [Seg(texts.LINK_TITLE)]
        for seat in roles.seats:
            code = await self.access.claim_code(seat.id)
            commune = self.s.communes.get(seat.commune)
            where = commune.name if commune else seat.commune
            lines += [Seg(f"\n• {short_label(seat.role)}, {where}: "), texts.b(code)]
        grant = await self.s.store.grant_of(inc.user.key)
        if grant:
            code = await self.access.invite(
                inc.user, grant["role"], grant["districts"], grant["communes"], same_person=True
            )
            lines += [Seg(f"\n• {texts.ROLE_NAMES[grant['role']]}: "), texts.b(code)]
        if len(lines) == 1:
            note = texts.LINK_SETTINGS if roles.coordinator else texts.NO_TEAM_ROLE
            return [texts.plain(note)]
        return [Reply(text=tuple(lines))]
