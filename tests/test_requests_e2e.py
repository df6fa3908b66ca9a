"""Support requests end to end: the real PTB stack and Zalo client against the fake APIs,
the real outbox and timers, a restart between every two steps."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import COORDINATOR
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo
from tests.requests_harness import STAFF, MovingClock, RunningBot, request_settings

ASKER, STAFFER = 4242, 7777
MONDAY_9 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 09:00 in Asia/Ho_Chi_Minh


async def restart(bot: RunningBot) -> RunningBot:
    await bot.stop()
    return await RunningBot(bot.settings, bot.clock).start()


def buttons(call) -> dict[str, str]:
    return {label: data for label, data in call.buttons}


async def open_request(fake: FakeTelegram, question: str = "không ký số được, token không nhận"):
    mark = len(fake.calls)
    await fake.send_text(ASKER, question)
    (answer,) = [c for c in await fake.wait_for("sendMessage", ASKER, after=mark)]
    create = buttons(answer)["🆘 Tạo yêu cầu hỗ trợ"]
    assert create.startswith("rq:new:digital_signature:")
    mark = len(fake.calls)
    await fake.press(ASKER, create)
    (ask,) = await fake.wait_for("sendMessage", ASKER, after=mark)
    assert "xã/phường nào" in ask.text  # not on a team: asked once
    mark = len(fake.calls)
    await fake.send_text(ASKER, "hac thanh")
    (done,) = await fake.wait_for("sendMessage", ASKER, after=mark)
    assert "Đã tạo yêu cầu hỗ trợ #1" in done.text


async def test_a_passing_fault_at_start_up_does_not_turn_the_staff_group_off(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    fake.add_group(STAFF)
    fake.fail_next("getChat", 502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
    fake.fail_next("getChatMember", 429, "Too Many Requests: retry after 1", retry_after=1)
    bot = await RunningBot(request_settings(tmp_path, fake, None), MovingClock(MONDAY_9)).start()
    try:
        assert len(fake.groups[str(STAFF)]["topics"]) == 8  # checked again, and set up
        await open_request(fake)
        (card,) = await fake.wait_for("sendMessage", STAFF)
        assert card.thread == fake.topic_of(STAFF, "Chữ ký số, USB token")
        warned = [c.text for c in fake.calls if c.chat_id == str(COORDINATOR)]
        assert not any("<html>" in t or "Bad Gateway" in t for t in warned)
    finally:
        await bot.stop()


async def test_a_deleted_staff_topic_falls_back_to_general_and_is_made_again(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    fake.add_group(STAFF)
    bot = await RunningBot(request_settings(tmp_path, fake, None), MovingClock(MONDAY_9)).start()
    try:
        old = fake.topic_of(STAFF, "Chữ ký số, USB token")
        del fake.groups[str(STAFF)]["topics"][old]  # an admin deleted the topic
        await open_request(fake)
        notices = await fake.wait_for("sendMessage", STAFF, count=2)
        assert "#1" in notices[-1].text and notices[-1].thread is None  # in General, not lost
        fake.errors.clear()  # the one refusal the deleted topic caused, on purpose
        new = fake.topic_of(STAFF, "Chữ ký số, USB token")
        assert new is not None and new != old  # made again for the next notices
    finally:
        await bot.stop()


async def test_whole_path_with_a_restart_between_steps(fake: FakeTelegram, tmp_path: Path) -> None:
    fake.add_group(STAFF)
    clock = MovingClock(MONDAY_9)
    bot = await RunningBot(request_settings(tmp_path, fake, None), clock).start()
    try:
        topics = fake.groups[str(STAFF)]["topics"]
        assert len(topics) == 8  # one forum topic per support topic, made by the bot
        thread = fake.topic_of(STAFF, "Chữ ký số, USB token")

        await open_request(fake)
        (card,) = await fake.wait_for("sendMessage", STAFF)
        assert card.thread == thread
        assert "#1" in card.text and "Phường Hạc Thành" in card.text and "token" in card.text
        assert set(buttons(card)) == {
            "🙋 Nhận xử lý",
            "✅ Đã giải quyết",
            "📞 SĐT người hỏi",
            "🚫 Đóng",
        }

        bot = await restart(bot)  # --- the link card → request survives in the database
        mark = len(fake.calls)
        await fake.reply_to(card, "Anh cắm lại token và cài lại driver nhé", user_id=STAFFER)
        (relayed,) = await fake.wait_for("sendMessage", ASKER, after=mark)
        assert "Trả lời yêu cầu #1" in relayed.text and "cài lại driver" in relayed.text
        await asyncio.sleep(0.3)  # its link is written right after the API answers
        (ack,) = await fake.wait_for("sendMessage", STAFF, after=mark)
        assert ack.thread == thread and "Đã chuyển tới người hỏi" in ack.text

        bot = await restart(bot)  # --- the asker answers the relayed message
        mark = len(fake.calls)
        await fake.reply_to(relayed, "Vẫn báo lỗi chứng thư", user_id=ASKER)
        (back,) = await fake.wait_for("sendMessage", STAFF, after=mark, count=1)
        assert back.thread == thread and "Vẫn báo lỗi chứng thư" in back.text

        bot = await restart(bot)  # --- follow-up after 2 working hours, once
        clock.jump(timedelta(hours=2, minutes=5))
        mark = len(fake.calls)
        await bot.tick()
        (follow,) = await fake.wait_for("sendMessage", ASKER, after=mark)
        assert set(buttons(follow)) == {"Đã giải quyết", "Chưa liên lạc được", "Vẫn còn lỗi"}
        bot = await restart(bot)
        await bot.tick()
        await bot.settle()
        assert [c for c in fake.sent(ASKER, after=mark) if "đã được hỗ trợ chưa" in c.text] == [
            follow
        ]

        mark = len(fake.calls)
        await fake.press(ASKER, buttons(follow)["Chưa liên lạc được"], user_id=ASKER)
        replies = await fake.wait_for("sendMessage", ASKER, after=mark, count=2)
        assert "Trần Mạnh Hùng" in replies[0].text  # the general contact (4.1) as backup
        (note,) = await fake.wait_for("sendMessage", STAFF, after=mark)
        assert "chưa liên lạc được" in note.text and note.thread == thread

        # --- escalation after one working day: the coordinator once, the staff topic once
        clock.jump(timedelta(hours=22))  # Tuesday 09:05
        bot = await restart(bot)  # the start-up tick sends what became due while down
        (escalated,) = await fake.wait_for("sendMessage", COORDINATOR, after=mark)
        assert "#1" in escalated.text and "Chữ ký số" in escalated.text
        bot = await restart(bot)
        await bot.tick()
        await bot.settle()
        assert len([c for c in fake.sent(COORDINATOR) if "một ngày làm việc" in c.text]) == 1

        # --- staff resolve → the asker is told and rates
        mark = len(fake.calls)
        await fake.press_on(card, "rq:done:1", user_id=STAFFER)
        (rate,) = await fake.wait_for("sendMessage", ASKER, after=mark)
        assert "đã được giải quyết" in rate.text and len(rate.buttons) == 5
        bot = await restart(bot)
        mark = len(fake.calls)
        await fake.press(ASKER, buttons(rate)["5"], user_id=ASKER)
        (thanks,) = await fake.wait_for("sendMessage", ASKER, after=mark)
        assert "5/5" in thanks.text
        bot = await restart(bot)  # the comment dialogue survives too
        mark = len(fake.calls)
        await fake.send_text(ASKER, "Cán bộ hỗ trợ rất nhiệt tình")
        await fake.wait_for("sendMessage", ASKER, after=mark)
        assert bot.services
        req = await bot.services.store.requests.get(1)
        assert req and req.state == "resolved" and req.rating == 5
        assert req.comment == "Cán bộ hỗ trợ rất nhiệt tình" and req.first_answer_at

        mark = len(fake.calls)
        await fake.send_text(COORDINATOR, "/stats")
        stats = await fake.wait_for("sendMessage", COORDINATOR, after=mark, count=1)
        assert "Yêu cầu hỗ trợ (30 ngày)" in stats[-1].text and "5.0/5" in stats[-1].text
    finally:
        await bot.stop()
    # Nothing relayed twice: every text reached its chat once.
    counts = Counter((c.chat_id, c.text) for c in fake.calls if c.method == "sendMessage")
    assert max(counts.values()) == 1, [k for k, n in counts.items() if n > 1]
    assert fake.errors == []


def number_of(message: str, label: str) -> str:
    """The number Zalo users type for an option."""
    return next(line.split(".")[0] for line in message.splitlines() if line.endswith(f". {label}"))


async def test_zalo_asker_answered_from_the_telegram_staff_group(
    fake: FakeTelegram, zfake: FakeZalo, tmp_path: Path
) -> None:
    fake.add_group(STAFF)
    clock = MovingClock(MONDAY_9)
    bot = await RunningBot(request_settings(tmp_path, fake, zfake), clock).start()
    user = "8a1b2c3d4e5f"
    try:
        await zfake.text(user, "mất mạng cả trụ sở từ sáng")
        (answer,) = await zfake.wait_sent(user, 1)
        number = next(
            line.split(".")[0] for line in answer.splitlines() if "Tạo yêu cầu hỗ trợ" in line
        )
        await zfake.text(user, number)
        await zfake.wait_sent(user, 2)
        await zfake.text(user, "Hạc Thành")
        created = (await zfake.wait_sent(user, 3))[-1]
        assert "Đã tạo yêu cầu hỗ trợ #1" in created
        (card,) = await fake.wait_for("sendMessage", STAFF)
        assert card.thread == fake.topic_of(STAFF, "Đường truyền, mạng LAN, wifi")
        assert "Zalo" in card.text

        bot = await restart(bot)
        await fake.reply_to(card, "Bên em đã kiểm tra, anh khởi động lại modem", user_id=STAFFER)
        relayed = (await zfake.wait_sent(user, 4))[-1]
        assert "Trả lời yêu cầu #1" in relayed and "khởi động lại modem" in relayed
        reply_number = next(
            line.split(".")[0] for line in relayed.splitlines() if line.endswith(". ↩️ Trả lời")
        )
        bot = await restart(bot)  # the numbered options of a relayed message are durable
        # The stopped bot's last long poll is still parked in the fake until its 1 s timeout;
        # an update pushed now would be handed to that dead connection.
        await asyncio.sleep(1.2)
        mark = len(fake.calls)
        await zfake.text(user, reply_number)
        assert "gõ nội dung" in (await zfake.wait_sent(user, 5))[-1]
        await zfake.text(user, "Đã khởi động lại, vẫn mất mạng")
        (back,) = await fake.wait_for("sendMessage", STAFF, after=mark)
        assert "vẫn mất mạng" in back.text and back.thread == card.thread

        # Follow-up, resolve and rating with numbers instead of buttons.
        clock.jump(timedelta(hours=2, minutes=5))
        await bot.tick()
        follow = (await zfake.wait_sent(user, 7))[-1]
        assert "đã được hỗ trợ chưa" in follow
        await asyncio.sleep(0.3)  # its numbered options are recorded as it is marked sent
        mark = len(fake.calls)
        await zfake.text(user, number_of(follow, "Chưa liên lạc được"))
        others = (await zfake.wait_sent(user, 9))[-2:]
        assert any("Trần Mạnh Hùng" in text for text in others)  # the general contact (4.1)
        (note,) = await fake.wait_for("sendMessage", STAFF, after=mark)
        assert "chưa liên lạc được" in note.text and note.thread == card.thread

        # One working day unresolved: escalated to the coordinator once, across a restart.
        clock.jump(timedelta(hours=22))  # Tuesday 09:05
        bot = await restart(bot)
        (escalated,) = await fake.wait_for("sendMessage", COORDINATOR, after=mark)
        assert "#1" in escalated.text and "Hạc Thành" in escalated.text
        await bot.tick()
        await bot.settle()
        assert len([c for c in fake.sent(COORDINATOR) if "một ngày làm việc" in c.text]) == 1

        # The contacts message keeps the follow-up's other answers: resolved, rated.
        assert "Vẫn còn lỗi" in others[-1]
        await asyncio.sleep(1.2)  # the stopped bot's last long poll is parked until it times out
        mark = len(fake.calls)
        await zfake.text(user, number_of(others[-1], "Đã giải quyết"))
        rate = (await zfake.wait_sent(user, 10))[-1]
        assert "chấm điểm" in rate
        await zfake.text(user, number_of(rate, "5"))
        assert "5/5" in (await zfake.wait_sent(user, 11))[-1]
        (confirmed,) = await fake.wait_for("sendMessage", STAFF, after=mark)
        assert "xác nhận" in confirmed.text
    finally:
        await bot.stop()
    assert fake.errors == []
