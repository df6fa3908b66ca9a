"""/register: a registrar fills a commune's empty seats (or replaces one member).

A core conversation under the dialogue contract (bot/dialogue.py): `step` moves the JSON-able
state on, `prompt` says what to ask in a state (so a rejected answer, `back` and a resumed
cancel all show the same question and options), `entered` says what cancel would discard.
Nothing is written until the registrar confirms, and then all seats are saved in one
transaction. The review step can correct one entry.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.access import Access, Roles
from bot.chat import Choice, Incoming, Reply, Seg
from bot.commands.claims import claim_links
from bot.communes import Commune
from bot.deps import Deps
from bot.directory import OPERATOR_NAMES, OPERATORS
from bot.inputs import clean_text, valid_position
from bot.phones import InvalidPhone, national, to_e164
from bot.pick import pick_commune
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

State = dict[str, Any]
Step = tuple[State | None, list[Reply]]
FIELDS = ("name", "phone", "position", "operator")


class RegisterFlow:
    """Seat by seat: name, phone, position (and operator for the telecom seat), review."""

    name = "register"

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def begin(self, inc: Incoming, roles: Roles) -> Step:
        """Start with the commune given after /register, or ask for it."""
        state: State = {"step": "commune", "mode": "register", "picks": []}
        if inc.text:
            return await self._commune_text(inc, state, roles)
        return state, []

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
        return state, []

    def entered(self, state: State) -> str:
        """What cancel would discard, in words ("" when nothing was entered)."""
        names = [d["name"] for d in state.get("drafts", [])]
        if state.get("cur", {}).get("name"):
            names.append(state["cur"]["name"])
        if not names:
            return ""
        return texts.ENTERED_MEMBERS.format(n=len(names), names=", ".join(names))

    async def step(self, inc: Incoming, state: State) -> Step:
        """One answer from the registrar (cancel and back are handled by the dialogue)."""
        value = (inc.payload or "")[2:] if inc.kind == "choice" else None
        handler = getattr(self, f"_on_{state['step']}")
        return await handler(inc, state, value, inc.text.strip())

    # --- steps --------------------------------------------------------------------------

    async def _on_commune(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        roles = await self.access.roles(inc.user)
        if value and value.startswith("c:"):
            commune = self.s.communes.get(value[2:])
            if commune is None or not self.access.manages(roles, commune.code):
                return state, [texts.plain(texts.STALE_BUTTON)]
            return await self._start_seats(state, commune)
        return await self._commune_text(inc, state, roles)

    async def _commune_text(self, inc: Incoming, state: State, roles: Roles) -> Step:
        commune, replies = pick_commune(self.s, self.access, roles, inc.text, "f:c:")
        if commune is not None:
            return await self._start_seats(state, commune)
        listed = [r for r in replies if r.choices]
        if not listed:  # not found or out of scope: the same question again
            return state, replies
        state["picks"] = [c.value[4:] for c in listed[0].choices]
        state["pick_text"] = texts.render_plain(listed[0].text)
        return state, []

    async def _start_seats(self, state: State, commune: Commune) -> Step:
        team = await self.s.store.team(commune.code)
        seats = seats_to_fill(m.role for m in team)
        if not seats:
            return None, [texts.plain(texts.TEAM_FULL.format(name=commune.name))]
        state.update(
            step="name", commune=commune.code, seats=seats, i=0, drafts=[], cur={}, notes=[]
        )
        return state, []

    async def _on_name(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        if value == "skip" and state["mode"] == "register":
            return await self._next_seat(state)
        name = clean_text(text)
        if inc.kind != "text" or not valid_name(name):
            return state, [texts.plain(texts.BAD_NAME)]
        state["cur"] = {"role": state["seats"][state["i"]], "name": name}
        state["step"] = "phone"
        return state, []

    async def _checked_phone(self, state: State, text: str, skip: int | None) -> str | Reply:
        """The phone in E.164, or the reason it is refused."""
        try:
            phone = to_e164(text)
        except InvalidPhone:
            return texts.plain(texts.BAD_PHONE.format(text=text[:30]))
        taken = {d["phone"] for n, d in enumerate(state["drafts"]) if n != skip}
        if state["mode"] == "register":
            taken |= {m.phone for m in await self.s.store.team(state["commune"])}
        if phone in taken:
            return texts.plain(texts.DUPLICATE_PHONE.format(phone=national(phone)))
        return phone

    async def _on_phone(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        phone = await self._checked_phone(state, text, None)
        if isinstance(phone, Reply):
            return state, [phone]
        state["cur"]["phone"] = phone
        replies = await self._flag_elsewhere(state, phone)
        state["step"] = "position"
        return state, [*replies, await self.prompt(state)]

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
        if value is not None and value != "skip":
            return state, [texts.plain(texts.STALE_BUTTON)]
        position = "" if value == "skip" else clean_text(text)
        if not valid_position(position):
            return state, [texts.plain(texts.BAD_POSITION)]
        state["cur"]["position"] = position
        if state["cur"]["role"] == TELECOM:
            state["step"] = "operator"
            return state, []
        return await self._keep_current(state)

    async def _on_operator(
        self, inc: Incoming, state: State, value: str | None, text: str
    ) -> Step:
        chosen = value[3:] if value and value.startswith("op:") else text.lower().strip()
        if chosen not in OPERATORS:
            return state, [texts.plain(texts.BAD_OPERATOR)]
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
            return state, []
        if not state["drafts"]:
            return None, [texts.plain(texts.NOTHING_TO_SAVE)]
        state["step"] = "review"
        return state, []

    async def _on_review(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        index = value[4:] if value and value.startswith("fix:") else ""
        if index.isdigit() and int(index) < len(state["drafts"]):
            state.update(step="fix", fix=int(index))
            return state, []
        if value != "ok":
            return state, [texts.plain(texts.PRESS_A_BUTTON)]
        roles = await self.access.authorize(inc.user, f"{state['mode']}_team", state["commune"])
        if roles is None:
            return None, [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        try:
            saved = await self._save(state)
        except DuplicatePhone as exc:  # someone else registered that phone meanwhile
            return state, [texts.plain(texts.DUPLICATE_PHONE.format(phone=national(str(exc))))]
        return None, saved

    async def _on_fix(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        field = value[6:] if value and value.startswith("field:") else ""
        if field not in FIELDS:
            return state, [texts.plain(texts.PRESS_A_BUTTON)]
        state.update(step="fixval", field=field)
        return state, []

    async def _on_fixval(self, inc: Incoming, state: State, value: str | None, text: str) -> Step:
        draft = state["drafts"][state["fix"]]
        checked = await check_field(self, state, state["field"], value, text, state["fix"])
        if isinstance(checked, Reply):
            return state, [checked]
        draft[state["field"]] = checked
        state["step"] = "review"
        return state, []

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
        return [texts.plain(f"{head}\n{tail}"), *links]

    # --- prompts ------------------------------------------------------------------------

    async def prompt(self, state: State) -> Reply:
        """The question of the current step, with exactly its options."""
        kind = state["step"]
        if kind == "commune":
            if state.get("picks"):
                choices = [Choice(self._commune_name(c), f"f:c:{c}") for c in state["picks"]]
                return texts.plain(state.get("pick_text") or texts.PICK_COMMUNE, choices)
            return texts.plain(texts.ASK_COMMUNE)
        if kind == "name":
            return self._ask_name(state)
        if kind == "phone":
            return texts.plain(texts.ASK_PHONE.format(name=state["cur"]["name"]))
        if kind == "position":
            skip = Choice(texts.SKIP, "f:skip")
            return texts.plain(texts.ASK_POSITION.format(name=state["cur"]["name"]), [skip])
        if kind == "operator":
            return ask_operator(state["cur"]["name"])
        if kind == "fix":
            draft = state["drafts"][state["fix"]]
            return field_menu(draft["name"], draft["role"])
        if kind == "fixval":
            draft = state["drafts"][state["fix"]]
            return ask_field(state["field"], draft)
        return self._review(state)

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
        return texts.plain(prompt, skip)

    def _review(self, state: State) -> Reply:
        parts: list[Seg] = [
            texts.b(texts.REVIEW.format(commune=self._commune_name(state["commune"])))
        ]
        for d in state["drafts"]:
            parts.append(Seg("\n• " + describe_draft(d)))
        parts += [Seg(f"\n{note}") for note in state.get("notes", [])]
        ok = Choice(texts.CONFIRM, "f:ok")
        fixes = [
            Choice(texts.FIX_ENTRY.format(name=d["name"])[:60], f"f:fix:{n}")
            for n, d in enumerate(state["drafts"])
        ]
        return Reply(text=tuple(parts), choices=(ok, *fixes))


def describe_draft(d: dict) -> str:
    """ "cán bộ phụ trách CNTT: Nguyễn Văn An — 0912 345 601, Công chức, VNPT"."""
    extra = f", {OPERATOR_NAMES[d['operator']]}" if d.get("operator") else ""
    position = f", {d['position']}" if d.get("position") else ""
    return f"{short_label(d['role'])}: {d['name']} — {national(d['phone'])}{position}{extra}"


def ask_operator(name: str) -> Reply:
    options = [Choice(OPERATOR_NAMES[op], f"f:op:{op}") for op in OPERATORS]
    return texts.plain(texts.ASK_OPERATOR.format(name=name), options, columns=3)


def field_menu(name: str, role: str) -> Reply:
    """Which field of one person to correct."""
    fields = [f for f in FIELDS if f != "operator" or role == TELECOM]
    choices = [Choice(texts.FIELD_NAMES[f], f"f:field:{f}") for f in fields]
    return texts.plain(texts.FIX_WHICH.format(name=name), choices)


def ask_field(field: str, current: dict) -> Reply:
    """The question for a new value of one field, showing the current one."""
    if field == "operator":
        return ask_operator(current["name"])
    now = current.get(field) or ""
    shown = national(now) if field == "phone" and now else now or texts.EMPTY_VALUE
    label = texts.FIELD_NAMES[field].lower()
    skip = [Choice(texts.CLEAR_POSITION, "f:skip")] if field == "position" else []
    return texts.plain(texts.ASK_NEW_VALUE.format(field=label, current=shown), skip)


async def check_field(
    flow: RegisterFlow | None,
    state: State | None,
    field: str,
    value: str | None,
    text: str,
    skip: int | None = None,
) -> str | Reply | None:
    """A new value for one field, or a Reply saying why it is refused."""
    if field == "name":
        name = clean_text(text)
        return name if value is None and valid_name(name) else texts.plain(texts.BAD_NAME)
    if field == "position":
        position = "" if value == "skip" else clean_text(text)
        return position if valid_position(position) else texts.plain(texts.BAD_POSITION)
    if field == "operator":
        chosen = value[3:] if value and value.startswith("op:") else text.lower().strip()
        return chosen if chosen in OPERATORS else texts.plain(texts.BAD_OPERATOR)
    if flow is not None and state is not None:
        return await flow._checked_phone(state, text, skip)
    try:
        return to_e164(text)
    except InvalidPhone:
        return texts.plain(texts.BAD_PHONE.format(text=text[:30]))
