"""A dialogue in progress, saved by the previous version, after an upgrade.

The conversations table keeps each dialogue's state as JSON. A row written by the version
before the state machines (a flat dict with "_history") must still continue where it was;
a row in a shape no version reads any more is ended with a polite message, never a crash.
Real SQLite, the real engine, the console channel.
"""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.chat import Incoming, Person, Reply
from bot.deps import Deps
from bot.engine import Engine

BOSS = Person("console", "boss", "Lan")  # a coordinator (tests/conftest.py)


def said(replies: list[Reply]) -> str:
    return "\n".join(texts.render_plain(r.text) for r in replies)


async def send(engine: Engine, text: str) -> list[Reply]:
    return await engine.handle(Incoming("console", "boss", BOSS, "text", text))


async def old_row(services: Deps, flow: str, state: dict[str, Any]) -> None:
    await services.store.conversations.save("console", "boss", flow, state, services.clock())


async def member(services: Deps) -> int:
    (member_id,) = await services.store.teams.add(
        "14758",
        [{"role": "youth_member", "name": "Phạm Thị Dung", "phone": "+84912345604"}],
        services.clock(),
    )
    return member_id


async def test_an_old_member_edit_continues_and_saves(engine: Engine, services: Deps) -> None:
    member_id = await member(services)
    state = {"step": "value", "member": member_id, "field": "name"}
    await old_row(
        services, "member", {**state, "_history": [{"step": "menu", "member": member_id}]}
    )
    replies = await send(engine, "Vũ Thị Hoa")
    assert "Vũ Thị Hoa" in said(replies) and texts.EDIT_KEEPS_UNLINKED in said(replies)
    (saved,) = await services.store.teams.members_of("14758")
    assert saved.name == "Vũ Thị Hoa"
    assert await services.store.conversations.get("console", "boss") is None


async def test_back_in_an_old_member_edit_returns_to_its_menu(
    engine: Engine, services: Deps
) -> None:
    member_id = await member(services)
    state = {"step": "value", "member": member_id, "field": "phone"}
    await old_row(
        services, "member", {**state, "_history": [{"step": "menu", "member": member_id}]}
    )
    replies = await send(engine, "quay lại")
    assert "Phạm Thị Dung" in said(replies) and "thay người" in said(replies)
    kept = await services.store.conversations.get("console", "boss")
    assert kept == ("member", {"step": "menu", "member": member_id})


async def test_an_old_rejected_answer_keeps_the_row(engine: Engine, services: Deps) -> None:
    member_id = await member(services)
    await old_row(services, "member", {"step": "value", "member": member_id, "field": "phone"})
    replies = await send(engine, "không có số")
    assert texts.BAD_PHONE.format(text="không có số") in said(replies)
    kept = await services.store.conversations.get("console", "boss")
    assert kept == ("member", {"step": "value", "member": member_id, "field": "phone"})


async def test_an_unreadable_row_ends_politely(engine: Engine, services: Deps) -> None:
    await old_row(services, "member", {"step": "rename", "who": "someone"})
    replies = await send(engine, "Vũ Thị Hoa")
    assert said(replies) == texts.DIALOGUE_GONE
    assert await services.store.conversations.get("console", "boss") is None
    # and the chat works normally afterwards
    assert "gặp lỗi" not in said(await send(engine, "máy in kẹt giấy"))


async def test_cancel_of_an_unreadable_row_ends_it_too(engine: Engine, services: Deps) -> None:
    await old_row(services, "member", {"step": "value"})
    replies = await engine.handle(Incoming("console", "boss", BOSS, "command", command="cancel"))
    assert said(replies) == texts.DIALOGUE_GONE
    assert await services.store.conversations.get("console", "boss") is None


async def test_an_old_replacement_continues_to_the_saved_seat(
    engine: Engine, services: Deps
) -> None:
    member_id = await member(services)
    await old_row(
        services,
        "register",
        {
            "step": "phone",
            "mode": "replace",
            "member": member_id,
            "commune": "14758",
            "seats": ["youth_member"],
            "i": 0,
            "drafts": [],
            "cur": {"role": "youth_member", "name": "Vũ Thị Hoa"},
            "notes": [],
            "_history": [
                {
                    "step": "name",
                    "mode": "replace",
                    "member": member_id,
                    "commune": "14758",
                    "seats": ["youth_member"],
                    "i": 0,
                    "drafts": [],
                    "cur": {},
                    "notes": [],
                }
            ],
        },
    )
    assert "Vũ Thị Hoa" in said(await send(engine, "0912345699"))  # asks the position
    assert "Vũ Thị Hoa — 0912 345 699" in said(await send(engine, "1"))  # skip → review
    done = said(await send(engine, "1"))  # confirm
    assert "Vũ Thị Hoa" in done
    (seat,) = await services.store.teams.members_of("14758")
    assert (seat.id, seat.name, seat.phone) == (member_id, "Vũ Thị Hoa", "+84912345699")
    assert await services.store.conversations.get("console", "boss") is None


async def test_an_old_registration_cancel_still_asks_first(engine: Engine, services: Deps) -> None:
    await old_row(
        services,
        "register",
        {
            "step": "name",
            "mode": "register",
            "picks": [],
            "commune": "14758",
            "seats": ["youth_member", "youth_member"],
            "i": 1,
            "drafts": [{"role": "youth_member", "name": "Lê Văn C", "phone": "+84912345677",
                        "position": ""}],
            "cur": {},
            "notes": [],
            "_confirm_cancel": False,
        },
    )  # fmt: skip
    asked = said(
        await engine.handle(Incoming("console", "boss", BOSS, "command", command="cancel"))
    )
    assert "Lê Văn C" in asked
    assert said(await send(engine, "0")) == texts.CANCELLED  # 0 is cancel on the console
    assert await services.store.conversations.get("console", "boss") is None
    assert await services.store.teams.members_of("14758") == []
