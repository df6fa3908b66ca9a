"""The real PTB stack, polling a fake Bot API on 127.0.0.1, with real update JSON."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot import texts
from tests.conftest import COORDINATOR, Chat
from tests.fake_telegram import BOT_USERNAME, FakeTelegram

pytestmark = pytest.mark.usefixtures("telegram")

QUESTIONS = {
    "general": ("máy in phòng văn thư bị kẹt giấy liên tục", "0915 351 008", "+84915351008"),
    "digital_signature": ("cắm usb token vào không ký số được", "0917 672 989", "+84917672989"),
    "document_management": ("văn bản đến không hiện trong sổ trên qlvb", "0975 124 203", None),
    "video_conference": ("micro phòng họp trực tuyến bị rè", "0947 815 789", None),
    "public_service_center": ("hồ sơ dịch vụ công không về một cửa", "0948 985 999", None),
    "task_tracking": ("phần mềm theo dõi nhiệm vụ không cập nhật được", "0945 071 777", None),
    "reporting": ("không nộp được báo cáo định kỳ trên hệ thống báo cáo", "0974 065 768", None),
    "network": ("mat mang ca tru so tu sang", "0947 363 368", None),
}


async def test_start_shows_the_topic_menu(fake: FakeTelegram) -> None:
    chat = Chat(fake, 501)
    await chat.send("/start")
    menu = chat.replies[0]
    assert "Xin chào Lan" in menu.text
    assert len(menu.buttons) == 8
    assert ("Chữ ký số, USB token", "t:digital_signature") in menu.buttons


async def test_commands_are_registered_in_vietnamese(fake: FakeTelegram) -> None:
    calls = [c for c in fake.calls if c.method == "setMyCommands"]
    assert calls, "setMyCommands was not called at start-up"
    descriptions = [c["description"] for c in calls[0].params["commands"]]
    assert "Danh bạ đầu mối hỗ trợ của tỉnh" in descriptions


@pytest.mark.parametrize("topic", list(QUESTIONS))
async def test_each_topic_reaches_its_contact(fake: FakeTelegram, topic: str) -> None:
    question, phone, e164 = QUESTIONS[topic]
    chat = Chat(fake, 600 + list(QUESTIONS).index(topic))
    await chat.send(question)
    (answer,) = chat.replies  # one Bot API message per answer
    assert phone in answer.text
    assert "Thử xử lý ban đầu" in answer.text
    saves = [data for label, data in answer.buttons if label.startswith("📇 Lưu")]
    assert saves, "the answer offers the contact card as a button"
    await chat.press(saves[0])
    (card,) = chat.replies
    assert card.method == "sendContact"
    if e164:
        assert card.params["phone_number"] == e164


async def test_contact_card_setting_sends_it_with_the_answer(fake: FakeTelegram, services) -> None:
    services.settings.contact_card = True
    chat = Chat(fake, 615)
    await chat.send("máy in phòng văn thư bị kẹt giấy liên tục", expect=2)
    assert [c.method for c in chat.replies] == ["sendMessage", "sendContact"]
    assert chat.replies[1].params["phone_number"] == "+84915351008"


async def test_network_without_known_operator_lists_all_three(fake: FakeTelegram) -> None:
    chat = Chat(fake, 620)
    await chat.send("wifi trụ sở xã mất kết nối từ sáng")
    for phone in ("0947 363 368", "0977 719 888", "0906 495 666"):
        assert phone in chat.replies[0].text
    saves = [data for label, data in chat.replies[0].buttons if label.startswith("📇 Lưu số")]
    assert len(saves) == 3  # one card button per operator's contact
    await chat.press(saves[2])
    assert chat.replies[0].params["phone_number"] == "+84906495666"


async def test_unsure_offers_ranked_menu_and_press_answers(fake: FakeTelegram) -> None:
    chat = Chat(fake, 630)
    await chat.send("bị lỗi rồi, giúp em với")
    assert "chọn giúp" in chat.last_text
    buttons = chat.replies[0].buttons
    assert len(buttons) == 8 and all(data.startswith("t:") for _, data in buttons)
    value = dict((d.split(":")[1], d) for _, d in buttons)["reporting"]
    await chat.press(value)
    assert "0974 065 768" in chat.replies[0].text
    assert any(c.method == "answerCallbackQuery" for c in fake.calls)


async def test_menu_press_gives_the_same_answer_as_a_question(fake: FakeTelegram) -> None:
    # The same topic heading and contacts; the tips may differ, since a question's tips are
    # chosen by the symptom it describes and a bare menu press describes none.
    chat = Chat(fake, 640)
    await chat.send("token không nhận, không ký số được")
    routed = chat.replies[0].text.split(texts.TIPS_TITLE)
    await chat.press("t:digital_signature")
    pressed = chat.replies[0].text.split(texts.TIPS_TITLE)
    assert pressed[0] == routed[0] and "0917 672 989" in pressed[0]
    assert len(pressed) == len(routed) == 2 and pressed[1].strip() and routed[1].strip()


async def test_stale_or_forged_button_gets_the_menu(fake: FakeTelegram) -> None:
    chat = Chat(fake, 650)
    await chat.press("t:no_such_topic")
    assert "không còn hiệu lực" in chat.last_text
    await chat.press("zzz:1")
    assert "không còn hiệu lực" in chat.last_text
    for forged in ("card:general:99", "card:nope:0", "card:general:-1", "card:"):
        await chat.press(forged)
        assert "không còn hiệu lực" in chat.last_text


async def test_group_answers_mentions_and_replies_not_chatter(fake: FakeTelegram) -> None:
    group = Chat(fake, -100500, user_id=701)
    mark = len(fake.calls)
    await fake.send_text(-100500, "hôm nay trời nóng quá, mất mạng ở nhà", user_id=701)
    await group.send(f"@{BOT_USERNAME} máy in bị kẹt giấy")
    assert "0915 351 008" in group.replies[0].text
    # Updates are handled in order, so the chatter before the mention got no answer at all.
    assert len(fake.sent(-100500, after=mark)) == 1
    await group.send("ký số báo lỗi chứng thư", reply_to_bot=True)
    assert "0917 672 989" in group.replies[0].text


async def test_an_anonymous_group_admin_is_not_greeted_as_group(fake: FakeTelegram) -> None:
    group = Chat(fake, -100700, user_id=1087968824)
    anonymous = {"id": 1087968824, "is_bot": True, "first_name": "Group"}
    update = fake.message(-100700, f"/start@{BOT_USERNAME}", sender_chat=fake.chat(-100700))
    update["from"] = anonymous | {"username": "GroupAnonymousBot"}
    await group._exchange(fake.push({"message": update}), 1)
    assert "Xin chào" in group.last_text and "Group" not in group.last_text


async def test_group_command_for_another_bot_is_ignored(fake: FakeTelegram) -> None:
    group = Chat(fake, -100600, user_id=702)
    mark = len(fake.calls)
    await fake.send_text(-100600, "/start@some_other_bot", user_id=702)
    await group.send(f"/help@{BOT_USERNAME}")
    assert len(fake.sent(-100600, after=mark)) == 1
    assert "Cách dùng" in group.last_text


async def test_sticker_and_photo_get_a_request_for_words(fake: FakeTelegram) -> None:
    chat = Chat(fake, 660)
    await chat.sticker()
    assert "mô tả sự cố" in chat.last_text
    await chat.photo()
    assert "mô tả sự cố" in chat.last_text


@pytest.mark.parametrize(
    "text",
    [
        "<b>máy in</b> & <script>alert(1)</script> không in được",
        "tên file là bao_cao_*quy*_[1].docx, ký số <lỗi> & & &amp;",
        "🙏🙏🙏",
        "...",
        "a" * 5000,
        "`code` *bold* _italic_ [link](http://x) <a href='x'>",
    ],
)
async def test_hostile_text_never_causes_a_400(fake: FakeTelegram, text: str) -> None:
    chat = Chat(fake, 670)
    await chat.send(text)
    assert chat.replies and chat.replies[0].text
    # fixture teardown asserts the fake recorded no 4xx from the bot


async def test_unknown_command_is_answered_politely(fake: FakeTelegram) -> None:
    chat = Chat(fake, 680)
    await chat.send("/xoa_het_du_lieu now")
    assert "không có lệnh /xoa_het_du_lieu" in chat.last_text


async def test_edited_question_is_answered_again(fake: FakeTelegram) -> None:
    chat = Chat(fake, 690)
    await chat.edit("modem đèn los đỏ, mất mạng")
    assert "Đường truyền" in chat.replies[0].text


async def test_stats_only_for_coordinators(fake: FakeTelegram) -> None:
    asker = Chat(fake, 710)
    await asker.send("máy in hết mực")
    await asker.send("/stats")
    assert "chỉ dành cho điều phối viên" in asker.last_text
    coordinator = Chat(fake, COORDINATOR)
    await coordinator.send("/stats")
    assert "Hỗ trợ chung: máy tính, máy in, email: 1 / 1" in coordinator.last_text


async def test_contacts_lists_the_whole_directory(fake: FakeTelegram) -> None:
    chat = Chat(fake, 720)
    await chat.send("/contacts")
    assert chat.last_text.count("•") == 11


async def test_429_on_a_reply_is_resent_from_the_outbox(
    fake: FakeTelegram, running_outbox, clock
) -> None:
    """A reply refused with 429 is not dropped: the outbox sends it once the wait is over."""
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    mark = len(fake.calls)
    await fake.send_text(730, "/help")
    await fake.wait_for("sendMessage", chat_id=730, after=mark)  # the refused attempt
    assert fake.sent(730, after=mark) == []
    for _ in range(100):  # until the reply is a row of the outbox
        if await running_outbox.s.store.outbox.next_at():
            break
        await asyncio.sleep(0.02)
    clock.now += timedelta(seconds=3)  # the services' clock: the retry falls due
    running_outbox.wake()
    (reply,) = await fake.wait_for(chat_id=730, after=mark)
    assert "Cách dùng" in reply.text
    assert len([c for c in fake.calls[mark:] if c.method == "sendMessage"]) == 2


async def test_a_reply_written_while_another_waits_in_the_outbox_comes_after_it(
    fake: FakeTelegram, running_outbox, clock
) -> None:
    """Replies of one chat arrive in the order of the messages, even across a 429."""
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    mark = len(fake.calls)
    await fake.send_text(731, "/help")
    await fake.wait_for("sendMessage", chat_id=731, after=mark)  # the refused attempt
    for _ in range(100):  # until the reply is a row of the outbox
        if await running_outbox.s.store.outbox.next_at():
            break
        await asyncio.sleep(0.02)
    await fake.send_text(731, "/contacts")  # written while the help waits
    await asyncio.sleep(1.5)  # past the 429's wait: a direct send would have gone by now
    assert fake.sent(731, after=mark) == []
    clock.now += timedelta(seconds=3)
    running_outbox.wake()
    await fake.wait_for(chat_id=731, after=mark)
    clock.now += timedelta(seconds=2)  # one message a second in one chat
    running_outbox.wake()
    await fake.wait_for(chat_id=731, after=mark, count=2, timeout=10)
    first, second = fake.sent(731, after=mark)
    assert "Cách dùng" in first.text and second.text.count("•") == 11


async def test_replies_queued_before_a_restart_still_come_first(
    fake: FakeTelegram, services, telegram, clock
) -> None:
    from bot.outbox import Outbox
    from bot.outbox_codec import reply_to_json

    waiting = reply_to_json(texts.plain("Trả lời từ trước khi khởi động lại"))
    later = clock() + timedelta(seconds=30)
    await services.store.outbox.enqueue_reply("telegram", "733", "telegram:733", waiting, *(
        later, clock()))  # fmt: skip
    services.waiting_replies.clear()  # a new process: nothing in memory
    outbox = Outbox(services, {"telegram": telegram.sender})
    telegram.app.bot_data.engine.on_queued = outbox.wake
    outbox.start()
    try:
        for _ in range(100):  # the worker's start reads which chats have replies waiting
            if services.waiting_replies:
                break
            await asyncio.sleep(0.02)
        mark = len(fake.calls)
        await fake.send_text(733, "/help")
        await asyncio.sleep(1.0)
        assert fake.sent(733, after=mark) == []  # behind the row from before the restart
        clock.now += timedelta(seconds=31)
        outbox.wake()
        await fake.wait_for(chat_id=733, after=mark)
        clock.now += timedelta(seconds=2)
        outbox.wake()
        await fake.wait_for(chat_id=733, after=mark, count=2, timeout=10)
        first, second = fake.sent(733, after=mark)
        assert "từ trước" in first.text and "Cách dùng" in second.text
    finally:
        await outbox.stop()


async def test_blocking_the_bot_makes_the_user_unreachable(fake: FakeTelegram, services) -> None:
    chat = Chat(fake, 740)
    await chat.send("/start")
    assert [p.chat_id for p in await services.store.people.everyone()] == ["740"]
    await fake.block(740)
    await Chat(fake, 741).send("/help")  # the block came in the same batch or the one before
    for _ in range(100):  # other chats' updates run concurrently: give the block its turn
        if "740" not in [p.chat_id for p in await services.store.people.everyone()]:
            break
        await asyncio.sleep(0.02)
    assert "740" not in [p.chat_id for p in await services.store.people.everyone()]
