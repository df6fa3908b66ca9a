"""One team member from /team: correct a field in place, replace the person, or remove them.

Correcting a field keeps the seat, its claim codes and linked accounts; the member is told
(through the outbox, on the accounts linked to the seat) and the audit log records it.
Removing asks for a confirmation that names what it does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import texts
from bot.access import Access
from bot.chat import Choice, Incoming, Reply
from bot.deps import Deps
from bot.dialogues.register import ask_field as field_prompt
from bot.dialogues.register import check_field, describe_draft, field_menu
from bot.phones import national
from bot.reminders import rich_to_json
from bot.roster import DuplicatePhone, Member, short_label
from bot.timestamps import to_db

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]


def _draft(member: Member) -> dict:
    return {
        "role": member.role,
        "name": member.name,
        "phone": member.phone,
        "position": member.position,
        "operator": member.operator,
    }


class MemberFlow:
    """Steps: menu → field → value, menu → remove (confirm), menu → replace (/register)."""

    name = "member"

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    def entered(self, state: State) -> str:
        return ""  # every step saves or asks; nothing typed is held back

    async def begin(self, member: Member) -> Step:
        return {"step": "menu", "member": member.id}, []

    async def prompt(self, state: State) -> Reply:
        member = await self.s.store.member(state["member"])
        if member is None:
            return texts.plain(texts.STALE_BUTTON)
        if state["step"] == "value":
            return field_prompt(state["field"], _draft(member))
        if state["step"] == "remove":
            question = texts.REMOVE_CONFIRM.format(
                name=member.name, commune=self._commune(member.commune)
            )
            return texts.plain(question, [Choice(texts.REMOVE.format(name=member.name), "f:ok")])
        menu = field_menu(member.name, member.role)
        head = texts.MEMBER_MENU.format(
            who=describe_draft(_draft(member)), commune=self._commune(member.commune)
        )
        extra = [
            Choice(texts.REPLACE.format(name=member.name)[:60], "f:replace"),
            Choice(texts.REMOVE.format(name=member.name)[:60], "f:remove"),
        ]
        return texts.plain(head, [*menu.choices, *extra])

    async def step(self, inc: Incoming, state: State) -> Step:
        member = await self.s.store.member(state["member"])
        if member is None:
            return None, [texts.plain(texts.STALE_BUTTON)]
        if await self.access.authorize(inc.user, "team_edit", member.commune) is None:
            return None, [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        value = (inc.payload or "")[2:] if inc.kind == "choice" else None
        if state["step"] == "menu":
            return await self._on_menu(state, member, value)
        if state["step"] == "remove":
            if value != "ok":
                return state, [texts.plain(texts.PRESS_A_BUTTON)]
            return None, await self._remove(inc, member)
        return await self._on_value(inc, state, member, value)

    async def _on_menu(self, state: State, member: Member, value: str | None) -> Step:
        if value and value.startswith("field:"):
            state.update(step="value", field=value[6:])
            return state, []
        if value == "remove":
            state["step"] = "remove"
            return state, []
        if value == "replace":
            from bot.dialogues.register import RegisterFlow

            new_state, replies = await RegisterFlow(self.s, self.access).begin_replace(member.id)
            return ({**new_state, "_flow": "register"} if new_state else None), replies
        return state, [texts.plain(texts.PRESS_A_BUTTON)]

    async def _on_value(
        self, inc: Incoming, state: State, member: Member, value: str | None
    ) -> Step:
        field = state["field"]
        checked = await check_field(None, None, field, value, inc.text.strip())
        if isinstance(checked, Reply):
            return state, [checked]
        now = self.s.clock()
        try:
            await self.s.store.update_member(member.id, field, checked, now)
        except DuplicatePhone:
            shown = national(str(checked))
            return state, [texts.plain(texts.DUPLICATE_PHONE.format(phone=shown))]
        old = getattr(member, field) or ""
        await self.s.store.audit(
            inc.user.key,
            "edit_member",
            {"member": member.id, "field": field, "commune": member.commune},
            now,
        )
        label = texts.FIELD_NAMES[field].lower()
        shown = national(str(checked)) if field == "phone" and checked else checked or "—"
        await self._tell(member, texts.MEMBER_TOLD.format(field=label, value=shown), now)
        done = texts.EDITED.format(name=member.name, field=label, value=shown)
        if old and field != "phone":
            done += " " + texts.WAS.format(old=old)
        return None, [texts.plain(done + " " + texts.EDIT_KEEPS)]

    async def _remove(self, inc: Incoming, member: Member) -> list[Reply]:
        now = self.s.clock()
        await self.s.store.remove_member(member.id)
        await self.s.store.audit(
            inc.user.key, "remove_member", {"member": member.id, "commune": member.commune}, now
        )
        return [texts.plain(texts.REMOVED.format(name=member.name))]

    async def _tell(self, member: Member, line: str, now: datetime) -> None:
        """The member hears about a change to their own record, on each linked account."""
        commune = self._commune(member.commune)
        body = rich_to_json(
            (
                texts.b(
                    texts.MEMBER_TOLD_HEAD.format(role=short_label(member.role), commune=commune)
                ),
                texts.t("\n" + line),
            )
        )
        for account in await self.s.store.accounts_of(member.id):
            target = {
                "key": f"{account['channel']}:{account['user_id']}",
                "channel": account["channel"],
                "chat_id": account["chat_id"],
                "name": member.name,
            }
            key = f"member_edit|{member.id}|{target['key']}|{to_db(now)}"
            await self.s.store.enqueue_nudge(target, body, [key], now)

    def _commune(self, code: str) -> str:
        commune = self.s.communes.get(code)
        return commune.name if commune else code
