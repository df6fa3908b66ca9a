"""/register: a registrar fills a commune's empty seats (or replaces one member).

A core conversation: `begin`/`step` take and return a JSON-able state that the engine keeps in
SQLite under (channel, chat_id), so it survives restarts and runs the same on Telegram
(buttons) and Zalo (numbered options). Nothing is written until the registrar confirms, and
then all seats are saved in one transaction.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.communes import Commune
from bot.directory import OPERATOR_NAMES, OPERATORS
from bot.flows.pick import pick_commune
from bot.inputs import clean_text, valid_position
from bot.messages import Choice, Incoming, Reply, Seg
from bot.phones import InvalidPhone, national, to_e164
from bot.roster import (
    TELECOM,
    DuplicatePhone,
    describe_missing,
    is_complete,
    missing,
    seats_to_fill,
    short_label,
    valid_name,
)
from bot.services import Services

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]
CANCEL = Choice(texts.CANCEL, "f:cancel")
CANCEL_WORDS = {"huy", "hủy", "cancel", "thoat", "thoát"}


class RegisterFlow:
    """Seat by seat: name, phone, position (and operator for the telecom seat), review."""

    name = "register"

    def __init__(self, services: Services, access: Access) -> None:
        self.s, self.access = services, access

    async def begin(self, inc: Incoming, roles: Roles) -> Step:
        """Start with the commune given after /register, or ask for it."""
        state: State = {"step": "commune", "mode": "register"}
        if inc.text:
            return await self._commune_text(inc, state, roles)
        return state, [texts.plain(texts.ASK_COMMUNE, [CANCEL])]

    async def begin_replace(self, member_id: int) -> Step:
        """Start replacing one member: the same seat questions for that seat only."""
        member = await self.s.store.member(member_id)
        if member is None:
            return None, [texts.plain(texts.STALE_BUTTON)]
        state: State = {
            "step": "name",
            "mode": "replace",
            "member": member_id,
            "commune": member.commune,
            "seats": [member.role],
            "i": 0,
            "drafts": [],
            "cur": {},
            "notes": [],
        }
        return state, [self._ask_name(state)]

    async def step(self, inc: Incoming, state: State) -> Step:
        """One answer from the registrar."""
        value = (inc.payload or "")[2:] if inc.kind == "choice" else None
        text = inc.text.strip()
        if value == "cancel" or (value is None and text.lower() in CANCEL_WORDS):
            return None, [texts.plain(texts.CANCELLED)]
        handler = getattr(self, f"_on_{state['step']}")
        return await handler(inc, state, value, text)

    # --- steps --------------------------------------------------------------------------

    async def _on_commune(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        roles = await self.access.roles(inc.user)
        if value and value.startswith("c:"):
            commune = self.s.communes.get(value[2:])
            if commune is None or not self.access.manages(roles, commune.code):
                return state, [texts.plain(texts.STALE_BUTTON, [CANCEL])]
            return await self._start_seats(state, commune)
        return await self._commune_text(inc, state, roles)

    async def _commune_text(self, inc: Incoming, state: State, roles: Roles) -> Step:
        commune, replies = pick_commune(self.s, self.access, roles, inc.text, "f:c:")
        if commune is None:
            return state, [
                r if r.choices else texts.plain(texts.render_plain(r.text), [CANCEL])
                for r in replies
            ]
        return await self._start_seats(state, commune)

    async def _start_seats(self, state: State, commune: Commune) -> Step:
        team = await self.s.store.team(commune.code)
        seats = seats_to_fill(m.role for m in team)
        if not seats:
            return None, [texts.plain(texts.TEAM_FULL.format(name=commune.name))]
        state.update(
            step="name", commune=commune.code, seats=seats, i=0, drafts=[], cur={}, notes=[]
        )
        return state, [self._ask_name(state)]

    async def _on_name(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        if value == "skip":
            return await self._next_seat(state)
        name = clean_text(text)
        if not valid_name(name):
            return state, [texts.plain(texts.BAD_NAME, [CANCEL])]
        state["cur"] = {"role": state["seats"][state["i"]], "name": name}
        state["step"] = "phone"
        return state, [texts.plain(texts.ASK_PHONE.format(name=name), [CANCEL])]

    async def _on_phone(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        try:
            phone = to_e164(text)
        except InvalidPhone:
            return state, [texts.plain(texts.BAD_PHONE.format(text=text[:30]), [CANCEL])]
        taken = {d["phone"] for d in state["drafts"]}
        if state["mode"] == "register":
            taken |= {m.phone for m in await self.s.store.team(state["commune"])}
        if phone in taken:
            shown = national(phone)
            return state, [texts.plain(texts.DUPLICATE_PHONE.format(phone=shown), [CANCEL])]
        state["cur"]["phone"] = phone
        replies = await self._flag_elsewhere(state, phone)
        state["step"] = "position"
        name = state["cur"]["name"]
        skip = Choice(texts.SKIP, "f:skip")
        return state, [*replies, texts.plain(texts.ASK_POSITION.format(name=name), [skip, CANCEL])]

    async def _flag_elsewhere(self, state: State, phone: str) -> list[Reply]:
        others = [
            c for c in await self.s.store.communes_with_phone(phone) if c != state["commune"]
        ]
        if not others:
            return []
        names = ", ".join(self._commune_name(c) for c in others)
        note = texts.PHONE_ELSEWHERE.format(phone=national(phone), communes=names)
        state["notes"].append(note)
        return [texts.plain(note)]

    async def _on_position(
        self, inc: Incoming, state: State, value: str | None, text: str
    ) -> Step:
        position = "" if value == "skip" else clean_text(text)
        if not valid_position(position):
            skip = Choice(texts.SKIP, "f:skip")
            return state, [texts.plain(texts.BAD_POSITION, [skip, CANCEL])]
        state["cur"]["position"] = position
        if state["cur"]["role"] == TELECOM:
            state["step"] = "operator"
            return state, [self._ask_operator(state)]
        return await self._keep_current(state)

    async def _on_operator(
        self, inc: Incoming, state: State, value: str | None, text: str
    ) -> Step:
        chosen = value[3:] if value and value.startswith("op:") else text.lower().strip()
        if chosen not in OPERATORS:
            return state, [texts.plain(texts.BAD_OPERATOR), self._ask_operator(state)]
        state["cur"]["operator"] = chosen
        return await self._keep_current(state)

    async def _keep_current(self, state: State) -> Step:
        state["drafts"].append(state["cur"])
        state["cur"] = {}
        return await self._next_seat(state)

    async def _next_seat(self, state: State) -> Step:
        state["i"] += 1
        if state["i"] < len(state["seats"]):
            state["step"] = "name"
            return state, [self._ask_name(state)]
        if not state["drafts"]:
            return None, [texts.plain(texts.NOTHING_TO_SAVE)]
        state["step"] = "review"
        return state, [self._review(state)]

    async def _on_review(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        if value != "ok":
            return state, [self._review(state)]
        roles = await self.access.authorize(inc.user, f"{state['mode']}_team", state["commune"])
        if roles is None:
            return None, [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        try:
            saved = await self._save(state)
        except DuplicatePhone as exc:
            state["step"] = "review"
            msg = texts.DUPLICATE_PHONE.format(phone=national(str(exc)))
            return None, [texts.plain(msg.split(".")[0] + ". " + texts.CANCELLED)]
        return None, saved

    async def _save(self, state: State) -> list[Reply]:
        now, commune = self.s.clock(), state["commune"]
        name = self._commune_name(commune)
        if state["mode"] == "replace":
            draft = state["drafts"][0]
            await self.s.store.replace_member(state["member"], draft, now)
            ids = [state["member"]]
            head = texts.REPLACED.format(
                role=short_label(draft["role"]), commune=name, name=draft["name"]
            )
        else:
            ids = await self.s.store.add_members(commune, state["drafts"], now)
            head = texts.SAVED.format(n=len(ids), commune=name)
        roles = [m.role for m in await self.s.store.team(commune)]
        tail = (
            texts.NOW_COMPLETE.format(commune=name)
            if is_complete(roles)
            else texts.STILL_MISSING.format(missing=describe_missing(missing(roles)))
        )
        links = await claim_links(self.s, self.access, ids)
        return [texts.plain(f"{head}\n{tail}"), links]

    # --- prompts ------------------------------------------------------------------------

    def _commune_name(self, code: str) -> str:
        commune = self.s.communes.get(code)
        return commune.name if commune else code

    def _ask_name(self, state: State) -> Reply:
        role = state["seats"][state["i"]]
        prompt = texts.ASK_NAME.format(
            commune=self._commune_name(state["commune"]),
            n=state["i"] + 1,
            total=len(state["seats"]),
            role=short_label(role),
        )
        skip = [Choice(texts.SKIP_SEAT, "f:skip")] if state["mode"] == "register" else []
        return texts.plain(prompt, [*skip, CANCEL])

    def _ask_operator(self, state: State) -> Reply:
        options = [Choice(OPERATOR_NAMES[op], f"f:op:{op}") for op in OPERATORS]
        return texts.plain(
            texts.ASK_OPERATOR.format(name=state["cur"]["name"]), [*options, CANCEL], columns=3
        )

    def _review(self, state: State) -> Reply:
        parts: list[Seg] = [
            texts.b(texts.REVIEW.format(commune=self._commune_name(state["commune"])))
        ]
        for d in state["drafts"]:
            extra = f", {OPERATOR_NAMES[d['operator']]}" if d.get("operator") else ""
            position = f", {d['position']}" if d.get("position") else ""
            parts.append(
                Seg(
                    f"\n• {short_label(d['role'])}: {d['name']} — "
                    f"{national(d['phone'])}{position}{extra}"
                )
            )
        parts += [Seg(f"\n{note}") for note in state.get("notes", [])]
        ok = Choice(texts.CONFIRM, "f:ok")
        return Reply(text=tuple(parts), choices=(ok, CANCEL), columns=2)


async def claim_links(services: Services, access: Access, member_ids: list[int]) -> Reply:
    """Personal claim links for members, for the registrar to forward."""
    bot = services.bot_names.get("telegram")
    parts: list[Seg] = [Seg(texts.LINKS_TITLE)]
    for member_id in member_ids:
        member = await services.store.member(member_id)
        if member is None or member.reachable:
            continue
        code = await access.claim_code(member_id)
        link = f"https://t.me/{bot}?start={code}" if bot else code
        parts += [Seg("\n• "), texts.b(member.name), Seg(f": {link}")]
        if bot:
            parts.append(Seg(f" (Zalo: {code})"))
    return Reply(text=tuple(parts))
