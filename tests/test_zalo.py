"""The Zalo channel through our httpx client against a fake Zalo Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from aiohttp import web
from pydantic import SecretStr

from bot.access import Access, Roles
from bot.channels.web import WebServer
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_client import ZaloClient
from bot.chat import Incoming, Person, Recipient
from bot.deps import Deps
from bot.dialogues.broadcast import BroadcastFlow
from bot.engine import Engine
from bot.outbox import Outbox
from bot.recipients import members_by_commune
from tests.conftest import ZTOKEN, Clock
from tests.fake_zalo import BOT_NAME, FakeZalo
from tests.process import free_port

SECRET = "webhook-secret-123"


pytestmark = pytest.mark.usefixtures("zalo")


async def test_question_gets_the_right_contact(zfake: FakeZalo) -> None:
    await zfake.text("u1", "mất mạng cả trụ sở từ sáng, modem đèn los đỏ")
    (answer,) = await zfake.wait_sent("u1")
    assert "Đường truyền và mạng LAN" in answer and "0947 363 368" in answer
    assert "Thử xử lý ban đầu" in answer and "<b>" not in answer  # plain text on Zalo


async def test_numbered_menu_picks_a_topic(zfake: FakeZalo) -> None:
    await zfake.text("u2", "xin chào")
    (menu,) = await zfake.wait_sent("u2")
    assert "1. Hỗ trợ chung" in menu and "trả lời bằng số thứ tự" in menu
    await zfake.text("u2", "2")
    answer = (await zfake.wait_sent("u2", 2))[1]
    assert "Chữ ký số chuyên dùng công vụ" in answer and "0917 672 989" in answer


async def test_a_number_outside_the_list_says_so_and_is_not_a_question(
    zfake: FakeZalo, services: Deps
) -> None:
    await zfake.text("u3", "xin chào")
    await zfake.wait_sent("u3")
    await zfake.text("u3", "9")  # the menu has 8 topics
    out_of_range = (await zfake.wait_sent("u3", 2))[1]
    assert "Số 9 không ứng với lựa chọn nào" in out_of_range and "1. Hỗ trợ chung" in out_of_range
    await zfake.text("u3", "2")  # the list shown with the "9" reply picks
    assert "0917 672 989" in (await zfake.wait_sent("u3", 3))[2]
    await zfake.text("u3", "xin chào")
    await zfake.text("u3", "0")  # cancel, with no dialogue open
    assert "không có thao tác nào đang làm dở" in (await zfake.wait_sent("u3", 5))[4]
    kept = [r[0] for r in await services.store.fetchall("SELECT text FROM questions")]
    assert "9" not in kept and "0" not in kept


async def test_redelivered_message_is_answered_once(zfake: FakeZalo) -> None:
    update = zfake.update(
        "message.text.received", "u3", text="máy in kẹt giấy", message_id="dup-1"
    )
    await zfake.push(update)
    await zfake.push(json.loads(json.dumps(update)))  # the same message again
    await zfake.text("u3", "token không nhận, không ký số được")
    answers = await zfake.wait_sent("u3", 2)
    await asyncio.sleep(0.3)
    assert len(zfake.to("u3")) == 2
    assert "0915 351 008" in answers[0] and "0917 672 989" in answers[1]


async def test_echoes_and_other_bots_are_ignored(zfake: FakeZalo) -> None:
    await zfake.echo("u4", "máy in kẹt giấy")
    other = zfake.update("message.text.received", "bot2", chat="u4", text="mất mạng")
    other["message"]["from"]["is_bot"] = True
    await zfake.push(other)
    await zfake.text("u4", "hntt không vào được phòng họp")
    (only,) = await zfake.wait_sent("u4")
    await asyncio.sleep(0.3)
    assert zfake.to("u4") == [only] and "Hội nghị truyền hình" in only


async def test_images_stickers_and_unsupported_get_a_polite_reply(zfake: FakeZalo) -> None:
    await zfake.image("u5")
    await zfake.sticker("u5")
    await zfake.unsupported("u5")
    replies = await zfake.wait_sent("u5", 3)
    assert all("mô tả sự cố bằng chữ" in r for r in replies)


async def test_idle_408s_and_a_non_json_429_do_not_stop_polling(zfake: FakeZalo) -> None:
    await asyncio.sleep(2.2)  # two idle long polls of 1 s, answered with error 408
    zfake.failures["getUpdates"] = [web.Response(status=429, text="<html>429 Too Many</html>")]
    polls = zfake.calls.count("getUpdates")
    assert 2 <= polls <= 5  # a 1 s floor between polls: no hot loop
    await zfake.text("u6", "báo cáo định kỳ bị trả lại")
    (answer,) = await zfake.wait_sent("u6", timeout=10)
    assert "0974 065 768" in answer


async def test_group_message_mentioning_the_bot(zfake: FakeZalo) -> None:
    await zfake.text("u7", f"@{BOT_NAME} máy in kẹt giấy", chat="g1", group=True)
    (answer,) = await zfake.wait_sent("g1")
    assert "0915 351 008" in answer


async def test_registration_dialogue_on_zalo(zfake: FakeZalo, services: Deps) -> None:
    await services.store.access.grant(
        "zalo:reg1", "registrar", [], ["14758"], "t", services.clock()
    )
    await zfake.text("reg1", "/register Hàm Rồng")
    assert "ghế 1/6" in (await zfake.wait_sent("reg1"))[-1]
    await zfake.text("reg1", "Nguyễn Văn An")
    await zfake.text("reg1", "0912 345 601")
    position = (await zfake.wait_sent("reg1", 3))[-1]
    assert "1. Bỏ qua" in position
    await zfake.text("reg1", "1")  # the numbered "skip"
    assert "ghế 2/6" in (await zfake.wait_sent("reg1", 4))[-1]
    await zfake.text("reg1", "/cancel")  # one person entered: asks first, 0 confirms
    assert "có chắc muốn hủy" in (await zfake.wait_sent("reg1", 5))[-1]
    await zfake.text("reg1", "0")
    assert "Đã hủy" in (await zfake.wait_sent("reg1", 6))[-1]


async def test_broadcast_and_long_text_reach_zalo_linked_members(
    zfake: FakeZalo, services: Deps, clock: Clock, zalo: ZaloChannel
) -> None:
    (member,) = await services.store.teams.add(
        "14758",
        [{"role": "youth_member", "name": "Lê Thị Bình", "phone": "+84912345602"}],
        clock(),
    )
    await services.store.teams.link_account(member, "zalo", "m1", "m1", clock())
    text = ("Đoạn thông báo dài. " * 60 + "\n\n") * 2  # about 2,400 characters
    flow = BroadcastFlow(services, Access(services))
    await flow.queue(Roles(coordinator=True), Recipient("cli", "", "", "Sở"), "members", text)
    outbox = Outbox(services, {"zalo": zalo.sender})
    while await outbox.drain_once():
        pass
    parts = await zfake.wait_sent("m1", 2)
    assert len(parts) == 2 and all(len(p) <= 2000 for p in parts)
    assert "Thông báo của Điều phối viên, Sở Khoa học và Công nghệ" in parts[0]


async def test_one_person_two_channels(zfake: FakeZalo, services: Deps, clock: Clock) -> None:
    from datetime import timedelta

    (member,) = await services.store.teams.add(
        "14758",
        [{"role": "it_officer", "name": "Nguyễn Văn An", "phone": "+84912345601"}],
        clock(),
    )
    engine = Engine(services)
    access = Access(services)
    telegram_user = Person("telegram", "555", "An")
    await access.claim(telegram_user, "555", await access.claim_code(member))
    await services.store.questions.seen("telegram", "555", "555", "An", clock())
    (reply,) = await engine.handle(Incoming("telegram", "555", telegram_user, "command",
                                            command="link"))  # fmt: skip
    code = reply.text[-1].text
    clock.now += timedelta(minutes=5)
    await zfake.text("an-zalo", code)
    assert "đã liên kết với ghế cán bộ phụ trách CNTT" in (await zfake.wait_sent("an-zalo"))[0]
    (target,) = (await members_by_commune(services))["14758"]
    assert target.channel == "zalo"  # used last
    clock.now += timedelta(minutes=5)
    await services.store.questions.seen("telegram", "555", "555", "An", clock())
    (target,) = (await members_by_commune(services))["14758"]
    assert target.channel == "telegram"


async def test_registrar_links_zalo_and_is_nudged_once(
    zfake: FakeZalo, services: Deps, clock: Clock
) -> None:
    from datetime import timedelta

    from bot.nudges.snapshot import snapshot

    await services.store.access.grant("telegram:700", "registrar", ["399"], [], "t", clock())
    await services.store.questions.seen("telegram", "700", "700", "Huyện", clock())
    engine = Engine(services)
    (reply,) = await engine.handle(Incoming("telegram", "700", Person("telegram", "700"),
                                            "command", command="link"))  # fmt: skip
    code = reply.text[-1].text
    clock.now += timedelta(minutes=1)
    await zfake.text("reg-z", code)
    assert "cán bộ đăng ký" in (await zfake.wait_sent("reg-z"))[0]
    state = await snapshot(services)
    (xa,) = [c for c in state.communes if c.code == "15865"]
    assert [r.key for r in xa.registrars] == ["zalo:reg-z"]


async def test_client_splits_long_text_and_keeps_the_token_out_of_errors(zfake: FakeZalo):
    client = ZaloClient(ZTOKEN, zfake.root)
    try:
        results = await client.send_message("c9", "x" * 4500)
        assert len(results) == 3 and all(len(t) <= 2000 for t in zfake.to("c9"))
        bad = ZaloClient("999:wrong", zfake.root)
        with pytest.raises(Exception) as err:
            await bad.get_me()
        assert "wrong" not in str(err.value) and "401" in str(err.value)
        await bad.close()
    finally:
        await client.close()


async def test_webhook_secret_both_shapes_and_redelivery(zfake: FakeZalo, services: Deps):
    await services_with_webhook(services, zfake)
    port = free_port()
    web_server = WebServer("127.0.0.1", port)
    channel = ZaloChannel(services, Engine(services), web_server)
    await channel.start()
    await web_server.start()
    try:
        assert zfake.webhook == {"url": "https://bot.example.vn/zalo/webhook", "secret": SECRET}
        url = f"http://127.0.0.1:{port}/zalo/webhook"
        update = zfake.update(
            "message.text.received", "w1", text="máy in kẹt giấy", message_id="wh-1"
        )
        async with httpx.AsyncClient() as http:
            wrong = await http.post(url, json=update, headers={"X-Bot-Api-Secret-Token": "nope"})
            assert wrong.status_code == 403
            headers = {"X-Bot-Api-Secret-Token": SECRET}
            wrapped = await http.post(url, json={"ok": True, "result": update}, headers=headers)
            again = await http.post(url, json=update, headers=headers)  # bare, redelivered
            assert wrapped.status_code == 200 and again.status_code == 200
            bare = zfake.update("message.text.received", "w1", text="mất mạng cả xã")
            await http.post(url, json=bare, headers=headers)
        answers = await zfake.wait_sent("w1", 2)
        await asyncio.sleep(0.3)
        assert len(zfake.to("w1")) == 2
        assert any("0915 351 008" in a for a in answers)
        assert any("0947 363 368" in a for a in answers)
    finally:
        await channel.stop()
        await web_server.stop()


async def services_with_webhook(services: Deps, zfake: FakeZalo) -> None:
    services.settings.zalo_token = SecretStr(ZTOKEN)
    services.settings.zalo_api_url = zfake.root
    services.settings.webhook_url = "https://bot.example.vn"
    services.settings.zalo_webhook_secret = SecretStr(SECRET)


async def test_nudge_reaches_a_zalo_linked_member(
    zfake: FakeZalo, services: Deps, clock: Clock, zalo: ZaloChannel
) -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from bot.nudges.schedule import queue_nudges

    due = datetime(2026, 12, 10, 11, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    await services.store.tasks.move("team_formed", due)
    for other in ("lan_upgraded", "conference_pcs"):  # overdue since 2025: coordinator summaries
        await services.store.tasks.close(other)
    (member,) = await services.store.teams.add(
        "14758", [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], clock()
    )
    await services.store.teams.link_account(member, "zalo", "nz1", "nz1", clock())
    clock.now = due - timedelta(hours=2)
    assert await queue_nudges(services, clock(), services.policy) == 1
    outbox = Outbox(services, {"zalo": zalo.sender})
    while await outbox.drain_once():
        pass
    (nudge,) = await zfake.wait_sent("nz1")
    # Issue 12: the D-3h slot sent with 2 hours left says 2 hours, and names the next action.
    assert "Còn 2 giờ đến hạn" in nudge and "Phường Hàm Rồng còn thiếu" in nudge
    assert "/register" in nudge and "1. Đăng ký thành viên: Phường Hàm Rồng" in nudge
    assert await services.store.conversations.pending_choices("zalo", "nz1") == ["tm:reg:14758"]


async def test_all_audience_reaches_a_two_channel_person_once(
    services: Deps, clock: Clock
) -> None:
    from bot.audience import resolve

    (member,) = await services.store.teams.add(
        "14758", [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], clock()
    )
    for channel, uid in (("telegram", "601"), ("zalo", "z601")):
        await services.store.teams.link_account(member, channel, uid, uid, clock())
        await services.store.questions.seen(channel, uid, uid, "An", clock())
    await services.store.questions.seen("zalo", "z999", "z999", "Người khác", clock())
    rows = await resolve(services, Access(services), Roles(coordinator=True), "all")
    assert sorted(r.key for r in rows) == ["telegram:601", "zalo:z999"]
