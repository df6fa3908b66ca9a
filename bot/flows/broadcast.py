"""/broadcast: choose the audience, write, preview with the recipient count, confirm.

Coordinators reach everyone; registrars only the people of their communes. Confirmed
broadcasts go into the outbox; the sender gets a delivery report when it is done.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.audience import AudienceError, resolve
from bot.flows.pick import pick_commune
from bot.messages import Choice, Incoming, Reply, Rich, Seg
from bot.reminders import rich_to_json
from bot.services import Services

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]
MAX_TEXT = 3000
CANCEL = Choice(texts.CANCEL, "f:cancel")
COORDINATOR_AUDIENCES = ("all", "registrars", "members", "incomplete", "district", "commune")
REGISTRAR_AUDIENCES = ("members", "incomplete", "district", "commune")


def body(sender: str, text: str) -> Rich:
    """What recipients see: who sends, then the text as typed (escaped by the renderer)."""
    return (texts.b(texts.BROADCAST_FROM.format(sender=sender)), Seg("\n" + text))


class BroadcastFlow:
    """The compose dialogue; `queue` is shared with `commune-bot broadcast`."""

    name = "broadcast"

    def __init__(self, services: Services, access: Access) -> None:
        self.s, self.access = services, access

    async def begin(self, inc: Incoming, roles: Roles) -> Step:
        kinds = COORDINATOR_AUDIENCES if roles.coordinator else REGISTRAR_AUDIENCES
        choices = [Choice(texts.AUDIENCES[k], f"f:a:{k}") for k in kinds]
        return {"step": "audience"}, [
            texts.plain(texts.BROADCAST_ASK_AUDIENCE, [*choices, CANCEL])
        ]

    async def step(self, inc: Incoming, state: State) -> Step:
        value = (inc.payload or "")[2:] if inc.kind == "choice" else None
        if value == "cancel" or (value is None and inc.text.strip().lower() in ("hủy", "huy")):
            return None, [texts.plain(texts.CANCELLED)]
        roles = await self.access.roles(inc.user)
        if not (roles.coordinator or roles.registrar):
            return None, [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        return await getattr(self, f"_on_{state['step']}")(inc, state, value, roles)

    async def _on_audience(
        self, inc: Incoming, state: State, value: str | None, roles: Roles
    ) -> Step:
        kind = value[2:] if value and value.startswith("a:") else ""
        allowed = COORDINATOR_AUDIENCES if roles.coordinator else REGISTRAR_AUDIENCES
        if kind not in allowed:
            return state, [texts.plain(texts.STALE_BUTTON, [CANCEL])]
        if kind in ("district", "commune"):
            state.update(step="target", kind=kind)
            prompt = texts.BROADCAST_DISTRICT if kind == "district" else texts.BROADCAST_COMMUNE
            return state, [texts.plain(prompt, [CANCEL])]
        state.update(step="text", audience=kind)
        return state, [texts.plain(texts.BROADCAST_ASK_TEXT, [CANCEL])]

    async def _on_target(
        self, inc: Incoming, state: State, value: str | None, roles: Roles
    ) -> Step:
        if state["kind"] == "district":
            district = self.s.communes.district(inc.text)
            if district is None:
                return state, [
                    texts.plain(texts.INVITE_UNKNOWN.format(text=inc.text[:60]), [CANCEL])
                ]
            audience = f"district:{district.code}"
        else:
            code = value[2:] if value and value.startswith("c:") else None
            commune = self.s.communes.get(code) if code else None
            if commune is None:
                commune, replies = pick_commune(self.s, self.access, roles, inc.text, "f:c:")
                if commune is None:
                    return state, replies
            audience = f"commune:{commune.code}"
        state.update(step="text", audience=audience)
        return state, [texts.plain(texts.BROADCAST_ASK_TEXT, [CANCEL])]

    async def _on_text(self, inc: Incoming, state: State, value: str | None, roles: Roles) -> Step:
        text = inc.text.strip()
        if not text:
            return state, [texts.plain(texts.BROADCAST_ASK_TEXT, [CANCEL])]
        if len(text) > MAX_TEXT:
            return state, [texts.plain(texts.BROADCAST_TOO_LONG, [CANCEL])]
        recipients = await resolve(self.s, self.access, roles, state["audience"])
        if not recipients:
            return None, [texts.plain(texts.BROADCAST_EMPTY)]
        state.update(step="confirm", text=text)
        head = texts.BROADCAST_PREVIEW.format(n=len(recipients), audience=self._label(state))
        preview = (texts.b(head), Seg("\n\n"), *body(inc.user.name or "điều phối viên", text))
        send = Choice(texts.BROADCAST_SEND, "f:ok")
        return state, [Reply(text=preview, choices=(send, CANCEL), columns=2)]

    async def _on_confirm(
        self, inc: Incoming, state: State, value: str | None, roles: Roles
    ) -> Step:
        if value != "ok":
            return state, [
                texts.plain(texts.STALE_BUTTON, [Choice(texts.BROADCAST_SEND, "f:ok"), CANCEL])
            ]
        sender = {
            "key": inc.user.key,
            "channel": inc.channel,
            "chat_id": inc.chat_id,
            "name": inc.user.name,
        }
        broadcast, count = await self.queue(roles, sender, state["audience"], state["text"])
        return None, [texts.plain(texts.BROADCAST_QUEUED.format(id=broadcast, n=count))]

    async def queue(self, roles: Roles, sender: dict, audience: str, text: str) -> tuple[int, int]:
        """Resolve the audience now and queue one outbox row per recipient."""
        recipients = await resolve(self.s, self.access, roles, audience)
        rich = body(sender.get("name") or "điều phối viên", text)
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


__all__ = ["AudienceError", "BroadcastFlow", "body"]
