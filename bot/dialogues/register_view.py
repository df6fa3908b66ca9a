"""What the /register steps read, and the only place that reads it.

`load_view` runs before a step (with the answer) or a prompt (without): commune names, the
team as it is now, the other teams that already list a typed phone, and whether the person
may still save for that commune (decided by bot/permissions.py's `Gate.allows`; the REVIEW
step audits it with the save, in one transaction). The steps themselves
(bot/dialogues/register.py) are pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.access import Access, Roles
from bot.chat import Reply
from bot.deps import Deps
from bot.dialogues.machine import Answer, choice_arg
from bot.dialogues.registration import Registration, Step, save_rule
from bot.dialogues.seats import check_phone
from bot.permissions import Gate
from bot.phones import to_e164
from bot.pick import pick_commune
from bot.roster import seats_to_fill


@dataclass(frozen=True)
class Picked:
    """COMMUNE: what the answer picked. `code` and `seats` when it named one commune in the
    registrar's scope; else what the commune picker said (not found, out of scope, a list)."""

    code: str = ""
    name: str = ""
    seats: tuple[str, ...] = ()
    said: tuple[Reply, ...] = ()
    stale: bool = False  # a button for a commune that is gone or out of scope


@dataclass(frozen=True)
class RegisterView:
    """What the steps and prompts read: commune names, the team as it is now, other teams
    listing the typed phone, whether the person may save for this commune."""

    names: Mapping[str, str] = field(default_factory=dict)
    team_roles: tuple[str, ...] = ()
    team_phones: frozenset[str] = frozenset()
    elsewhere: tuple[str, ...] = ()  # PHONE: names of other communes listing the phone
    allowed: bool = False  # REVIEW: may register for this commune
    picked: Picked = Picked()

    def name(self, code: str) -> str:
        return self.names.get(code, code)


async def load_view(
    s: Deps, access: Access, gate: Gate, state: Registration, answer: Answer | None
) -> RegisterView:
    """The data the step about to run (answer given) or the question to ask needs."""
    if answer is not None and state.step is Step.COMMUNE:
        return await picked(s, access, gate, state, answer, await access.roles(answer.user))
    names = _names(s, state.commune, *state.picks)
    reviewing = state.step is Step.REVIEW  # the review says what the team still lacks
    if not reviewing and (answer is None or state.step not in (Step.PHONE, Step.FIXVAL)):
        return RegisterView(names)
    team = await s.store.teams.members_of(state.commune)
    roles = tuple(m.role for m in team)
    phones = frozenset(m.phone for m in team)
    if answer is None:
        return RegisterView(names, roles, phones)
    if reviewing:
        allowed = gate.may(save_rule(state), await access.roles(answer.user), state.commune)
        return RegisterView(names, roles, phones, allowed=allowed)
    return RegisterView(names, roles, phones, await _elsewhere(s, state, answer))


async def _elsewhere(s: Deps, state: Registration, answer: Answer) -> tuple[str, ...]:
    """The other communes whose team already lists the phone being typed."""
    if state.step is not Step.PHONE or isinstance(check_phone(answer.text), Reply):
        return ()
    found = await s.store.teams.communes_with_phone(to_e164(answer.text))
    names = _names(s, *found)
    return tuple(names[c] for c in found if c != state.commune)


async def picked(
    s: Deps, access: Access, gate: Gate, state: Registration, answer: Answer, roles: Roles
) -> RegisterView:
    """COMMUNE: the commune the answer names (a button or typed), and its empty seats."""
    code = choice_arg(answer.choice, "c")
    if code is not None:
        commune = s.communes.get(code)
        if commune is None or not gate.may("team:manage", roles, commune.code):
            return RegisterView(_names(s, *state.picks), picked=Picked(stale=True))
    else:
        commune, said = pick_commune(s, gate, roles, answer.text, "f:c:")
        if commune is None:
            return RegisterView(_names(s, *state.picks), picked=Picked(said=tuple(said)))
    team = await s.store.teams.members_of(commune.code)
    seats = tuple(seats_to_fill(m.role for m in team))
    chosen = Picked(commune.code, commune.name, seats)
    return RegisterView(_names(s, commune.code, *state.picks), picked=chosen)


def _names(s: Deps, *codes: str) -> dict[str, str]:
    found = {code: s.communes.get(code) for code in codes if code}
    return {code: c.name if c else code for code, c in found.items()}
