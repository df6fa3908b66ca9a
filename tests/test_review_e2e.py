"""The review queue end to end: a coordinator labels in chat, the bot restarts, the label is used.

Telegram through the real PTB stack against the fake Bot API; Zalo with numbered options
against the fake Zalo Bot API; real SQLite; the restart is a fresh `open_services`.
"""

from __future__ import annotations

from bot.channels.telegram import TelegramChannel
from bot.engine import Engine
from bot.runner import open_services
from bot.settings import Settings
from tests.conftest import COORDINATOR, Chat, Clock, zalo_only_bot
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo

# Names no system and no symptom the lexicon knows: the router must offer the menu.
QUESTION = "bên em cần người xuống xem giúp cái tủ rack"
NETWORK_PHONE = "0947 363 368"


async def _telegram(settings: Settings, fake: FakeTelegram, clock: Clock):
    settings.telegram_api_url = fake.root
    services = await open_services(settings, clock)
    channel = TelegramChannel(services, Engine(services))
    await channel.start()
    return services, channel


async def _stop(services, channel) -> None:
    await channel.stop()
    await services.store.close()


async def test_label_in_chat_then_restart_routes_the_question_by_the_label(
    settings: Settings, fake: FakeTelegram, clock: Clock
) -> None:
    services, channel = await _telegram(settings, fake, clock)
    try:
        asker = Chat(fake, 811)
        await asker.send(QUESTION)
        # precondition: no topic, the menu (as unsure or as "not a question": both queue it)
        assert "chọn" in asker.last_text and NETWORK_PHONE not in asker.last_text
        boss = Chat(fake, COORDINATOR)
        await boss.send("/review")
        (card,) = boss.replies
        assert QUESTION in card.text and "còn 1 câu" in card.text
        assert "Bot chưa chắc" in card.text
        labels = dict(card.buttons)
        assert len(labels) == 10  # 8 topics, not support, skip
        network = next(d for label, d in card.buttons if d.endswith(":network"))
        await boss.press(network, expect=2)
        assert "Đã ghi nhãn" in boss.all_text and "#1" in boss.all_text
        assert "Không còn câu hỏi nào cần xem lại" in boss.last_text
        await asker.send(QUESTION)
        assert NETWORK_PHONE not in asker.last_text, "the label waits for the next start-up"
    finally:
        await _stop(services, channel)

    services, channel = await _telegram(settings, fake, clock)
    try:
        asker = Chat(fake, 811)
        await asker.send(QUESTION)
        assert NETWORK_PHONE in asker.replies[0].text
        assert "Thử xử lý ban đầu" in asker.replies[0].text
    finally:
        await _stop(services, channel)
    assert fake.errors == [], fake.errors


async def test_only_unsure_questions_are_queued_and_only_coordinators_review(
    settings: Settings, fake: FakeTelegram, clock: Clock
) -> None:
    services, channel = await _telegram(settings, fake, clock)
    try:
        asker = Chat(fake, 812)
        await asker.send("máy in phòng văn thư bị kẹt giấy liên tục")  # answered: general
        await asker.send("/review")
        assert "chỉ dành cho điều phối viên" in asker.last_text
        await asker.press("rv:1:network")
        assert "chỉ dành cho điều phối viên" in asker.last_text
        boss = Chat(fake, COORDINATOR)
        await boss.send("/review")
        assert "Không còn câu hỏi nào" in boss.last_text  # answered and not corrected
        await asker.send("bị lỗi rồi, giúp em với")  # unsure: the ranked menu
        picked = dict((d.split(":")[1], d) for _, d in asker.replies[0].buttons)["reporting"]
        await asker.press(picked)  # the asker's own choice is stored with the question
        await boss.send("/review")
        card = boss.replies[0]
        assert "bị lỗi rồi, giúp em với" in card.text
        assert (
            "Bot chưa chắc" in card.text
            and "Người hỏi đã chọn: Hệ thống báo cáo tỉnh" in card.text
        )
        for forged in ("rv:99999:network", "rv:2:no_such_topic", "rv:x:none", "rv:"):
            await boss.press(forged, expect=2)
            assert "không còn hiệu lực" in boss.replies[0].text
        skip = next(d for _, d in card.buttons if d.endswith(":skip"))
        await boss.press(skip, expect=2)
        assert "Đã bỏ qua" in boss.all_text and "Không còn câu hỏi" in boss.last_text
        assert await services.store.labels.taught_examples() == []  # a skip teaches nothing
    finally:
        await _stop(services, channel)
    assert fake.errors == [], fake.errors


async def test_zalo_numbered_review_marks_not_support_and_the_router_learns_it(
    settings: Settings, zfake: FakeZalo, clock: Clock
) -> None:
    text = "chiều nay anh chị ở xã không vào được"
    async with zalo_only_bot(settings, zfake, clock, "zalo:boss"):
        await zfake.text("u7", text)
        await zfake.wait_sent("u7")
        await zfake.text("boss", "/review")
        (card,) = await zfake.wait_sent("boss")
        assert text in card and "9. 🚫 Không phải câu hỏi hỗ trợ" in card
        assert "10. ⏭ Bỏ qua" in card and "1. Hỗ trợ chung" in card
        await zfake.text("boss", "9")
        sent = await zfake.wait_sent("boss", 3)
        assert "Đã ghi nhãn “không phải câu hỏi hỗ trợ”" in sent[1]
        assert "Không còn câu hỏi nào" in sent[2]
    restarted = await open_services(settings, clock)
    try:
        assert await restarted.store.labels.taught_examples() == [(text, None)]
        route = restarted.router.route(text)
        assert route.topic is None and not route.unsure  # no menu guess: not a support request
    finally:
        await restarted.store.close()
