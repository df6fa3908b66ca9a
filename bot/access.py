"""Who somebody is: their roles and the communes they manage (the facts the permission table
of bot/permissions.py decides on; `Gate` is where a privileged action is allowed and audited).

Roles: coordinators (BOT_COORDINATORS or granted), registrars scoped to former districts
and/or communes, team members (accounts linked to a seat), everyone else.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from bot.chat import Person
from bot.codes import CLAIM_KIND, INVITE_KIND, code_hash, new_code
from bot.deps import Deps
from bot.roster import Member
from bot.rows.access import Invite, Standing

# (person key, store.writes when read, their roles): set per handled message, so in the task
# handling it (PTB and the console run one task per update; jobs never see it).
_KNOWN: ContextVar[tuple[str, int, Roles] | None] = ContextVar("known_roles", default=None)
INVITE_DAYS = 7
CLAIM_DAYS = 30
INVITE_PREFIX, CLAIM_PREFIX = INVITE_KIND, CLAIM_KIND


@dataclass(frozen=True)
class Roles:
    """What one person is."""

    coordinator: bool = False
    registrar: bool = False
    districts: tuple[str, ...] = ()
    communes: tuple[str, ...] = ()
    seats: tuple[Member, ...] = ()

    @property
    def member_communes(self) -> set[str]:
        """Communes whose team this person sits on."""
        return {m.commune for m in self.seats}


class Access:
    """Role look-ups, scope checks and the audit trail."""

    def __init__(self, services: Deps) -> None:
        self.s = services

    async def roles(self, person: Person) -> Roles:
        """Everything the person is, from settings, grants and linked seats."""
        known = _KNOWN.get()
        if known is not None and known[0] == person.key and known[1] == self.s.store.writes:
            return known[2]  # read in this message's arrival hop, and nothing written since
        standing = await self.s.store.access.standing(person.key, person.channel, person.user_id)
        return self._roles(person, standing)

    def arrived(self, person: Person, standing: Standing | None) -> None:
        """The sender's standing as read in their message's arrival hop: roles asked again
        while handling this message (the command menu after the reply) come from it, until
        anything is written (an invite redeemed, a seat claimed: then they are read again)."""
        if standing is not None:
            _KNOWN.set((person.key, self.s.store.writes, self._roles(person, standing)))

    def _roles(self, person: Person, standing: Standing) -> Roles:
        grant, seats = standing.grant, standing.seats
        coordinator = person.key in self.s.settings.coordinators or bool(
            grant and grant.role == "coordinator"
        )
        registrar = bool(grant and grant.role == "registrar")
        return Roles(
            coordinator=coordinator,
            registrar=registrar,
            districts=tuple(grant.districts) if registrar and grant else (),
            communes=tuple(grant.communes) if registrar and grant else (),
            seats=seats,
        )

    async def is_coordinator(self, person: Person) -> bool:
        """Coordinator by setting or by grant."""
        return (await self.roles(person)).coordinator

    def scope(self, roles: Roles) -> set[str] | None:
        """Commune codes a person manages: None means all (coordinators)."""
        if roles.coordinator:
            return None
        if not roles.registrar:
            return set()
        codes = set(roles.communes)
        communes = self.s.communes
        for district in roles.districts:
            codes.update(c.code for c in communes.in_district(district))
        return codes

    def manages(self, roles: Roles, commune: str) -> bool:
        """Coordinators manage every commune, registrars their scope."""
        scope = self.scope(roles)
        return scope is None or commune in scope

    def sees_phones(self, roles: Roles, commune: str) -> bool:
        """Phones are personal data: coordinators, the responsible registrar, the team."""
        return self.manages(roles, commune) or commune in roles.member_communes

    async def invite(
        self,
        by: Person,
        role: str,
        districts: Sequence[str],
        communes: Sequence[str],
        same_person: bool = False,
    ) -> str:
        """A single-use invite code for a scoped role (for `by` on another channel if asked)."""
        code = new_code(INVITE_PREFIX)
        now = self.s.clock()
        await self.s.store.access.create_invite(
            code_hash(code),
            role,
            districts,
            communes,
            by.key,
            now,
            now + timedelta(INVITE_DAYS),
            by.key if same_person else None,
        )
        await self.s.store.audit.record(
            by.key,
            "invite",
            {"role": role, "districts": list(districts), "communes": list(communes)},
            now,
        )
        return code

    async def accept_invite(self, person: Person, code: str) -> Invite | None:
        """Spend an invite: the person gets its role and scope."""
        now = self.s.clock()
        invite = await self.s.store.access.use_invite(code_hash(code), person.key, now)
        if invite is None:
            return None
        await self.s.store.access.grant(
            person.key, invite.role, invite.districts, invite.communes, "invite", now
        )
        if invite.person:  # /link: the same person on another channel
            await self.s.store.identity.link(person.key, invite.person)
        await self.s.store.audit.record(person.key, "accept_invite", invite.detail(), now)
        return invite

    async def claim_code(self, member_id: int) -> str:
        """A personal single-use code that binds an account to a member's seat."""
        code = new_code(CLAIM_PREFIX)
        now = self.s.clock()
        await self.s.store.access.create_claim(
            code_hash(code), member_id, now, now + timedelta(CLAIM_DAYS)
        )
        return code

    async def claim(self, person: Person, chat_id: str, code: str) -> Member | None:
        """Spend a claim code: this account now reaches the seat."""
        now = self.s.clock()
        member_id = await self.s.store.access.use_claim(code_hash(code), person.key, now)
        if member_id is None:
            return None
        await self.s.store.teams.link_account(
            member_id, person.channel, person.user_id, chat_id, now
        )
        await self.s.store.audit.record(person.key, "claim_seat", {"member": member_id}, now)
        return await self.s.store.teams.member(member_id)

    async def claim_by_phone(self, person: Person, chat_id: str, phone: str) -> list[Member]:
        """Telegram's contact button proves the phone: link every seat registered to it."""
        now = self.s.clock()
        seats = await self.s.store.teams.with_phone(phone)
        for member in seats:
            await self.s.store.teams.link_account(
                member.id, person.channel, person.user_id, chat_id, now
            )
            await self.s.store.audit.record(
                person.key, "claim_seat", {"member": member.id, "by": "contact"}, now
            )
        return seats
