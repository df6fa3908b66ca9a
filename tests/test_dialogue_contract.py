"""The dialogue contract, walked for every multi-step flow on Telegram and on Zalo.

For each flow (register, member edit, broadcast, deadline, done) and channel, through the real
PTB stack against the fake Bot API and through our Zalo client against the fake Zalo API:
* every prompt carries the fixed cancel key: the last button on Telegram, `0` on Zalo;
* a rejected answer leaves the options exactly as they were (same labels, same numbers);
* `back` returns to the previous question with its options;
* cancel after something was entered asks first; cancel with nothing entered just ends;
* destructive steps (remove, close a deadline) need a confirmation naming the effect.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr

from bot.channels.zalo import ZaloChannel
from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import COORDINATOR, TOKEN, ZTOKEN, Chat
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo

OPTION = re.compile(r"^(\d+)\. (.+)$", re.M)


class TelegramUser:
    """Drives a flow with buttons."""

    channel = "telegram"

    def __init__(self, fake: FakeTelegram, user: int) -> None:
        self.chat = Chat(fake, user)
        self.key = f"telegram:{user}"

    async def send(self, text: str) -> None:
        await self.chat.send(text)
        await asyncio.sleep(0.1)

    @property
    def text(self) -> str:
        return self.chat.last_text

    @property
    def options(self) -> list[str]:
        for call in reversed(self.chat.replies):
            if call.buttons:
                return [label for label, _ in call.buttons]
        return []

    def cancel_is_fixed(self) -> bool:
        buttons = next((c.buttons for c in reversed(self.chat.replies) if c.buttons), [])
        return bool(buttons) and buttons[-1][1] == "f:cancel"

    async def choose(self, label: str) -> None:
        for call in reversed(self.chat.replies):
            for text, data in call.buttons:
                if text.startswith(label):
                    await self.chat.press(data)
                    await asyncio.sleep(0.1)
                    return
        raise AssertionError(f"no option {label!r} in {self.options}")

    async def cancel(self) -> None:
        buttons = next((c.buttons for c in reversed(self.chat.replies) if c.buttons), [])
        await self.chat.press(buttons[-1][1])
        await asyncio.sleep(0.1)


class ZaloUser:
    """Drives a flow with numbers, as a Zalo user does."""

    channel = "zalo"

    def __init__(self, fake: FakeZalo, user: str) -> None:
        self.fake, self.user = fake, user
        self.key = f"zalo:{user}"
        self.last: list[str] = []

    async def send(self, text: str) -> None:
        before = len(self.fake.to(self.user))
        await self.fake.text(self.user, text)
        await self.fake.wait_sent(self.user, before + 1)
        await asyncio.sleep(0.3)
        self.last = self.fake.to(self.user)[before:]

    @property
    def text(self) -> str:
        return self.last[-1] if self.last else ""

    @property
    def options(self) -> list[str]:
        return [f"{n}. {label}" for n, label in OPTION.findall(self.text)]

    def cancel_is_fixed(self) -> bool:
        return bool(re.search(r"^0\. ", self.text, re.M)) and "0 để hủy" in self.text

    async def choose(self, label: str) -> None:
        for number, text in OPTION.findall(self.text):
            if text.startswith(label):
                await self.send(number)
                return
        raise AssertionError(f"no option {label!r} in {self.options}")

    async def cancel(self) -> None:
        await self.send("0")


@pytest.fixture(params=["telegram", "zalo"])
async def person(request: Any, services: Deps) -> AsyncIterator[Any]:
    """A user on one channel; the real channel runs against its fake API for the test."""
    if request.param == "telegram":
        from bot.channels.telegram import TelegramChannel

        fake = FakeTelegram(TOKEN)
        await fake.start()
        services.settings.telegram_api_url = fake.root
        engine = Engine(services)
        channel: Any = TelegramChannel(services, engine)
        await channel.start()

        def make(kind: str) -> Any:
            return TelegramUser(fake, COORDINATOR if kind == "coordinator" else 801)

        make.engine = engine  # type: ignore[attr-defined]  # for tests that wire the scheduler
        yield make
        await channel.stop()
        await fake.stop()
        assert fake.errors == [], f"the bot caused Bot API errors: {fake.errors}"
        return
    zfake = FakeZalo(ZTOKEN)
    await zfake.start()
    services.settings.zalo_token = SecretStr(ZTOKEN)
    services.settings.zalo_api_url = zfake.root
    services.settings.coordinators = (*services.settings.coordinators, "zalo:boss")
    zengine = Engine(services)
    zalo = ZaloChannel(services, zengine)
    zalo.poll_timeout = 1
    await zalo.start()

    def make_z(kind: str) -> Any:
        return ZaloUser(zfake, "boss" if kind == "coordinator" else "reg1")

    make_z.engine = zengine  # type: ignore[attr-defined]
    yield make_z
    await zalo.stop()
    await zfake.stop()


async def as_registrar(services: Deps, user: Any) -> None:
    await services.store.access.grant(
        user.key, "registrar", ["399"], ["14758"], "t", services.clock()
    )


async def rejected_keeps_options(user: Any, bad: str) -> None:
    before = list(user.options)
    await user.send(bad)
    assert user.options == before, f"a rejected {bad!r} changed the options"
    assert user.cancel_is_fixed()


async def test_register(person: Any, services: Deps) -> None:
    user = person("registrar")
    await as_registrar(services, user)
    await user.send("/register Hàm Rồng")
    assert "ghế 1/6" in user.text and user.cancel_is_fixed()
    await rejected_keeps_options(user, "@@")
    assert "Để trống ghế này" in " ".join(user.options)
    await user.send("Nguyễn Văn An")
    assert "Số điện thoại" in user.text and user.cancel_is_fixed()
    await rejected_keeps_options(user, "12345")
    await user.send("quay lại")  # back to the name, with its options
    assert "ghế 1/6" in user.text and "Để trống ghế này" in " ".join(user.options)
    await user.send("Nguyễn Văn An")
    await user.send("0912345601")
    assert "Chức vụ" in user.text and user.cancel_is_fixed()
    await user.cancel()  # one person entered: asks, names them, keeps going on request
    assert "có chắc muốn hủy" in user.text and "Nguyễn Văn An" in user.text
    await user.choose("Tiếp tục nhập")
    assert "Chức vụ" in user.text
    await user.choose("Bỏ qua")
    assert "ghế 2/6" in user.text
    await user.choose("Để trống ghế này")
    for _ in range(4):
        await user.choose("Để trống ghế này")
    assert "kiểm tra lại" in user.text and user.cancel_is_fixed()
    await user.choose("Sửa: Nguyễn Văn An")  # edit one entry in the review
    await user.choose("Số điện thoại")
    await rejected_keeps_options(user, "không có")
    await user.send("0912 345 609")
    assert "0912 345 609" in user.text and "kiểm tra lại" in user.text
    await user.choose("Xác nhận lưu")
    (saved,) = await services.store.teams.members_of("14758")
    assert saved.phone == "+84912345609"


async def test_member_edit_keeps_the_seat(person: Any, services: Deps) -> None:
    user = person("registrar")
    await as_registrar(services, user)
    (member,) = await services.store.teams.add(
        "14758",
        [{"role": "youth_member", "name": "Phạm Thị Dung", "phone": "+84912345604"}],
        services.clock(),
    )
    await services.store.teams.link_account(member, "telegram", "7001", "7001", services.clock())
    await user.send("/team Hàm Rồng")
    await user.choose("✏️ Phạm Thị Dung")
    assert user.cancel_is_fixed()
    await rejected_keeps_options(user, "xyz")
    await user.choose("Số điện thoại")
    await rejected_keeps_options(user, "123")
    await user.send("quay lại")
    assert "Xóa Phạm Thị Dung" in " ".join(user.options)
    await user.choose("Số điện thoại")
    await user.send("0912 345 699")
    assert "Đã sửa số điện thoại" in user.text
    (after,) = await services.store.teams.members_of("14758")
    assert after.phone == "+84912345699" and after.reachable and after.id == member
    trail = await services.store.audit.latest()
    assert any(e.action == "edit_member" for e in trail)
    rows = await services.store.fetchall("SELECT chat_id FROM outbox")
    assert [r[0] for r in rows] == ["7001"]  # the member is told on their linked account
    await user.send("/team Hàm Rồng")
    await user.choose("✏️ Phạm Thị Dung")
    await user.choose("Xóa Phạm Thị Dung")
    assert "không còn nhận nhắc việc" in user.text and user.cancel_is_fixed()
    await user.cancel()
    assert await services.store.teams.members_of("14758") != []


async def test_broadcast(person: Any, services: Deps) -> None:
    user = person("coordinator")
    (member,) = await services.store.teams.add(
        "14758", [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], services.clock()
    )
    await services.store.teams.link_account(member, "telegram", "7002", "7002", services.clock())
    await user.send("/broadcast")
    assert user.cancel_is_fixed()
    await rejected_keeps_options(user, "ai cũng được")
    await user.choose("Thành viên các tổ")
    assert "nội dung" in user.text and user.cancel_is_fixed()
    await user.send("quay lại")
    assert "Thành viên các tổ" in " ".join(user.options)
    await user.choose("Thành viên các tổ")
    await user.send("Họp trực tuyến lúc 14:00.")
    assert "sẽ gửi tới 1 người" in user.text and user.cancel_is_fixed()
    await user.cancel()
    assert "có chắc muốn hủy" in user.text
    await user.cancel()
    assert "Đã hủy" in user.text
    assert await services.store.fetchall("SELECT id FROM broadcasts") == []


async def test_a_registrar_broadcasting_to_another_district_is_told_why(
    person: Any, services: Deps
) -> None:
    user = person("registrar")
    await as_registrar(services, user)  # Hoằng Hóa (and Hàm Rồng)
    await user.send("/broadcast")
    await user.choose("Một huyện cũ")
    await user.send("Hậu Lộc")
    assert "Huyện Hậu Lộc không thuộc phạm vi" in user.text and user.cancel_is_fixed()
    await user.send("Hoằng Hóa")  # the same question again: their own district goes on
    assert "nội dung" in user.text


async def test_deadline(person: Any, services: Deps) -> None:
    user = person("coordinator")
    await user.send("/deadline")
    assert user.cancel_is_fixed()
    text_part = user.text.split("\n1. ")[0]
    assert not re.search(r"^\d+\. ", text_part, re.M)  # one numbered list only
    await rejected_keeps_options(user, "99")
    await user.choose("Nâng cấp")
    assert user.cancel_is_fixed()
    await user.send("quay lại")
    assert any("Thêm hạn mới" in o for o in user.options)
    await user.choose("Nâng cấp")
    await user.choose("Đóng hạn")
    assert "ngừng nhắc" in user.text and user.cancel_is_fixed()  # names the effect
    task = next(t for t in await services.store.tasks.all() if t.title.startswith("Nâng cấp"))
    assert not task.closed
    await user.choose("Đóng hạn, ngừng nhắc")
    assert "không nhắc việc này nữa" in user.text
    assert (await services.store.tasks.get(task.key)).closed
    await user.send("/deadline")  # a date in the past needs a confirmation naming the effect
    await user.choose("Bố trí")
    await user.choose("Dời hạn")
    await user.send("1/1/2020 08:00")
    assert "đã qua" in user.text and "quá hạn" in user.text and user.cancel_is_fixed()
    assert any("Vẫn đặt hạn đã qua" in o for o in user.options)
    await user.cancel()
    pcs = next(t for t in await services.store.tasks.all() if t.title.startswith("Bố trí"))
    assert pcs.due.year != 2020


async def test_done(person: Any, services: Deps) -> None:
    user = person("registrar")
    await as_registrar(services, user)
    await user.send("/done Hàm Rồng")
    assert "Báo hoàn thành việc nào" in user.text and user.cancel_is_fixed()
    await rejected_keeps_options(user, "xong rồi")
    await user.choose("Nâng cấp")
    assert "Ghi chú" in user.text and user.cancel_is_fixed()
    await user.send("quay lại")
    assert "Báo hoàn thành việc nào" in user.text
    await user.cancel()  # nothing typed yet: ends at once
    assert "Đã hủy" in user.text


async def test_a_new_flow_never_discards_one_in_progress(person: Any, services: Deps) -> None:
    user = person("registrar")
    await as_registrar(services, user)
    await user.send("/register Hàm Rồng")
    await user.send("Nguyễn Văn An")
    await user.send("/broadcast")  # would drop the person entered: asks to finish first
    assert "đang nhập dở" in user.text and "Nguyễn Văn An" in user.text
    assert "Số điện thoại" in user.text and user.cancel_is_fixed()
    await user.send("0912345601")
    assert "Chức vụ" in user.text
