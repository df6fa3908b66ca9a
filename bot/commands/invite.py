"""/invite (coordinators) and the codes people bring back: invites and seat claims.

On Telegram a code arrives as the deep-link start parameter (t.me/<bot>?start=<code>); on
Zalo and in the console the person types it.
"""

from __future__ import annotations

import re

from bot import texts
from bot.access import Access
from bot.chat import Incoming, Reply
from bot.codes import INVITE_KIND, code_kind, find_code
from bot.communes import COMMUNE_MARKS
from bot.deps import Deps
from bot.normalize import fold
from bot.phones import InvalidPhone, national, to_e164
from bot.roster import Member, short_label
from bot.texts.views import invite_reply, welcome_reply
from bot.views import InviteView, SeatWelcome


def looks_like_code(text: str) -> bool:
    """True when the message carries an invite or claim code, even inside a sentence."""
    return find_code(text) is not None


class InviteFlow:
    """Create scoped single-use invites; accept invites and claim codes."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def invite(self, inc: Incoming) -> list[Reply]:
        """/invite Hoằng Hóa, xã Nông Cống → a registrar invite for that scope."""
        items = [x.strip() for x in re.split(r"[,;\n]", inc.text) if x.strip()]
        if not items:
            return [texts.plain(texts.INVITE_USAGE)]
        districts: list[str] = []
        communes: list[str] = []
        names: list[str] = []
        for item in items:
            resolved = self._resolve(item)
            if resolved is None:
                return [texts.plain(texts.INVITE_UNKNOWN.format(text=item[:60]))]
            kind, code, name = resolved
            (districts if kind == "district" else communes).append(code)
            names.append(name)
        code = await self.access.invite(inc.user, "registrar", districts, communes)
        bot = self.s.bot_names.get("telegram", "")
        return [invite_reply(InviteView(tuple(names), code, bot))]

    def place(self, text: str) -> tuple[str, str, str] | None:
        """("district" | "commune", code, name) for a typed former district or commune."""
        return self._resolve(text)

    def _resolve(self, item: str) -> tuple[str, str, str] | None:
        # Registrars are district officers: a bare district name means the former district;
        # "xã …"/"phường …" or a code means one commune.
        found = self.s.communes.lookup(item)
        explicit = item.strip().lower().startswith(COMMUNE_MARKS)
        if found.district is not None and not explicit:
            return "district", found.district.code, found.district.name
        if found.matches and (found.unique or found.matches[0].score >= 99):
            commune = found.matches[0].commune
            return "commune", commune.code, commune.name
        return None

    async def claim_by_phone(self, inc: Incoming) -> list[Reply]:
        """The user shared their own phone (Telegram's contact button): claim its seats."""
        if not inc.text:
            return [texts.plain(texts.NOT_OWN_CONTACT)]
        try:
            phone = to_e164(inc.text)
        except InvalidPhone:
            return [texts.plain(texts.PHONE_NOT_REGISTERED.format(phone=inc.text[:20]))]
        seats = await self.access.claim_by_phone(inc.user, inc.chat_id, phone)
        if not seats:
            return [texts.plain(texts.PHONE_NOT_REGISTERED.format(phone=national(phone)))]
        return [self._welcome(member) for member in seats]

    def _welcome(self, member: Member) -> Reply:
        commune = self.s.communes.get(member.commune)
        where = commune.name if commune else member.commune
        return welcome_reply(SeatWelcome(member.name, member.role, where))

    async def redeem(self, inc: Incoming, code: str) -> list[Reply]:
        """An invite or claim code, from a deep link or typed."""
        code = find_code(code) or code.strip()
        if code_kind(code) == INVITE_KIND:
            invite = await self.access.accept_invite(inc.user, code)
            if invite is None:
                return [texts.plain(texts.BAD_CODE)]
            names = [
                self.s.communes.districts[d].name
                for d in invite.districts
                if d in self.s.communes.districts
            ]
            names += [c.name for c in map(self.s.communes.get, invite.communes) if c]
            return [texts.plain(texts.WELCOME_REGISTRAR.format(scope=", ".join(names)))]
        member = await self.access.claim(inc.user, inc.chat_id, code)
        if member is None:
            return [texts.plain(texts.BAD_CODE)]
        return [self._welcome(member), *await self._other_people(inc, member)]

    async def _other_people(self, inc: Incoming, member: Member) -> list[Reply]:
        """A second person's seat claimed on this account: said, since a team needs six
        different people and one of them may have sent their code to the wrong person."""
        seats = await self.s.store.teams.seats_of(inc.channel, inc.user.user_id)
        others = [m for m in seats if m.id != member.id and fold(m.name) != fold(member.name)]
        if not others:
            return []
        names = ", ".join(f"{m.name} ({short_label(m.role)})" for m in others)
        return [texts.plain(texts.SEATS_OF_OTHERS.format(names=names, name=member.name))]
