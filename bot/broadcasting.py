"""Queueing a broadcast: what recipients see, the sender's signature, the outbox rows.

Shared by the /broadcast dialogue (bot/dialogues/broadcast.py) and `commune-bot broadcast`.
"""

from __future__ import annotations

from bot import texts
from bot.access import Access, Roles
from bot.audience import AudienceError, resolve
from bot.chat import Recipient, Rich, Seg
from bot.deps import Deps
from bot.outbox_codec import rich_to_json

MAX_TEXT = 3000


class NoRecipients(AudienceError):
    """The audience reaches nobody: nothing is queued."""


def body(sender: str, text: str) -> Rich:
    """What recipients see: who sends, then the text as typed (escaped by the renderer)."""
    return (texts.b(texts.BROADCAST_FROM.format(sender=sender)), Seg("\n" + text))


def sign_off(services: Deps, roles: Roles) -> str:
    """The sender's role and organisation, never a chat nickname."""
    if roles.coordinator:
        return texts.SIGN_COORDINATOR
    districts = services.communes.districts
    names = [districts[d].name for d in roles.districts if d in districts]
    names += [c.name for c in map(services.communes.get, roles.communes) if c]
    return texts.SIGN_REGISTRAR.format(scope=", ".join(names) or "—")


async def queue(
    services: Deps, access: Access, roles: Roles, sender: Recipient, audience: str, text: str
) -> tuple[int, int]:
    """Resolve the audience now and queue one outbox row per recipient (none: refused)."""
    recipients = await resolve(services, access, roles, audience)
    if not recipients:
        raise NoRecipients(f"audience {audience!r} has no recipients; nothing was queued")
    rich = body(sign_off(services, roles), text)
    now = services.clock()
    broadcast = await services.store.broadcasts.create(
        sender, audience, text, rich_to_json(rich), recipients, now
    )
    await services.store.audit.record(
        sender.key,
        "broadcast",
        {"id": broadcast, "audience": audience, "recipients": len(recipients)},
        now,
    )
    return broadcast, len(recipients)
