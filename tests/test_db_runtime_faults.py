"""The database refuses writes while the bot runs: it answers on, and says what was not saved.

SQLite's `PRAGMA query_only` makes every write fail exactly as a read-only file does
(SQLITE_READONLY), in-process and without privileges; the full-disk case runs on a real
tmpfs in tests/test_db_faults.py.
"""

from __future__ import annotations

from bot import texts
from bot.deps import Deps
from tests.conftest import COORDINATOR, Chat
from tests.fake_telegram import FakeTelegram

NOT_SAVED = texts.NOT_SAVED.split(",")[0]


async def refuse_writes(services: Deps, refuse: bool = True) -> None:
    await services.store.db.execute(f"PRAGMA query_only = {'ON' if refuse else 'OFF'}")


async def test_what_needs_no_write_is_answered_when_nothing_can_be_saved(
    fake: FakeTelegram, telegram, services: Deps
) -> None:
    await refuse_writes(services)
    newcomer = Chat(fake, 5101)  # never seen before: no user record can be written
    await newcomer.send("/start")
    assert "Xin chào" in newcomer.last_text
    await newcomer.send("/contacts")
    assert "Danh bạ" in newcomer.last_text
    await newcomer.send("xã em bị mất mạng internet từ sáng")
    assert "Đường truyền" in newcomer.last_text or "mạng" in newcomer.last_text.lower()
    await newcomer.press("t:network")
    assert "📞" in newcomer.last_text
    await newcomer.send("/help")
    assert newcomer.last_text and NOT_SAVED not in newcomer.last_text


async def test_a_write_that_fails_is_reported_and_the_flow_resumes_after(
    fake: FakeTelegram, telegram, services: Deps
) -> None:
    coordinator = Chat(fake, COORDINATOR, COORDINATOR)
    await refuse_writes(services)
    await coordinator.send("/register")
    assert NOT_SAVED in coordinator.last_text  # told, not a generic error, not silence
    assert await services.store.conversations.get("telegram", str(COORDINATOR)) is None
    await refuse_writes(services, refuse=False)
    await coordinator.send("/register")
    assert NOT_SAVED not in coordinator.last_text
    assert await services.store.conversations.get("telegram", str(COORDINATOR)) is not None
