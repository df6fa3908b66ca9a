"""The store on a real SQLite file through the real migrations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.chat import Recipient
from bot.store import Store
from bot.store.migrations import MIGRATIONS

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


async def test_migrations_apply_once_and_wal_is_on(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    await store.open()
    await store.close()
    store = Store(path)
    await store.open()  # a second start applies nothing twice
    assert await store.applied_migrations() == sorted(name for name, _ in MIGRATIONS)
    row = await store.fetchone("PRAGMA journal_mode")
    assert row[0] == "wal"
    await store.close()


async def test_questions_and_menu_choice_feed_the_stats(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    await store.open()
    q1 = await store.questions.record(
        "telegram", "telegram:1", "1", "mất mạng", "network", 0.9, NOW
    )
    q2 = await store.questions.record("zalo", "zalo:a", "a", "lỗi", None, 0.0, NOW)
    await store.questions.record(
        "telegram", "telegram:1", "1", "cũ", "reporting", 0.8, NOW - timedelta(days=10)
    )
    await store.questions.choose_topic(q2, "zalo:a", "general")
    await store.questions.choose_topic(
        q1, "zalo:someone-else", "general"
    )  # not their question: ignored
    week = await store.questions.per_topic(NOW - timedelta(days=7))
    month = await store.questions.per_topic(NOW - timedelta(days=30))
    assert week == {"network": 1, "general": 1}
    assert month == {"network": 1, "general": 1, "reporting": 1}
    assert (await store.questions.get(q1)).chosen_topic is None
    await store.close()


async def test_conversation_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    await store.open()
    await store.conversations.save("zalo", "c1", "register", {"step": "phone", "n": 2}, NOW)
    await store.close()
    store = Store(path)
    await store.open()
    assert await store.conversations.get("zalo", "c1") == ("register", {"step": "phone", "n": 2})
    await store.conversations.end("zalo", "c1")
    assert await store.conversations.get("zalo", "c1") is None
    await store.close()


async def test_long_question_text_is_cut_not_rejected(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    await store.open()
    qid = await store.questions.record("telegram", "telegram:1", "1", "x" * 10000, None, 0, NOW)
    assert len((await store.questions.get(qid)).text) == 2000
    await store.close()


async def test_claim_and_invite_codes_are_single_use_and_expire(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    await store.open()
    (member,) = await store.teams.add(
        "14758", [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], NOW
    )
    await store.access.create_claim("h1", member, NOW, NOW + timedelta(days=30))
    await store.access.create_claim("h2", member, NOW, NOW + timedelta(days=30))
    assert (
        await store.access.use_claim("h1", "telegram:1", NOW + timedelta(days=31)) is None
    )  # expired
    assert await store.access.use_claim("h2", "telegram:1", NOW) == member
    assert await store.access.use_claim("h2", "telegram:2", NOW) is None  # used
    await store.access.create_invite(
        "i1", "registrar", ["399"], [], "telegram:9", NOW, NOW + timedelta(days=7)
    )
    assert await store.access.use_invite("i1", "telegram:3", NOW + timedelta(days=8)) is None
    assert (await store.access.use_invite("i1", "telegram:3", NOW)).districts == ["399"]
    await store.close()


async def test_inbound_ids_deduplicate_and_expire(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    await store.open()
    assert await store.inbound.first_delivery("zalo", "m1", NOW)
    assert not await store.inbound.first_delivery("zalo", "m1", NOW + timedelta(minutes=5))
    await store.inbound.forget(NOW + timedelta(days=31))
    assert await store.inbound.first_delivery("zalo", "m1", NOW + timedelta(days=31))
    await store.close()


async def test_only_failed_sends_count_as_attempts(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    await store.open()
    body = [["Họp", ""]]
    target = Recipient("telegram:1", "telegram", "1")
    row_id = await store.nudges.enqueue(target, body, ["k1"], NOW)
    later = NOW + timedelta(seconds=1)
    # Spaced out (one message a second per chat) and told to wait by a 429: not failures.
    await store.outbox.mark(row_id, "pending", NOW, next_at=later)
    await store.outbox.mark(row_id, "pending", NOW, "429", later)
    (row,) = await store.outbox.due(later)
    assert row.attempts == 0
    await store.outbox.mark(row_id, "pending", NOW, "NetworkError", later, failed_attempt=True)
    (row,) = await store.outbox.due(later)
    assert row.attempts == 1
    await store.close()


async def test_day_counts_follow_inserts_choices_and_deletes(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    await store.open()
    topics = ["network", None, "general", "reporting"]
    ids = []
    for n in range(40):
        at = NOW - timedelta(days=n % 12, hours=n % 5)
        ids.append(
            await store.questions.record(
                "telegram", f"telegram:{n}", str(n), "x", topics[n % 4], 0.5, at
            )
        )
    for n in range(0, 40, 3):
        await store.questions.choose_topic(ids[n], f"telegram:{n}", "video_conference")
    await store.write("DELETE FROM questions WHERE id IN (?, ?)", (ids[5], ids[6]))
    counted = await store.fetchall(
        "SELECT substr(at, 1, 10), COALESCE(chosen_topic, topic, ''), COUNT(*) FROM questions "
        "GROUP BY 1, 2"
    )
    kept = await store.fetchall("SELECT day, topic, n FROM question_days WHERE n > 0")
    assert sorted(map(tuple, counted)) == sorted(map(tuple, kept))
    await store.close()
