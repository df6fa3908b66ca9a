"""Bad input and abuse around requests: each gets a clear answer, nothing is lost, no 400."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import COORDINATOR
from tests.fake_telegram import Call, FakeTelegram
from tests.requests_harness import STAFF, MovingClock, RunningBot, request_settings
from tests.test_requests_e2e import MONDAY_9

ASKER, STAFFER, OTHER = 4343, 7777, 5656


@pytest.fixture
async def bot(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[RunningBot]:
    fake.add_group(STAFF)
    running = RunningBot(request_settings(tmp_path, fake, None), MovingClock(MONDAY_9))
    await running.start()
    yield running
    await running.stop()
    assert fake.errors == [], fake.errors


async def say(fake: FakeTelegram, chat: int, text: str, count: int = 1, **kw) -> list[Call]:
    mark = len(fake.calls)
    await fake.send_text(chat, text, user_id=kw.pop("user_id", chat), **kw)
    return await fake.wait_for("sendMessage", chat, count=count, after=mark)


async def press(fake: FakeTelegram, chat: int, data: str, user_id: int | None = None):
    mark = len(fake.calls)
    await fake.press(chat, data, user_id or chat)
    return await fake.wait_for("sendMessage", chat, after=mark)


async def make_request(fake: FakeTelegram, chat: int = ASKER) -> Call:
    """Ask for a person with no question before: topic menu → question → commune → card."""
    (menu,) = await say(fake, chat, "tôi muốn gặp cán bộ hỗ trợ")
    assert "Chọn chủ đề" in menu.text and len(menu.buttons) == 8
    (ask,) = await press(fake, chat, "rq:new:general")
    assert "mô tả ngắn gọn" in ask.text  # a request with no text is asked for its text
    mark = len(fake.calls)
    await say(fake, chat, "máy in không in được")
    await say(fake, chat, "Hạc Thành")
    (card,) = await fake.wait_for("sendMessage", STAFF, after=mark)
    await settle_link()
    return card


async def settle_link() -> None:
    # The bot writes the card's (chat, message id) link right after the API answers; a person
    # never replies within those milliseconds, a test would.
    await asyncio.sleep(0.3)


async def test_a_request_needs_words(fake: FakeTelegram, bot: RunningBot) -> None:
    await say(fake, ASKER, "tôi muốn gặp cán bộ hỗ trợ")
    await press(fake, ASKER, "rq:new:general")
    mark = len(fake.calls)
    await fake.send_sticker(ASKER)
    (again,) = await fake.wait_for("sendMessage", ASKER, after=mark)
    assert "bằng chữ" in again.text  # the dialogue stays open
    (where,) = await say(fake, ASKER, "máy in kẹt giấy")
    assert "xã/phường nào" in where.text
    (unknown,) = await say(fake, ASKER, "xyzxyz")
    assert "chưa tìm thấy" in unknown.text
    (done,) = await say(fake, ASKER, "Hạc Thành")
    assert "#1" in done.text


async def test_a_10000_character_question_is_kept_in_part(
    fake: FakeTelegram, bot: RunningBot
) -> None:
    await say(fake, ASKER, "tôi muốn gặp cán bộ hỗ trợ")
    await press(fake, ASKER, "rq:new:general")
    await say(fake, ASKER, "máy in " + "lỗi " * 2500)
    mark = len(fake.calls)
    replies = await say(fake, ASKER, "Hạc Thành", count=2)
    assert "giữ 4000 ký tự" in replies[0].text and "#1" in replies[1].text
    parts = await fake.wait_for("sendMessage", STAFF, after=mark, count=2)
    assert all(len(p.text) <= 4096 for p in parts) and parts[-1].buttons  # split, buttons last
    assert bot.services and len((await bot.services.store.requests.get(1)).question) == 4000


async def test_a_flood_of_requests_is_limited_politely(
    fake: FakeTelegram, bot: RunningBot
) -> None:
    for _ in range(5):
        await make_request(fake)
    await say(fake, ASKER, "tôi muốn gặp cán bộ hỗ trợ")
    (limited,) = await press(fake, ASKER, "rq:new:general")
    assert "đã gửi 5 yêu cầu" in limited.text
    assert bot.services and len(await bot.services.store.requests.where()) == 5


async def test_staff_reply_to_a_resolved_request_reopens_it(
    fake: FakeTelegram, bot: RunningBot
) -> None:
    card = await make_request(fake)
    mark = len(fake.calls)
    await fake.press_on(card, "rq:done:1", user_id=STAFFER)
    await fake.wait_for("sendMessage", ASKER, after=mark)
    mark = len(fake.calls)
    await fake.reply_to(card, "Anh thử lại giúp em", user_id=STAFFER)
    (told,) = await fake.wait_for("sendMessage", STAFF, after=mark)
    assert "đã đóng trước đó" in told.text and "mở lại" in told.text
    await fake.wait_for("sendMessage", ASKER, after=mark)
    assert bot.services
    req = await bot.services.store.requests.get(1)
    assert req and req.state == "answered" and req.reopened == 1


async def test_replies_to_other_messages_are_left_alone(
    fake: FakeTelegram, bot: RunningBot
) -> None:
    card = await make_request(fake)
    mark = len(fake.calls)
    (status,) = [c for c in fake.calls if c.method == "sendMessage" and c.chat_id == str(ASKER)][
        :1
    ]
    # In the staff group: chatter and a reply to a bot message that is no request are ignored.
    await fake.send_text(STAFF, "Ai trực hôm nay?", user_id=STAFFER)
    await fake.reply_to(
        Call("sendMessage", {"chat_id": STAFF}, result={**card.result, "message_id": 1}),
        "ok",
        user_id=STAFFER,
    )
    # In a private chat: a reply to an ordinary answer is an ordinary message.
    await fake.reply_to(status, "máy in kẹt giấy", user_id=ASKER)
    await fake.wait_for("sendMessage", ASKER, after=mark)
    assert not fake.sent(STAFF, after=mark)


async def test_a_blocked_asker_is_reported_to_staff(fake: FakeTelegram, bot: RunningBot) -> None:
    card = await make_request(fake)
    fake.blocked.add(str(ASKER))
    mark = len(fake.calls)
    await fake.reply_to(card, "Anh kiểm tra lại dây nguồn", user_id=STAFFER)
    notes = await fake.wait_for("sendMessage", STAFF, after=mark, count=2)
    assert "Không gửi được tin nhắn tới người hỏi yêu cầu #1" in notes[-1].text
    assert notes[-1].thread == card.thread


async def test_asker_phones_only_for_staff(fake: FakeTelegram, bot: RunningBot) -> None:
    card = await make_request(fake)
    (refused,) = await press(fake, OTHER, "rq:ph:1")
    assert "Chỉ cán bộ hỗ trợ" in refused.text
    mark = len(fake.calls)
    await fake.press_on(card, "rq:ph:1", user_id=STAFFER)
    (shown,) = await fake.wait_for("sendMessage", STAFF, after=mark)
    assert "chưa đăng ký số điện thoại" in shown.text and shown.thread == card.thread


@pytest.mark.parametrize("group", ["missing", "no topics", "not admin"])
async def test_an_unusable_staff_group_still_records_requests(
    fake: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture, group: str
) -> None:
    if group != "missing":
        fake.add_group(STAFF, forum=group != "no topics", admin=group != "not admin")
    caplog.set_level(logging.ERROR)
    running = RunningBot(request_settings(tmp_path, fake, None), MovingClock(MONDAY_9))
    await running.start()
    try:
        (notice,) = await fake.wait_for("sendMessage", COORDINATOR)
        assert "BOT_STAFF_CHAT" in notice.text
        assert any("staff group" in r.message for r in caplog.records)
        await say(fake, ASKER, "tôi muốn gặp cán bộ hỗ trợ")
        await press(fake, ASKER, "rq:new:general")
        await say(fake, ASKER, "máy in kẹt giấy")
        mark = len(fake.calls)
        await say(fake, ASKER, "Hạc Thành")
        (card,) = await fake.wait_for("sendMessage", COORDINATOR, after=mark)
        assert "#1" in card.text  # the coordinator gets the request instead
        assert not fake.sent(STAFF)
    finally:
        await running.stop()
