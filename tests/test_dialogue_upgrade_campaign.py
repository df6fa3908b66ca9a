"""/deadline, /done and /broadcast in progress, saved by the version before the state machines.

Rows in the previous shape (a flat dict with "_history") continue where they were; a row no
version reads is ended with a polite message. Real SQLite, the real engine, the console.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import texts
from bot.chat import Incoming, Person, Reply
from bot.deps import Deps
from bot.engine import Engine
from bot.nudges.campaign import MANUAL

BOSS = Person("console", "boss", "Lan")  # a coordinator (tests/conftest.py)
A = "14758"


def said(replies: list[Reply]) -> str:
    return "\n".join(texts.render_plain(r.text) for r in replies)


async def send(engine: Engine, text: str) -> list[Reply]:
    return await engine.handle(Incoming("console", "boss", BOSS, "text", text))


async def press(engine: Engine, value: str) -> list[Reply]:
    return await engine.handle(Incoming("console", "boss", BOSS, "choice", payload=value))


async def old_row(services: Deps, flow: str, state: dict[str, Any]) -> None:
    await services.store.conversations.save("console", "boss", flow, state, services.clock())


async def test_an_old_deadline_in_the_past_is_confirmed_and_added(
    engine: Engine, services: Deps
) -> None:
    due = (services.clock() - timedelta(days=2)).isoformat()
    history = [{"step": "menu"}, {"step": "title"}, {"step": "due", "title": "Báo cáo quý"}]
    state = {"step": "past", "title": "Báo cáo quý", "due": due}
    await old_row(services, "deadline", {**state, "_history": history})
    replies = await press(engine, "f:ok")
    assert "Đã thêm “Báo cáo quý”" in said(replies)
    assert "Báo cáo quý" in [t.title for t in await services.store.tasks.all()]
    assert await services.store.conversations.get("console", "boss") is None


async def test_back_in_an_old_deadline_returns_to_its_title(
    engine: Engine, services: Deps
) -> None:
    history = [{"step": "menu"}, {"step": "title"}]
    await old_row(
        services, "deadline", {"step": "due", "title": "Báo cáo quý", "_history": history}
    )
    replies = await send(engine, "quay lại")
    assert texts.DEADLINE_ASK_TITLE in said(replies)
    kept = await services.store.conversations.get("console", "boss")
    assert kept is not None and kept[1]["step"] == "title"


async def test_an_old_done_note_is_saved(engine: Engine, services: Deps) -> None:
    task = next(t for t in await services.store.tasks.all() if t.kind == MANUAL)
    await old_row(services, "done", {"step": "note", "commune": A, "task": task.key})
    replies = await send(engine, "đã lắp xong")
    assert f"hoàn thành: {task.title}" in said(replies)
    assert (A, task.key) in await services.store.tasks.done()
    assert await services.store.conversations.get("console", "boss") is None


async def test_an_old_broadcast_preview_is_sent(engine: Engine, services: Deps) -> None:
    now = services.clock()
    (member,) = await services.store.teams.add(
        A, [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], now
    )
    await services.store.teams.link_account(member, "telegram", "7002", "7002", now)
    state = {
        "step": "confirm",
        "coordinator": True,
        "audience": "members",
        "text": "Họp lúc 8h",
        "n": 1,
        "missed": [],
        "sender": texts.SIGN_COORDINATOR,
        "label": texts.AUDIENCES["members"],
    }
    history = [{"step": "audience", "coordinator": True}]
    await old_row(services, "broadcast", {**state, "_history": history})
    replies = await press(engine, "f:ok")
    assert (
        "1" in said(replies) and await services.store.conversations.get("console", "boss") is None
    )
    rows = await services.store.fetchall("SELECT chat_id FROM outbox")
    assert [r[0] for r in rows] == ["7002"]
    trail = await services.store.audit.latest()
    assert any(e.action == "broadcast" and e.detail["recipients"] == 1 for e in trail)


async def test_unreadable_rows_end_politely(engine: Engine, services: Deps) -> None:
    for flow, state in (
        ("deadline", {"step": "past", "title": "X"}),  # a date to confirm, without the date
        ("done", {"step": "note"}),
        ("broadcast", {"step": "sideways"}),
    ):
        await old_row(services, flow, state)
        replies = await send(engine, "tiếp tục")
        assert said(replies) == texts.render_plain(texts.plain(texts.DIALOGUE_GONE).text)
        assert await services.store.conversations.get("console", "boss") is None
