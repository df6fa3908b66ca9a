"""Who may use which command, button and dialogue: one table, checked in one place.

`RULES` maps a command ("deadline"), a button ("tm:m" for "tm:m:12", or its prefix "dl")
or an open dialogue ("dialogue:done") to a `Rule`: who may use it, where the commune it
acts on comes from (the scope), whether it needs a private chat, and what the refused person
is told. `Gate.check` applies a rule and writes the audit trail (actor key, action, commune,
allowed: never a phone or a name); the engine calls it before every handler, and before every
step of an open dialogue, so a role taken away mid-dialogue ends it.

Some rules are about a record rather than a button or a command: a request's own buttons and
/request N (its asker, or its staff: Scope.REQUEST), a team sheet sent as a file ("file:import"),
the dashboard's team form ("web:team_edit"). Their owners, which read the record, ask the same
`Gate` with the rule of this table (`check` in a chat, `permits` on the web), so the rule, the
refusal and the audit are still decided here. The register and member dialogues ask again at
the save ("save:…" rules): their views hold `Gate.may`'s answer, and the step writes
`at_save`'s audit line as an effect, in the transaction of the save it allows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import StrEnum

from bot import texts
from bot.access import Access, Roles
from bot.chat import Incoming, Person, Reply
from bot.choices import parse_choice
from bot.deps import Deps
from bot.dialogues.effects import Audit
from bot.inputs import parse_int
from bot.rows.requests import Request
from bot.texts import requests as w
from bot.texts import web

log = logging.getLogger(__name__)


class Who(StrEnum):
    """The kinds of people a rule admits."""

    ANYONE = "anyone"
    TEAM = "team"  # a coordinator, a registrar or anyone with a seat in a team
    MANAGER = "manager"  # a coordinator or a registrar (of the commune, when one is named)
    SEER = "seer"  # may see the commune's team: its managers and the team itself
    REPORTER = "reporter"  # the commune's registrar (or a coordinator), or its IT officer
    COORDINATOR = "coordinator"
    # about a request (Scope.REQUEST): the staff are the staff group, the provincial contacts
    # who linked an account, and the coordinators
    STAFF = "staff"
    ASKER = "asker"  # the person who made the request
    PARTY = "party"  # its asker or its staff


class Scope(StrEnum):
    """Where the commune a rule is about comes from."""

    NONE = "none"
    COMMUNE = "commune"  # a commune code in the button (part `arg`)
    MEMBER = "member"  # a member id in the button (part `arg`): that member's commune
    DONE = "done"  # the commune in the button, else the one the person is IT officer of
    REQUEST = "request"  # a request, read by its owner (bot/requests/desk.py) and passed in


@dataclass(frozen=True)
class Rule:
    who: Who
    refusal: str = ""  # what a refused person is told (formatted with the commune's name)
    audit: str = ""  # the audit action for allowed uses too ("" = refusals only)
    scope: Scope = Scope.NONE
    arg: int = 2  # which ":"-part of the button holds the commune or member
    private: bool = False  # never in a group chat
    here: bool = False  # refused in the forum topic the message came from (the staff group)


OPEN = Rule(Who.ANYONE)
PRIVATE = Rule(Who.ANYONE, private=True)
TO_REGISTRARS = texts.NOT_ALLOWED.format(who=texts.REGISTRARS)
TO_COORDINATORS = texts.NOT_ALLOWED.format(who=texts.COORDINATORS)
TO_REPORTERS = texts.NOT_ALLOWED.format(who=texts.DONE_WHO)


def _manager(audit: str, scope: Scope = Scope.NONE) -> Rule:
    return Rule(Who.MANAGER, TO_REGISTRARS, audit, scope, private=True)


def _coordinator(audit: str, private: bool = True) -> Rule:
    return Rule(Who.COORDINATOR, TO_COORDINATORS, audit, private=private)


_TEAM = Rule(Who.TEAM, texts.NO_TEAM_ROLE)
_DEADLINE = _coordinator("deadline")
_STAFF = Rule(Who.STAFF, w.STAFF_ONLY, scope=Scope.REQUEST, here=True)
_ASKER = Rule(Who.ASKER, w.NOT_FOUND, scope=Scope.REQUEST)  # as if there were no such request

RULES: dict[str, Rule] = {
    # commands
    "register": _manager("register"),
    "team": Rule(Who.TEAM, texts.NO_TEAM_ROLE, private=True),
    "import": _manager("import_help"),
    "export": _manager("export"),
    "report": Rule(Who.MANAGER, TO_REGISTRARS, "report"),
    "broadcast": _manager("broadcast"),
    "invite": _coordinator("invite"),
    "deadline": _DEADLINE,
    "review": _coordinator("review"),
    "stats": _coordinator("stats", private=False),
    "staff": _coordinator("staff", private=False),
    "done": Rule(Who.REPORTER, TO_REPORTERS, scope=Scope.DONE, private=True),
    "status": _TEAM,
    "deadlines": _TEAM,
    "link": PRIVATE,
    "claim": PRIVATE,
    "web": PRIVATE,
    # buttons
    "tm:show": Rule(Who.SEER, texts.OUT_OF_SCOPE, scope=Scope.COMMUNE),
    "tm:links": Rule(Who.MANAGER, TO_REGISTRARS, "team_links", Scope.COMMUNE),
    "tm:reg": _manager("register", Scope.COMMUNE),
    "tm:m": _manager("team_member", Scope.MEMBER),
    "tm:rp": _manager("team_member", Scope.MEMBER),  # buttons of earlier versions
    "tm:rm": _manager("team_member", Scope.MEMBER),
    "dl": _coordinator("deadline", private=False),  # `dl:` of earlier versions: the overview
    "dn": Rule(Who.REPORTER, TO_REPORTERS, scope=Scope.DONE, arg=1),
    "st": _coordinator("", private=False),
    "rv": _coordinator("review", private=False),
    "rq:link": _coordinator("staff", private=False),
    # open dialogues, before each step
    "dialogue:deadline": Rule(Who.COORDINATOR, TO_COORDINATORS),
    "dialogue:broadcast": Rule(Who.MANAGER, TO_REGISTRARS),
    "dialogue:done": Rule(Who.REPORTER, TO_REPORTERS),
    # records, asked by their owners
    "requests:open": Rule(Who.COORDINATOR, TO_COORDINATORS),  # /requests open
    "request:show": Rule(Who.PARTY, w.NOT_FOUND, scope=Scope.REQUEST),  # /request N
    "request:take": _STAFF,
    "request:done": _STAFF,
    "request:close": _STAFF,
    "request:ph": _STAFF,  # the asker's phone
    "request:re": Rule(Who.PARTY, w.STAFF_ONLY, scope=Scope.REQUEST, here=True),
    "request:ok": _ASKER,
    "request:nc": _ASKER,
    "request:bad": _ASKER,
    "request:rt": Rule(Who.ASKER, texts.STALE_BUTTON, scope=Scope.REQUEST),
    "file:import": Rule(Who.MANAGER, texts.MEDIA, "import"),  # others' sheets are just files
    "web:team_edit": Rule(Who.MANAGER, web.MAY_NOT_EDIT_TEAM, "web_team_edit", Scope.COMMUNE),
    "web:review": Rule(Who.COORDINATOR, web.COORDINATORS_ONLY),
    "web:label": Rule(Who.COORDINATOR, web.COORDINATORS_ONLY, "web_label"),
    # a dialogue's save, decided again when it happens (its view asks `Gate.may`; the step
    # writes `at_save`'s audit line with the save, in one transaction)
    "save:register_team": _manager("register_team"),
    "save:replace_team": _manager("replace_team"),
    "save:team_edit": _manager("team_edit"),
    # what a view shows, asked with `Gate.may` (no audit: nothing is done yet)
    "team:phones": Rule(Who.SEER, texts.OUT_OF_SCOPE),  # members' phone numbers (Decree 13/2023)
    # the edit buttons, and the communes one may pick
    "team:manage": Rule(Who.MANAGER, TO_REGISTRARS),
}


def rule_for_command(command: str) -> Rule:
    return RULES.get(command, OPEN)


def rule_for_button(payload: str | None) -> tuple[str, Rule]:
    """The most specific rule for a button: "tm:m" before "tm"; anyone when none."""
    prefix, action, _ = parse_choice(payload, 3)
    for key in (f"{prefix}:{action}", prefix):
        if key in RULES:
            return key, RULES[key]
    return prefix, OPEN


def at_save(key: str, actor: str, commune: str, allowed: bool) -> tuple[Audit, Reply | None]:
    """A dialogue's save under the rule `key`: the audit line to write (allowed or not) and,
    when refused, what the person is told (the step then saves nothing else)."""
    rule = RULES[key]
    audit = Audit(actor, rule.audit, {"commune": commune, "allowed": allowed})
    return audit, None if allowed else texts.plain(rule.refusal)


class Gate:
    """Applies a rule to one incoming message; the only place permissions are decided."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def check(
        self,
        inc: Incoming,
        key: str,
        rule: Rule,
        commune: str | None = None,
        request: Request | None = None,
    ) -> list[Reply] | None:
        """None when allowed; else what the person is told (and it is audited).

        `request`: the record a Scope.REQUEST rule is about (its owner read it)."""
        if rule.private and inc.group:
            return [texts.plain(texts.PRIVATE_ONLY)]
        if rule.who is Who.ANYONE:
            return None
        if rule.scope is Scope.REQUEST:
            assert request is not None, f"{key}: the request is read by its owner"
            allowed = await self._party(rule.who, inc, request)
            detail = {"commune": request.commune, "request": request.id, "allowed": allowed}
            return (
                None
                if await self._audit(inc.user, key, rule, detail)
                else self._no(inc, rule, request.id)
            )
        roles = await self.access.roles(inc.user)
        if commune is None:
            found = await self._commune(inc, rule, roles)
            if found is None:  # the button names a member or commune that is not there
                return [texts.plain(texts.STALE_BUTTON)]
            commune = found or None
        detail = {"commune": commune, "allowed": self.allows(rule.who, roles, commune)}
        if await self._audit(inc.user, key, rule, detail):
            return None
        refusal = rule.refusal
        if "{name}" in refusal:
            refusal = refusal.format(name=self._name(commune))
        return [texts.plain(refusal)]

    async def permits(self, person: Person, key: str, commune: str | None) -> Roles | None:
        """The rule `key` for one person outside a chat (the web dashboard): their roles when
        allowed, None when not (audited either way, as its rule says)."""
        rule = RULES[key]
        roles = await self.access.roles(person)
        detail = {"commune": commune, "allowed": self.allows(rule.who, roles, commune)}
        return roles if await self._audit(person, key, rule, detail) else None

    def may(self, key: str, roles: Roles, commune: str) -> bool:
        """What the rule `key` of this table decides for `roles` about one commune: for a view
        choosing what to show (phones, edit buttons, the communes offered), nothing audited."""
        return self.allows(RULES[key].who, roles, commune)

    async def _audit(self, person: Person, key: str, rule: Rule, detail: dict) -> bool:
        """Write the audit line (refusals always, allowed uses when the rule says so)."""
        allowed = bool(detail["allowed"])
        if rule.audit or not allowed:
            await self.s.store.audit.record(person.key, rule.audit or key, detail, self.s.clock())
        log.info("permission %s: %s", key, "allowed" if allowed else "refused")
        return allowed

    def _no(self, inc: Incoming, rule: Rule, ident: int) -> list[Reply]:
        said = texts.plain(
            rule.refusal.format(id=ident) if "{id}" in rule.refusal else rule.refusal
        )
        return [replace(said, thread=inc.thread) if rule.here else said]

    async def _party(self, who: Who, inc: Incoming, request: Request) -> bool:
        asker = request.asker == inc.user.key
        if who is Who.ASKER or (who is Who.PARTY and asker):
            return asker
        return await self.is_staff(inc)

    async def is_staff(self, inc: Incoming) -> bool:
        """In the staff group, a linked provincial contact, or a coordinator."""
        if self.s.settings.staff_chat and inc.chat_id == self.s.settings.staff_chat:
            return True
        if await self.s.store.staff.contact_phone_of(inc.channel, inc.user.user_id):
            return True
        return await self.access.is_coordinator(inc.user)

    async def _commune(self, inc: Incoming, rule: Rule, roles: Roles) -> str | None:
        """The commune the rule is about: a code, "" for none, None for a stale button."""
        part = parse_choice(inc.payload, rule.arg + 2)[rule.arg] if inc.payload else ""
        if rule.scope is Scope.COMMUNE:
            return part or None
        if rule.scope is Scope.MEMBER:
            member_id = parse_int(part)
            member = await self.s.store.teams.member(member_id) if member_id else None
            return member.commune if member else None
        if rule.scope is Scope.DONE and not part and not inc.text:
            own = sorted({m.commune for m in roles.seats if m.role == "it_officer"})
            return own[0] if len(own) == 1 else ""
        return part if rule.scope is Scope.DONE else ""

    def allows(self, who: Who, roles: Roles, commune: str | None) -> bool:
        """Whether `roles` are `who` (for `commune`, when the rule names one)."""
        manager = roles.coordinator or roles.registrar
        if who is Who.COORDINATOR:
            return roles.coordinator
        if who is Who.TEAM:
            return manager or bool(roles.seats)
        if commune is None:
            return manager
        if who is Who.SEER:
            return self.access.sees_phones(roles, commune)
        if who is Who.REPORTER:
            it_officer = any(m.commune == commune and m.role == "it_officer" for m in roles.seats)
            known = self.s.communes.get(commune) is not None
            return known and (it_officer or self.access.manages(roles, commune))
        return self.access.manages(roles, commune)

    def _name(self, code: str | None) -> str:
        commune = self.s.communes.get(code) if code else None
        return commune.name if commune else code or ""
