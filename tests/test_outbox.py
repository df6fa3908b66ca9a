"""Nudges and broadcasts through the durable outbox, the real PTB stack and the fake Bot API."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.access import Access, Roles
from bot.arrival import Question
from bot.chat import Recipient
from bot.deps import Deps
from bot.dialogues.broadcast import BroadcastFlow
from bot.nudges.schedule import due_nudges, queue_nudges
from bot.outbox import Outbox
from bot.outbox_codec import reply_from_body
from bot.runner import open_services
from tests.conftest import COORDINATOR, Chat, Clock
from tests.fake_telegram import FakeTelegram
from tests.process import start_bot

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = datetime(2026, 12, 10, 11, 0, tzinfo=TZ)
REGISTRAR = 801


async def registrar_of_two_communes(services: Deps, clock: Clock) -> None:
    await services.store.tasks.move("team_formed", DUE)
    for key in ("lan_upgraded", "conference_pcs"):
        await services.store.tasks.close(key)
    await services.store.access.grant(
        f"telegram:{REGISTRAR}", "registrar", [], ["14758", "14797"], "test", clock()
    )
    await services.store.questions.seen(
        "telegram", str(REGISTRAR), str(REGISTRAR), "Cán bộ huyện", clock()
    )


async def drain(outbox: Outbox, clock: Clock, rounds: int = 6) -> None:
    """Deliver until nothing is due, moving the clock past retry times (no sleeping)."""
    for _ in range(rounds):
        while await outbox.drain_once():
            pass
        clock.now += timedelta(seconds=5)
    await outbox.report_finished()


async def test_one_combined_nudge_per_recipient_and_idempotent(services: Deps, clock: Clock):
    await registrar_of_two_communes(services, clock)
    clock.now = DUE - timedelta(days=3) + timedelta(minutes=5)
    assert await queue_nudges(services, clock(), services.policy) == 1
    assert await queue_nudges(services, clock(), services.policy) == 0  # same slot: never twice
    (row,) = await services.store.outbox.due(clock())
    assert "Phường Hàm Rồng" in row.body and "Phường Hạc Thành" in row.body
    # The time left is computed when the message is sent, not when it was queued.
    sent_now = texts.render_plain(reply_from_body(json.loads(row.body), clock()).text)
    assert "Còn 2 ngày 23 giờ đến hạn" in sent_now
    later = texts.render_plain(
        reply_from_body(json.loads(row.body), clock() + timedelta(hours=2)).text
    )
    assert "Còn 2 ngày 21 giờ đến hạn" in later
    buttons = reply_from_body(json.loads(row.body), clock()).choices
    # the next action, communes in Vietnamese order: Hạc Thành (14797) before Hàm Rồng (14758)
    assert [c.value for c in buttons] == ["tm:reg:14797", "tm:reg:14758"]


async def test_restart_between_plan_and_send(settings, services: Deps, clock: Clock) -> None:
    await registrar_of_two_communes(services, clock)
    clock.now = DUE - timedelta(hours=2)
    planned = await due_nudges(services, clock(), services.policy)
    assert {n.kind for n in planned} == {"before_3h"}  # the process dies here, nothing queued
    await services.store.close()
    restarted = await open_services(settings, clock)
    try:
        assert await queue_nudges(restarted, clock(), restarted.policy) == 1
        assert await queue_nudges(restarted, clock(), restarted.policy) == 0
    finally:
        await restarted.store.close()


async def test_nudge_reaches_the_registrar_once(
    fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    await registrar_of_two_communes(services, clock)
    clock.now = DUE - timedelta(days=1) + timedelta(minutes=1)
    await queue_nudges(services, clock(), services.policy)
    outbox = Outbox(services, {"telegram": telegram.sender})
    await drain(outbox, clock)
    (message,) = fake.sent(REGISTRAR)
    # The D-1 slot sent a minute late says how long is really left (computed at send time).
    assert "Còn 23 giờ 59 phút đến hạn" in message.text and "Phường Hạc Thành" in message.text
    assert ("Đăng ký thành viên: Phường Hạc Thành", "tm:reg:14797") in message.buttons


async def test_a_reply_put_off_by_a_fault_is_not_overtaken_by_the_next_one(
    fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    from bot.outbox_codec import reply_to_json

    for n, said in enumerate(("Trả lời thứ nhất", "Trả lời thứ hai")):
        body = reply_to_json(texts.plain(said))
        at = clock() + timedelta(milliseconds=n)
        await services.store.outbox.enqueue_reply("telegram", "1500", "telegram:1500", *(
            body, at, clock()))  # fmt: skip
    fake.fail_next("sendMessage", 502, "Bad Gateway")  # the first one's first try
    await drain(Outbox(services, {"telegram": telegram.sender}), clock)
    assert [c.text for c in fake.sent("1500")] == ["Trả lời thứ nhất", "Trả lời thứ hai"]


async def test_broadcast_with_blocked_429_and_5xx(
    fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    chats = [str(1000 + n) for n in range(10)]
    for chat in chats:
        await services.store.questions.seen("telegram", chat, chat, f"Người {chat}", clock())
    fake.blocked.add("1003")
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.fail_next("sendMessage", 502, "Bad Gateway")
    flow = BroadcastFlow(services, Access(services))
    sender = Recipient(f"telegram:{COORDINATOR}", "telegram", str(COORDINATOR), "Sở KH&CN")
    broadcast, count = await flow.queue(Roles(coordinator=True), sender, "all", "Họp <b>&</b> 8h")
    assert count == 10
    outbox = Outbox(services, {"telegram": telegram.sender})
    outbox.on_pause["telegram"] = telegram.gate.pause_bulk
    await drain(outbox, clock)
    for chat in chats:
        expected = 0 if chat == "1003" else 1
        assert len(fake.sent(chat)) == expected, chat
    assert "Họp <b>&</b> 8h" in fake.sent("1000")[0].text  # escaped, shown as typed
    assert await services.store.broadcasts.counts(broadcast) == {
        "delivered": 9,
        "unreachable": 1,
        "failed": 0,
        "pending": 0,
    }
    (report,) = fake.sent(COORDINATOR)
    assert "đã gửi 9, không liên lạc được 1" in report.text and "Người 1003" in report.text
    # Blocked people drop out of the next "all" broadcast.
    _, again = await flow.queue(Roles(coordinator=True), sender, "all", "Lần hai")
    assert again == 9


async def test_a_long_broadcast_cut_short_sends_only_the_parts_that_did_not_arrive(
    fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    await services.store.questions.seen("telegram", "1500", "1500", "Người nhận", clock())
    paragraphs = [f"Đoạn {n}: " + "nội dung thông báo dài. " * 150 for n in range(1, 4)]
    flow = BroadcastFlow(services, Access(services))
    sender = Recipient(f"telegram:{COORDINATOR}", "telegram", str(COORDINATOR), "Sở KH&CN")
    await flow.queue(Roles(coordinator=True), sender, "all", "\n\n".join(paragraphs))
    # the third part of the message is refused once, after the first two arrived
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", after=2, retry_after=1)
    outbox = Outbox(services, {"telegram": telegram.sender})
    outbox.on_pause["telegram"] = telegram.gate.pause_bulk
    await drain(outbox, clock)
    got = [m.text for m in fake.sent("1500")]
    assert [sum(f"Đoạn {n}:" in t for t in got) for n in (1, 2, 3)] == [1, 1, 1]  # each once


async def test_unreachable_member_is_listed_with_phone_for_the_registrar(
    fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    (member,) = await services.store.teams.add(
        "14758",
        [{"role": "it_officer", "name": "Nguyễn Văn An", "phone": "+84912345601"}],
        clock(),
    )
    await services.store.teams.link_account(member, "telegram", "1201", "1201", clock())
    fake.blocked.add("1201")
    await services.store.access.grant(
        f"telegram:{REGISTRAR}", "registrar", [], ["14758"], "t", clock()
    )
    roles = await Access(services).roles(services_person(REGISTRAR))
    sender = Recipient(f"telegram:{REGISTRAR}", "telegram", str(REGISTRAR), "Huyện")
    flow = BroadcastFlow(services, Access(services))
    await flow.queue(roles, sender, "members", "Nhắc họp")
    await drain(Outbox(services, {"telegram": telegram.sender}), clock)
    (report,) = fake.sent(REGISTRAR)
    assert "Nguyễn Văn An — 0912 345 601" in report.text


def services_person(user_id: int):
    from bot.chat import Person

    return Person("telegram", str(user_id))


async def test_registrar_broadcast_stays_in_scope(services: Deps, clock: Clock) -> None:
    (a,) = await services.store.teams.add(
        "14758", [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], clock()
    )
    (b,) = await services.store.teams.add(
        "14797", [{"role": "it_officer", "name": "Bình", "phone": "+84912345602"}], clock()
    )
    await services.store.teams.link_account(a, "telegram", "2001", "2001", clock())
    await services.store.teams.link_account(b, "telegram", "2002", "2002", clock())
    access = Access(services)
    roles = Roles(registrar=True, communes=("14758",))
    from bot.audience import AudienceError, resolve

    assert [r.chat_id for r in await resolve(services, access, roles, "members")] == ["2001"]
    assert await resolve(services, access, roles, "commune:14797") == []
    with pytest.raises(AudienceError):
        await resolve(services, access, roles, "all")


async def test_broadcast_composed_in_chat(
    fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    for user in ("3001", "3002"):
        await services.store.access.grant(
            f"telegram:{user}", "registrar", ["399"], [], "t", clock()
        )
        await services.store.questions.seen("telegram", user, user, f"Huyện {user}", clock())
    boss = Chat(fake, COORDINATOR)
    await boss.send("/broadcast")
    assert len(boss.replies[0].buttons) == 7
    await boss.press("f:a:registrars")
    await boss.send("Đề nghị hoàn thành danh sách tổ trước thứ Sáu.")
    assert "gửi tới 2 người" in boss.last_text
    await boss.press("f:ok")
    assert "đang được gửi tới 2 người" in boss.last_text
    assert "xếp hàng" not in boss.last_text  # issue 12: no queue jargon
    await drain(Outbox(services, {"telegram": telegram.sender}), clock)
    assert "Đề nghị hoàn thành" in fake.sent("3001")[0].text
    assert "đã gửi 2" in fake.sent(COORDINATOR)[-1].text
    stranger = Chat(fake, 3999)
    await stranger.send("/broadcast")
    assert "chỉ dành cho" in stranger.last_text


async def test_done_and_deadline_in_chat(
    fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    (it,) = await services.store.teams.add(
        "14758", [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], clock()
    )
    await services.store.teams.link_account(it, "telegram", "4001", "4001", clock())
    officer = Chat(fake, 4001)
    await officer.send("/done")
    assert "Báo hoàn thành việc nào cho Phường Hàm Rồng" in officer.last_text
    await officer.press("f:task:lan_upgraded")
    await officer.send("Đã nâng cấp switch 24 cổng, VNPT nghiệm thu")
    assert "Đã ghi nhận Phường Hàm Rồng hoàn thành" in officer.last_text
    assert ("14758", "lan_upgraded") in await services.store.tasks.done()
    await officer.press("dn:14797:lan_upgraded")  # another commune: not theirs
    assert "chỉ dành cho" in officer.last_text

    boss = Chat(fake, COORDINATOR)
    await boss.send("/deadline")
    assert "Thành lập Tổ hỗ trợ kỹ thuật" in boss.last_text
    await boss.press("f:task:team_formed")
    await boss.press("f:move")
    await boss.send("31/02/2027")
    assert "không phải ngày giờ hợp lệ" in boss.last_text
    await boss.send("20/12/2026 17:00")
    assert "17:00 20/12/2026" in boss.last_text
    assert (await services.store.tasks.get("team_formed")).due == datetime(
        2026, 12, 20, 17, tzinfo=TZ
    )
    await officer.send("/deadline")
    assert "chỉ dành cho điều phối viên" in officer.last_text


async def test_scheduler_rearms_at_start_and_queues_what_is_due(
    services: Deps, clock: Clock
) -> None:
    from bot.nudges.schedule import NudgeScheduler

    await registrar_of_two_communes(services, clock)
    armed: list[float] = []
    woken: list[bool] = []
    scheduler = NudgeScheduler(
        services, lambda delay, cb: armed.append(delay), lambda: woken.append(True)
    )
    clock.now = DUE - timedelta(days=5)  # nothing due yet: armed for the hourly re-check
    await scheduler.start()
    assert not woken and 3600 <= armed[-1] <= 3602
    clock.now = DUE - timedelta(days=1) + timedelta(hours=2)  # the bot was down for days
    await scheduler.start()
    assert woken and len(await services.store.outbox.due(clock())) == 1
    assert armed[-1] <= 3602


async def test_an_idle_outbox_asks_the_database_only_when_another_connection_may_have_written(
    services: Deps, monkeypatch: pytest.MonkeyPatch
) -> None:
    hops: list[str] = []  # PRAGMA data_version reads that went to the database thread
    real = services.store.fetchone

    async def counted(sql: str, params: tuple = ()) -> object:
        if "data_version" in sql:
            hops.append(sql)
        return await real(sql, params)

    monkeypatch.setattr(services.store, "fetchone", counted)
    outbox = Outbox(services, {})  # nothing to send: only its idle looks (no channel's writes)
    outbox.idle_poll = 3600
    outbox.start()
    try:
        for _ in range(200):  # idle: the first look asks (nothing noted yet) …
            if hops:
                break
            await asyncio.sleep(0.05)
        before = len(hops)
        assert before == 1
        await asyncio.sleep(1.2)  # … then two looks at the files, none at the database
        assert len(hops) == before
        question = Question("mất mạng cả trụ sở", "network", 0.9, answers="network")
        now = datetime.now(UTC)
        await services.store.arrival.arrive("telegram", "8802", "8802", "Hà", now, question)
        await asyncio.sleep(0.8)  # the arrival hop noted data_version after its own commit
        assert len(hops) == before
        other = sqlite3.connect(services.store.path)  # another process, as the CLI's
        other.execute("UPDATE store_opened SET at = ?", (now.isoformat(),))
        other.commit()
        other.close()
        await asyncio.sleep(0.8)  # its commit moved the files past the noted stamp: asked
        assert len(hops) > before
    finally:
        await outbox.stop()


async def test_rows_queued_by_another_process_are_picked_up_without_a_wake(
    tmp_path: Path, fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    clock.now = datetime.now(UTC) + timedelta(minutes=1)  # the CLI stamps rows with real time
    await services.store.questions.seen("telegram", "8801", "8801", "Lan", clock())
    outbox = Outbox(services, {"telegram": telegram.sender})
    outbox.idle_poll = 3600  # without the data_version watch nothing would move for an hour
    outbox.start()
    try:
        await asyncio.sleep(0.3)  # the worker finds nothing and goes idle
        cli = await start_bot(
            tmp_path, "broadcast", "--audience", "all", "--text", "Họp giao ban lúc 14h"
        )
        _out, err = await cli.communicate()
        assert cli.returncode == 0, err.decode()
        (message,) = await fake.wait_for(chat_id=8801, timeout=10)
        assert "Họp giao ban lúc 14h" in message.text
    finally:
        await outbox.stop()
