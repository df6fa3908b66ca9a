"""Small one-shot commands: /start, /claim, /help, /contacts, /stats, /status, /deadlines.

Who may use each is decided before they run (bot/permissions.py); what is left here is
what they answer.
"""

from __future__ import annotations

from bot import texts
from bot.access import Access
from bot.chat import BUTTON_CHANNELS, Incoming, Reply, Seg
from bot.choices import parse_choice
from bot.commands.ask import AskFlow
from bot.commands.help import help_view
from bot.commands.invite import InviteFlow, looks_like_code
from bot.commands.stats import question_stats
from bot.commands.status import StatusFlow
from bot.commands.team import TeamFlow
from bot.deps import Deps
from bot.inputs import parse_int
from bot.progress import due_words
from bot.requests.claims import is_staff_code
from bot.requests.desk import RequestDesk
from bot.texts.help import help_text


class Basics:
    """The commands that need no flow of their own."""

    def __init__(
        self,
        services: Deps,
        access: Access,
        ask: AskFlow,
        invites: InviteFlow,
        requests: RequestDesk,
        team: TeamFlow,
    ) -> None:
        self.s, self.access, self.ask, self.invites = services, access, ask, invites
        self.requests, self.team = requests, team
        self.status_flow = StatusFlow(services, access)

    async def start(self, inc: Incoming) -> list[Reply]:
        # t.me/<bot>?start=<code> arrives as "/start <code>": an invite or a seat claim.
        if inc.text and is_staff_code(inc.text):
            return await self.requests.claims.redeem(inc, inc.text)
        if inc.text and looks_like_code(inc.text):
            return await self.invites.redeem(inc, inc.text)
        return self.ask.start(inc)

    async def claim(self, inc: Incoming) -> list[Reply]:
        """/claim: commune staff claim their seat by sharing the phone the registrar entered
        (Telegram's contact button), or by typing the code they were sent."""
        if inc.text and looks_like_code(inc.text):
            return await self.invites.redeem(inc, inc.text)
        if inc.channel not in BUTTON_CHANNELS:
            return [texts.plain(texts.CLAIM_BY_CODE)]
        return [Reply(text=(texts.t(texts.SHARE_PHONE_HINT),), ask_phone=texts.SHARE_PHONE)]

    async def help(self, inc: Incoming) -> list[Reply]:
        bot = self.s.bot_names.get(inc.channel, "bot")
        return [texts.plain(help_text(help_view(await self.access.roles(inc.user), bot)))]

    async def contacts(self, inc: Incoming) -> list[Reply]:
        return self.ask.contacts()

    async def stats(self, inc: Incoming) -> list[Reply]:
        return await self.requests.views.with_stats(await question_stats(self.s))

    async def status(self, inc: Incoming) -> list[Reply]:
        """/status, /status <former district>, /status <commune>."""
        roles = await self.access.roles(inc.user)
        place = self.invites.place(inc.text) if inc.text else None
        if inc.text and place is None:
            return [texts.plain(texts.INVITE_UNKNOWN.format(text=inc.text[:60]))]
        if place and place[0] == "district":
            return await self.status_flow.of_district(roles, place[1])
        if place or not (roles.coordinator or roles.registrar):
            code = place[1] if place else sorted(roles.member_communes)[0]
            if not self.team.gate.may("team:phones", roles, code):
                name = place[2] if place else self.s.communes.communes[code].name
                return [texts.plain(texts.OUT_OF_SCOPE.format(name=name))]
            return [await self.team.view(roles, code)]  # the team and each task
        return await self.status_flow.status(roles)

    async def deadlines(self, inc: Incoming) -> list[Reply]:
        """/deadlines: every open task with its deadline and time left, for anyone in a team."""
        roles = await self.access.roles(inc.user)
        if roles.seats and not (roles.coordinator or roles.registrar):
            return [await self.team.view(roles, sorted(roles.member_communes)[0])]
        parts: list[Seg] = [texts.b(texts.DEADLINES_TITLE)]
        for task in await self.s.store.tasks.all():
            parts.append(Seg(f"\n• {task.title} ({due_words(self.s, task.due, self.s.clock())})"))
        return [Reply(text=tuple(parts))]

    async def status_page(self, inc: Incoming) -> list[Reply]:
        """`st:<page>`: a page of the coordinators' overview."""
        _, page = parse_choice(inc.payload, 2)
        roles = await self.access.roles(inc.user)
        return await self.status_flow.status(roles, parse_int(page, 1, 10_000) or 1)


async def operator_for(services: Deps, inc: Incoming) -> str | None:
    """The telecom operator of the asker's commune (for operator-specific answers)."""
    for seat in await services.store.teams.seats_of(inc.channel, inc.user.user_id):
        operator = await services.store.teams.operator_of(seat.commune)
        if operator:
            return operator
    return None
