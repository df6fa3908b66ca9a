"""Questions that are not about a system: contacts by name or phone, the directory, the
campaign; operators named in the text; captions; tips chosen by symptom."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.chat import Incoming, Person, Reply
from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import Chat
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo

ME = Person("console", "l1", "Lan")


def said(replies: list[Reply]) -> str:
    return "\n".join("".join(s.text for s in r.text) for r in replies)


async def ask(engine: Engine, text: str) -> str:
    return said(await engine.handle(Incoming("console", "l1", ME, "text", text)))


@pytest.mark.parametrize(
    ("text", "name", "phone"),
    [
        ("cho xin số anh Hùng", "Trần Mạnh Hùng", "0915 351 008"),
        ("sdt chi Nguyet", "Lê Thị Bích Nguyệt", "0974 065 768"),
        ("liên hệ chị Phương thế nào", "Ngô Thị Phương", "0975 124 203"),
        ("anh Tuấn", "Hoàng Anh Tuấn", "0947 815 789"),
        ("Trịnh Bá Huy số mấy", "Trịnh Bá Huy", "0947 363 368"),
        ("sdt a Hòa", "Trần Trọng Hòa", "0945 071 777"),  # "a"/"c": chat for anh/chị
        ("cho xin số c Phương", "Ngô Thị Phương", "0975 124 203"),
    ],
)
async def test_contact_by_name(engine: Engine, text: str, name: str, phone: str) -> None:
    answer = await ask(engine, text)
    assert name in answer and phone in answer


async def test_a_shared_given_name_lists_everyone_with_it(engine: Engine) -> None:
    answer = await ask(engine, "số điện thoại anh Cường")
    assert "Phan Hoàng Cường" in answer and "Hàn Ngọc Cường" in answer
    assert "Viettel" in answer and "MobiFone" in answer


async def test_a_namesake_is_told_apart_by_the_system_named(engine: Engine) -> None:
    answer = await ask(engine, "số a Tiến bên một cửa")
    assert "Lê Hữu Tiến" in answer and "Đỗ Hữu Tiến" not in answer
    both = await ask(engine, "số anh Tiến")  # no system named: everyone with the name
    assert "Lê Hữu Tiến" in both and "Đỗ Hữu Tiến" in both


async def test_accents_keep_names_apart(engine: Engine) -> None:
    # "Hưng" is not "Hùng": no contact is made up for a name that is not in the directory.
    assert "Trần Mạnh Hùng" not in await ask(engine, "số anh Hưng")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("0915351008 là ai", "Trần Mạnh Hùng"),
        ("số 0977.719.888 của ai vậy", "Phan Hoàng Cường"),
        ("+84 989 772 229", "Lê Hữu Tiến"),
    ],
)
async def test_contact_by_phone(engine: Engine, text: str, name: str) -> None:
    assert name in await ask(engine, text)


async def test_unknown_phone_is_said_to_be_unknown(engine: Engine) -> None:
    answer = await ask(engine, "0912345678 là số của ai")
    assert "không có trong danh bạ" in answer and "0912 345 678" in answer


@pytest.mark.parametrize("text", ["danh bạ", "cho em xin danh sách đầu mối", "tất cả các số"])
async def test_directory(engine: Engine, text: str) -> None:
    answer = await ask(engine, text)
    assert "0915 351 008" in answer and "0906 495 666" in answer and "0974 065 768" in answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tổ hỗ trợ kỹ thuật cần mấy người?", ["06", "Đoàn viên thanh niên", "13/06/2025"]),
        ("to ho tro gom nhung ai", ["Cán bộ kỹ thuật doanh nghiệp viễn thông", "02"]),
        ("hạn nâng cấp mạng LAN là ngày nào?", ["Nâng cấp mạng LAN", "15/06/2025"]),
        ("khi nào phải xong 2 máy tính hội nghị", ["02 máy tính", "15/06/2025"]),
    ],
)
async def test_campaign_questions(engine: Engine, text: str, expected: list[str]) -> None:
    answer = await ask(engine, text)
    for part in expected:
        assert part in answer


async def test_a_moved_deadline_is_the_one_told(engine: Engine, services: Deps) -> None:
    await ask(engine, "danh bạ")  # the store is seeded by the first use
    moved = datetime.fromisoformat("2026-01-20T17:00+07:00")
    await services.store.tasks.move("lan_upgraded", moved)
    assert "20/01/2026" in await ask(engine, "thời hạn nâng cấp mạng lan")


async def test_support_questions_are_not_taken_for_campaign_ones(engine: Engine) -> None:
    answer = await ask(engine, "mạng LAN ở trụ sở mới chập chờn")
    assert "Đường truyền" in answer and "Hạn:" not in answer


@pytest.mark.parametrize(
    ("text", "phone", "absent"),
    [
        ("mạng viettel chập chờn", "0977 719 888", "0947 363 368"),
        ("mobifone mất sóng internet từ sáng", "0906 495 666", "0977 719 888"),
        ("đường truyền VNPT ở xã bị đứt cáp", "0947 363 368", "0906 495 666"),
        ("cho xin sđt bên viettel", "0977 719 888", "0947 363 368"),  # who to call, no symptom
    ],
)
async def test_operator_named_in_text(engine: Engine, text: str, phone: str, absent: str) -> None:
    answer = await ask(engine, text)
    assert phone in answer and absent not in answer
    assert "nhà mạng anh/chị nhắc tới" in answer


async def test_tips_follow_the_symptom(engine: Engine) -> None:
    login = await ask(engine, "không đăng nhập được phần mềm theo dõi nhiệm vụ, sai mật khẩu")
    tips = login.split("Thử xử lý ban đầu:")[1]
    assert tips.strip().startswith("• Không đăng nhập được")
    progress = await ask(engine, "cập nhật tiến độ nhiệm vụ bị lỗi đính kèm")
    assert progress.split("Thử xử lý ban đầu:")[1].strip().startswith("• Cập nhật tiến độ")
    printer = (await ask(engine, "máy in ko in được")).split("Thử xử lý ban đầu:")[1]
    assert "Máy in không in" in printer
    assert "virus" not in printer  # another symptom's tip is never a filler


@pytest.mark.usefixtures("telegram")
async def test_photo_caption_is_routed_on_telegram(fake: FakeTelegram) -> None:
    chat = Chat(fake, 7401)
    await chat._exchange(fake.send_photo(7401, caption="máy báo lỗi này khi ký số"), 1)
    assert "Chữ ký số" in chat.last_text and "0917 672 989" in chat.last_text
    await chat.photo()  # no caption: asked to describe it in words
    assert "0917 672 989" not in chat.last_text


@pytest.mark.usefixtures("zalo")
async def test_image_caption_is_routed_on_zalo(zfake: FakeZalo) -> None:
    await zfake.image("z7", caption="màn hình igate báo lỗi khi tiếp nhận hồ sơ")
    (answer,) = await zfake.wait_sent("z7")
    assert "hành chính công" in answer and "0948 985 999" in answer


async def test_the_same_words_from_another_channel_are_answered_for_that_channel(
    engine: Engine,
) -> None:
    # The look-ups keep the last message they read; an equal text from another chat or
    # channel is read again (Telegram gets the "save this number" button, the console not).
    text = "cho xin số anh Hùng"
    tg = Incoming("telegram", "t1", Person("telegram", "t1", "Lan"), "text", text)
    console = Incoming("console", "l1", ME, "text", text)
    buttons = []
    for inc in (tg, console, tg):
        (reply,) = await engine.handle(inc)
        buttons.append([c.value for c in reply.choices if c.value.startswith("card:")])
    assert buttons[0] == buttons[2] == ["card:general:0"] and buttons[1] == []
