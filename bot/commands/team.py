"""/team: a commune's team with reachability; replace, remove, claim links for managers."""

from __future__ import annotations

from bot import texts
from bot.access import Access, Roles
from bot.chat import Incoming, Reply
from bot.choices import parse_choice
from bot.commands.claims import claim_links
from bot.deps import Deps
from bot.directory import OPERATOR_NAMES
from bot.permissions import Gate
from bot.phones import national
from bot.pick import pick_commune
from bot.roster import missing
from bot.texts.views import team_reply
from bot.views import Action, MemberLine, TaskState, TeamView


class TeamFlow:
    """Show a team; its buttons (tm:…) act on it after a scope check."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access
        self.gate = Gate(services, access)  # what the view shows: bot/permissions.py

    async def show_command(self, inc: Incoming) -> list[Reply]:
        """/team [commune]."""
        roles = await self.access.roles(inc.user)
        if not inc.text and not (roles.coordinator or roles.registrar):
            return [await self.view(roles, sorted(roles.member_communes)[0])]
        if not inc.text:
            return [texts.plain(texts.TEAM_ASK)]
        commune, replies = pick_commune(self.s, self.gate, roles, inc.text, "tm:show:")
        return [await self.view(roles, commune.code)] if commune else replies

    async def view(self, roles: Roles, code: str) -> Reply:
        """The team, phones only for those allowed to see them."""
        return team_reply(await self.team_view(roles, code))

    async def team_view(self, roles: Roles, code: str) -> TeamView:
        """What /team shows this person about one commune."""
        commune = self.s.communes.get(code)
        team = await self.s.store.teams.members_of(code)
        phones = self.gate.may("team:phones", roles, code)
        manage = self.gate.may("team:manage", roles, code)
        members = tuple(
            MemberLine(
                m.id,
                m.role,
                m.name,
                national(m.phone) if phones else "",
                OPERATOR_NAMES[m.operator] if m.operator else "",
                m.reachable,
            )
            for m in team
        )
        gaps = missing(m.role for m in team)
        return TeamView(
            code,
            commune.name if commune else code,
            members,
            gaps,
            await self._tasks(code),
            self.s.clock(),
            self._actions(code, members, gaps, manage),
        )

    def _actions(
        self, code: str, members: tuple[MemberLine, ...], gaps: dict, manage: bool
    ) -> tuple[Action, ...]:
        if not manage:
            return ()
        actions = [Action("member", f"tm:m:{m.id}", m.name) for m in members]
        if gaps or not members:
            actions.append(Action("fill", f"tm:reg:{code}"))
        if any(not m.reachable for m in members):
            actions.append(Action("links", f"tm:links:{code}"))
        return tuple(actions)

    async def choose(self, inc: Incoming) -> list[Reply]:
        """tm:show / tm:links (tm:m and tm:reg start a conversation)."""
        _, action, commune = parse_choice(inc.payload, 3)
        if action not in ("show", "links") or not commune:
            return [texts.plain(texts.STALE_BUTTON)]
        # Who may see or act on the commune's team: bot/permissions.py, before this runs.
        if action == "show":
            return [await self.view(await self.access.roles(inc.user), commune)]
        if action == "links":
            unlinked = [
                m.id for m in await self.s.store.teams.members_of(commune) if not m.reachable
            ]
            return await claim_links(self.s, self.access, unlinked)
        return [texts.plain(texts.STALE_BUTTON)]

    async def _tasks(self, code: str) -> tuple[TaskState, ...]:
        """Each task of the commune, done or not, with its deadline (issue 12)."""
        from bot.commands.status import statuses
        from bot.progress import done_map, task_states

        finished = await done_map(self.s, await statuses(self.s, [code]))
        return task_states(self.s, code, finished, await self.s.store.tasks.all())
