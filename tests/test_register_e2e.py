"""Registration, claiming, status, sheets and privacy through the real PTB stack."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from bot.channels.telegram import TelegramChannel
from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import COORDINATOR, Chat
from tests.fake_telegram import FakeTelegram

REGISTRAR = 801  # Hoằng Hóa district and Phường Hàm Rồng
OUTSIDER = 802
XA_HOANG_HOA = "15865"


@pytest.fixture
async def registrar(services: Deps) -> Chat | None:
    await services.store.access.grant(
        f"telegram:{REGISTRAR}", "registrar", ["399"], ["14758"], "test", services.clock()
    )
    return None


def press_value(chat: Chat, label_start: str) -> str:
    for call in reversed(chat.replies):
        for label, data in call.buttons:
            if label.startswith(label_start):
                return data
    raise AssertionError(f"no button {label_start!r} in {[c.buttons for c in chat.replies]}")


async def fill_seat(chat: Chat, name: str, phone: str, operator: str | None = None) -> None:
    await chat.send(name)
    assert "Số điện thoại" in chat.last_text
    await chat.send(phone)
    assert "Chức vụ" in chat.last_text
    await chat.send("Công chức")
    if operator:
        assert "doanh nghiệp viễn thông nào" in chat.last_text
        await chat.press(f"f:op:{operator}")


SEATS = [
    ("Nguyễn Văn An", "0912345601"),
    ("Lê Thị Bình", "0912345602"),
    ("Trần Văn Cư", "0912345603"),
    ("Phạm Thị Dung", "0912345604"),
    ("Hoàng Văn Em", "0912345605"),
]


async def test_register_a_whole_team_then_claim_a_seat(
    fake: FakeTelegram, telegram, registrar
) -> None:
    chat = Chat(fake, REGISTRAR)
    await chat.send("/register")
    assert "nhập tên hoặc mã xã" in chat.last_text
    await chat.send("hoang hoa")  # the new xã or the former huyện: the bot asks
    assert "vừa là tên xã/phường mới, vừa là tên huyện cũ" in chat.last_text
    buttons = chat.replies[0].buttons  # Xã Hoằng Hóa and every commune of the huyện
    assert len(buttons) == 10 and buttons[-2:] == [("« Quay lại", "f:back"), ("Hủy", "f:cancel")]
    await chat.press(f"f:c:{XA_HOANG_HOA}")
    assert "ghế 1/6" in chat.last_text
    await chat.send("Nguyễn Văn An")
    await chat.send("12345")
    assert "không phải số điện thoại Việt Nam hợp lệ" in chat.last_text
    await chat.send("0912345601")
    await chat.press("f:skip")  # no position
    for name, phone in SEATS[1:]:
        if name == "Trần Văn Cư":
            await chat.send(name)
            await chat.send("0912 345 601")  # same phone as seat 1
            assert "đã có trong tổ" in chat.last_text
            await chat.send(phone)
            await chat.send("Công chức")
            continue
        await fill_seat(chat, name, phone)
    await fill_seat(chat, "Đỗ Văn Giang", "0912345606", operator="vnpt")
    assert "kiểm tra lại" in chat.last_text and "VNPT" in chat.last_text
    await chat.press("f:ok", expect=8)  # the result, a title, one message per member
    assert "Đã lưu 6 thành viên" in chat.all_text and "đã đủ thành phần" in chat.all_text
    links = [c for c in chat.replies if "start=" in c.text]
    assert len(links) == 6 and all(len(re.findall(r"start=", c.text)) == 1 for c in links)
    codes = [re.findall(r"start=(M\w{8})", c.text)[0] for c in links]
    assert all(
        f"<code>{code}</code>" in c.params["text"] for code, c in zip(codes, links, strict=True)
    )

    member = Chat(fake, 901)
    await member.send(f"/start {codes[5]}")
    assert "đã liên kết với ghế cán bộ kỹ thuật viễn thông" in member.last_text
    await member.send("/start " + codes[5])
    assert "không hợp lệ, đã dùng hoặc đã hết hạn" in member.last_text  # single use
    await member.send("/status")
    assert "0912 345 606" in member.last_text  # the team itself sees its phones
    await member.send("mất mạng cả trụ sở")  # network: only the commune's operator
    assert "0947 363 368" in member.replies[0].text
    assert "0977 719 888" not in member.replies[0].text


async def test_dialogue_survives_a_restart(
    fake: FakeTelegram, services: Deps, telegram, registrar
) -> None:
    chat = Chat(fake, REGISTRAR)
    await chat.send("/register Phường Hàm Rồng")
    await fill_seat(chat, "Nguyễn Văn An", "0912345601")
    await telegram.stop()
    restarted = TelegramChannel(services, Engine(services))
    await restarted.start()
    try:
        await chat.send("Lê Thị Bình")
        assert "Số điện thoại của Lê Thị Bình" in chat.last_text
    finally:
        await restarted.stop()
        telegram.app = restarted.app  # the fixture's teardown stops the channel again


async def test_cancel_saves_nothing(
    fake: FakeTelegram, services: Deps, telegram, registrar
) -> None:
    chat = Chat(fake, REGISTRAR)
    await chat.send("/register 14758")
    await fill_seat(chat, "Nguyễn Văn An", "0912345601")
    await chat.press("f:cancel")  # one person entered: asks before discarding
    assert "Nguyễn Văn An" in chat.last_text and "có chắc muốn hủy" in chat.last_text
    assert chat.replies[-1].buttons[-1] == ("Hủy, bỏ dữ liệu đã nhập", "f:cancel")
    await chat.press("f:cancel")
    assert "Đã hủy, không lưu gì" in chat.last_text
    assert await services.store.teams.members_of("14758") == []
    await chat.send("Lê Thị Bình", expect=1)  # no conversation any more: routed as a question
    assert "Số điện thoại" not in chat.last_text


async def test_a_save_refused_after_a_revoke_keeps_the_entries_until_the_right_returns(
    fake: FakeTelegram, services: Deps, telegram, registrar
) -> None:
    chat = Chat(fake, REGISTRAR)
    await chat.send("/register 14758")
    await fill_seat(chat, "Nguyễn Văn An", "0912345601")
    for _ in range(5):
        await chat.press("f:skip")
    assert "kiểm tra lại" in chat.last_text
    await services.store.access.revoke(f"telegram:{REGISTRAR}")  # a coordinator, meanwhile
    await chat.press("f:ok")  # refused, and the same review: entries and buttons, one message
    assert "vẫn được giữ" in chat.replies[0].text
    assert "Nguyễn Văn An" in chat.last_text and "0912 345 601" in chat.last_text
    assert await services.store.teams.members_of("14758") == []
    await services.store.access.grant(
        f"telegram:{REGISTRAR}", "registrar", ["399"], ["14758"], "test", services.clock()
    )
    await chat.press("f:ok", expect=3)  # the result, a title, the claim code
    assert "Đã lưu 1 thành viên" in chat.all_text
    saved = await services.store.teams.members_of("14758")
    assert [m.name for m in saved] == ["Nguyễn Văn An"]


async def test_unauthorised_user_cannot_register_or_export(
    fake: FakeTelegram, services: Deps, telegram
) -> None:
    chat = Chat(fake, OUTSIDER)
    await chat.send("/register")
    assert "chỉ dành cho cán bộ đăng ký" in chat.last_text
    await chat.send("/export")
    assert "chỉ dành cho" in chat.last_text
    await chat.press("f:ok")  # a forged button without a conversation
    assert "không còn hiệu lực" in chat.last_text
    trail = await services.store.audit.latest()
    assert {"register", "export"} <= {e.action for e in trail if not e.detail["allowed"]}


async def test_registrar_scope_for_status_export_and_team(
    fake: FakeTelegram, services: Deps, telegram, registrar
) -> None:
    await services.store.teams.add(
        "14797",
        [{"role": "it_officer", "name": "Ngô Văn Minh", "phone": "+84913000004"}],
        services.clock(),
    )
    chat = Chat(fake, REGISTRAR)
    await chat.send("/status")
    assert "Các xã/phường anh/chị phụ trách (9)" in chat.last_text
    assert "Phường Hạc Thành" not in chat.last_text
    await chat.send("/register Phường Hạc Thành")
    assert "không thuộc phạm vi" in chat.last_text
    await chat.press("tm:show:14797")  # another district's team: no phones for this registrar
    assert "không thuộc phạm vi" in chat.last_text and "0913" not in chat.last_text
    await chat.send("/export")
    (doc,) = chat.replies  # the caption travels with the file: one message
    assert doc.method == "sendDocument" and "Danh sách tổ hỗ trợ" in doc.params["caption"]
    book = load_workbook(io.BytesIO(doc.params["document"]["content"]))
    codes = {row[0].value for row in book["Xã, phường"].iter_rows(min_row=2)}
    assert "14797" not in codes and "14758" in codes and len(codes) == 9


async def test_coordinator_status_has_districts_and_a_chart(fake: FakeTelegram, telegram) -> None:
    chat = Chat(fake, COORDINATOR)
    await chat.send("/status", expect=2, timeout=30)  # the first chart imports matplotlib
    assert "166 xã/phường" in chat.replies[0].text and "Huyện Hoằng Hóa" in chat.replies[0].text
    photo = next(c for c in chat.replies if c.method == "sendPhoto")
    assert photo.params["photo"]["content"].startswith(b"\x89PNG")


async def test_invite_makes_a_registrar_once(fake: FakeTelegram, telegram) -> None:
    coordinator = Chat(fake, COORDINATOR)
    await coordinator.send("/invite Hậu Lộc")
    (code,) = re.findall(r"start=(R\w{8})", coordinator.last_text)
    newcomer = Chat(fake, 803)
    await newcomer.send(f"/start {code}")
    assert "cán bộ đăng ký tổ hỗ trợ kỹ thuật cho Huyện Hậu Lộc" in newcomer.last_text
    await newcomer.send("/status")
    assert "Các xã/phường anh/chị phụ trách (5)" in newcomer.last_text
    other = Chat(fake, 804)
    await other.send(f"/start {code}")
    assert "đã dùng" in other.last_text
    await other.send("/invite Hậu Lộc")
    assert "chỉ dành cho điều phối viên" in other.last_text


async def test_import_by_sending_the_sheet(
    fake: FakeTelegram, services: Deps, telegram, registrar
) -> None:
    chat = Chat(fake, REGISTRAR)
    await chat.send("/template")
    (template,) = chat.replies
    assert template.method == "sendDocument" and "Mẫu danh sách" in template.params["caption"]
    assert template.params["document"]["filename"].endswith(".xlsx")
    sheet = (
        "commune,role,name,phone,position,operator\n"
        "14758,it_officer,Nguyễn Văn An,0912345601,,\n"
        "14797,it_officer,Ngô Văn Minh,0913000004,,\n"
    ).encode()
    await chat.document("to.csv", sheet, expect=3)  # the report, a title, one claim code
    assert "1 dòng thành công, 1 dòng bị từ chối" in chat.replies[0].text
    assert "ngoài phạm vi" in chat.replies[0].text
    assert "Nguyễn Văn An" in chat.last_text and "start=M" in chat.last_text  # issue 12
    for name in ("to.xls", "to.ods", "to.numbers", "to.pdf"):  # issue 12: not "describe"
        await chat.document(name, b"\xd0\xcf\x11\xe0")
        assert ".xlsx" in chat.last_text and "CSV" in chat.last_text
        assert "mô tả sự cố" not in chat.last_text
    await chat.photo()
    assert "/template" in chat.last_text
    assert len(await services.store.teams.members_of("14758")) == 1
    stranger = Chat(fake, OUTSIDER)
    await stranger.document("to.csv", sheet)
    assert "mô tả sự cố bằng chữ" in stranger.last_text  # not theirs to import
    assert len(await services.store.teams.members_of("14797")) == 0


async def test_a_sheet_survives_a_flood_wait_on_its_download_and_a_lost_one_is_said(
    fake: FakeTelegram, services: Deps, telegram, registrar
) -> None:
    chat = Chat(fake, REGISTRAR)
    sheet = "commune,role,name,phone,position,operator\n14758,it_officer,Lê Văn Tám,0912345611,,\n"
    fake.fail_next("getFile", 429, "Too Many Requests: retry after 1", retry_after=1)
    await chat.document("to.csv", sheet.encode(), expect=3)
    assert "1 dòng thành công" in chat.replies[0].text  # fetched on the second try
    for _ in range(3):
        fake.fail_next("getFile", 502, "Bad Gateway")
    await chat.document("lai.csv", sheet.replace("Tám", "Chín").replace("11", "12").encode())
    assert "Chưa tải được tệp lai.csv" in chat.last_text and "gửi lại" in chat.last_text
    names = [m.name for m in await services.store.teams.members_of("14758")]
    assert names == ["Lê Văn Tám"]


async def test_replace_and_remove_from_the_team_view(
    fake: FakeTelegram, services: Deps, telegram, registrar
) -> None:
    (member_id,) = await services.store.teams.add(
        "14758",
        [{"role": "youth_member", "name": "Phạm Thị Dung", "phone": "+84912345604"}],
        services.clock(),
    )
    chat = Chat(fake, REGISTRAR)
    await chat.send("/team Hàm Rồng")
    assert "Phạm Thị Dung — 0912 345 604" in chat.last_text
    await chat.press(f"tm:m:{member_id}")
    await chat.press("f:replace")
    await fill_seat(chat, "Vũ Thị Hoa", "0912345699")
    await chat.press("f:ok", expect=3)
    assert "Vũ Thị Hoa" in chat.all_text
    await chat.press(f"tm:m:{member_id}")
    await chat.press("f:remove")  # asks, naming the effect
    assert "không còn nhận nhắc việc" in chat.last_text
    assert await services.store.teams.members_of("14758") != []
    await chat.press("f:ok")
    assert await services.store.teams.members_of("14758") == []
    outsider = Chat(fake, OUTSIDER)
    await outsider.press(f"tm:m:{member_id}")
    assert "không còn hiệu lực" in outsider.last_text
