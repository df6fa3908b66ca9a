"""The outbox keeps Telegram's per-group limit (20 a minute) the README promises."""

from __future__ import annotations

from datetime import timedelta

from bot.chat import Recipient
from bot.deps import Deps
from bot.outbox import Outbox
from tests.conftest import COORDINATOR, Clock
from tests.fake_telegram import FakeTelegram

GROUP, PERSON = "-1005000", "5001"


async def test_a_group_gets_at_most_one_message_every_three_seconds(
    fake: FakeTelegram, services: Deps, clock: Clock, telegram
) -> None:
    sender = Recipient(f"telegram:{COORDINATOR}", "telegram", "1")
    for n in range(3):
        await services.store.broadcasts.create(
            sender,
            "all",
            f"Tin {n}",
            [[f"Tin {n}", ""]],
            [
                Recipient(f"group{n}", "telegram", GROUP),
                Recipient(f"person{n}", "telegram", PERSON),
            ],
            clock(),
        )
    outbox = Outbox(services, {"telegram": telegram.sender})
    sent: list[tuple[int, int]] = []
    for _ in range(8):  # 0.0, 1.5, 3.0 … 10.5 seconds
        while await outbox.drain_once():
            pass
        sent.append((len(fake.sent(GROUP)), len(fake.sent(PERSON))))
        clock.now += timedelta(seconds=1.5)
    # A private chat may get one a second; the group waits three seconds between messages.
    assert [group for group, _ in sent] == [1, 1, 2, 2, 3, 3, 3, 3]
    assert sent[2][1] == 3
