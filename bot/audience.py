"""Broadcast audiences → recipients, within the sender's scope. Recipients are (channel, chat)."""

from __future__ import annotations

from dataclasses import replace

from bot.access import Access, Roles
from bot.chat import Recipient
from bot.communes import Commune
from bot.deps import Deps
from bot.nudges.snapshot import open_tasks
from bot.recipients import members_by_commune, registrars_by_commune

AUDIENCES = ("all", "registrars", "members", "incomplete")


class AudienceError(ValueError):
    """Unknown audience, district or commune (message for the operator)."""


async def resolve(services: Deps, access: Access, roles: Roles, audience: str) -> list[Recipient]:
    """The audience's recipients (with the commune they were picked for, but for "all")."""
    scope = access.scope(roles)  # None: the whole province
    kind, _, arg = audience.partition(":")
    status = await services.store.people.status()
    if kind == "all":
        # Everyone who ever wrote to the bot, and every registrar and linked member even if
        # they never did: "all" is never fewer than "registrars" or "members".
        if scope is not None:
            raise AudienceError("all")
        rows = await services.store.people.everyone()
        rows += await _people(services, "all", None)
        return await _once_per_person(services, _reachable(_dedupe(rows), status))
    communes = _communes(services, kind, arg)
    if scope is not None:
        communes = communes & scope if communes is not None else set(scope)
    return _reachable(_dedupe(await _people(services, kind, communes)), status)


def _reachable(rows: list[Recipient], status: dict[str, bool]) -> list[Recipient]:
    return [r for r in rows if not status.get(r.key, False)]


async def missed(
    services: Deps, access: Access, roles: Roles, audience: str
) -> list[tuple[str, str]]:
    """Who the audience names but a message cannot reach: (name, reason), for the preview."""
    scope = access.scope(roles)
    kind, _, arg = audience.partition(":")
    communes = None if kind == "all" else _communes(services, kind, arg)
    if scope is not None:
        communes = communes & scope if communes is not None else set(scope)
    status = await services.store.people.status()
    out: list[tuple[str, str]] = []
    if kind != "registrars":
        teams = await services.store.teams.by_commune(communes)
        wanted = communes if communes is not None else set(teams)
        if kind == "incomplete":
            wanted = await _incomplete(services, wanted)
        for code in sorted(wanted):
            commune = services.communes.get(code)
            where = commune.name if commune else code
            for m in teams.get(code, []):
                if not m.reachable:
                    out.append((f"{m.name} ({where})", "never"))
    if kind in ("all", "registrars"):
        for grant in await services.store.access.grants("registrar"):
            if grant.user not in status:
                out.append((grant.user, "never"))
    out += [(key, "blocked") for key, gone in status.items() if gone and kind == "all"]
    return out


def _communes(services: Deps, kind: str, arg: str) -> set[str] | None:
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


def _unique(services: Deps, text: str) -> Commune | None:
    found = services.communes.lookup(text)
    return (
        found.matches[0].commune
        if found.matches and not found.ambiguous and (found.matches[0].score >= 95)
        else None
    )


async def _incomplete(services: Deps, wanted: set[str]) -> set[str]:
    """The communes among `wanted` with any task still open."""
    todo = await open_tasks(services)
    return {code for code in wanted if todo.get(code)}


async def _people(services: Deps, kind: str, communes: set[str] | None) -> list[Recipient]:
    wanted = communes if communes is not None else set(services.communes.communes)
    if kind == "incomplete":
        wanted = await _incomplete(services, wanted)
    chosen = [code for code in services.communes.communes if code in wanted]
    rows: list[Recipient] = []
    if kind != "members":
        registrars = await registrars_by_commune(services)
        rows += [replace(r, commune=code) for code in chosen for r in registrars.get(code, ())]
    if kind != "registrars":  # each member on the channel used last
        members = await members_by_commune(services)
        rows += [replace(r, commune=code) for code in chosen for r in members.get(code, ())]
    return rows


def _dedupe(rows: list[Recipient]) -> list[Recipient]:
    seen: dict[tuple[str, str], Recipient] = {}
    for row in rows:
        seen.setdefault((row.channel, row.chat_id), row)
    return list(seen.values())


async def _once_per_person(services: Deps, rows: list[Recipient]) -> list[Recipient]:
    """Someone on both channels gets a broadcast once, on Telegram: Zalo's free plan caps
    the month's messages, so Telegram carries bulk sends."""
    seats = {a.key: f"member:{a.member}" for a in await services.store.people.linked_seats()}
    by_person: dict[str, list[Recipient]] = {}
    for row in rows:
        person = seats.get(row.key) or await services.store.identity.person_of(row.key)
        by_person.setdefault(person, []).append(row)
    out: list[Recipient] = []
    for group in by_person.values():
        telegram = [r for r in group if r.channel == "telegram"]
        out += telegram[:1] if telegram else group[:1]
    return out


__all__ = ["AUDIENCES", "AudienceError", "missed", "resolve"]
