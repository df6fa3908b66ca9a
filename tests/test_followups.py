"""What users say after an answer, on the engine, the real PTB stack and the Zalo client."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.chat import Incoming, Person, Reply
from bot.commands.followup import follow_up_kind
from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import Chat, Clock
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo

ME = Person("console", "f1", "Lan")
GENERAL_PHONE = "0915 351 008"


def said(replies: list[Reply]) -> str:
    return "\n".join("".join(s.text for s in r.text) for r in replies)


async def ask(engine: Engine, text: str, chat: str = "f1") -> list[Reply]:
    return await engine.handle(Incoming("console", chat, ME, "text", text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("vẫn không được ạ", "still"),
        ("em làm theo rồi mà vẫn bị", "still"),
        ("thử hết rồi không ăn thua", "still"),
        ("có số nào khác không anh", "other"),
        ("còn ai khác phụ trách không", "other"),
        ("gọi mãi chẳng ai nghe", "no_answer"),
        ("gọi không ai bắt máy", "no_answer"),
        ("số đó thuê bao không liên lạc được", "no_answer"),
        ("cho em trao đổi với cán bộ kỹ thuật", "person"),
        ("van k dc a", "still"),  # chat shorthand, read as the router reads it
        ("goi hk ai nghe", "no_answer"),
        ("co sdt khac ko", "other"),
        ("máy in không in được", None),
        ("modem đèn los đỏ", None),
    ],
)
def test_follow_up_kinds(text: str, kind: str | None) -> None:
    assert follow_up_kind(text) == kind


@pytest.mark.parametrize(
    ("first", "then", "topic_name", "phone"),
    [
        ("token không nhận trên máy văn thư", "vẫn chưa được", "Chữ ký số", GENERAL_PHONE),
        ("hệ thống báo cáo không nộp được", "gọi không ai nghe máy", "báo cáo", "0974 065 768"),
        ("họp trực tuyến bị vọng tiếng", "gọi mãi không ai nghe máy", "Hội nghị", "0947"),
        ("hồ sơ một cửa không đồng bộ", "thử lại rồi vẫn lỗi", "hành chính", "0989 772 229"),
    ],
)
async def test_follow_up_stays_on_the_topic_just_answered(
    engine: Engine, first: str, then: str, topic_name: str, phone: str
) -> None:
    await ask(engine, first)
    replies = await ask(engine, then)
    text = said(replies)
    assert topic_name in text and phone in text
    assert GENERAL_PHONE in text  # the general contact 4.1 as the next step
    values = [c.value for r in replies for c in r.choices]
    # The hand-off to a person, offered exactly when a request desk handles its button.
    assert any(v.startswith("rq:new:") for v in values) == ("rq" in engine.choices)
    assert "menu" in values
    assert "chọn chủ đề gần nhất" not in text.lower()  # not a fresh menu


async def test_asking_for_a_person_opens_a_request_on_the_topic_just_answered(
    engine: Engine,
) -> None:
    # The request desk (bot/requests) takes "tôi muốn nói chuyện với cán bộ" itself: a support
    # request on the last question's topic, not a fresh topic menu.
    await ask(engine, "họp trực tuyến bị vọng tiếng")
    replies = await ask(engine, "tôi muốn nói chuyện với cán bộ")
    assert "chọn chủ đề gần nhất" not in said(replies).lower()
    assert not any(c.value.startswith("t:") for r in replies for c in r.choices)
    open_now = await engine.s.store.conversations.get("console", "f1")
    assert open_now is not None and "video_conference" in str(open_now[1])


@pytest.mark.parametrize("between", ["vẫn chưa được", "có số khác không", "cảm ơn"])
async def test_asking_for_a_person_after_a_follow_up_keeps_the_topic(
    engine: Engine, between: str
) -> None:
    # The message before the hand-off was a follow-up (or thanks), not a question with a
    # topic: the request still goes to the topic the chat was answered on.
    await ask(engine, "token không nhận trên máy văn thư")
    await ask(engine, between)
    replies = await ask(engine, "tôi muốn nói chuyện với cán bộ")
    assert not any(c.value.startswith("rq:new:") for r in replies for c in r.choices)
    open_now = await engine.s.store.conversations.get("console", "f1")
    assert open_now is not None and "digital_signature" in str(open_now[1])


async def test_handoff_is_offered_once_a_request_desk_handles_it(engine: Engine) -> None:
    async def desk(inc: Incoming) -> list[Reply]:
        return []

    engine.choices.setdefault("rq", desk)  # bot/requests registers its own desk here
    await ask(engine, "token không nhận")
    replies = await ask(engine, "vẫn chưa được")
    assert "rq:new:digital_signature" in [c.value for r in replies for c in r.choices]


async def test_other_number_leaves_out_those_already_given(engine: Engine) -> None:
    await ask(engine, "hồ sơ một cửa không đồng bộ")  # the answer gave both of its contacts
    text = said(await ask(engine, "có số khác không"))
    assert "0989 772 229" not in text and "0948 985 999" not in text
    assert GENERAL_PHONE in text


async def test_other_number_when_the_answer_gave_them_all_says_so(engine: Engine) -> None:
    await ask(engine, "máy in kẹt giấy")  # general: one contact, already given
    text = said(await ask(engine, "còn số nào khác không?"))
    assert "chỉ có một đầu mối" in text and GENERAL_PHONE in text
    await ask(engine, "hồ sơ một cửa không đồng bộ", chat="f2")  # both contacts given
    text = said(await ask(engine, "có số khác không", chat="f2"))
    assert "chỉ có các đầu mối vừa gửi" in text and GENERAL_PHONE in text


async def test_follow_up_without_context_is_routed_as_usual(engine: Engine) -> None:
    replies = await ask(engine, "vẫn chưa được", chat="f9")
    assert not any(c.value.startswith("rq:new:") for r in replies for c in r.choices)


async def test_follow_up_naming_another_topic_gets_that_topic(engine: Engine) -> None:
    await ask(engine, "token không nhận")
    text = said(await ask(engine, "giờ thì vẫn không vào được hệ thống báo cáo"))
    assert "0974 065 768" in text and "0917 672 989" not in text


async def test_context_expires(engine: Engine, clock: Clock) -> None:
    await ask(engine, "token không nhận")
    clock.now += timedelta(hours=4)
    replies = await ask(engine, "vẫn chưa được")
    assert not any(c.value.startswith("rq:new:") for r in replies for c in r.choices)


# --- Telegram: the real PTB stack against the fake Bot API ---------------------------------


@pytest.mark.usefixtures("telegram")
async def test_follow_ups_on_telegram(fake: FakeTelegram, services: Deps) -> None:
    chat = Chat(fake, 7301)
    await chat.send("mạng viettel chập chờn cả buổi")
    assert "0977 719 888" in chat.last_text  # the operator named in the text
    assert "0947 363 368" not in chat.last_text
    await chat.send("còn số nào khác không?")
    text = chat.last_text
    assert "Đường truyền" in text and "0947 363 368" in text and "0906 495 666" in text
    assert GENERAL_PHONE in text
    buttons = [value for _, value in chat.replies[-1].buttons]
    assert ("rq:new:network" in buttons) == ("rq" in Engine(services).choices)
    assert "menu" in buttons
    await chat.send("gọi không ai nghe máy")
    assert "Đường truyền" in chat.last_text and "đang bận" in chat.last_text


# --- Zalo: our client against the fake Zalo Bot API ----------------------------------------


@pytest.mark.usefixtures("zalo")
async def test_follow_ups_on_zalo(zfake: FakeZalo, services: Deps) -> None:
    await zfake.text("z1", "phần mềm theo dõi nhiệm vụ không lưu được tiến độ")
    await zfake.wait_sent("z1")
    await zfake.text("z1", "em làm rồi mà vẫn không được")
    follow = (await zfake.wait_sent("z1", 2))[1]
    assert "Theo dõi nhiệm vụ" in follow and "0945 071 777" in follow
    assert GENERAL_PHONE in follow
    handoff = "rq" in Engine(services).choices
    assert ("1. 🆘 Tạo yêu cầu hỗ trợ" in follow) == handoff
    other = "2" if handoff else "1"
    assert f"{other}. Chọn chủ đề khác" in follow
    await zfake.text("z1", other)  # "another topic": the menu
    menu = (await zfake.wait_sent("z1", 3))[2]
    assert "1. Hỗ trợ chung" in menu
