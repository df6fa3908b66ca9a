"""A finished broadcast's report to its sender: delivered, unreachable (whom to call), failed."""

from __future__ import annotations

from bot import texts
from bot.chat import Reply, Seg
from bot.deps import Deps


async def broadcast_report(services: Deps, broadcast: int) -> Reply:
    """Delivered / unreachable (with names and phones to call) / failed."""
    counts = await services.store.broadcasts.counts(broadcast) or {}
    parts: list[Seg] = [
        Seg(
            texts.BROADCAST_REPORT.format(
                id=broadcast,
                **{k: counts.get(k, 0) for k in ("delivered", "unreachable", "failed")},
            )
        )
    ]
    missed = await services.store.broadcasts.undelivered(broadcast)
    if missed:
        phones = await services.store.teams.phones_of([m.recipient for m in missed])
        parts.append(Seg("\n" + texts.BROADCAST_UNREACHABLE))
        for m in missed:
            phone = phones.get(m.recipient, "")
            parts.append(Seg(f"\n• {m.name or m.recipient}{' — ' + phone if phone else ''}"))
    return Reply(text=tuple(parts))
