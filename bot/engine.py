"""The channel-agnostic bot: one Incoming in, a list of Replies out.

Telegram, Zalo and the console translate their updates into `Incoming` and render the
`Reply` list; every rule lives behind `Engine.handle`. Open conversations (registration) are
kept in SQLite under (channel, chat_id), so they survive restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot import texts
from bot.access import Access, Roles
from bot.arrival import Arrival, Question
from bot.chat import BUTTON_CHANNELS, Incoming, Reply, Seg, payload_parts
from bot.commands.ask import AskFlow
from bot.commands.files import FilesFlow
from bot.commands.help import help_view
from bot.commands.invite import InviteFlow, looks_like_code
from bot.commands.link import LinkFlow
from bot.commands.report import ReportFlow
from bot.commands.review import ReviewFlow
from bot.commands.stats import question_stats
from bot.commands.status import StatusFlow
from bot.commands.team import TeamFlow
from bot.commands.weblink import WebLinkFlow
from bot.deps import Deps
from bot.dialogues.broadcast import BroadcastFlow
from bot.dialogues.deadline import DeadlineFlow
from bot.dialogues.done import DoneFlow
from bot.dialogues.member import MemberFlow
from bot.dialogues.register import RegisterFlow
from bot.dialogues.runner import Runner
from bot.inputs import parse_int
from bot.normalize import has_letters
from bot.requests.claims import is_staff_code
from bot.requests.desk import RequestDesk
from bot.storage import StorageFault
from bot.texts.help import help_text

log = logging.getLogger(__name__)

Handler = Callable[[Incoming], Awaitable[list[Reply]]]
PRIVATE_COMMANDS = frozenset(
    {
        "register",
        "team",
        "import",
        "export",
        "invite",
        "broadcast",
        "deadline",
        "done",
        "link",
        "claim",
        "review",
        "web",
    }
)


class Engine:
    """Dispatches commands, button presses, files and text to the flows."""

    def __init__(self, services: Deps) -> None:
        self.s = services
        self.access = Access(services)
        self.ask = AskFlow(services, self._operator_for)
        self.ask.followups.handoff_ready = lambda: "rq" in self.choices
        self.register = RegisterFlow(services, self.access)
        self.team = TeamFlow(services, self.access)
        self.status_flow = StatusFlow(services, self.access)
        self.files = FilesFlow(services, self.access)
        self.invites = InviteFlow(services, self.access)
        self.broadcast = BroadcastFlow(services, self.access)
        self.deadline = DeadlineFlow(services, self.access)
        self.done = DoneFlow(services, self.access)
        self.link = LinkFlow(services, self.access)
        self.member = MemberFlow(services, self.access)
        self.requests = RequestDesk(services, self.access, lambda: self.on_queued())
        self.review = ReviewFlow(services, self.access)
        self.web_links = WebLinkFlow(services, self.access)
        self.reports = ReportFlow(services, self.access, self.web_links)
        self.dialogues = Runner(
            services,
            machines={"member": self.member, "register": self.register},
            legacy={f.name: f for f in (self.broadcast, self.deadline, self.done, self.requests)},
            wake=lambda: self.on_queued(),
            replan=lambda: self.on_schedule_change(),
            menu=lambda: self.ask.menu(),
        )
        # Set by the runner: wake the outbox after a broadcast, re-plan after a deadline change.
        self.on_queued: Callable[[], None] = lambda: None
        self.on_schedule_change: Callable[[], None] = lambda: None
        self.commands: dict[str, Handler] = {
            "start": self._start,
            "claim": self._claim,
            "help": self._help,
            "contacts": self._contacts,
            "stats": self._stats,
            "register": self._register,
            "team": self.team.show_command,
            "status": self._status,
            "deadlines": self._deadlines,
            "import": self.files.how_to_import,
            "export": self.files.export,
            "template": self.files.template,
            "invite": self.invites.invite,
            "cancel": self.dialogues.cancel,
            "broadcast": self._broadcast,
            "deadline": self._deadline,
            "done": self._done,
            "link": self.link.link,
            "requests": self.requests.list_command,
            "request": self.requests.show_command,
            "staff": self.requests.claims.menu,
            "review": self.review.command,
            "report": self.reports.command,
            "web": self.web_links.command,
        }
        self.choices: dict[str, Handler] = {
            "t": self._topic_choice,
            "menu": self._menu,
            "f": self._conversation_choice,
            "tm": self._team_choice,
            "dl": self._deadline_choice,
            "dn": self._done_choice,
            "card": self._card_choice,
            "rv": self.review.press,
            "st": self._status_page,
            "rq": self.requests.press,
        }

    async def handle(self, inc: Incoming) -> list[Reply]:
        """Everything a user does ends here; errors become a polite reply, never a crash."""
        if inc.group and not inc.addressed:
            return []
        try:
            inc = await self._resolve_number(inc)
            if not inc.group and inc.kind != "text":  # text: seen within `_arrive`
                await self._note_seen(inc)
            replies = await self._dispatch(inc)
        except StorageFault as exc:  # the database refused a write: say so, lose nothing else
            log.error("not saved (%s update from %s): %s", inc.kind, inc.channel, exc)
            return [texts.plain(texts.NOT_SAVED)]
        except Exception:
            log.exception("failed to handle %s update from %s", inc.kind, inc.channel)
            return [texts.plain(texts.ERROR)]
        if inc.channel not in BUTTON_CHANNELS:
            try:
                await self._remember_choices(inc, replies)
            except StorageFault as exc:  # the answer still goes out; numbers may not pick
                log.warning("numbered options not saved: %s", exc)
        return replies

    async def _note_seen(self, inc: Incoming) -> None:
        # Where to reach somebody is refreshed on each message, but answering must not depend
        # on it: with the disk full, /start, /contacts and questions still get their answer.
        try:
            await self.s.store.questions.seen(
                inc.channel, inc.user.user_id, inc.chat_id, inc.user.name, self.s.clock()
            )
        except StorageFault as exc:
            log.warning("could not record the sender: %s", exc)

    async def _dispatch(self, inc: Incoming) -> list[Reply]:
        if inc.reply_to and inc.kind in ("text", "media", "file"):
            relayed = await self.requests.relay(inc)  # a reply to a request's message
            if relayed is not None:
                return relayed
        if (
            inc.group
            and inc.chat_id == self.s.settings.staff_chat
            and inc.kind in ("text", "media")
        ):
            return []  # staff talk among themselves; only replies to requests are relayed
        if inc.kind == "command":
            handler = self.commands.get(inc.command or "")
            if handler is None:
                return [texts.plain(texts.UNKNOWN_COMMAND.format(command=inc.command or ""))]
            if inc.group and inc.command in PRIVATE_COMMANDS:
                return [texts.plain(texts.PRIVATE_ONLY)]
            return await handler(inc)
        if inc.kind == "choice":
            prefix = (inc.payload or "").split(":", 1)[0]
            handler = self.choices.get(prefix)
            if handler is None:
                return [texts.plain(texts.STALE_BUTTON, self.ask.menu())]
            return await handler(inc)
        if inc.kind == "file":
            return await self.files.receive(inc)
        if inc.kind == "contact":
            return await self.invites.claim_by_phone(inc)
        if inc.kind == "media":  # a photo with a caption is a question, never dialogue input
            if has_letters(inc.text):
                return await self.ask.ask(inc)
            roles = await self.access.roles(inc.user)
            if roles.coordinator or roles.registrar:  # perhaps a photo of a team list
                return [texts.plain(texts.MEDIA + "\n\n" + texts.IMPORT_PHOTO)]
            return [texts.plain(texts.MEDIA)]
        if inc.group:  # no dialogues in groups
            return await self.ask.ask(inc)
        staff_code = is_staff_code(inc.text)
        code = staff_code or looks_like_code(inc.text)
        person = self.requests.wants_person(inc.text)  # a hand-off, not a question to count
        route, question = self.ask.draft(inc)
        arrival = await self._arrive(inc, None if code or person else question)
        if arrival.conversation:
            return await self.dialogues.resume(inc, arrival.conversation)
        if staff_code:
            return await self.requests.claims.redeem(inc, inc.text)
        if code:
            return await self.invites.redeem(inc, inc.text)
        if person:
            return await self.requests.hand_off(inc)
        return await self.ask.ask(inc, (route, arrival))

    async def _arrive(self, inc: Incoming, question: Question | None) -> Arrival:
        # The hot path: seen, open conversation, the question record and the chat's follow-up
        # context (read, then this answer's kept) in one database hop.
        try:
            return await self.s.store.arrival.arrive(
                inc.channel,
                inc.user.user_id,
                inc.chat_id,
                inc.user.name,
                self.s.clock(),
                question,
                self.ask.followups.since(),
            )
        except StorageFault as exc:  # cannot write: still answer (the dialogue is read back)
            log.warning("could not record the sender or the question: %s", exc)
            return Arrival(await self.s.store.conversation(inc.channel, inc.chat_id))

    # --- conversations ----------------------------------------------------------------------

    async def _conversation_choice(self, inc: Incoming) -> list[Reply]:
        conversation = await self.s.store.conversation(inc.channel, inc.chat_id)
        return await self.dialogues.resume(inc, conversation)

    async def _register(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.authorize(inc.user, "register")
        if roles is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        return await self.dialogues.open(inc, "register", await self.register.start(inc, roles))

    async def _team_choice(self, inc: Incoming) -> list[Reply]:
        _, action, ident = payload_parts(inc.payload, 3)
        if action not in ("m", "rp", "rm", "reg"):
            return await self.team.choose(inc)
        if inc.group:
            return [texts.plain(texts.PRIVATE_ONLY)]
        if action in ("m", "rp", "rm"):  # rp/rm: buttons of earlier versions
            member_id = parse_int(ident)
            member = await self.s.store.member(member_id) if member_id else None
            if member is None:
                return [texts.plain(texts.STALE_BUTTON)]
            if await self.access.authorize(inc.user, "team_member", member.commune) is None:
                return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
            return await self.dialogues.open(inc, "member", self.member.begin(member))
        roles = await self.access.authorize(inc.user, "register", ident)
        if roles is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        code_inc = Incoming(**{**inc.__dict__, "kind": "text", "text": ident})
        started = await self.register.start(code_inc, roles)
        return await self.dialogues.open(inc, "register", started)

    async def _broadcast(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.authorize(inc.user, "broadcast")
        if roles is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        return await self.dialogues.open_legacy(
            inc, "broadcast", await self.broadcast.begin(inc, roles)
        )

    async def _deadline(self, inc: Incoming) -> list[Reply]:
        if await self.access.authorize(inc.user, "deadline", coordinator_only=True) is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        return await self.dialogues.open_legacy(inc, "deadline", await self.deadline.begin())

    async def _deadline_choice(self, inc: Incoming) -> list[Reply]:
        # `dl:` buttons of earlier versions: open the overview afresh.
        return await self._deadline(inc)

    async def _done(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.roles(inc.user)
        return await self.dialogues.open_legacy(inc, "done", await self.done.begin(inc, roles))

    async def _done_choice(self, inc: Incoming) -> list[Reply]:
        """`dn:<commune>[:<task>]`: from a nudge's button or an earlier message."""
        _, code, _ = payload_parts(inc.payload, 3)
        roles = await self.access.roles(inc.user)
        blank = Incoming(**{**inc.__dict__, "kind": "command", "text": ""})
        return await self.dialogues.open_legacy(
            inc, "done", await self.done.begin(blank, roles, code)
        )

    # --- small commands -----------------------------------------------------------------

    async def _start(self, inc: Incoming) -> list[Reply]:
        # t.me/<bot>?start=<code> arrives as "/start <code>": an invite or a seat claim.
        if inc.text and is_staff_code(inc.text):
            return await self.requests.claims.redeem(inc, inc.text)
        if inc.text and looks_like_code(inc.text):
            return await self.invites.redeem(inc, inc.text)
        return self.ask.start(inc)

    async def _claim(self, inc: Incoming) -> list[Reply]:
        """/claim: commune staff claim their seat by sharing the phone the registrar entered
        (Telegram's contact button), or by typing the code they were sent."""
        if inc.text and looks_like_code(inc.text):
            return await self.invites.redeem(inc, inc.text)
        if inc.channel not in BUTTON_CHANNELS:
            return [texts.plain(texts.CLAIM_BY_CODE)]
        return [Reply(text=(texts.t(texts.SHARE_PHONE_HINT),), ask_phone=texts.SHARE_PHONE)]

    async def _help(self, inc: Incoming) -> list[Reply]:
        bot = self.s.bot_names.get(inc.channel, "bot")
        return [texts.plain(help_text(help_view(await self.access.roles(inc.user), bot)))]

    async def _contacts(self, inc: Incoming) -> list[Reply]:
        return self.ask.contacts()

    async def _stats(self, inc: Incoming) -> list[Reply]:
        if await self.access.authorize(inc.user, "stats", coordinator_only=True) is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        return await self.requests.views.with_stats(await question_stats(self.s))

    async def _status(self, inc: Incoming) -> list[Reply]:
        """/status, /status <former district>, /status <commune>."""
        roles = await self.access.roles(inc.user)
        if not (roles.coordinator or roles.registrar or roles.seats):
            return [texts.plain(texts.NO_TEAM_ROLE)]
        place = self.invites.place(inc.text) if inc.text else None
        if inc.text and place is None:
            return [texts.plain(texts.INVITE_UNKNOWN.format(text=inc.text[:60]))]
        if place and place[0] == "district":
            return await self.status_flow.of_district(roles, place[1])
        if place or not (roles.coordinator or roles.registrar):
            code = place[1] if place else sorted(roles.member_communes)[0]
            if not self.access.sees_phones(roles, code):
                return [texts.plain(texts.OUT_OF_SCOPE.format(name=place[2] if place else code))]
            return [await self._commune_status(roles, code)]
        return await self.status_flow.status(roles)

    async def _commune_status(self, roles: Roles, code: str) -> Reply:
        return await self.team.view(roles, code)  # the team and each task

    async def _deadlines(self, inc: Incoming) -> list[Reply]:
        """/deadlines: every open task with its deadline and time left, for anyone in a team."""
        roles = await self.access.roles(inc.user)
        if not (roles.coordinator or roles.registrar or roles.seats):
            return [texts.plain(texts.NO_TEAM_ROLE)]
        if roles.seats and not (roles.coordinator or roles.registrar):
            return [await self._commune_status(roles, sorted(roles.member_communes)[0])]
        from bot.progress import due_words

        parts: list[Seg] = [texts.b(texts.DEADLINES_TITLE)]
        for task in await self.s.store.tasks():
            parts.append(Seg(f"\n• {task.title} ({due_words(self.s, task.due, self.s.clock())})"))
        return [Reply(text=tuple(parts))]

    async def _topic_choice(self, inc: Incoming) -> list[Reply]:
        return await self.ask.choose(inc, inc.payload or "")

    async def _status_page(self, inc: Incoming) -> list[Reply]:
        _, page = payload_parts(inc.payload, 2)
        roles = await self.access.roles(inc.user)
        if not roles.coordinator:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        return await self.status_flow.status(roles, parse_int(page, 1, 10_000) or 1)

    async def _card_choice(self, inc: Incoming) -> list[Reply]:
        return self.ask.card(inc)

    async def _menu(self, inc: Incoming) -> list[Reply]:
        return await self.ask.other_topic(inc)

    async def _operator_for(self, inc: Incoming) -> str | None:
        seats = await self.s.store.seats_of(inc.channel, inc.user.user_id)
        for seat in seats:
            operator = await self.s.store.commune_operator(seat.commune)
            if operator:
                return operator
        return None

    # --- numbered options (Zalo, console) -------------------------------------------------

    async def _resolve_number(self, inc: Incoming) -> Incoming:
        # Zalo and the console have no buttons: "2" picks the second option last shown.
        number = inc.text.strip()
        # Three digits at most: a longer number is a phone or a pasted figure, not an option.
        n = parse_int(number, 0, 999) if len(number) <= 3 else None
        if inc.kind != "text" or inc.channel in BUTTON_CHANNELS or n is None:
            return inc
        options = await self.s.store.pending_choices(inc.channel, inc.chat_id)
        value = texts.number_value(options, n)
        if value is not None:
            return Incoming(**{**inc.__dict__, "kind": "choice", "payload": value})
        return inc

    async def _remember_choices(self, inc: Incoming, replies: list[Reply]) -> None:
        # The options of the latest message only: a later "2" never picks from an old menu.
        shown = [c.value for r in replies for c in r.choices]
        if shown or await self.s.store.pending_choices(inc.channel, inc.chat_id):
            await self.s.store.save_choices(inc.channel, inc.chat_id, shown)
