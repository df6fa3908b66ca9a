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
from bot.flows.ask import AskFlow
from bot.flows.broadcast import BroadcastFlow
from bot.flows.deadline import DeadlineFlow
from bot.flows.done import DoneFlow
from bot.flows.files import FilesFlow
from bot.flows.invite import InviteFlow, looks_like_code
from bot.flows.link import LinkFlow
from bot.flows.register import RegisterFlow
from bot.flows.report import ReportFlow
from bot.flows.review import ReviewFlow
from bot.flows.stats import question_stats
from bot.flows.status import StatusFlow
from bot.flows.team import TeamFlow
from bot.inputs import parse_int
from bot.messages import Incoming, Reply, payload_parts
from bot.normalize import has_letters
from bot.services import Services
from bot.storage import StorageFault

log = logging.getLogger(__name__)

Handler = Callable[[Incoming], Awaitable[list[Reply]]]
BUTTON_CHANNELS = frozenset({"telegram"})  # the others get numbered options
PRIVATE_COMMANDS = frozenset(
    {"register", "team", "import", "export", "invite", "broadcast", "deadline", "done", "link"}
    | {"review"}
)


class Engine:
    """Dispatches commands, button presses, files and text to the flows."""

    def __init__(self, services: Services) -> None:
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
        self.review = ReviewFlow(services, self.access)
        self.reports = ReportFlow(services, self.access)
        self.conversations = {
            f.name: f for f in (self.register, self.broadcast, self.deadline, self.done)
        }
        # Set by the runner: wake the outbox after a broadcast, re-plan after a deadline change.
        self.on_queued: Callable[[], None] = lambda: None
        self.on_schedule_change: Callable[[], None] = lambda: None
        self.commands: dict[str, Handler] = {
            "start": self._start,
            "help": self._help,
            "contacts": self._contacts,
            "stats": self._stats,
            "register": self._register,
            "team": self.team.show_command,
            "status": self._status,
            "import": self.files.how_to_import,
            "export": self.files.export,
            "template": self.files.template,
            "invite": self.invites.invite,
            "cancel": self._cancel,
            "broadcast": self._broadcast,
            "deadline": self._deadline,
            "done": self.done.command,
            "link": self.link.link,
            "review": self.review.command,
            "report": self.reports.command,
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
            await self.s.store.seen(
                inc.channel, inc.user.user_id, inc.chat_id, inc.user.name, self.s.clock()
            )
        except StorageFault as exc:
            log.warning("could not record the sender: %s", exc)

    async def _dispatch(self, inc: Incoming) -> list[Reply]:
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
        if inc.kind == "media":  # a photo with a caption is a question, never dialogue input
            if not has_letters(inc.text):
                return [texts.plain(texts.MEDIA)]
            return await self.ask.ask(inc)
        if inc.group:  # no dialogues in groups
            return await self.ask.ask(inc)
        code = looks_like_code(inc.text)
        route, question = self.ask.draft(inc)
        arrival = await self._arrive(inc, None if code else question)
        if arrival.conversation:
            return await self._continue(inc, arrival.conversation)
        if code:
            return await self.invites.redeem(inc, inc.text)
        return await self.ask.ask(inc, (route, arrival))

    async def _arrive(self, inc: Incoming, question: Question | None) -> Arrival:
        # The hot path: seen, open conversation and the question record in one database hop.
        try:
            return await self.s.store.arrive(
                inc.channel, inc.user.user_id, inc.chat_id, inc.user.name, self.s.clock(), question
            )
        except StorageFault as exc:  # cannot write: still answer (the dialogue is read back)
            log.warning("could not record the sender or the question: %s", exc)
            return Arrival(await self.s.store.conversation(inc.channel, inc.chat_id))

    # --- conversations ----------------------------------------------------------------------

    async def _continue(self, inc: Incoming, conversation: tuple[str, dict] | None) -> list[Reply]:
        if conversation is None or conversation[0] not in self.conversations:
            return [texts.plain(texts.STALE_BUTTON, self.ask.menu())]
        name, state = conversation
        new_state, replies = await self.conversations[name].step(inc, state)
        await self._keep(inc, new_state, name)
        if name == "broadcast" and new_state is None:
            self.on_queued()
        if name == "deadline" and new_state is None:
            self.on_schedule_change()
        return replies

    async def _keep(self, inc: Incoming, state: dict | None, flow: str = "register") -> None:
        if state is None:
            await self.s.store.end_conversation(inc.channel, inc.chat_id)
        else:
            await self.s.store.save_conversation(
                inc.channel, inc.chat_id, flow, state, self.s.clock()
            )

    async def _conversation_choice(self, inc: Incoming) -> list[Reply]:
        return await self._continue(inc, await self.s.store.conversation(inc.channel, inc.chat_id))

    async def _register(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.authorize(inc.user, "register")
        if roles is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        state, replies = await self.register.begin(inc, roles)
        await self._keep(inc, state)
        return replies

    async def _cancel(self, inc: Incoming) -> list[Reply]:
        await self.s.store.end_conversation(inc.channel, inc.chat_id)
        return [texts.plain(texts.CANCELLED)]

    async def _team_choice(self, inc: Incoming) -> list[Reply]:
        _, action, ident = payload_parts(inc.payload, 3)
        if action not in ("rp", "reg"):
            return await self.team.choose(inc)
        if inc.group:
            return [texts.plain(texts.PRIVATE_ONLY)]
        if action == "rp":
            member_id = parse_int(ident)
            member = await self.s.store.member(member_id) if member_id else None
            if member is None:
                return [texts.plain(texts.STALE_BUTTON)]
            if await self.access.authorize(inc.user, "replace", member.commune) is None:
                return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
            state, replies = await self.register.begin_replace(member.id)
        else:
            roles = await self.access.authorize(inc.user, "register", ident)
            if roles is None:
                return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
            code_inc = Incoming(**{**inc.__dict__, "kind": "text", "text": ident})
            state, replies = await self.register.begin(code_inc, roles)
        await self._keep(inc, state)
        return replies

    async def _broadcast(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.authorize(inc.user, "broadcast")
        if roles is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.REGISTRARS))]
        state, replies = await self.broadcast.begin(inc, roles)
        await self._keep(inc, state, "broadcast")
        return replies

    async def _deadline(self, inc: Incoming) -> list[Reply]:
        if await self.access.authorize(inc.user, "deadline", coordinator_only=True) is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        return await self.deadline.overview()

    async def _deadline_choice(self, inc: Incoming) -> list[Reply]:
        if await self.access.authorize(inc.user, "deadline", coordinator_only=True) is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        state, replies = await self.deadline.press(inc)
        await self._keep(inc, state, "deadline")
        self.on_schedule_change()
        return replies

    async def _done_choice(self, inc: Incoming) -> list[Reply]:
        state, replies = await self.done.press(inc)
        await self._keep(inc, state, "done")
        return replies

    # --- small commands -----------------------------------------------------------------

    async def _start(self, inc: Incoming) -> list[Reply]:
        # t.me/<bot>?start=<code> arrives as "/start <code>": an invite or a seat claim.
        if inc.text and looks_like_code(inc.text):
            return await self.invites.redeem(inc, inc.text)
        return self.ask.start(inc)

    async def _help(self, inc: Incoming) -> list[Reply]:
        bot = self.s.bot_names.get(inc.channel, "bot")
        return [texts.plain(texts.HELP.format(bot=bot))]

    async def _contacts(self, inc: Incoming) -> list[Reply]:
        return self.ask.contacts()

    async def _stats(self, inc: Incoming) -> list[Reply]:
        if await self.access.authorize(inc.user, "stats", coordinator_only=True) is None:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        return await question_stats(self.s)

    async def _status(self, inc: Incoming) -> list[Reply]:
        roles = await self.access.roles(inc.user)
        if roles.coordinator or roles.registrar:
            return await self.status_flow.status(roles)
        if roles.seats:
            return [await self.team.view(roles, sorted(roles.member_communes)[0])]
        return [texts.plain(texts.NO_TEAM_ROLE)]

    async def _topic_choice(self, inc: Incoming) -> list[Reply]:
        return await self.ask.choose(inc, inc.payload or "")

    async def _status_page(self, inc: Incoming) -> list[Reply]:
        _, page = payload_parts(inc.payload, 2)
        roles = await self.access.roles(inc.user)
        if not roles.coordinator:
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        return await self.status_flow.status(roles, int(page) if page.isdigit() else 1)

    async def _card_choice(self, inc: Incoming) -> list[Reply]:
        return self.ask.card(inc)

    async def _menu(self, inc: Incoming) -> list[Reply]:
        return [texts.plain(texts.MENU_PROMPT, self.ask.menu())]

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
        n = parse_int(number, 1, 999) if len(number) <= 3 else None
        if inc.kind != "text" or inc.channel in BUTTON_CHANNELS or n is None:
            return inc
        options = await self.s.store.pending_choices(inc.channel, inc.chat_id)
        if 1 <= n <= len(options):
            return Incoming(**{**inc.__dict__, "kind": "choice", "payload": options[n - 1]})
        return inc

    async def _remember_choices(self, inc: Incoming, replies: list[Reply]) -> None:
        # The options of the latest message only: a later "2" never picks from an old menu.
        shown = [c.value for r in replies for c in r.choices]
        if shown or await self.s.store.pending_choices(inc.channel, inc.chat_id):
            await self.s.store.save_choices(inc.channel, inc.chat_id, shown)
