"""Typed commune name → one commune in the user's scope, or choices to pick from."""

from __future__ import annotations

from dataclasses import dataclass

from bot import texts
from bot.access import Roles
from bot.chat import Choice, Reply
from bot.communes import Commune
from bot.deps import Deps
from bot.permissions import Gate

MAX_CHOICES = 8


@dataclass(frozen=True)
class Pick:
    """What a typed commune name resolved to, within the person's scope (for a dialogue's
    view: one commune, several to offer, or the notes saying why none)."""

    found: str = ""
    picks: tuple[str, ...] = ()
    notes: tuple[Reply, ...] = ()


NO_PICK = Pick()  # nothing typed to resolve


def pick(services: Deps, gate: Gate, roles: Roles, text: str, prefix: str) -> Pick:
    """`pick_commune` as data: the codes behind the offered buttons, not the buttons."""
    commune, replies = pick_commune(services, gate, roles, text, prefix)
    if commune is not None:
        return Pick(found=commune.code)
    listed = [r for r in replies if r.choices]
    if listed:
        return Pick(picks=tuple(c.value.removeprefix(prefix) for c in listed[0].choices))
    return Pick(notes=tuple(replies))


def pick_commune(
    services: Deps, gate: Gate, roles: Roles, text: str, prefix: str
) -> tuple[Commune | None, list[Reply]]:
    """The commune when the text is unambiguous and in scope; otherwise replies to ask."""
    found = services.communes.lookup(text, limit=MAX_CHOICES)
    in_scope = [m.commune for m in found.matches if gate.may("team:manage", roles, m.commune.code)]
    district = found.district
    if district is not None:
        # "Hoằng Hóa" may be the new xã or any commune of the former huyện: ask.
        first = [c for c in in_scope[:1] if found.matches[0].score >= 95]
        of_district = [
            c
            for c in services.communes.in_district(district.code)
            if gate.may("team:manage", roles, c.code) and c not in first
        ]
        in_scope = (first + of_district)[:MAX_CHOICES]
        prompt = texts.PICK_DISTRICT_OR_COMMUNE.format(text=text.strip())
        if in_scope:
            return None, [texts.plain(prompt, _choices(in_scope, prefix))]
    unique = found.unique
    if unique is not None and unique in in_scope:
        return unique, []
    if unique is not None:
        return None, [texts.plain(texts.OUT_OF_SCOPE.format(name=unique.name))]
    if not in_scope:
        return None, [texts.plain(texts.NO_COMMUNE.format(text=text.strip()[:60]))]
    return None, [texts.plain(texts.PICK_COMMUNE, _choices(in_scope, prefix))]


def _choices(communes: list[Commune], prefix: str) -> list[Choice]:
    return [Choice(c.name, f"{prefix}{c.code}") for c in communes[:MAX_CHOICES]]
