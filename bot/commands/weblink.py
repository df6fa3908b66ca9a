"""/web: a single-use link to the web dashboard, for people with a role."""

from __future__ import annotations

from bot import texts
from bot.access import Access
from bot.chat import Incoming, Reply
from bot.deps import Deps
from bot.signin import web_link
from bot.texts.views import web_link_reply


class WebLinkFlow:
    """Coordinators, registrars and team members get a personal sign-in link."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def command(self, inc: Incoming) -> list[Reply]:
        return [await self.link(inc, "/")]

    async def link(self, inc: Incoming, target: str, lead: str = "") -> Reply:
        """The link (to `target` after signing in), or why there is none."""
        roles = await self.access.roles(inc.user)
        if not (roles.coordinator or roles.registrar or roles.seats):
            return texts.plain(texts.NOT_ALLOWED.format(who=texts.WEB_USERS))
        url = await web_link(self.s, inc.user.key, target)
        return web_link_reply(url, lead)
