"""A request being opened, or a follow-up being written, saved by the version before the
request dialogue became a state machine, after an upgrade.

The previous version kept everything under the conversation "request": the opening steps
(question, commune) with "_history" and "_confirm_cancel", and the follow-ups (a reply, a
comment) as bare {"step", "request"} rows. All of them must continue where they were.
Real SQLite, the real engine, the console channel.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.chat import Incoming, Person, Reply
from bot.deps import Deps
from bot.engine import Engine
from bot.texts import requests as w
from bot.timestamps import to_db

ASKER = Person("console", "u7", "Lê Thị Hoa")
QUESTION = {"step": "question", "topic": "general", "question": ""}
COMMUNE = {"step": "commune", "topic": "general", "question": "máy in kẹt giấy"}


def said(replies: list[Reply]) -> str:
    return "\n".join(texts.render_plain(r.text) for r in replies)


async def send(engine: Engine, text: str) -> list[Reply]:
    return await engine.handle(Incoming("console", "u7", ASKER, "text", text))


async def old_row(services: Deps, state: dict[str, Any]) -> None:
    await services.store.conversations.save("console", "u7", "request", state, services.clock())


async def test_an_old_commune_step_creates_the_request(engine: Engine, services: Deps) -> None:
    await old_row(services, {**COMMUNE, "_history": [QUESTION]})
    replies = await send(engine, "Hạc Thành")
    assert said(replies) == w.CREATED.format(id=1, topic=services.directory.topic("general").label)
    req = await services.store.requests.get(1)
    assert req is not None and (req.commune, req.question) == ("14797", "máy in kẹt giấy")
    assert req.asker == "console:u7" and req.asker_name == "Lê Thị Hoa"
    assert await services.store.staff.remembered_commune("console:u7") == "14797"
    (cards,) = await services.store.fetchall("SELECT count(*) FROM outbox")
    assert cards[0] >= 1  # the card went to the staff (the coordinators here) with the request
    assert await services.store.conversations.get("console", "u7") is None


async def test_an_old_question_step_asks_the_commune_and_keeps_history(
    engine: Engine, services: Deps
) -> None:
    await old_row(services, QUESTION)
    assert w.ASK_COMMUNE in said(await send(engine, "máy in kẹt giấy"))
    kept = await services.store.conversations.get("console", "u7")
    assert kept == ("request", {**COMMUNE, "_history": [QUESTION]})
    assert w.ASK_QUESTION in said(await send(engine, "quay lại"))  # back still undoes it


async def test_an_old_cancel_question_still_discards(engine: Engine, services: Deps) -> None:
    await old_row(services, {**COMMUNE, "_history": [QUESTION], "_confirm_cancel": True})
    assert said(await send(engine, "hủy")) == texts.CANCELLED
    assert await services.store.conversations.get("console", "u7") is None
    assert await services.store.requests.where() == []


async def test_an_old_rejected_commune_keeps_the_row(engine: Engine, services: Deps) -> None:
    await old_row(services, COMMUNE)
    replies = await send(engine, "xyzxyz")
    assert w.UNKNOWN_COMMUNE.format(text="xyzxyz") in said(replies)
    assert await services.store.conversations.get("console", "u7") == ("request", COMMUNE)


async def request(services: Deps) -> int:
    fields = {
        "topic": "general",
        "commune": "14797",
        "asker": "console:u7",
        "asker_name": "Lê Thị Hoa",
        "channel": "console",
        "chat_id": "u7",
        "question": "máy in kẹt giấy",
        "created_at": to_db(services.clock()),
    }
    return await services.store.requests.create(fields, lambda _row: [])


async def test_an_old_comment_row_is_still_taken(engine: Engine, services: Deps) -> None:
    ident = await request(services)
    await old_row(services, {"step": "comment", "request": ident})
    assert said(await send(engine, "cán bộ hỗ trợ rất nhanh")) == w.COMMENTED
    req = await services.store.requests.get(ident)
    assert req is not None and req.comment == "cán bộ hỗ trợ rất nhanh"
    assert await services.store.conversations.get("console", "u7") is None


async def test_an_old_reply_row_is_still_relayed(engine: Engine, services: Deps) -> None:
    ident = await request(services)
    await old_row(services, {"step": "reply", "request": ident})
    assert said(await send(engine, "máy in vẫn kẹt")) == w.RELAYED_TO_STAFF.format(id=ident)
    (messages,) = await services.store.fetchall(
        "SELECT count(*) FROM request_messages WHERE request = ? AND side = 'asker'", (ident,)
    )
    assert messages[0] == 2  # the question and the reply
    assert await services.store.conversations.get("console", "u7") is None


async def test_a_new_reply_is_kept_as_the_desk_follow_up(engine: Engine, services: Deps) -> None:
    ident = await request(services)
    press = Incoming("console", "u7", ASKER, "choice", payload=f"rq:re:{ident}")
    assert w.WRITE_REPLY.format(id=ident) in said(await engine.handle(press))
    kept = await services.store.conversations.get("console", "u7")
    assert kept == ("request_followup", {"step": "reply", "request": ident})


async def test_an_old_pick_button_still_picks(engine: Engine, services: Deps) -> None:
    await old_row(services, COMMUNE)
    press = Incoming("console", "u7", ASKER, "choice", payload="rq:cm:14758")
    assert "#1" in said(await engine.handle(press))
    req = await services.store.requests.get(1)
    assert req is not None and req.commune == "14758"
    stale = Incoming("console", "u7", ASKER, "choice", payload="rq:cm:14758")
    assert said(await engine.handle(stale)) == texts.STALE_BUTTON  # no dialogue open any more
