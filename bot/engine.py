"""The channel-agnostic bot: one Incoming in, a list of Replies out.

Telegram, Zalo and the console translate their updates into `Incoming` and render the
`Reply` list; every rule lives behind `Engine.handle`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot import texts
from bot.access import Access
from bot.flows.ask import AskFlow
from bot.flows.stats import question_stats
from bot.messages import Incoming, Reply
from bot.services import Services

log = logging.getLogger(__name__)

Handler = Callable[[Incoming], Awaitable[list[Reply]]]
BUTTON_CHANNELS = frozenset({"telegram"})  # the others get numbered options


class Engine:
    """Dispatches commands, button presses and text to the flows."""

    def __init__(self, services: Services) -> None:
        self.s = services
        self.access = Access(services)
        self.ask = AskFlow(services)
        self.commands: dict[str, Handler] = {
            "start": self._start,
            "help": self._help,
            "contacts": self._contacts,
            "stats": self._stats,
        }
        self.choices: dict[str, Handler] = {"t": self._topic_choice, "menu": self._menu}

    async def handle(self, inc: Incoming) -> list[Reply]:
        """Everything a user does ends here; errors become a polite reply, never a crash."""
        if inc.group and not inc.addressed:
            return []
        try:
            if not inc.group:
                await self.s.store.seen(
                    inc.channel, inc.user.user_id, inc.chat_id, inc.user.name, self.s.clock()
                )
            replies = await self._dispatch(await self._resolve_number(inc))
        except Exception:
            log.exception("failed to handle %s update from %s", inc.kind, inc.channel)
            return [texts.plain(texts.ERROR)]
        if inc.channel not in BUTTON_CHANNELS:
            await self._remember_choices(inc, replies)
        return replies

    async def _dispatch(self, inc: Incoming) -> list[Reply]:
        if inc.kind == "command":
            handler = self.commands.get(inc.command or "")
            if handler is None:
                return [texts.plain(texts.UNKNOWN_COMMAND.format(command=inc.command or ""))]
            return await handler(inc)
        if inc.kind == "choice":
            prefix = (inc.payload or "").split(":", 1)[0]
            handler = self.choices.get(prefix)
            if handler is None:
                return [texts.plain(texts.STALE_BUTTON, self.ask.menu())]
            return await handler(inc)
        if inc.kind in ("media", "file"):
            return [texts.plain(texts.MEDIA)]
        return await self.ask.ask(inc)

    async def _resolve_number(self, inc: Incoming) -> Incoming:
        # Zalo and the console have no buttons: "2" picks the second option last shown.
        if inc.kind != "text" or inc.channel in BUTTON_CHANNELS or not inc.text.strip().isdigit():
            return inc
        options = await self.s.store.pending_choices(inc.channel, inc.chat_id)
        n = int(inc.text.strip())
        if 1 <= n <= len(options):
            return Incoming(**{**inc.__dict__, "kind": "choice", "payload": options[n - 1]})
        return inc

    async def _remember_choices(self, inc: Incoming, replies: list[Reply]) -> None:
        shown = [c.value for r in replies for c in r.choices]
        if shown:
            await self.s.store.save_choices(inc.channel, inc.chat_id, shown)

    async def _start(self, inc: Incoming) -> list[Reply]:
        return self.ask.start(inc)

    async def _help(self, inc: Incoming) -> list[Reply]:
        bot = self.s.bot_names.get(inc.channel, "bot")
        return [texts.plain(texts.HELP.format(bot=bot))]

    async def _contacts(self, inc: Incoming) -> list[Reply]:
        return self.ask.contacts()

    async def _stats(self, inc: Incoming) -> list[Reply]:
        if not await self.access.is_coordinator(inc.user):
            return [texts.plain(texts.NOT_ALLOWED.format(who=texts.COORDINATORS))]
        return await question_stats(self.s)

    async def _topic_choice(self, inc: Incoming) -> list[Reply]:
        return await self.ask.choose(inc, inc.payload or "")

    async def _menu(self, inc: Incoming) -> list[Reply]:
        return [texts.plain(texts.MENU_PROMPT, self.ask.menu())]
