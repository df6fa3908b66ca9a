""" "Chủ đề khác" under a confident answer: the asker corrects the topic, the review queue sees it.

Telegram through the real PTB stack against the fake Bot API; Zalo with numbered options
against the fake Zalo Bot API; real SQLite.
"""

from __future__ import annotations

from bot.deps import Deps
from bot.settings import Settings
from tests.conftest import COORDINATOR, Chat, Clock, zalo_only_bot
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo

# Confidently routed to document management; the asker meant the task-tracking system.
QUESTION = "không vào được phần mềm quản lý văn bản"
ROUTED, PICKED = "document_management", "task_tracking"
PICKED_PHONE = "0945 071 777"  # the task-tracking contact (data/contacts.yaml)


def _other_topic_button(chat: Chat) -> str:
    (answer,) = chat.replies
    found = [data for label, data in answer.buttons if label == "Chủ đề khác"]
    assert len(found) == 1, answer.buttons
    return found[0]


def _topic_buttons(chat: Chat) -> dict[str, str]:
    """Topic key → button data of the menu last shown (``t:<key>`` or ``t:<key>:<id>``)."""
    return {data.split(":")[1]: data for _, data in chat.replies[-1].buttons}


async def _review_card(fake: FakeTelegram) -> str:
    boss = Chat(fake, COORDINATOR)
    await boss.send("/review")
    return boss.last_text


async def test_confident_answer_corrected_by_the_asker_reaches_the_review_queue(
    telegram, fake: FakeTelegram, services: Deps
) -> None:
    asker = Chat(fake, 821)
    await asker.send(QUESTION)
    assert "0975 124 203" in asker.last_text, "precondition: a confident answer"
    assert "Không còn câu hỏi nào" in await _review_card(fake)  # confident: not queued
    other = _other_topic_button(asker)
    await asker.press(other)
    assert "Quản lý văn bản (QLVB)" in asker.last_text  # says what the bot answered
    menu = _topic_buttons(asker)
    assert len(menu) == 8 and all(d.endswith(f":{other.split(':')[1]}") for d in menu.values())
    await asker.press(menu[PICKED])
    assert PICKED_PHONE in asker.last_text and "0975 124 203" not in asker.last_text
    question = await services.store.questions.get(int(other.split(":")[1]))
    assert question is not None
    assert (question.topic, question.chosen_topic) == (ROUTED, PICKED)
    card = await _review_card(fake)
    assert QUESTION in card and "còn 1 câu" in card
    assert "Bot đã trả lời: Quản lý văn bản (QLVB)" in card
    assert "Người hỏi đã chọn: Theo dõi nhiệm vụ" in card
    # The corrected answer can be corrected again: back to the routed topic leaves the queue.
    await asker.press(_other_topic_button(asker))
    assert "Theo dõi nhiệm vụ" in asker.last_text
    await asker.press(_topic_buttons(asker)[ROUTED])
    assert "0975 124 203" in asker.last_text
    assert "Không còn câu hỏi nào" in await _review_card(fake)


async def test_picking_the_routed_topic_again_does_not_queue_the_question(
    telegram, fake: FakeTelegram, services: Deps
) -> None:
    asker = Chat(fake, 822)
    await asker.send(QUESTION)
    await asker.press(_other_topic_button(asker))
    await asker.press(_topic_buttons(asker)[ROUTED])
    assert "0975 124 203" in asker.last_text
    question = await services.store.questions.get(1)
    assert question is not None and question.chosen_topic == ROUTED
    assert "Không còn câu hỏi nào" in await _review_card(fake)


async def test_forged_or_stale_buttons_for_another_users_question_change_nothing(
    telegram, fake: FakeTelegram, services: Deps
) -> None:
    asker = Chat(fake, 823)
    await asker.send(QUESTION)
    other = _other_topic_button(asker)
    question_id = other.split(":")[1]
    intruder = Chat(fake, 824)
    for forged in (other, "menu:99999", "menu:0", "menu:abc", "menu:-1"):
        await intruder.press(forged)
        assert "không còn hiệu lực" in intruder.last_text, forged
        assert all(d.count(":") == 1 for d in _topic_buttons(intruder).values()), "unbound"
    await intruder.press(f"t:{PICKED}:{question_id}")  # a forged pick on the asker's question
    assert PICKED_PHONE in intruder.last_text  # the directory is public; the record is not
    assert all(label != "Chủ đề khác" for label, _ in intruder.replies[0].buttons)
    question = await services.store.questions.get(int(question_id))
    assert question is not None and question.chosen_topic is None
    assert "Không còn câu hỏi nào" in await _review_card(fake)
    await asker.press("menu")  # the plain menu (follow-ups, /start) still works
    assert all(d.count(":") == 1 for d in _topic_buttons(asker).values())


async def test_zalo_numbered_other_topic_correction_is_reviewed(
    settings: Settings, zfake: FakeZalo, clock: Clock
) -> None:
    async with zalo_only_bot(settings, zfake, clock, "zalo:boss"):
        await zfake.text("u8", QUESTION)
        (answer,) = await zfake.wait_sent("u8")
        option = next(line for line in answer.splitlines() if line.endswith(". Chủ đề khác"))
        await zfake.text("u8", option.split(".")[0])
        menu = (await zfake.wait_sent("u8", 2))[1]
        assert "Quản lý văn bản (QLVB)" in menu.split("\n")[0]
        pick = next(line for line in menu.splitlines() if line.endswith(". Theo dõi nhiệm vụ"))
        await zfake.text("u8", pick.split(".")[0])
        picked = (await zfake.wait_sent("u8", 3))[2]
        assert PICKED_PHONE in picked and "0975 124 203" not in picked
        await zfake.text("boss", "/review")
        (card,) = await zfake.wait_sent("boss")
        assert QUESTION in card and "Bot đã trả lời: Quản lý văn bản (QLVB)" in card
        assert "Người hỏi đã chọn: Theo dõi nhiệm vụ" in card
