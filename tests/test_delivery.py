"""Delivery semantics (bot/delivery.py) and network faults through the real PTB stack.

Each fault of the fake Bot API (bodies that are not JSON, 5xx, hung requests, reset
connections, 429 storms) lasts a few seconds during a broadcast or a conversation: nothing
is lost, nothing is sent twice, and nobody retries in a tight loop.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.access import Access, Roles
from bot.chat import Recipient
from bot.delivery import Action, Fault, action_for
from bot.deps import Deps
from bot.dialogues.broadcast import BroadcastFlow
from bot.engine import Engine
from bot.outbox import IN_FLIGHT, Outbox
from bot.runner import open_services
from bot.settings import Settings
from tests.fake_telegram import FAULTS, Call, FakeTelegram


@pytest.mark.parametrize(
    ("channel", "fault", "action"),
    [
        ("telegram", Fault.MALFORMED, Action.RETRY),
        ("telegram", Fault.SERVER, Action.RETRY),
        ("telegram", Fault.TIMEOUT, Action.RETRY),
        ("telegram", Fault.NETWORK, Action.RETRY),
        ("telegram", Fault.RATE_LIMITED, Action.WAIT),
        ("telegram", Fault.FORBIDDEN, Action.UNREACHABLE),
        ("telegram", Fault.CHAT_GONE, Action.UNREACHABLE),
        ("telegram", Fault.BAD_REQUEST, Action.FAILED),
        ("zalo", Fault.QUOTA, Action.QUOTA),
        ("zalo", Fault.FORBIDDEN, Action.RETRY),  # Zalo's docs: 403 "internal server error"
        ("zalo", Fault.NOT_FOUND, Action.UNREACHABLE),
        ("zalo", Fault.MALFORMED, Action.RETRY),
        ("zalo", Fault.BAD_REQUEST, Action.FAILED),
    ],
)
def test_the_table(channel: str, fault: Fault, action: Action) -> None:
    assert action_for(channel, fault) is action


@pytest.fixture
async def live(settings: Settings) -> AsyncIterator[Deps]:
    """Deps on the real clock: retries and pauses fall due in real time."""
    built = await open_services(settings)
    yield built
    await built.store.close()


@pytest.fixture
async def live_bot(fake: FakeTelegram, live: Deps) -> AsyncIterator[Any]:
    """The Telegram channel polling the fake, with the outbox worker running beside it."""
    from bot.channels.telegram import TelegramChannel

    live.settings.telegram_api_url = fake.root
    channel = TelegramChannel(live, Engine(live))
    await channel.start()
    outbox = Outbox(live, {"telegram": channel.sender})
    outbox.on_pause["telegram"] = channel.gate.pause_bulk
    channel.app.bot_data.engine.on_queued = outbox.wake
    outbox.start()
    yield channel, outbox
    await outbox.stop()
    await channel.stop()
    assert fake.errors == [], f"the bot caused Bot API errors: {fake.errors}"


def busiest_second(calls: list[Call]) -> int:
    """The most calls made within any one-second window."""
    times = sorted(c.at for c in calls)
    return max((sum(1 for t in times[n:] if t - start < 1.0) for n, start in
                enumerate(times)), default=0)  # fmt: skip


async def wait_until(check: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


@pytest.mark.parametrize("kind", FAULTS)
async def test_a_broadcast_through_each_network_fault(
    fake: FakeTelegram, live: Deps, live_bot: Any, kind: str
) -> None:
    chats = [str(5000 + n) for n in range(40)]
    for chat in chats:
        await live.store.questions.seen("telegram", chat, chat, f"Người {chat}", live.clock())
    fake.break_for(kind, 2.5)
    sender = Recipient("cli", "", "", "Sở")
    broadcast, _ = await BroadcastFlow(live, Access(live)).queue(
        Roles(coordinator=True), sender, "all", "Họp giao ban 8h"
    )
    live_bot[1].wake()

    async def finished() -> bool:
        counts = await live.store.broadcasts.counts(broadcast)
        return bool(counts) and counts["pending"] == 0

    await wait_until(finished, 60)
    counts = await live.store.broadcasts.counts(broadcast)
    delivered = Counter(c.chat_id for c in fake.calls if c.method == "sendMessage")
    assert counts == {"delivered": 40, "unreachable": 0, "failed": 0, "pending": 0}
    assert {c: delivered[c] for c in chats} == dict.fromkeys(chats, 1)  # none lost, none twice
    assert fake.faulted, "the fault never happened"
    # The channel backs off as a whole: at most the rows already in flight and one more round.
    assert busiest_second(fake.faulted) <= 2 * IN_FLIGHT


@pytest.mark.parametrize("kind", ["malformed", "5xx", "reset", "429"])
async def test_polling_backs_off_and_recovers(
    fake: FakeTelegram, live_bot: Any, kind: str
) -> None:
    fake.break_for(kind, 3.0, {"getUpdates"})
    # The bot polls from the start: a long poll asked before the fault is still out. Wait for
    # it to end (an update it brings, answered) so that the polls that follow meet the fault.
    mark = len(fake.calls)
    await fake.send_text(5099, "/help")
    await fake.wait_for(chat_id=5099, after=mark, timeout=10)
    await asyncio.sleep(3.2)
    polls = [c for c in fake.faulted if c.method == "getUpdates"]
    assert polls and busiest_second(polls) <= 3
    mark = len(fake.calls)
    await fake.send_text(5100, "/help")
    (reply,) = await fake.wait_for(chat_id=5100, after=mark, timeout=40)
    assert "Cách dùng" in reply.text


@pytest.mark.parametrize("kind", ["malformed", "5xx", "reset"])
async def test_an_answer_that_fails_is_delivered_later(
    fake: FakeTelegram, live_bot: Any, kind: str
) -> None:
    fake.break_for(kind, 1.0)
    mark = len(fake.calls)
    await fake.send_text(5200, "máy in kẹt giấy")
    (first,) = await fake.wait_for(chat_id=5200, after=mark, timeout=20)
    assert "0915 351 008" in first.text
    await asyncio.sleep(2.5)  # whatever else the answer holds arrives too, once
    texts = [c.text for c in fake.sent(5200, after=mark) if c.method == "sendMessage"]
    assert len(texts) == len(set(texts)) and fake.faulted
