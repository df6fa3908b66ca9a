"""store.effects.apply on real SQLite: a step's effects and the conversation, all or nothing."""

from __future__ import annotations

import pytest

from bot.deps import Deps
from bot.dialogues.effects import (
    DUPLICATE_PHONE,
    Audit,
    Conflict,
    Draft,
    Notify,
    RemoveMember,
    SaveMembers,
    UpdateMember,
)

AN = Draft("it_officer", "Nguyễn Văn An", "+84912345601")
BINH = Draft("software_guide", "Trần Bình", "+84912345602")
KEPT = {"step": "review", "mode": "register", "commune": "14758"}


async def keep(services: Deps) -> None:
    await services.store.conversations.save("console", "c1", "register", KEPT, services.clock())


async def test_effects_and_the_end_of_the_conversation_in_one_go(services: Deps) -> None:
    await keep(services)
    results = await services.store.effects.apply(
        "console",
        "c1",
        "register",
        None,
        [
            Audit("console:c1", "register_team", {"allowed": True}),
            SaveMembers("14758", (AN, BINH)),
        ],
        services.clock(),
    )
    ids = results[1]
    assert len(ids) == 2 and results[0] is None
    assert [m.name for m in await services.store.teams.members_of("14758")] == [AN.name, BINH.name]
    assert await services.store.conversations.get("console", "c1") is None
    assert (await services.store.audit.latest())[0].action == "register_team"


async def test_a_refused_effect_writes_nothing(services: Deps) -> None:
    await keep(services)
    twin = Draft("youth_member", "Lê Văn C", AN.phone)  # the same phone twice
    with pytest.raises(Conflict) as refused:
        await services.store.effects.apply(
            "console",
            "c1",
            "register",
            None,
            [Audit("console:c1", "register_team", {}), SaveMembers("14758", (AN, twin))],
            services.clock(),
        )
    assert refused.value.reason == DUPLICATE_PHONE and refused.value.value == AN.phone
    assert await services.store.teams.members_of("14758") == []
    assert await services.store.conversations.get("console", "c1") == ("register", KEPT)
    assert all(e.action != "register_team" for e in await services.store.audit.latest())


async def test_a_failure_after_some_effects_rolls_them_back(services: Deps) -> None:
    (member_id,) = await services.store.teams.add("14758", [AN.as_row()], services.clock())
    await keep(services)
    with pytest.raises(ValueError):
        await services.store.effects.apply(
            "console",
            "c1",
            "member",
            {"step": "menu", "member": member_id},
            [UpdateMember(member_id, "name", "Tên Mới"), UpdateMember(member_id, "role", "x")],
            services.clock(),
        )
    (member,) = await services.store.teams.members_of("14758")
    assert member.name == AN.name
    assert await services.store.conversations.get("console", "c1") == ("register", KEPT)


async def test_notify_queues_one_message_per_linked_account(services: Deps) -> None:
    (member_id,) = await services.store.teams.add("14758", [AN.as_row()], services.clock())
    now = services.clock()
    await services.store.teams.link_account(member_id, "telegram", "11", "11", now)
    await services.store.teams.link_account(member_id, "zalo", "z1", "z1", now)
    body = (("Thông báo", "b"), ("\ndòng", ""))
    (queued, _) = await services.store.effects.apply(
        "console",
        "c1",
        "member",
        None,
        [Notify(member_id, AN.name, body, f"member_edit|{member_id}"), RemoveMember(member_id)],
        now,
    )
    assert queued == 2
    assert await services.store.teams.members_of("14758") == []
