"""Broadcast audiences → recipients, within the sender's scope. Recipients are (channel, chat)."""

from __future__ import annotations

from bot.access import Access, Roles
from bot.reminders import snapshot
from bot.services import Services

AUDIENCES = ("all", "registrars", "members", "incomplete")


class AudienceError(ValueError):
    """Unknown audience, district or commune (message for the operator)."""


async def resolve(services: Services, access: Access, roles: Roles, audience: str) -> list[dict]:
    """Recipients as outbox rows: key, channel, chat_id, name (and commune for members)."""
    scope = access.scope(roles)  # None: the whole province
    kind, _, arg = audience.partition(":")
    if kind == "all":
        if scope is not None:
            raise AudienceError("all")
        people = await services.store.everyone()
        rows = [
            {
                "key": f"{p['channel']}:{p['user_id']}",
                "channel": p["channel"],
                "chat_id": p["chat_id"],
                "name": p["name"],
            }
            for p in people
        ]
        return await _once_per_person(services, _dedupe(rows))
    communes = _communes(services, kind, arg)
    if scope is not None:
        communes = communes & scope if communes is not None else set(scope)
    return _dedupe(await _people(services, kind, communes))


def _communes(services: Services, kind: str, arg: str) -> set[str] | None:
    if kind in ("registrars", "members", "incomplete"):
        return None
    if kind == "district":
        district = services.communes.district(arg)
        if district is None:
            raise AudienceError(f"unknown former district {arg!r}")
        return set(district.commune_codes)
    if kind == "commune":
        commune = services.communes.get(arg) or _unique(services, arg)
        if commune is None:
            raise AudienceError(f"unknown commune {arg!r}")
        return {commune.code}
    raise AudienceError(f"unknown audience {kind!r}")


def _unique(services: Services, text: str):
    found = services.communes.lookup(text)
    return (
        found.matches[0].commune
        if found.matches and not found.ambiguous and (found.matches[0].score >= 95)
        else None
    )


async def _people(services: Services, kind: str, communes: set[str] | None) -> list[dict]:
    state = await snapshot(services)
    wanted = communes if communes is not None else {c.code for c in state.communes}
    if kind == "incomplete":
        wanted = {c.code for c in state.communes if c.open_tasks and c.code in wanted}
    chosen = [c for c in state.communes if c.code in wanted]
    rows: list[dict] = []
    if kind != "members":
        rows += [_row(r, c.code) for c in chosen for r in c.registrars]
    if kind != "registrars":  # the snapshot holds each member on the channel used last
        rows += [_row(r, c.code) for c in chosen for r in c.members]
    return rows


def _row(person, commune: str) -> dict:
    return {
        "key": person.key,
        "channel": person.channel,
        "chat_id": person.chat_id,
        "name": person.name,
        "commune": commune,
    }


def _dedupe(rows: list[dict]) -> list[dict]:
    seen: dict[tuple[str, str], dict] = {}
    for row in rows:
        seen.setdefault((row["channel"], row["chat_id"]), row)
    return list(seen.values())


async def _once_per_person(services: Services, rows: list[dict]) -> list[dict]:
    """Someone on both channels gets a broadcast once, on Telegram: Zalo's free plan caps
    the month's messages, so Telegram carries bulk sends."""
    seats = {
        f"{a['channel']}:{a['user_id']}": f"member:{a['member']}"
        for a in await services.store.member_accounts()
    }
    by_person: dict[str, list[dict]] = {}
    for row in rows:
        person = seats.get(row["key"]) or await services.store.person_of(row["key"])
        by_person.setdefault(person, []).append(row)
    out = []
    for group in by_person.values():
        telegram = [r for r in group if r["channel"] == "telegram"]
        out += telegram[:1] if telegram else group[:1]
    return out


__all__ = ["AUDIENCES", "AudienceError", "resolve"]
