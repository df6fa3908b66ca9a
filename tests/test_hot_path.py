"""A question costs one hop to the database thread: seen + open conversation + record."""

from __future__ import annotations

from typing import Any

from bot.chat import Incoming, Person
from bot.deps import Deps
from bot.engine import Engine

ASKER = Person("telegram", "5151", "Lan")


def text(body: str) -> Incoming:
    return Incoming("telegram", "5151", ASKER, "text", body)


class HopCounter:
    """Counts the functions queued to aiosqlite's thread (and runs every one of them)."""

    def __init__(self, services: Deps) -> None:
        self.db = services.store.db
        self.real = self.db._execute
        self.hops = 0

    async def __call__(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        self.hops += 1
        return await self.real(fn, *args, **kwargs)

    def __enter__(self) -> HopCounter:
        self.db._execute = self  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        self.db._execute = self.real  # type: ignore[method-assign]


async def test_a_question_is_one_database_hop(services: Deps) -> None:
    engine = Engine(services)
    with HopCounter(services) as counter:
        replies = await engine.handle(text("máy in phòng văn thư bị kẹt giấy liên tục"))
    assert "0915 351 008" in "".join(s.text for s in replies[0].text)
    assert counter.hops == 1
    with HopCounter(services) as counter:  # network help also finds the operator in that hop
        await engine.handle(text("mất mạng cả trụ sở từ sáng"))
    assert counter.hops == 1
    (row,) = await services.store.fetchall("SELECT name FROM people WHERE user_id = '5151'")
    assert row[0] == "Lan"
    stored = await services.store.fetchall("SELECT topic FROM questions ORDER BY id")
    assert [r[0] for r in stored] == ["general", "network"]


async def test_text_in_an_open_dialogue_is_not_counted_as_a_question(
    services: Deps,
) -> None:
    engine = Engine(services)
    await services.store.conversations.save(
        "telegram", "5151", "broadcast", {"step": "text"}, services.clock()
    )
    arrival = await services.store.arrival.arrive(
        "telegram", "5151", "5151", "Lan", services.clock(), engine.ask.draft(text("mất mạng"))[1]
    )
    assert arrival.conversation == ("broadcast", {"step": "text"})
    assert arrival.question_id == 0
    assert await services.store.fetchall("SELECT id FROM questions") == []
