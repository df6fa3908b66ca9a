"""Claim codes for team members: one message per member, so each can be forwarded alone."""

from __future__ import annotations

from bot.access import Access
from bot.chat import Reply
from bot.deps import Deps
from bot.texts.views import claim_replies
from bot.views import ClaimCode, ClaimLinksView


async def claim_links(services: Deps, access: Access, member_ids: list[int]) -> list[Reply]:
    """A short intro, then for each member not yet linked a message of their own."""
    return claim_replies(await claim_codes(services, access, member_ids))


async def claim_codes(services: Deps, access: Access, member_ids: list[int]) -> ClaimLinksView:
    """A fresh code for each member not yet linked."""
    codes = []
    for member_id in member_ids:
        member = await services.store.teams.member(member_id)
        if member is None or member.reachable:
            continue
        codes.append(ClaimCode(member.name, await access.claim_code(member_id)))
    return ClaimLinksView(tuple(codes), services.bot_names.get("telegram"))
