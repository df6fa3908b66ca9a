"""One writer: concurrent flows on the shared connection neither clash nor undo each other."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.store import Store
from bot.store.teams import DuplicatePhone

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
COMMUNES = ("14758", "14797", "14812", "14818", "14845", "14848")
ROLES = ("it_officer", "software_guide", "software_guide", "youth", "youth", "telecom")


def team(n: int) -> list[dict[str, str]]:
    return [
        {"role": role, "name": f"Người {n}-{i}", "phone": f"+8491234{n:02d}{i:02d}"}
        for i, role in enumerate(ROLES)
    ]


@pytest.fixture
async def store(tmp_path: Path):
    opened = Store(tmp_path / "s.sqlite3")
    await opened.open()
    yield opened
    await opened.close()


async def test_six_registrars_confirming_at_once_are_all_saved(store: Store) -> None:
    # Six whole teams confirmed in the same instant, each one transaction of six inserts.
    saved = await asyncio.gather(
        *(store.teams.add(code, team(n), NOW) for n, code in enumerate(COMMUNES))
    )
    assert [len(ids) for ids in saved] == [6] * 6
    teams = await store.teams.by_commune()
    assert {code: len(teams.get(code, [])) for code in COMMUNES} == dict.fromkeys(COMMUNES, 6)


async def test_a_failing_transaction_rolls_back_only_its_own_writes(store: Store) -> None:
    await store.teams.add("14758", team(1)[:1], NOW)
    duplicate = [*team(2)[:3], team(1)[0]]  # the last row repeats a phone: all four refused

    async def chatter(n: int) -> None:
        await store.conversations.save("zalo", f"c{n}", "register", {"n": n}, NOW)
        await store.questions.record("zalo", f"zalo:{n}", f"c{n}", "mất mạng", None, 0.0, NOW)

    results = await asyncio.gather(
        store.teams.add("14758", duplicate, NOW),
        *(chatter(n) for n in range(20)),
        return_exceptions=True,
    )
    assert isinstance(results[0], DuplicatePhone)
    assert [r for r in results[1:] if r is not None] == []
    assert len(await store.teams.members_of("14758")) == 1
    for n in range(20):  # written while the failing transaction was open: all kept
        assert await store.conversations.get("zalo", f"c{n}") == ("register", {"n": n})
    assert sum((await store.questions.per_topic(NOW)).values()) == 20


async def test_readers_never_see_a_transaction_half_done(store: Store) -> None:
    seen: list[int] = []

    async def reader() -> None:
        for _ in range(30):
            seen.append(len(await store.teams.members_of("14797")))
            await asyncio.sleep(0)

    await asyncio.gather(store.teams.add("14797", team(3), NOW), reader())
    assert set(seen) <= {0, 6}


async def test_a_transaction_may_use_the_store_helpers_inside(store: Store) -> None:
    async with store.transaction():
        await store.conversations.save("zalo", "c1", "register", {"n": 1}, NOW)
        async with store.transaction():  # nested: part of the outer one
            await store.conversations.end("zalo", "c2")
    assert await store.conversations.get("zalo", "c1") == ("register", {"n": 1})
