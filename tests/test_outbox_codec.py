"""The outbox's own codec as tables: what a row holds comes back as the message sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.chat import Attachment, Choice, ContactCard, Reply, Seg
from bot.outbox_codec import reply_from_body, reply_from_json, reply_to_json, rich_to_json
from bot.texts.campaign import time_left

NOW = datetime(2026, 12, 10, 1, 0, tzinfo=UTC)


def test_a_whole_reply_survives_the_outbox() -> None:
    reply = Reply(
        text=(Seg("Đầu mối: "), Seg("Lê Văn A", "b")),
        choices=(Choice("Mạng", "t:network"),),
        columns=2,
        contact=ContactCard("+84947363368", "Lê", "Văn A"),
        attachment=Attachment("a.xlsx", b"\x00\x01", False, "Danh sách"),
    )
    assert reply_from_json(reply_to_json(reply, skip=1)) == (reply, 1)
    assert reply_from_json([["Nhắc việc", ""]]) == (Reply(text=(Seg("Nhắc việc"),)), 0)


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(days=2, hours=3), "2 ngày 3 giờ"),
        (timedelta(days=3), "3 ngày"),
        (timedelta(hours=2, minutes=10), "2 giờ 10 phút"),
        (timedelta(hours=2), "2 giờ"),
        (timedelta(minutes=44, seconds=1), "45 phút"),  # seconds round up to the minute
        (timedelta(seconds=-30), "0 phút"),  # sent after the deadline: never negative
    ],
)
def test_time_left_in_words(delta: timedelta, words: str) -> None:
    assert time_left(delta) == words


@pytest.mark.parametrize(
    ("runs", "sent_at", "text", "choices"),
    [
        ([["Họp", ""], ["8h", "b"]], NOW, (Seg("Họp"), Seg("8h", "b")), ()),
        # The time left is computed when the row is sent, not when it was queued.
        (
            [["Còn ", "b"], [(NOW + timedelta(hours=3)).isoformat(), "left"]],
            NOW + timedelta(hours=1),
            (Seg("Còn ", "b"), Seg("2 giờ", "b")),
            (),
        ),
        (
            [["Nhắc", ""], ["Báo hoàn thành: Xã A", "choice:dn:1:x"]],
            NOW,
            (Seg("Nhắc"),),
            (Choice("Báo hoàn thành: Xã A", "dn:1:x"),),
        ),
    ],
)
def test_a_bulk_row_as_sent(
    runs: list[list[str]], sent_at: datetime, text: tuple, choices: tuple
) -> None:
    assert reply_from_body(runs, sent_at) == Reply(text=text, choices=choices)


def test_rich_text_round_trips_through_a_row() -> None:
    rich = (Seg("📢 Thông báo", "b"), Seg("\nHọp <b>&</b> 8h"))
    assert reply_from_body(rich_to_json(rich), NOW) == Reply(text=rich)
