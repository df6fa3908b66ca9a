"""/review for coordinators: one unsure or corrected question at a time, labelled by a tap.

Buttons on Telegram, numbered options on Zalo and in the console (the engine numbers them).
A label is stored at once; the router learns it at the next start-up.
"""

from __future__ import annotations

from bot import texts
from bot.access import Access
from bot.chat import Incoming, Reply
from bot.choices import parse_choice
from bot.deps import Deps
from bot.inputs import parse_int
from bot.question_labels import NOT_SUPPORT, SKIP
from bot.rows.questions import ReviewItem
from bot.texts.views import review_reply
from bot.views import ReviewCard

SHOWN_TEXT = 1200  # a question is stored up to 2000 characters; the review shows the start


class ReviewFlow:
    """The review queue in chat."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s = services
        self.access = access

    async def command(self, inc: Incoming) -> list[Reply]:
        """/review: the newest question waiting for a label."""
        return await self._next()

    async def press(self, inc: Incoming) -> list[Reply]:
        """A label button: ``rv:<question id>:<topic key | none | skip>``."""
        _, ident, label = parse_choice(inc.payload, 3)
        known = (*self.s.directory.topics, NOT_SUPPORT, SKIP)
        question_id = parse_int(ident, 1)
        if question_id is None or label not in known:
            return [texts.plain(texts.STALE_BUTTON), *await self._next()]
        if not await self.s.store.labels.label(question_id, label, inc.user.key, self.s.clock()):
            return [texts.plain(texts.STALE_BUTTON), *await self._next()]
        if label == SKIP:
            done = texts.REVIEW_SKIPPED.format(id=question_id)
        else:
            done = texts.REVIEW_SAVED.format(label=self._label_name(label), id=question_id)
        return [texts.plain(done), *await self._next()]

    async def _next(self) -> list[Reply]:
        question = await self.s.store.labels.next_to_review()
        if question is None:
            return [texts.plain(texts.REVIEW_EMPTY)]
        count = await self.s.store.labels.review_count()
        return [self._card(question, count)]

    def _card(self, q: ReviewItem, count: int) -> Reply:
        when = q.at.astimezone(self.s.settings.tz)
        text = texts.clip(q.text, SHOWN_TEXT + 1)
        prefix = f"rv:{q.id}:"
        card = ReviewCard(
            waiting=count,
            id=q.id,
            at=when,
            channel=q.channel,
            text=text,
            routed=self._label_name(q.topic) if q.topic else "",
            chosen=self._label_name(q.chosen_topic) if q.chosen_topic else "",
            labels=tuple((t.label, prefix + key) for key, t in self.s.directory.topics.items()),
            not_support=prefix + NOT_SUPPORT,
            skip=prefix + SKIP,
        )
        return review_reply(card)

    def _label_name(self, label: str) -> str:
        if label == NOT_SUPPORT:
            return texts.REVIEW_NOT_SUPPORT_LABEL
        topic = self.s.directory.topics.get(label)
        return topic.label if topic else label
