"""/link: use the bot on a second channel (Telegram and Zalo) with the same seat or role."""

from __future__ import annotations

from bot.access import Access
from bot.chat import Incoming, Reply
from bot.deps import Deps
from bot.texts.views import link_replies
from bot.views import LinkView, SeatCode


class LinkFlow:
    """Single-use codes to type on the other channel: one per seat, one for a granted role."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def link(self, inc: Incoming) -> list[Reply]:
        return link_replies(await self.codes(inc))

    async def codes(self, inc: Incoming) -> LinkView:
        """A fresh code per seat and for a granted role."""
        roles = await self.access.roles(inc.user)
        seats = []
        for seat in roles.seats:
            code = await self.access.claim_code(seat.id)
            commune = self.s.communes.get(seat.commune)
            seats.append(SeatCode(seat.role, commune.name if commune else seat.commune, code))
        grant = await self.s.store.access.grant_of(inc.user.key)
        granted = None
        if grant:
            code = await self.access.invite(
                inc.user, grant.role, grant.districts, grant.communes, same_person=True
            )
            granted = SeatCode(grant.role, "", code)
        return LinkView(tuple(seats), granted, roles.coordinator)
