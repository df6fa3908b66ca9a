"""Opening a request: topic and question known, commune from the seat or asked once.

The open dialogue is kept as the conversation "request" in SQLite (like registration), so a
restart in the middle of it asks the same question again instead of forgetting it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from bot import texts
from bot.chat import Choice, Incoming, Reply
from bot.deps import Deps
from bot.requests.config import RequestPolicy
from bot.requests.staff import card_rows, targets
from bot.texts import requests as w
from bot.timestamps import to_db

MAX_QUESTION = 4000  # a pasted 10,000-character log is kept in part, and said so
Step = tuple[dict[str, Any] | None, list[Reply]]


class Opening:
    """begin() → maybe ask the question, maybe ask the commune → create()."""

    def __init__(self, services: Deps, policy: RequestPolicy, wake: Callable[[], None]) -> None:
        self.s, self.policy, self.wake = services, policy, wake
        self.on_created: Callable[[], object] = lambda: None  # re-arms the follow-up timers

    async def begin(self, inc: Incoming, topic: str, question: str) -> Step:
        """Start a request on `topic`; the state to keep (None when done) and the replies."""
        since = self.s.clock() - timedelta(days=1)
        count = await self.s.store.requests.count_since(inc.user.key, since)
        if count >= self.policy.per_user_daily_limit:
            return None, [texts.plain(w.LIMIT.format(count=count))]
        state: dict[str, Any] = {"step": "question", "topic": topic, "question": question}
        return await self._next(inc, state)

    async def step(self, inc: Incoming, state: dict[str, Any]) -> Step:
        """A message while the dialogue is open."""
        if state.get("step") == "question":
            if inc.kind != "text" or not inc.text.strip():
                return state, [texts.plain(w.EMPTY_QUESTION)]
            return await self._next(inc, {**state, "question": inc.text.strip()})
        if inc.kind != "text" or not inc.text.strip():
            return state, [texts.plain(w.ASK_COMMUNE)]
        found = self.s.communes.lookup(inc.text)
        if found.unique is not None:
            return await self.choose_commune(inc, state, found.unique.code)
        if found.matches:
            options = [Choice(m.commune.name, f"rq:cm:{m.commune.code}") for m in found.matches]
            return state, [texts.plain(w.PICK_COMMUNE, options[:5])]
        return state, [texts.plain(w.UNKNOWN_COMMUNE.format(text=inc.text.strip()[:60]))]

    async def choose_commune(self, inc: Incoming, state: dict[str, Any], code: str) -> Step:
        """The commune picked from the list (or the one sure match)."""
        if self.s.communes.get(code) is None:
            return state, [texts.plain(w.ASK_COMMUNE)]
        await self.s.store.staff.remember_commune(inc.user.key, code)
        return await self._next(inc, {**state, "commune": code})

    async def _next(self, inc: Incoming, state: dict[str, Any]) -> Step:
        if not state.get("question", "").strip():
            return {**state, "step": "question"}, [texts.plain(w.ASK_QUESTION)]
        if not state.get("commune"):
            commune = await self._known_commune(inc)
            if commune is None:
                return {**state, "step": "commune"}, [texts.plain(w.ASK_COMMUNE)]
            state = {**state, "commune": commune}
        return None, await self._create(inc, state)

    async def _known_commune(self, inc: Incoming) -> str | None:
        seats = await self.s.store.teams.seats_of(inc.channel, inc.user.user_id)
        if seats:
            return seats[0].commune
        return await self.s.store.staff.remembered_commune(inc.user.key)

    async def _create(self, inc: Incoming, state: dict[str, Any]) -> list[Reply]:
        question = state["question"].strip()
        replies = []
        if len(question) > MAX_QUESTION:
            replies.append(texts.plain(w.TOO_LONG.format(limit=MAX_QUESTION)))
            question = question[:MAX_QUESTION]
        fields = {
            "topic": state["topic"],
            "commune": state["commune"],
            "asker": inc.user.key,
            "asker_name": inc.user.name[:100],
            "channel": inc.channel,
            "chat_id": inc.chat_id,
            "question": question,
            "created_at": to_db(self.s.clock()),
        }
        staff = await targets(self.s, state["topic"])

        request = await self.s.store.requests.create(
            fields, lambda row: card_rows(self.s, row, staff)
        )
        self.wake()
        self.on_created()
        topic = self.s.directory.topic(state["topic"])
        return [*replies, texts.plain(w.CREATED.format(id=request, topic=topic.label))]
