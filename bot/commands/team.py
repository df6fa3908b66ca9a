"""/team: a commune's team with reachability; replace, remove, claim links for managers."""

from __future__ import annotations

from bot import texts
from bot.access import Access, Roles
from bot.chat import Choice, Incoming, Reply, Seg
from bot.choices import parse_choice
from bot.commands.claims import claim_links
from bot.deps import Deps
from bot.directory import OPERATOR_NAMES
from bot.phones import national
from bot.pick import pick_commune
from bot.roster import describe_missing, missing, short_label


class TeamFlow:
    """Show a team; its buttons (tm:…) act on it after a scope check."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def show_command(self, inc: Incoming) -> list[Reply]:
        """/team [commune]."""
        roles = await self.access.roles(inc.user)
        if not inc.text and not (roles.coordinator or roles.registrar):
            return [await self.view(roles, sorted(roles.member_communes)[0])]
        if not inc.text:
            return [texts.plain(texts.TEAM_ASK)]
        commune, replies = pick_commune(self.s, self.access, roles, inc.text, "tm:show:")
        return [await self.view(roles, commune.code)] if commune else replies

    async def view(self, roles: Roles, code: str) -> Reply:
        """The team, phones only for those allowed to see them."""
        commune = self.s.communes.get(code)
        name = commune.name if commune else code
        team = await self.s.store.team(code)
        phones = self.access.sees_phones(roles, code)
        manage = self.access.manages(roles, code)
        if not team:
            choices = [Choice(texts.FILL_SEATS, f"tm:reg:{code}")] if manage else []
            empty = (Seg(texts.TEAM_EMPTY.format(commune=name)), *await self._tasks(code))
            return Reply(text=empty, choices=tuple(choices))
        parts: list[Seg] = [texts.b(texts.TEAM_TITLE.format(commune=name))]
        for m in team:
            phone = f" — {national(m.phone)}" if phones else ""
            extra = f", {OPERATOR_NAMES[m.operator]}" if m.operator else ""
            state = texts.LINKED if m.reachable else texts.NOT_LINKED
            parts.append(Seg(f"\n• {short_label(m.role)}: {m.name}{phone}{extra} ({state})"))
        gaps = missing(m.role for m in team)
        tail = (
            texts.STILL_MISSING.format(missing=describe_missing(gaps))
            if gaps
            else (texts.NOW_COMPLETE.format(commune=name))
        )
        parts.append(Seg(f"\n\n{tail}"))
        parts += await self._tasks(code)
        return Reply(
            text=tuple(parts), choices=tuple(self._actions(code, team, gaps, manage)), columns=2
        )

    def _actions(self, code: str, team: list, gaps: dict, manage: bool) -> list[Choice]:
        if not manage:
            return []
        # One button per member (its menu: correct a field, replace, remove): the list stays
        # short on Zalo and each number always means the same person.
        actions = [
            Choice(texts.MEMBER_BUTTON.format(name=m.name)[:60], f"tm:m:{m.id}") for m in team
        ]
        if gaps:
            actions.append(Choice(texts.FILL_SEATS, f"tm:reg:{code}"))
        if any(not m.reachable for m in team):
            actions.append(Choice(texts.GET_LINKS, f"tm:links:{code}"))
        return actions

    async def choose(self, inc: Incoming) -> list[Reply]:
        """tm:show / tm:links (tm:m and tm:reg start a conversation)."""
        _, action, commune = parse_choice(inc.payload, 3)
        if action not in ("show", "links") or not commune:
            return [texts.plain(texts.STALE_BUTTON)]
        # Who may see or act on the commune's team: bot/permissions.py, before this runs.
        if action == "show":
            return [await self.view(await self.access.roles(inc.user), commune)]
        if action == "links":
            unlinked = [m.id for m in await self.s.store.team(commune) if not m.reachable]
            return await claim_links(self.s, self.access, unlinked)
        return [texts.plain(texts.STALE_BUTTON)]

    async def _tasks(self, code: str) -> list[Seg]:
        """Each task of the commune, done or not, with its deadline (issue 12)."""
        from bot.commands.status import statuses
        from bot.progress import commune_tasks, done_map

        finished = await done_map(self.s, await statuses(self.s, [code]))
        tasks = await self.s.store.tasks()
        return commune_tasks(self.s, code, finished, tasks, self.s.clock())
