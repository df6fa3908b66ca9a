"""/broadcast: choose the audience, write, preview with who will and will not get it, confirm.

Coordinators reach everyone; registrars only the people of their communes. The audiences mean
the same in chat and in `commune-bot broadcast` (both go through `bot.audience`). A broadcast
is signed with the sender's role and organisation. Confirmed broadcasts go into the outbox;
the sender gets a delivery report when it is done.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.audience import AudienceError, missed, resolve
from bot.chat import Choice, Incoming, Reply, Rich, Seg
from bot.choices import dialogue_choice, option
from bot.deps import Deps
from bot.pick import pick_commune
from bot.reminders import rich_to_json

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]
MAX_TEXT = 3000
MAX_LISTED = 40
COORDINATOR_AUDIENCES = ("all", "registrars", "members", "incomplete", "district", "commune")
REGISTRAR_AUDIENCES = ("members", "incomplete", "district", "commune")


class NoRecipients(AudienceError):
    """The audience reaches nobody: nothing is queued."""


def body(sender: str, text: str) -> Rich:
    """What recipients see: who sends, then the text as typed (escaped by the renderer)."""
    return (texts.b(texts.BROADCAST_FROM.format(sender=sender)), Seg("\n" + text))


def sign_off(services: Deps, roles: Roles) -> str:
    """The sender's role and organisation, never a chat nickname."""
    if roles.coordinator:
        return texts.SIGN_COORDINATOR
    districts = services.communes.districts
    names = [districts[d].name for d in roles.districts if d in districts]
    names += [c.name for c in map(services.communes.get, roles.communes) if c]
    return texts.SIGN_REGISTRAR.format(scope=", ".join(names) or "—")


class BroadcastFlow:
    """The compose dialogue; `queue` is shared with `commune-bot broadcast`."""

    name = "broadcast"

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def begin(self, inc: Incoming, roles: Roles) -> Step:
        return {"step": "audience", "coordinator": roles.coordinator}, []

    def entered(self, state: State) -> str:
        text = state.get("text", "")
        return texts.ENTERED_TEXT.format(start=text[:40]) if text else ""

    async def prompt(self, state: State) -> Reply:
        kind = state["step"]
        if kind == "audience":
            kinds = COORDINATOR_AUDIENCES if state.get("coordinator") else REGISTRAR_AUDIENCES
            choices = [Choice(texts.AUDIENCES[k], f"f:a:{k}") for k in kinds]
            return texts.plain(texts.BROADCAST_ASK_AUDIENCE, choices)
        if kind == "target":
            if state.get("picks"):
                choices = [
                    Choice(c.name, f"f:c:{c.code}")
                    for c in map(self.s.communes.get, state["picks"])
                    if c
                ]
                return texts.plain(texts.PICK_COMMUNE, choices)
            district = state["kind"] == "district"
            return texts.plain(texts.BROADCAST_DISTRICT if district else texts.BROADCAST_COMMUNE)
        if kind == "text":
            return texts.plain(texts.BROADCAST_ASK_TEXT)
        return self._preview(state)

    async def step(self, inc: Incoming, state: State) -> Step:
        value = dialogue_choice(inc.payload) if inc.kind == "choice" else None
        roles = await self.access.roles(inc.user)
        return await getattr(self, f"_on_{state['step']}")(inc, state, value, roles)

    async def _on_audience(
        self, inc: Incoming, state: State, value: str | None, roles: Roles
    ) -> Step:
        kind = option(value, "a") or ""
        allowed = COORDINATOR_AUDIENCES if roles.coordinator else REGISTRAR_AUDIENCES
        if kind not in allowed:
            return state, [texts.plain(texts.PRESS_A_BUTTON)]
        if kind in ("district", "commune"):
            state.update(step="target", kind=kind, picks=[])
            return state, []
        return await self._chosen(state, kind, roles)

    async def _chosen(self, state: State, audience: str, roles: Roles) -> Step:
        if not await resolve(self.s, self.access, roles, audience):
            return state, [texts.plain(texts.BROADCAST_EMPTY)]
        state.update(step="text", audience=audience)
        return state, []

    async def _on_target(
        self, inc: Incoming, state: State, value: str | None, roles: Roles
    ) -> Step:
        if state["kind"] == "district":
            district = self.s.communes.district(inc.text)
            if district is None:
                return state, [texts.plain(texts.INVITE_UNKNOWN.format(text=inc.text[:60]))]
            return await self._chosen(state, f"district:{district.code}", roles)
        code = option(value, "c")
        commune = self.s.communes.get(code) if code else None
        if commune is None:
            commune, replies = pick_commune(self.s, self.access, roles, inc.text, "f:c:")
            if commune is None:
                listed = [r for r in replies if r.choices]
                if not listed:
                    return state, replies
                state["picks"] = [option(dialogue_choice(c.value), "c") for c in listed[0].choices]
                return state, []
        return await self._chosen(state, f"commune:{commune.code}", roles)

    async def _on_text(self, inc: Incoming, state: State, value: str | None, roles: Roles) -> Step:
        text = inc.text.strip() if inc.kind == "text" else ""
        if not text:
            return state, []
        if len(text) > MAX_TEXT:
            return state, [texts.plain(texts.BROADCAST_TOO_LONG)]
        recipients = await resolve(self.s, self.access, roles, state["audience"])
        gone = await missed(self.s, self.access, roles, state["audience"])
        state.update(
            step="confirm",
            text=text,
            n=len(recipients),
            missed=[list(m) for m in gone],
            sender=sign_off(self.s, roles),
            label=self._label(state),
        )
        return state, []

    def _preview(self, state: State) -> Reply:
        head = texts.BROADCAST_PREVIEW.format(n=state["n"], audience=state["label"])
        parts: list[Seg] = [texts.b(head)]
        gone = state.get("missed", [])
        never = sum(1 for _, why in gone if why == "never")
        blocked = sum(1 for _, why in gone if why == "blocked")
        if gone:
            parts.append(Seg("\n" + texts.BROADCAST_MISSED.format(never=never, blocked=blocked)))
        parts += [Seg("\n\n"), *body(state["sender"], state["text"])]
        choices = [Choice(texts.BROADCAST_SEND.format(n=state["n"]), "f:ok")]
        if gone:
            choices.append(Choice(texts.BROADCAST_SHOW_MISSED, "f:list"))
        return Reply(text=tuple(parts), choices=tuple(choices))

    async def _on_confirm(
        self, inc: Incoming, state: State, value: str | None, roles: Roles
    ) -> Step:
        if value == "list":
            lines = [
                f"• {name} — {texts.MISSED_REASONS[why]}"
                for name, why in state["missed"][:MAX_LISTED]
            ]
            more = len(state["missed"]) - MAX_LISTED
            if more > 0:
                lines.append(texts.AND_MORE.format(n=more))
            listing = texts.plain(texts.BROADCAST_MISSED_TITLE + "\n" + "\n".join(lines))
            return state, [listing]  # the same preview and buttons follow
        if value != "ok":
            return state, [texts.plain(texts.PRESS_A_BUTTON)]
        sender = {
            "key": inc.user.key,
            "channel": inc.channel,
            "chat_id": inc.chat_id,
            "name": inc.user.name,
        }
        try:
            broadcast, count = await self.queue(roles, sender, state["audience"], state["text"])
        except NoRecipients:
            return None, [texts.plain(texts.BROADCAST_EMPTY)]
        return None, [texts.plain(texts.BROADCAST_QUEUED.format(id=broadcast, n=count))]

    async def queue(self, roles: Roles, sender: dict, audience: str, text: str) -> tuple[int, int]:
        """Resolve the audience now and queue one outbox row per recipient (none: refused)."""
        recipients = await resolve(self.s, self.access, roles, audience)
        if not recipients:
            raise NoRecipients(f"audience {audience!r} has no recipients; nothing was queued")
        rich = body(sign_off(self.s, roles), text)
        now = self.s.clock()
        broadcast = await self.s.store.create_broadcast(
            sender, audience, text, rich_to_json(rich), recipients, now
        )
        await self.s.store.audit(
            sender["key"],
            "broadcast",
            {"id": broadcast, "audience": audience, "recipients": len(recipients)},
            now,
        )
        return broadcast, len(recipients)

    def _label(self, state: State) -> str:
        kind, _, arg = state["audience"].partition(":")
        if kind == "district":
            return self.s.communes.districts[arg].name
        if kind == "commune":
            commune = self.s.communes.get(arg)
            return commune.name if commune else arg
        return texts.AUDIENCES[kind]


__all__ = ["AudienceError", "BroadcastFlow", "NoRecipients", "body"]
