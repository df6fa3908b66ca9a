"""What users say right after an answer: stay on that topic and offer the next step.

"vẫn chưa được", "còn số nào khác không?", "gọi không ai nghe máy", "cho tôi gặp cán bộ":
the bot answers with the topic's other contacts, the general contact (4.1) and the hand-off
to a person (a support request, `rq:new:<topic>`), instead of a fresh menu.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.arrival import Context
from bot.chat import Incoming, Reply
from bot.commands.cards import card_actions
from bot.deps import Deps
from bot.lexicon import folded_text
from bot.storage import StorageFault
from bot.texts.ask import follow_up_reply
from bot.views import Action, FollowUpView

log = logging.getLogger(__name__)

CONTEXT_WINDOW = timedelta(hours=3)  # a follow-up later than this starts afresh
MAX_WORDS = 14  # a long message describes a problem of its own: route it

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "no_answer",
        re.compile(
            r"\b(khong|chua|ko)\s+(co ai|ai|thay ai)?\s*(nghe|bat|nhac)\s*(may|dien thoai)?\b"
            r"|\b(goi|lien lac|lien he)\b.*\b(khong|chua)\s+(duoc|ai|thay|nghe|bat)\b"
            r"|\bmay ban\b|\bthue bao\b|\bkhong lien lac duoc\b|\bgoi mai\b"
        ),
    ),
    (
        "other",
        re.compile(
            r"\b(so|sdt|so dien thoai|nguoi|ai|dau moi|cach|cho)\b(\s+\w+){0,3}\s+khac\b"
            r"|\bcon (so|ai|nguoi|dau moi)\b"
        ),
    ),
    (
        "person",
        re.compile(
            r"\b(gap|noi chuyen|trao doi|ket noi)( truc tiep)?( voi)? "
            r"(can bo|nguoi|nhan vien|ky thuat|ai do)\b|\bnguoi that\b|\bho tro truc tiep\b"
        ),
    ),
    (
        "still",
        re.compile(
            r"\b(van|con|cung)\s+(chua|khong|bi|loi|the|vay|nhu cu)\b|\bchua (duoc|xong|on)\b"
            r"|\bkhong an thua\b|\bkhong duoc\s*(gi|a|anh|chi)?$|\bthu (roi|het|lai)\b.*"
            r"\b(khong|chua)\b|\bvan (khong|chua) (duoc|vao|chay)\b"
        ),
    ),
)


def follow_up_kind(text: str) -> str | None:
    """The kind of follow-up a short message is ("still", "other", "no_answer", "person")."""
    folded = folded_text(text)  # as the router reads it: "van k dc" is "vẫn không được"
    if not folded or len(folded.split()) > MAX_WORDS:
        return None
    for kind, pattern in _KINDS:
        if pattern.search(folded):
            return kind
    return None


def handoff_action(topic: str, question_id: int = 0) -> Action:
    """The "request a person" next step: a support request on the topic (bot/requests)."""
    value = f"rq:new:{topic}:{question_id}" if question_id else f"rq:new:{topic}"
    return Action("handoff", value)


class FollowUps:
    """Replies to follow-ups in the context of the topic last answered in the chat."""

    def __init__(self, services: Deps) -> None:
        self.s = services
        # Set by the engine: True once a request desk handles `rq:` buttons (bot/requests);
        # until then no hand-off button is offered, so no button ever leads nowhere.
        self.handoff_ready: Callable[[], bool] = lambda: False

    def since(self) -> datetime:
        """Answers older than this are no context any more."""
        return self.s.clock() - CONTEXT_WINDOW

    async def context(self, inc: Incoming) -> Context | None:
        """The topic answered in this chat within the context window (paths other than the
        engine's hot path, which reads it in its arrival)."""
        try:
            return await self.s.store.context.recent(inc.channel, inc.chat_id, self.since())
        except StorageFault:
            return None

    async def remember(self, inc: Incoming, topic: str, operator: str | None) -> None:
        """Called after a topic answer off the hot path; a database that cannot write loses
        only the context (a later follow-up gets the menu), never the answer."""
        context = Context(topic, operator if topic == "network" else None)
        try:
            await self.s.store.context.remember(inc.channel, inc.chat_id, context, self.s.clock())
        except StorageFault:
            log.warning("follow-up context not kept: the database refused the write")

    def reply(self, inc: Incoming, kind: str, context: Context) -> list[Reply] | None:
        """The next step on the context's topic: its other contacts, the general contact, a
        person. "Another number?" leaves out the contacts the answer already gave."""
        key = context.topic
        if key not in self.s.directory.topics:  # the directory changed since: start afresh
            return None
        topic = self.s.directory.topic(key)
        contacts = list(topic.contacts)
        general = None if key == "general" else tuple(self.s.directory.topic("general").contacts)
        if kind == "other":
            shown = self.s.directory.contacts_for(key, context.operator)
            others = [c for c in contacts if c not in shown]
            if others:
                contacts = others
            else:  # every contact was given: say so, never an empty list
                kind = "only" if general else "only_one"
                contacts = [] if general else contacts  # the one contact again
        handoff = self.handoff_ready()
        actions = (
            *((handoff_action(key),) if handoff else ()),
            *card_actions(inc.channel, self.s.directory, [(key, c) for c in contacts]),
            Action("menu", "menu"),
        )
        view = FollowUpView(kind, topic, tuple(contacts), general, handoff, actions)
        return [follow_up_reply(view)]
