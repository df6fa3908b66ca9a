"""Who is reached, on which account: coordinators, each commune's registrars and its linked
members, as `Recipient`s. A person with accounts on several channels (linked with /link) is
reached once, on the account they used last.

Nudges, broadcast audiences, request notices, the weekly digest and quota warnings all ask
here, so "who gets it" means the same everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from bot.access import Access, Roles
from bot.chat import Recipient
from bot.deps import Deps

NEVER = datetime.min.replace(tzinfo=UTC)  # before any account was last seen


async def coordinators(services: Deps) -> list[Recipient]:
    """Coordinators from settings and grants, each on the account they used last."""
    keys = list(services.settings.coordinators)
    keys += [g.user for g in await services.store.access.grants("coordinator")]
    chosen = await last_used(services, list(dict.fromkeys(keys)))
    return [await recipient(services, key) for key in chosen.values()]


async def last_used(services: Deps, keys: list[str]) -> dict[str, str]:
    """Person → the one account they used last, for accounts linked with /link."""
    seen = await services.store.identity.last_seen_of(keys)
    best: dict[str, str] = {}
    for key in keys:
        person = await services.store.identity.person_of(key)
        if person not in best or seen.get(key, NEVER) > seen.get(best[person], NEVER):
            best[person] = key
    return best


async def recipient(services: Deps, key: str) -> Recipient:
    """A channel-qualified user as a recipient, with the chat and name the bot last saw."""
    channel, _, user_id = key.partition(":")
    chat_id, name = await services.store.people.contact_of(channel, user_id)
    return Recipient(key, channel, chat_id, name)


async def registrars_by_commune(services: Deps) -> dict[str, list[Recipient]]:
    """Each commune's registrars (one account per person), as recipients."""
    out: dict[str, list[Recipient]] = defaultdict(list)
    grants = await services.store.access.grants("registrar")
    # A registrar on Telegram and Zalo is reached once, on the channel used last.
    keep = set((await last_used(services, [g.user for g in grants])).values())
    access = Access(services)
    for grant in (g for g in grants if g.user in keep):
        roles = Roles(
            registrar=True, districts=tuple(grant.districts), communes=tuple(grant.communes)
        )
        person = await recipient(services, grant.user)
        for code in access.scope(roles) or ():
            out[code].append(person)
    return out


async def members_by_commune(services: Deps) -> dict[str, list[Recipient]]:
    """Linked members, each on the channel they used last (one account per person)."""
    out: dict[str, list[Recipient]] = defaultdict(list)
    seen: set[int] = set()
    for row in await services.store.people.linked_seats():  # most recently used account first
        if row.member in seen:
            continue
        seen.add(row.member)
        out[row.commune].append(Recipient(row.key, row.channel, row.chat_id, row.name))
    return out
