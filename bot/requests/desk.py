"""The requests desk: what the engine calls for requests (buttons, replies, commands)."""

from __future__ import annotations

from collections.abc import Callable

from bot import texts
from bot.access import Access
from bot.arrival import Context
from bot.chat import Choice, Incoming, Person, Reply, Seg
from bot.choices import parse_choice
from bot.deps import Deps
from bot.dialogues.runner import Runner
from bot.permissions import RULES, Gate
from bot.requests.card import asker_row
from bot.requests.claims import Claims
from bot.requests.config import load_calendar, load_request_policy
from bot.requests.create import RequestFlow
from bot.requests.envelope import here
from bot.requests.followup import FOLLOWUP, FollowUpFlow
from bot.requests.intent import wants_person
from bot.requests.notices import to_staff
from bot.requests.relay import Relay
from bot.requests.staff import notice_rows, rating_choices
from bot.requests.views import Views
from bot.rows.requests import Request
from bot.texts import requests as w


class RequestDesk:
    """Creates, relays, follows requests through their states."""

    name = FOLLOWUP  # the conversation a reply or a comment button opens

    def __init__(
        self, services: Deps, access: Access, gate: Gate, wake: Callable[[], None]
    ) -> None:
        self.s, self.access, self.gate = services, access, gate
        self.policy = load_request_policy(services.settings.data_dir)
        self.calendar = load_calendar(services.settings.data_dir, services.settings.tz)
        self.opening = RequestFlow(services, self.policy)  # a dialogue of the runner
        self.dialogues: Runner | None = None  # set by the engine, which owns the runner
        self.relays = Relay(services, self.unit_of, wake)
        self.followup = FollowUpFlow(services, self.unit_of, self.relays.asker_view)
        self.views = Views(services, access)
        self.claims = Claims(services, access)
        self.wake = wake

    # --- entry points ------------------------------------------------------------------------

    wants_person = staticmethod(wants_person)

    async def hand_off(self, inc: Incoming, context: Context | None = None) -> list[Reply]:
        """ "tôi muốn gặp cán bộ hỗ trợ": a request on the topic the chat was last answered on
        (`context`, which a follow-up or a "thanks" in between does not change), else on the
        topic of the person's last question; the question text is the last one on that topic."""
        topic = context.topic if context else None
        last = await self.s.store.staff.last_question(inc.user.key, topic)
        if topic and last is None:  # the question itself is gone: still that topic
            return await self._open(inc, topic, "")
        if last is None or not last.topic:
            menu = [Choice(t.label, f"rq:new:{k}") for k, t in self.s.directory.topics.items()]
            return [texts.plain(w.PICK_TOPIC, menu)]
        return await self._open(inc, last.topic, last.text)

    async def relay(self, inc: Incoming) -> list[Reply] | None:
        """A reply to a linked bot message; None when it answers no request."""
        link = await self.s.store.requests.link_of(inc.channel, inc.chat_id, inc.reply_to)
        if link is None:
            return None
        req = await self.s.store.requests.get(link[0])
        if req is None:
            return None
        if link[1] == "staff":
            return await self.relays.staff_says(inc, req)
        return await self.relays.asker_says(inc, req)

    async def press(self, inc: Incoming) -> list[Reply]:
        """rq:<action>:<request or topic>[:<more>]."""
        _, action, ident, extra = parse_choice(inc.payload, 4)
        if action == "new":
            return await self._new_from_button(inc, ident, extra)
        if action == "cm":
            return await self._pick_commune(inc, ident)
        if action == "link":
            return await self.claims.create(inc, ident)
        req = await self.s.store.requests.get(int(ident)) if ident.isdigit() else None
        if req is None:
            return [texts.plain(texts.STALE_BUTTON)]
        handler = {
            "take": self._take,
            "done": self._staff_resolve,
            "close": self._close,
            "ph": self._phone,
            "re": self._reply,
            "ok": self._asker_resolve,
            "nc": self._no_contact,
            "bad": self._still_broken,
            "rt": self._rate,
            "skip": self._skip,
        }.get(action)
        if handler is None:
            return [texts.plain(texts.STALE_BUTTON)]
        key = f"request:{action}"  # whose button it is: bot/permissions.py
        refused = (
            await self.gate.check(inc, key, RULES[key], request=req) if key in RULES else None
        )
        return refused or await handler(inc, req, extra)

    async def list_command(self, inc: Incoming) -> list[Reply]:
        """/requests: the asker's own; /requests open: every open one (coordinators)."""
        if inc.text.strip().lower() in w.OPEN_WORDS:
            refused = await self.gate.check(inc, "requests:open", RULES["requests:open"])
            return refused or await self.views.open_ones()
        return await self.views.mine(inc)

    async def show_command(self, inc: Incoming) -> list[Reply]:
        """/request N: the asker's own request, or any one for staff and coordinators."""
        ident = inc.text.strip().lstrip("#")
        if not ident.isdigit():
            return [texts.plain(w.REQUEST_USAGE)]
        req = await self.s.store.requests.get(int(ident))
        if req is None:
            return [texts.plain(w.NOT_FOUND.format(id=ident))]
        refused = await self.gate.check(inc, "request:show", RULES["request:show"], request=req)
        return refused or await self.views.one(inc, req, staff=req.asker != inc.user.key)

    async def _new_from_button(self, inc: Incoming, topic: str, question: str) -> list[Reply]:
        if topic not in self.s.directory.topics:
            return [texts.plain(texts.STALE_BUTTON)]
        text = ""
        if question.isdigit():
            asked = await self.s.store.questions.get(int(question))
            if asked and asked.user_key == inc.user.key:
                text = asked.text
        return await self._open(inc, topic, text)

    async def _open(self, inc: Incoming, topic: str, question: str) -> list[Reply]:
        if inc.group:
            return [texts.plain(texts.PRIVATE_ONLY)]
        assert self.dialogues is not None, "the engine binds the runner"
        outcome = await self.opening.begin(inc, topic, question)
        return await self.dialogues.open(inc, self.opening.name, outcome)

    async def _pick_commune(self, inc: Incoming, code: str) -> list[Reply]:
        """`rq:cm:<commune>`: the dialogue's own pick-list option, under its older name."""
        conversation = await self.s.store.conversations.get(inc.channel, inc.chat_id)
        if conversation is None or conversation[0] != self.opening.name:
            return [texts.plain(texts.STALE_BUTTON)]
        assert self.dialogues is not None, "the engine binds the runner"
        press = Incoming(**{**inc.__dict__, "payload": f"f:c:{code}"})
        return await self.dialogues.resume(press, conversation)

    async def _keep(self, inc: Incoming, state: dict | None) -> None:
        if state is None:
            await self.s.store.conversations.end(inc.channel, inc.chat_id)
        else:
            now = self.s.clock()
            await self.s.store.conversations.save(inc.channel, inc.chat_id, self.name, state, now)

    # --- staff buttons ------------------------------------------------------------------------

    async def unit_of(self, person: Person) -> str:
        """The responder's unit as the asker sees it."""
        phone = await self.s.store.staff.contact_phone_of(person.channel, person.user_id)
        for _, contact in self.s.directory.all_contacts():
            if contact.phone == phone:
                return contact.organisation
        if await self.access.is_coordinator(person):
            return w.COORDINATOR_UNIT
        return w.STAFF_UNIT

    async def _take(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        unit, name = await self.unit_of(inc.user), inc.user.name or inc.user.key
        tell = asker_row(req, (Seg(w.TAKEN_ASKER.format(name=name, unit=unit, id=req.id)),))
        changes = {"taken_by": inc.user.key, "taken_name": name[:100]}
        await self.s.store.requests.update(req.id, changes, [tell], self.s.clock())
        self.wake()
        return [here(inc, w.TAKEN.format(name=name, id=req.id))]

    async def _staff_resolve(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        if req.state in ("resolved", "closed"):
            state = w.STATES[req.state]
            return [here(inc, w.ALREADY.format(id=req.id, state=state))]
        rated = asker_row(req, (Seg(w.RESOLVED_ASKER.format(id=req.id)),), rating_choices(req))
        await self._resolve(req, [rated])
        name = inc.user.name or inc.user.key
        return [here(inc, w.RESOLVED_STAFF.format(id=req.id, name=name))]

    async def _close(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        """Closed without a solution (a duplicate, a test): the asker is told, never silent."""
        if req.state == "closed":
            return [here(inc, w.ALREADY.format(id=req.id, state=w.STATES["closed"]))]
        tell = asker_row(req, (Seg(w.CLOSED_ASKER.format(id=req.id)),))
        changes = {"state": "closed", "resolved_at": self.s.clock()}
        await self.s.store.requests.update(req.id, changes, [tell], self.s.clock())
        self.wake()
        name = inc.user.name or inc.user.key
        return [here(inc, w.CLOSED_STAFF.format(id=req.id, name=name))]

    async def _resolve(self, req: Request, rows: list[dict]) -> None:
        """Resolved, with the messages that say so, in one transaction."""
        changes = {"state": "resolved", "resolved_at": self.s.clock()}
        await self.s.store.requests.update(req.id, changes, rows, self.s.clock())
        self.wake()

    async def _phone(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        # Askers' phones are for the staff handling the request and coordinators only.
        channel, _, user_id = req.asker.partition(":")
        seats = await self.s.store.teams.seats_of(channel, user_id)
        if not seats:
            return [here(inc, w.NO_PHONE.format(id=req.id))]
        name = req.asker_name or seats[0].name
        return [here(inc, w.ASKER_PHONE.format(id=req.id, name=name, phone=seats[0].phone))]

    async def _reply(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        await self._keep(inc, {"step": "reply", "request": req.id})
        return [here(inc, w.WRITE_REPLY.format(id=req.id))]

    # --- the asker's follow-up buttons -------------------------------------------------------

    async def _asker_resolve(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        if req.state in ("resolved", "closed"):
            return [texts.plain(w.ALREADY.format(id=req.id, state=w.STATES[req.state]))]
        # The asker is here: the rating question is the answer (numbered on Zalo).
        await self._resolve(
            req, await notice_rows(self.s, req, (Seg(w.ASKER_CONFIRMED.format(id=req.id)),))
        )
        return [texts.plain(w.RESOLVED_ASKER.format(id=req.id), rating_choices(req))]

    async def _no_contact(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        await to_staff(self.s, req.id, w.STAFF_NO_CONTACT.format(id=req.id))
        self.wake()
        # The follow-up's other answers stay one tap (one number on Zalo) away.
        later = (Choice(w.FU_OK, f"rq:ok:{req.id}"), Choice(w.FU_STILL, f"rq:bad:{req.id}"))
        return [self.views.other_contacts(req), texts.plain(w.NO_CONTACT_SENT, later)]

    async def _still_broken(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        reopen = {"state": "open", "reopen": True, "resolved_at": None}
        changes = reopen if req.state in ("resolved", "closed") else {}
        await to_staff(self.s, req.id, w.STAFF_STILL.format(id=req.id), changes)
        self.wake()
        return [texts.plain(w.STILL_ASKER.format(id=req.id))]

    async def _rate(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        if not extra.isdigit() or not 1 <= int(extra) <= 5:
            return [texts.plain(texts.STALE_BUTTON)]
        await self.s.store.requests.update(req.id, {"rating": int(extra)}, [], self.s.clock())
        await self._keep(inc, {"step": "comment", "request": req.id})
        skip = (Choice(w.SKIP, f"rq:skip:{req.id}"),)
        return [texts.plain(w.RATED.format(rating=extra), skip)]

    async def _skip(self, inc: Incoming, req: Request, extra: str) -> list[Reply]:
        await self.s.store.conversations.end(inc.channel, inc.chat_id)
        return [texts.plain(w.THANKS)]
