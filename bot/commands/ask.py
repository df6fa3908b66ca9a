"""Free-text questions → the right provincial contact; the topic menu; the directory."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

from bot import texts
from bot.arrival import Arrival, Question
from bot.chat import Choice, ContactCard, Incoming, Reply
from bot.choices import parse_choice, typed_option
from bot.commands.cards import CARD_CHANNELS
from bot.commands.followup import FollowUps, follow_up_kind
from bot.commands.lookup import Lookups
from bot.commands.tips import tips_for
from bot.deps import Deps
from bot.directory import Contact, Topic
from bot.inputs import parse_int
from bot.normalize import fold
from bot.routing import Route, operator_named
from bot.storage import StorageFault
from bot.texts.ask import answer_reply, contacts_reply
from bot.texts.ask import title_with_organisation as title_with_organisation
from bot.views import Action, ContactAnswer

log = logging.getLogger(__name__)

MAX_QUESTION = 4000  # Telegram's own limit is 4096; longer pastes are read in part
NOT_COUNTED = ("empty", "thanks", "courtesy")
GREETING_WORDS = re.compile(
    r"\b(chao|xin chao|hello|hi|alo)\b"
)  # answered, not a question for the statistics


class AskFlow:
    """Route questions, answer with contacts and tips, offer the menu when unsure."""

    def __init__(
        self,
        services: Deps,
        operator_for: Callable[[Incoming], Awaitable[str | None]] | None = None,
    ) -> None:
        self.s = services
        self._operator_for = operator_for
        self.lookups = Lookups(services)
        self.followups = FollowUps(services)

    def menu(
        self, ranked: tuple[tuple[str, float], ...] = (), question_id: int = 0
    ) -> list[Choice]:
        """The topics, always in the directory's order: on Zalo a remembered number must pick
        the same topic in every menu (the likely ones are named in the text instead)."""
        keys = list(self.s.directory.topics)
        suffix = f":{question_id}" if question_id else ""
        return [Choice(self.s.directory.topic(k).label, f"t:{k}{suffix}") for k in keys]

    def likely(self, ranked: tuple[tuple[str, float], ...]) -> str:
        """ "Có thể là: Một cửa, dịch vụ công hoặc Đường truyền…" for an unsure answer."""
        labels = [
            self.s.directory.topic(k).label for k, _ in ranked[:2] if k in self.s.directory.topics
        ]
        return texts.UNSURE_LIKELY.format(topics=texts.OR.join(labels)) if labels else ""

    def draft(self, inc: Incoming) -> tuple[Route, Question]:
        """Route a message and say what to record and which topic the answer will keep as
        the chat's context, before the database is asked anything (one hop: bot/arrival)."""
        text = inc.text.strip()
        route = self.s.router.route(text[:MAX_QUESTION])
        # A bare option number outside any list is a stale tap of a menu, not a question.
        record = route.reason not in NOT_COUNTED and typed_option(text) is None
        answers = None if self.lookups.claims(inc) else route.topic
        named = operator_named(text) if answers == "network" else None
        kind = follow_up_kind(text)
        question = Question(text, route.topic, route.confidence, record, answers, named, kind)
        return route, question

    async def ask(self, inc: Incoming, routed: tuple[Route, Arrival] | None = None) -> list[Reply]:
        """Answer one free-text message (`routed`: already routed and recorded by the engine)."""
        text = inc.text.strip()
        looked_up = await self.lookups.answer(inc)  # a contact by name/phone, the campaign
        if looked_up:
            return looked_up
        option = typed_option(text)  # "9" or "0" with no list open (the engine found none)
        if option is not None:
            if option == 0:
                return [texts.plain(texts.NOTHING_TO_CANCEL)]
            return [texts.plain(texts.NO_SUCH_OPTION.format(n=option), self.menu())]
        if routed is None:
            route = self.s.router.route(text[:MAX_QUESTION])
            question_id = await self._record(inc, text, route)
        else:
            route, known = routed
            question_id = known.question_id
        follow_up = await self._follow_up(inc, text, route, routed[1] if routed else None)
        if follow_up:
            return follow_up
        replies = (
            [texts.plain(texts.TOO_LONG.format(limit=MAX_QUESTION))]
            if len(text) > MAX_QUESTION
            else []
        )
        if route.topic:
            arrival = routed[1] if routed else None
            return replies + await self.answer(inc, route.topic, arrival, question_id)
        if route.unsure:
            likely = self.likely(route.ranking)
            prompt = " ".join(p for p in (texts.UNSURE, likely, texts.UNSURE_PICK) if p)
            return [*replies, texts.plain(prompt, self.menu(route.ranking, question_id))]
        if route.reason == "thanks":
            return [texts.plain(texts.THANKS)]
        if route.reason == "resolved":
            return [*replies, texts.plain(texts.RESOLVED)]
        if route.reason == "courtesy" and GREETING_WORDS.search(fold(text)):
            return [texts.plain(texts.GREETING_BACK, self.menu())]  # a greeting is returned
        return [*replies, texts.plain(texts.NOT_A_QUESTION, self.menu())]

    async def _follow_up(
        self, inc: Incoming, text: str, route: Route, known: Arrival | None
    ) -> list[Reply] | None:
        # "vẫn chưa được" right after an answer is about that answer, unless the message
        # names a different topic of its own (the rule is Question.continues).
        kind = follow_up_kind(text)
        if not kind:
            return None
        if known is not None:  # the engine's arrival read the context in its one hop
            context = known.context
        else:
            context = await self.followups.context(inc)
        if not Question(text, route.topic, 0.0, follow_up=kind).continues(context):
            return None
        assert context is not None
        return self.followups.reply(inc, kind, context)

    async def _record(self, inc: Incoming, text: str, route: Route) -> int:
        if route.reason in NOT_COUNTED:
            return 0
        try:
            return await self.s.store.questions.record(
                inc.channel,
                inc.user.key,
                inc.chat_id,
                text,
                route.topic,
                route.confidence,
                self.s.clock(),
            )
        except StorageFault:  # statistics lose one question; the asker still gets the answer
            log.warning("question not recorded: the database refused the write")
            return 0

    async def choose(self, inc: Incoming, value: str) -> list[Reply]:
        """A menu button: `t:<topic>` or `t:<topic>:<question id>`."""
        _, topic, question = parse_choice(value, 3)
        if topic not in self.s.directory.topics:
            return [texts.plain(texts.STALE_BUTTON, self.menu())]
        question_id = parse_int(question, 1)
        bound = 0  # the answer stays bound to the question only when it is the presser's own
        if question_id is not None:
            try:
                if await self.s.store.questions.choose_topic(question_id, inc.user.key, topic):
                    bound = question_id
            except StorageFault:
                log.warning("menu choice not recorded: the database refused the write")
        return await self.answer(inc, topic, question_id=bound)

    async def other_topic(self, inc: Incoming) -> list[Reply]:
        """`menu`: the topic menu; `menu:<question id>` ("Chủ đề khác" under an answer): the
        menu bound to the asker's own question, so the pick is stored as a correction."""
        _, ident = parse_choice(inc.payload, 2)
        if not ident:
            return [texts.plain(texts.MENU_PROMPT, self.menu())]
        question_id = parse_int(ident, 1)
        question = await self.s.store.questions.get(question_id) if question_id else None
        if question is None or question.user_key != inc.user.key:  # stale or forged
            return [texts.plain(texts.STALE_BUTTON, self.menu())]
        answered = self.s.directory.topics.get(question.chosen_topic or question.topic or "")
        prompt = texts.MENU_PROMPT
        if answered:
            prompt = texts.OTHER_TOPIC_PROMPT.format(topic=answered.label)
        return [texts.plain(prompt, self.menu(question_id=question.id))]

    async def answer(
        self, inc: Incoming, key: str, known: Arrival | None = None, question_id: int = 0
    ) -> list[Reply]:
        """Topic name, contacts with title, organisation and phone, tips, a contact card."""
        topic = self.s.directory.topic(key)
        named = operator_named(inc.text) if key == "network" else None
        operator = named
        if key == "network" and not named:
            operator = known.operator if known else await self.operator_for(inc)
        contacts = self.s.directory.contacts_for(key, operator)
        note = ("named" if named else "served") if operator else "all"
        if known is None:  # on the hot path the arrival kept the context in its own hop
            await self.followups.remember(inc, key, operator)
        # One Bot API message per answer: the phone in the text is tappable already; the
        # card comes on request (a button) unless BOT_CONTACT_CARD asks for it every time.
        card = _card(contacts[0]) if self.s.settings.contact_card else None
        # One tap hands the question to a person: a tracked support request (bot/requests).
        ask_person = Action(
            "request", f"rq:new:{key}:{question_id}" if question_id else f"rq:new:{key}"
        )
        actions = (
            *self._card_actions(inc, topic, contacts),
            ask_person,
            *_other_topic_action(question_id),
        )
        tips = tips_for(topic, inc.text)
        return [answer_reply(ContactAnswer(topic, contacts, note, tips, card, actions))]

    def _card_actions(
        self, inc: Incoming, topic: Topic, contacts: tuple[Contact, ...]
    ) -> tuple[Action, ...]:
        if inc.channel not in CARD_CHANNELS:
            return ()
        if len(contacts) == 1:
            index = topic.contacts.index(contacts[0])
            return (Action("card", f"card:{topic.key}:{index}"),)
        return tuple(
            Action("card_of", f"card:{topic.key}:{n}", c.name)
            for n, c in enumerate(topic.contacts)
            if c in contacts
        )

    def card(self, inc: Incoming) -> list[Reply]:
        """The "Lưu vào danh bạ" button: `card:<topic>:<contact index>` → a contact card."""
        _, key, index = parse_choice(inc.payload, 3)
        topic = self.s.directory.topics.get(key)
        at = parse_int(index, 0, len(topic.contacts) - 1) if topic else None
        if topic is None or at is None:
            return [texts.plain(texts.STALE_BUTTON, self.menu())]
        return [Reply(text=(), contact=_card(topic.contacts[at]))]

    async def operator_for(self, inc: Incoming) -> str | None:
        """The telecom operator of the asker's commune, when the bot knows it."""
        return await self._operator_for(inc) if self._operator_for else None

    def start(self, inc: Incoming) -> list[Reply]:
        """/start: greeting and the menu."""
        name = f" {inc.user.name}" if inc.user.name else ""
        return [texts.plain(texts.GREETING.format(name=name), self.menu())]

    def contacts(self) -> list[Reply]:
        """/contacts: the whole directory in one message, with the menu for details."""
        return [contacts_reply(self.s.directory, tuple(self.menu()))]


def _other_topic_action(question_id: int) -> tuple[Action, ...]:
    # A confident answer can still be on the wrong topic: one tap says so, and the topic
    # picked next is stored with the question for the coordinators' review queue.
    return (Action("other_topic", f"menu:{question_id}"),) if question_id else ()


def _card(contact: Contact) -> ContactCard:
    return ContactCard(contact.phone, _given_name(contact.name), _family_name(contact.name))


def _given_name(full: str) -> str:
    return full.split()[-1] if full.split() else full


def _family_name(full: str) -> str:
    return " ".join(full.split()[:-1])
