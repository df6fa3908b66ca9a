"""The channel-agnostic bot: one Incoming in, a list of Replies out.

Telegram, Zalo and the console translate their updates into `Incoming` and render the
`Reply` list; every rule lives behind `Engine.handle`. Open conversations (registration) are
kept in SQLite under (channel, chat_id), so they survive restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot import texts
from bot.access import Access
from bot.arrival import Arrival, Question
from bot.chat import BUTTON_CHANNELS, Incoming, Reply
from bot.choices import number_value, parse_choice, prefix_of, typed_option
from bot.commands.ask import AskFlow
from bot.commands.basics import Basics, operator_for
from bot.commands.files import FilesFlow
from bot.commands.invite import InviteFlow, looks_like_code
from bot.commands.link import LinkFlow
from bot.commands.report import ReportFlow
from bot.commands.review import ReviewFlow
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
from bot.permissions import Gate, rule_for_button, rule_for_command
from bot.requests.claims import is_staff_code
from bot.requests.desk import RequestDesk
from bot.storage import StorageFault

log = logging.getLogger(__name__)

Handler = Callable[[Incoming], Awaitable[list[Reply]]]


class Engine:
    """Dispatches commands, button presses, files and text to the flows."""

    def __init__(self, services: Deps) -> None:
        self.s = services
        self.access = Access(services)
        self.gate = Gate(services, access=self.access)
        self.ask = AskFlow(services, lambda inc: operator_for(services, inc))
        self.ask.followups.handoff_ready = lambda: "rq" in self.choices
        self.register = RegisterFlow(services, self.access, self.gate)
        self.team = TeamFlow(services, self.access)
        self.files = FilesFlow(services, self.access, self.gate)
        self.invites = InviteFlow(services, self.access)
        self.broadcast = BroadcastFlow(services, self.access)
        self.deadline = DeadlineFlow(services)
        self.done = DoneFlow(services, self.access, self.gate)
        self.link = LinkFlow(services, self.access)
        self.member = MemberFlow(services, self.access, self.gate)
        self.requests = RequestDesk(services, self.access, self.gate, lambda: self.on_queued())
        self.review = ReviewFlow(services, self.access)
        self.web_links = WebLinkFlow(services, self.access)
        self.reports = ReportFlow(services, self.access, self.web_links)
        basics = Basics(services, self.access, self.ask, self.invites, self.requests, self.team)
        self.dialogues = Runner(
            services,
            machines={
                f.name: f
                for f in (
                    self.member,
                    self.register,
                    self.deadline,
                    self.done,
                    self.broadcast,
                    self.requests.opening,
                    self.requests.followup,
                )
            },
            wake=lambda: self.on_queued(),
            replan=lambda: self.on_schedule_change(),
            menu=lambda: self.ask.menu(),
            guard=self._still_allowed,
        )
        self.requests.dialogues = self.dialogues  # a request opens as a dialogue of the runner
        # Set by the runner: wake the outbox after a broadcast, re-plan after a deadline change.
        self.on_queued: Callable[[], None] = lambda: None
        self.on_schedule_change: Callable[[], None] = lambda: None
        # Who may use each command and button: bot/permissions.py, checked in `_dispatch`.
        self.commands: dict[str, Handler] = {
            "start": basics.start,
            "claim": basics.claim,
            "help": basics.help,
            "contacts": basics.contacts,
            "stats": basics.stats,
            "register": self._register,
            "team": self.team.show_command,
            "status": basics.status,
            "deadlines": basics.deadlines,
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
            "t": lambda inc: self.ask.choose(inc, inc.payload or ""),
            "menu": self.ask.other_topic,
            "f": self._conversation_choice,
            "tm": self._team_choice,
            "dl": self._deadline,  # `dl:` buttons of earlier versions: the overview afresh
            "dn": self._done_choice,
            "card": self._card,
            "rv": self.review.press,
            "st": basics.status_page,
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
            command = inc.command or ""
            handler = self.commands.get(command)
            if handler is None:
                return [texts.plain(texts.UNKNOWN_COMMAND.format(command=command))]
            refused = await self.gate.check(inc, command, rule_for_command(command))
            return refused or await handler(inc)
        if inc.kind == "choice":
            handler = self.choices.get(prefix_of(inc.payload))
            if handler is None:
                return [texts.plain(texts.STALE_BUTTON, self.ask.menu())]
            refused = await self.gate.check(inc, *rule_for_button(inc.payload))
            return refused or await handler(inc)
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
            return await self.requests.hand_off(inc, arrival.context)
        return await self.ask.ask(inc, (route, arrival))

    async def _arrive(self, inc: Incoming, question: Question | None) -> Arrival:
        # The hot path: seen, the sender's roles, open conversation, the question record and the
        # chat's follow-up context (read, then this answer's kept) in one database hop.
        try:
            user, since = inc.user, self.ask.followups.since()
            arrival = await self.s.store.arrival.arrive(
                inc.channel, user.user_id, inc.chat_id, user.name, self.s.clock(), question, since
            )
            self.access.arrived(user, arrival.standing)
            return arrival
        except StorageFault as exc:  # cannot write: still answer (the dialogue is read back)
            log.warning("could not record the sender or the question: %s", exc)
            return Arrival(await self.s.store.conversations.get(inc.channel, inc.chat_id))

    # --- conversations ----------------------------------------------------------------------

    async def _still_allowed(self, inc: Incoming, name: str, state: dict) -> list[Reply] | None:
        """Before each step of an open dialogue: its rule in bot/permissions.py."""
        key = f"dialogue:{name}"
        return await self.gate.check(inc, key, rule_for_command(key), state.get("commune") or None)

    async def _conversation_choice(self, inc: Incoming) -> list[Reply]:
        conversation = await self.s.store.conversations.get(inc.channel, inc.chat_id)
        return await self.dialogues.resume(inc, conversation)

    async def _register(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.roles(inc.user)
        return await self.dialogues.open(inc, "register", await self.register.start(inc, roles))

    async def _team_choice(self, inc: Incoming) -> list[Reply]:
        _, action, ident = parse_choice(inc.payload, 3)
        if action not in ("m", "rp", "rm", "reg"):
            return await self.team.choose(inc)
        if action in ("m", "rp", "rm"):  # rp/rm: buttons of earlier versions
            member = await self.s.store.teams.member(parse_int(ident) or 0)
            if member is None:  # removed since the gate looked
                return [texts.plain(texts.STALE_BUTTON)]
            return await self.dialogues.open(inc, "member", self.member.begin(member))
        roles = await self.access.roles(inc.user)
        code_inc = Incoming(**{**inc.__dict__, "kind": "text", "text": ident})
        started = await self.register.start(code_inc, roles)
        return await self.dialogues.open(inc, "register", started)

    async def _broadcast(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.roles(inc.user)
        return await self.dialogues.open(inc, "broadcast", self.broadcast.begin(roles))

    async def _deadline(self, inc: Incoming) -> list[Reply]:
        return await self.dialogues.open(inc, "deadline", self.deadline.begin())

    async def _done(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.roles(inc.user)
        return await self.dialogues.open(inc, "done", await self.done.begin(inc, roles))

    async def _done_choice(self, inc: Incoming) -> list[Reply]:
        """`dn:<commune>[:<task>]`: from a nudge's button or an earlier message."""
        _, code, _ = parse_choice(inc.payload, 3)
        roles = await self.access.roles(inc.user)
        blank = Incoming(**{**inc.__dict__, "kind": "command", "text": ""})
        return await self.dialogues.open(inc, "done", await self.done.begin(blank, roles, code))

    async def _card(self, inc: Incoming) -> list[Reply]:
        return self.ask.card(inc)

    # --- numbered options (Zalo, console) -------------------------------------------------

    async def _resolve_number(self, inc: Incoming) -> Incoming:
        # Zalo and the console have no buttons: "2" picks the second option last shown.
        n = typed_option(inc.text)
        if inc.kind != "text" or inc.channel in BUTTON_CHANNELS or n is None:
            return inc
        options = await self.s.store.conversations.pending_choices(inc.channel, inc.chat_id)
        value = number_value(options, n)
        if value is not None:
            return Incoming(**{**inc.__dict__, "kind": "choice", "payload": value})
        return inc

    async def _remember_choices(self, inc: Incoming, replies: list[Reply]) -> None:
        # The options of the latest message only: a later "2" never picks from an old menu.
        shown = [c.value for r in replies for c in r.choices]
        if shown or await self.s.store.conversations.pending_choices(inc.channel, inc.chat_id):
            await self.s.store.conversations.save_choices(inc.channel, inc.chat_id, shown)
