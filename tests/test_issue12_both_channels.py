"""Issue 12's defects, each replayed on Telegram (real PTB stack) and on Zalo (real client).

The `person` fixture (tests/test_dialogue_contract.py) runs one channel against its fake API;
every test here runs once per channel.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from bot import texts
from bot.access import Access
from bot.deps import Deps
from tests.test_dialogue_contract import person  # noqa: F401  (the per-channel fixture)

TAG = re.compile(r"<[^>]*>")


def raw(user: Any) -> str:
    """The last message as sent on the wire (HTML on Telegram, plain text on Zalo)."""
    if user.channel == "zalo":
        return user.text
    sent = [c for c in user.chat.replies if c.method in ("sendMessage", "editMessageText")]
    return str(sent[-1].params.get("text", "")) if sent else ""


async def test_greeting_is_returned_and_topic_options_stay(person: Any) -> None:  # noqa: F811
    user = person("registrar")
    await user.send("xin chào")
    assert "Xin chào" in user.text
    await user.send("bị lỗi rồi")  # unsure: the topic menu
    first = list(user.options)
    await user.send("lỗi quá")  # unsure again, other likely topics: same options, same order
    assert first and user.options == first


async def test_stats_has_no_stray_tag(person: Any) -> None:  # noqa: F811
    boss = person("coordinator")
    await boss.send("mất mạng cả trụ sở")
    await boss.send("/stats")
    assert "Tổng:" in boss.text
    sent = raw(boss)
    assert "<b>\n" not in sent and "\n</b>" not in sent
    if boss.channel == "zalo":
        assert not TAG.search(sent)  # no markup leaks into plain text


async def test_broadcast_preview_says_who_will_not_get_it_and_sends(
    person: Any,  # noqa: F811
    services: Deps,
) -> None:
    await services.store.teams.add(
        "14758", [{"role": "it_officer", "name": "Chưa Liên Kết", "phone": "+84912345601"}],
        services.clock(),
    )  # fmt: skip
    await services.store.access.grant(
        "telegram:3001", "registrar", ["399"], [], "t", services.clock()
    )
    boss = person("coordinator")
    await boss.send("/broadcast")
    await boss.choose(texts.AUDIENCES["all"])
    await boss.send("Họp lúc 14:00")
    assert "Không nhận được" in boss.text and "chưa từng liên kết" in boss.text
    await boss.choose(texts.BROADCAST_SHOW_MISSED)
    assert "Chưa Liên Kết (Phường Hàm Rồng)" in boss.text
    await boss.choose("Gửi cho")
    assert "đang được gửi tới" in boss.text and "xếp hàng" not in boss.text
    (body,) = await services.store.fetchall("SELECT body FROM outbox LIMIT 1")
    assert texts.SIGN_COORDINATOR in body[0]  # signed with the role, not a first name


async def test_claim_code_found_inside_a_sentence(person: Any, services: Deps) -> None:  # noqa: F811
    (member,) = await services.store.teams.add(
        "14758", [{"role": "youth_member", "name": "Bình", "phone": "+84912345602"}],
        services.clock(),
    )  # fmt: skip
    code = await Access(services).claim_code(member)
    user = person("registrar")
    await user.send(f"mã của em là {code.lower()} ạ")
    assert "đã liên kết với ghế đoàn viên thanh niên" in user.text
    assert (await services.store.teams.member(member)).reachable


async def test_a_second_persons_seat_on_one_account_is_pointed_out(
    person: Any,  # noqa: F811
    services: Deps,
) -> None:
    people = [
        {"role": "youth_member", "name": "Bình", "phone": "+84912345602"},
        {"role": "software_guide", "name": "Lê Văn Cư", "phone": "+84912345603"},
    ]
    first, second = await services.store.teams.add("14758", people, services.clock())
    access, user = Access(services), person("registrar")
    await user.send(await access.claim_code(first))
    assert "Lưu ý" not in user.text  # one seat, one person: nothing to say
    await user.send(await access.claim_code(second))
    assert "Lưu ý: tài khoản này cũng đang liên kết với ghế của Bình" in user.text


async def test_registrar_sees_own_help_and_progress(person: Any, services: Deps) -> None:  # noqa: F811
    user = person("registrar")
    await services.store.access.grant(
        user.key, "registrar", ["399"], ["14758"], "t", services.clock()
    )
    await user.send("/help")
    for command in ("/register", "/team", "/status", "/import", "/broadcast", "/done"):
        assert command in user.text
    assert "/deadline " not in user.text and "/invite" not in user.text
    await user.send("/status hoang hoa")
    assert "Huyện Hoằng Hóa" in user.text and "Tiến độ các công việc" in user.text
    await user.send("/deadlines")
    assert "hạn" in user.text


def recent(user: Any, since: int) -> list[str]:
    """Every message the user got after the `since`-th (wire text)."""
    if user.channel == "zalo":
        return user.fake.to(user.user)[since:]
    # The fake server's own record, not the copy `Chat` took after the last exchange: late
    # messages (a loaded machine) must still be seen by the waiting loop.
    sent = user.chat.fake.sent(user.chat.chat_id)
    return [str(c.params.get("text", "")) for c in sent[since:]]


def count(user: Any) -> int:
    if user.channel == "zalo":
        return len(user.fake.to(user.user))
    return len(user.chat.fake.sent(user.chat.chat_id))


async def test_one_claim_code_per_message_after_register(
    person: Any,  # noqa: F811
    services: Deps,
) -> None:
    user = person("registrar")
    await services.store.access.grant(
        user.key, "registrar", ["399"], ["14758"], "t", services.clock()
    )
    await user.send("/register Hàm Rồng")
    for name, phone in (("Nguyễn Văn An", "0912345601"), ("Trần Thị Bình", "0912345602")):
        await user.send(name)
        await user.send(phone)
        await user.choose("Bỏ qua")  # no position
    for _ in range(4):
        await user.choose("Để trống ghế này")
    assert "kiểm tra lại" in user.text
    since = count(user)
    await user.choose("Xác nhận lưu")
    for _ in range(100):  # the result, a title, then one message per member: all may lag
        claims = [m for m in recent(user, since) if "Mã nhận ghế" in m]
        if len(claims) >= 2:
            break
        await asyncio.sleep(0.1)
    assert len(claims) == 2  # one message per member: forwarding one hands over one seat
    for message in claims:
        codes = {c.upper() for c in re.findall(r"\b(M[0-9A-Za-z]{8})\b", TAG.sub(" ", message))}
        assert len(codes) == 1, message
        if user.channel == "telegram":
            assert f"<code>{codes.pop()}</code>" in message  # copyable


async def test_moved_deadline_nudges_at_once_with_time_left_at_send(
    person: Any,  # noqa: F811
    services: Deps,
) -> None:
    from datetime import timedelta

    from bot.nudges.schedule import NudgeScheduler

    registrar = person("registrar")
    channel, user_id = registrar.key.split(":", 1)
    await services.store.access.grant(
        registrar.key, "registrar", ["399"], ["14758"], "t", services.clock()
    )
    await services.store.questions.seen(channel, user_id, user_id, "Huyện", services.clock())
    scheduler = NudgeScheduler(services, lambda delay, cb: None, lambda: None)
    ticks: list[Any] = []
    person.engine.on_schedule_change = lambda: ticks.append(
        asyncio.get_running_loop().create_task(scheduler.tick())
    )
    boss = person("coordinator")
    await boss.send("/deadline")
    await boss.choose("Thành lập")
    await boss.choose("Dời hạn")
    soon = (services.clock() + timedelta(hours=2)).astimezone(services.settings.tz)
    await boss.send(soon.strftime("%d/%m/%Y %H:%M"))
    assert "Đã đặt hạn" in boss.text
    assert ticks, "changing a deadline re-plans the nudges at once"
    await asyncio.gather(*ticks)
    rows = await services.store.fetchall("SELECT chat_id, body FROM outbox")
    mine = [body for chat, body in rows if chat == user_id]
    assert mine, "the moved deadline's nudge was queued at once, not after a restart"
    assert "tm:reg:" in mine[0] and "left" in mine[0]  # next action; time left at send time


async def test_a_member_sees_the_deadlines_and_the_team_progress(
    person: Any,  # noqa: F811
    services: Deps,
) -> None:
    (member,) = await services.store.teams.add(
        "14758", [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], services.clock()
    )
    code = await Access(services).claim_code(member)
    user = person("registrar")  # here: a commune member with no other role
    await user.send(code)
    assert "đã liên kết" in user.text and "/deadlines" in user.text  # what to do next
    await user.send("/deadlines")
    assert "Thành lập" in user.text and "hạn" in user.text
    await user.send("/status")
    assert "Phường Hàm Rồng" in user.text and "0912 345 601" in user.text  # the team's own phones
