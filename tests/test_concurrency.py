"""Concurrency with order, through the real PTB stack: chats side by side, one chat in order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import COORDINATOR
from tests.fake_telegram import FakeTelegram
from tests.national import fill, national_communes


@pytest.fixture
async def national(fake: FakeTelegram, services: Deps) -> AsyncIterator[Any]:
    """The bot on 3,321 communes with about 16,000 members."""
    from bot.channels.telegram import TelegramChannel

    services.communes = national_communes()
    await fill(services.store, services.communes)
    services.settings.telegram_api_url = fake.root
    channel = TelegramChannel(services, Engine(services))
    await channel.start()
    yield channel
    await channel.stop()
    assert fake.errors == [], f"the bot caused Bot API errors: {fake.errors}"


async def test_a_heavy_export_holds_up_neither_other_chats_nor_its_own_order(
    fake: FakeTelegram, national: Any
) -> None:
    mark = len(fake.calls)
    # One batch of updates: the coordinator's national export, then two questions of theirs,
    # then somebody else's question.
    await fake.send_text(COORDINATOR, "/export")
    await fake.send_text(COORDINATOR, "máy in phòng văn thư bị kẹt giấy")
    await fake.send_text(COORDINATOR, "cắm usb token vào không ký số được")
    await fake.send_text(4242, "mất mạng cả trụ sở từ sáng")
    await fake.wait_for(chat_id=COORDINATOR, count=3, after=mark, timeout=120)
    calls = [c for c in fake.calls[mark:] if c.status == 200]
    mine = [c for c in calls if c.chat_id == str(COORDINATOR)]
    # The coordinator's own updates are answered in the order they were sent ...
    assert [c.method for c in mine] == ["sendDocument", "sendMessage", "sendMessage"]
    assert "0915 351 008" in mine[1].text and "0917 672 989" in mine[2].text
    # ... while the other chat was answered before the export was finished.
    other = next(n for n, c in enumerate(calls) if c.chat_id == "4242")
    assert other < calls.index(mine[0])
    assert "0947 363 368" in calls[other].text


async def test_one_chat_stays_in_order_while_many_chats_ask_at_once(
    fake: FakeTelegram, national: Any
) -> None:
    questions = [
        ("máy in phòng văn thư bị kẹt giấy", "0915 351 008"),
        ("/status", "3321 xã/phường"),
        ("cắm usb token vào không ký số được", "0917 672 989"),
        ("/help", "Cách dùng"),
        ("không nộp được báo cáo định kỳ trên hệ thống báo cáo", "0974 065 768"),
    ]
    mark = len(fake.calls)
    for text, _ in questions:
        await fake.send_text(COORDINATOR, text)
        for other in range(5000, 5004):
            await fake.send_text(other, "micro phòng họp trực tuyến bị rè")
    # /status is its text and its chart: one message more than the updates sent.
    await fake.wait_for(chat_id=COORDINATOR, count=len(questions) + 1, after=mark, timeout=120)
    mine = fake.sent(COORDINATOR, after=mark)
    texts = [c.text for c in mine if c.method == "sendMessage"]
    assert len(texts) == len(questions)
    for (_, expected), text in zip(questions, texts, strict=True):
        assert expected in text, (expected, texts)
    assert [c.method for c in mine].index("sendPhoto") == 2  # right after the status text
    await fake.wait_for(chat_id=5003, count=len(questions), after=mark, timeout=30)


async def test_the_update_backlog_hands_out_no_more_than_its_slots() -> None:
    from bot.channels.concurrency import UpdateBacklog

    backlog = UpdateBacklog(in_flight=2, waiting=3)
    for n in range(3):
        backlog.put_nowait(n)
    assert backlog.full()  # the Updater's next put() waits: polling stops fetching
    first, second = await backlog.get(), await backlog.get()
    third = asyncio.ensure_future(backlog.get())
    for _ in range(5):
        await asyncio.sleep(0)
    assert not third.done()  # two updates in flight: the fetcher waits for a slot
    backlog.task_done()  # the first update finished
    assert await third == 2 and (first, second) == (0, 1)


async def test_a_flood_larger_than_the_backlog_is_all_handled_in_order(
    fake: FakeTelegram, national: Any
) -> None:
    from bot.channels.concurrency import WAITING
    from bot.ordering import IN_FLIGHT

    mark = len(fake.calls)
    # Group chatter (handled, not answered) well beyond what the bot takes in at once, then
    # a member's two questions: bounded intake must neither lose nor reorder anything.
    for n in range(2 * (IN_FLIGHT + WAITING)):
        await fake.send_text(-100_000 - n % 7, f"hôm nay họp lúc {n % 24} giờ")
    await fake.send_text(4242, "máy in phòng văn thư bị kẹt giấy")
    await fake.send_text(4242, "cắm usb token vào không ký số được")
    await fake.wait_for(chat_id=4242, count=2, after=mark, timeout=120)
    answers = [c.text for c in fake.sent(4242, after=mark)]
    assert "0915 351 008" in answers[0] and "0917 672 989" in answers[1]
