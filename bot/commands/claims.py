"""Claim codes for team members: one message per member, so each can be forwarded alone."""

from __future__ import annotations

from bot import texts
from bot.access import Access
from bot.chat import Reply, Seg
from bot.deps import Deps


async def claim_links(services: Deps, access: Access, member_ids: list[int]) -> list[Reply]:
    """A short intro, then for each member not yet linked a message of their own."""
    bot = services.bot_names.get("telegram")
    replies: list[Reply] = []
    for member_id in member_ids:
        member = await services.store.member(member_id)
        if member is None or member.reachable:
            continue
        code = await access.claim_code(member_id)
        parts: list[Seg] = [Seg(texts.CLAIM_FOR.format(name=member.name))]
        if bot:
            parts += [Seg("\n" + texts.CLAIM_TELEGRAM), Seg(f"https://t.me/{bot}?start={code}")]
        parts += [Seg("\n" + texts.CLAIM_TYPE), texts.code(code), Seg("\n" + texts.CLAIM_PHONE)]
        replies.append(Reply(text=tuple(parts)))
    if replies:
        replies.insert(0, texts.plain(texts.LINKS_TITLE))
    return replies
