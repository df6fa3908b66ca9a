"""A restart in the middle of opening a request; escalations combined; closing tells the asker."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.conftest import COORDINATOR
from tests.fake_telegram import FakeTelegram
from tests.requests_harness import STAFF, MovingClock, RunningBot, request_settings
from tests.test_requests_abuse import make_request, press, say, settle_link
from tests.test_requests_e2e import MONDAY_9


async def test_restart_in_the_middle_of_opening_a_request(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    fake.add_group(STAFF)
    bot = RunningBot(request_settings(tmp_path, fake, None), MovingClock(MONDAY_9))
    await bot.start()
    try:
        await say(fake, 4545, "tôi muốn gặp cán bộ hỗ trợ")
        await press(fake, 4545, "rq:new:reporting")
        await bot.stop()
        bot = RunningBot(bot.settings, bot.clock)
        await bot.start()
        (where,) = await say(fake, 4545, "báo cáo định kỳ bị trả lại")  # the dialogue resumes
        assert "xã/phường nào" in where.text
        await bot.stop()
        bot = RunningBot(bot.settings, bot.clock)
        await bot.start()
        (done,) = await say(fake, 4545, "Hạc Thành")
        assert "#1" in done.text
        (card,) = await fake.wait_for("sendMessage", STAFF)
        assert "báo cáo định kỳ bị trả lại" in card.text
        # The commune is remembered: the next request does not ask again.
        await say(fake, 4545, "tôi muốn gặp cán bộ hỗ trợ")
        await press(fake, 4545, "rq:new:network")
        (second,) = await say(fake, 4545, "mạng chập chờn")
        assert "#2" in second.text
    finally:
        await bot.stop()


async def test_escalations_come_combined_and_closing_tells_the_asker(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    fake.add_group(STAFF)
    clock = MovingClock(MONDAY_9)
    bot = RunningBot(request_settings(tmp_path, fake, None), clock)
    await bot.start()
    try:
        first = await make_request(fake, 4646)
        await make_request(fake, 4747)
        clock.jump(timedelta(days=1, minutes=5))
        mark = len(fake.calls)
        await bot.tick()
        await bot.settle()
        (combined,) = [c for c in fake.sent(COORDINATOR, after=mark) if "⏰" in c.text]
        assert "#1" in combined.text and "#2" in combined.text
        mark = len(fake.calls)
        await fake.press_on(first, "rq:close:1", user_id=7777)
        (told,) = await fake.wait_for("sendMessage", 4646, after=mark)
        assert "đã được cán bộ hỗ trợ đóng" in told.text
        await settle_link()
        mark = len(fake.calls)
        await fake.reply_to(told, "Vẫn chưa in được", user_id=4646)
        (back,) = await fake.wait_for("sendMessage", STAFF, after=mark)
        assert "Vẫn chưa in được" in back.text
        assert bot.services
        req = await bot.services.store.requests.get(1)
        assert req and req.state == "open" and req.reopened == 1
    finally:
        await bot.stop()
    assert fake.errors == []
