"""Zalo's delivery semantics: quota (429) pauses Zalo only, 403 is retried, queued updates
drain at once, and the reply gate serves people in the order they came."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from aiohttp import web

from bot.access import Access, Roles
from bot.channels.zalo import ZaloChannel
from bot.chat import Recipient
from bot.deps import Deps
from bot.dialogues.broadcast import BroadcastFlow
from bot.outbox import Outbox
from bot.ratelimit import RateGate
from tests.conftest import Clock
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo


def quota_exceeded() -> web.Response:
    return web.json_response({"ok": False, "error_code": 429, "description": "Quota exceeded"})


async def drain(outbox: Outbox, clock: Clock, rounds: int = 4) -> None:
    for _ in range(rounds):
        while await outbox.drain_once():
            pass
        clock.now += timedelta(seconds=5)


async def test_quota_pauses_zalo_only_and_moves_two_channel_people_to_telegram(
    fake: FakeTelegram,
    zfake: FakeZalo,
    services: Deps,
    clock: Clock,
    telegram,
    zalo: ZaloChannel,
) -> None:
    store = services.store
    for n in range(20):
        await store.questions.seen("telegram", f"{7000 + n}", f"{7000 + n}", "T", clock())
    for n in range(3):
        await store.questions.seen("zalo", f"zq{n}", f"zq{n}", "Z", clock())
    (member,) = await store.teams.add(
        "14758", [{"role": "it_officer", "name": "An", "phone": "+84912345601"}], clock()
    )
    await store.teams.link_account(member, "zalo", "zboth", "zboth", clock())
    await store.teams.link_account(member, "telegram", "7100", "7100", clock())
    await store.questions.seen("zalo", "zboth", "zboth", "An", clock() + timedelta(minutes=1))
    zfake.failures["sendMessage"] = [quota_exceeded()]
    flow = BroadcastFlow(services, Access(services))
    sender = Recipient("cli", "", "", "Sở")
    broadcast, count = await flow.queue(Roles(coordinator=True), sender, "members", "Nhắc họp")
    assert count == 1  # the member, on Zalo: the channel they used last
    await flow.queue(Roles(coordinator=True), sender, "all", "Họp giao ban")
    outbox = Outbox(services, {"telegram": telegram.sender, "zalo": zalo.sender})
    outbox.on_pause = {"telegram": telegram.gate.pause_bulk, "zalo": zalo.gate.pause_bulk}
    started = time.monotonic()
    await drain(outbox, clock)
    assert time.monotonic() - started < 10  # Telegram never waited for Zalo's pause
    assert telegram.gate.paused_until < time.monotonic()
    assert zalo.gate.paused_until > time.monotonic() + 600  # Zalo waits, about an hour
    assert len({c.chat_id for c in fake.calls if c.method == "sendMessage"}) >= 20
    assert any("Nhắc họp" in c.text for c in fake.sent("7100"))  # moved to Telegram
    counts = await store.broadcasts.counts(broadcast)
    assert counts == {"delivered": 1, "unreachable": 0, "failed": 0, "pending": 0}
    month = clock().astimezone(services.settings.tz).strftime("%Y-%m")
    assert await store.quota.used("zalo", month) >= services.settings.zalo_monthly_limit
    pending = await store.fetchall(
        "SELECT chat_id FROM outbox WHERE channel = 'zalo' AND status = 'pending'"
    )
    assert sorted(r[0] for r in pending) == ["zq0", "zq1", "zq2"]  # kept, not failed


async def test_zalo_403_is_retried_not_unreachable(
    zfake: FakeZalo, services: Deps, clock: Clock, zalo: ZaloChannel
) -> None:
    await services.store.questions.seen("zalo", "z403", "z403", "Người dùng", clock())
    internal = {"ok": False, "error_code": 403, "description": "Internal server error"}
    zfake.failures["sendMessage"] = [web.json_response(internal)]
    flow = BroadcastFlow(services, Access(services))
    broadcast, _ = await flow.queue(
        Roles(coordinator=True), Recipient("cli", "", ""), "all", "Họp"
    )
    await drain(Outbox(services, {"zalo": zalo.sender}), clock)
    assert zfake.to("z403") and "Họp" in zfake.to("z403")[0]
    assert (await services.store.broadcasts.counts(broadcast))["delivered"] == 1
    assert [p.chat_id for p in await services.store.people.everyone()] == ["z403"]


async def test_coordinators_are_warned_once_at_80_percent(
    zfake: FakeZalo, services: Deps, clock: Clock, zalo: ZaloChannel
) -> None:
    zalo.sender.budget.limit = 5  # type: ignore[union-attr]
    for n in range(6):
        await zfake.text(f"zw{n}", "máy in kẹt giấy")
    for n in range(6):
        await zfake.wait_sent(f"zw{n}")
    rows = await services.store.fetchall("SELECT chat_id, body FROM outbox")
    warnings = [r for r in rows if "hạn mức" in r[1]]
    assert len(warnings) == 2  # the two coordinators of the settings, once each
    assert "4/5" in warnings[0][1] or "5/5" in warnings[0][1]


async def test_bulk_stops_at_the_budget_but_replies_go_on(
    zfake: FakeZalo, services: Deps, clock: Clock, zalo: ZaloChannel
) -> None:
    zalo.sender.budget.limit = 1  # type: ignore[union-attr]
    await services.store.quota.count_sent("zalo", clock().strftime("%Y-%m"), 1)
    await services.store.questions.seen("zalo", "zb", "zb", "Người dùng", clock())
    flow = BroadcastFlow(services, Access(services))
    await flow.queue(Roles(coordinator=True), Recipient("cli", "", ""), "all", "Họp")
    await drain(Outbox(services, {"zalo": zalo.sender}), clock, rounds=1)
    assert zfake.to("zb") == []  # the budget is spent: no bulk send
    await zfake.text("zb", "mất mạng")
    assert "0947 363 368" in (await zfake.wait_sent("zb"))[0]  # a person asking is answered


async def test_queued_updates_are_fetched_without_the_idle_floor(
    zfake: FakeZalo, zalo: ZaloChannel
) -> None:
    users = [f"zq{n}" for n in range(15)]
    await asyncio.sleep(1.2)  # the poller is in an idle long poll
    started = time.monotonic()
    for user in users:
        await zfake.text(user, "máy in kẹt giấy")
    for user in users:
        await zfake.wait_sent(user, timeout=20)
    # Before: one update per second at best (15 s); now the 5/s reply gate is the limit.
    assert time.monotonic() - started < 8


async def test_the_reply_gate_is_first_come_first_served() -> None:
    gate = RateGate(rate=20.0, capacity=1.0, reserve=0.0)
    served: list[int] = []

    async def reply(n: int) -> None:
        await gate.acquire()
        served.append(n)

    tasks = []
    for n in range(30):  # people keep arriving while the gate is saturated
        tasks.append(asyncio.create_task(reply(n)))
        await asyncio.sleep(0.013)
    await asyncio.gather(*tasks)
    assert served == sorted(served)
