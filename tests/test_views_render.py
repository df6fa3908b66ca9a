"""texts.views renders the commands' neutral views: table tests without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import texts
from bot.chat import Seg
from bot.texts.progress import task_state_lines
from bot.texts.render import button_label, render_plain, split_rich, utf16_len
from bot.texts.views import (
    claim_replies,
    link_replies,
    stats_replies,
    team_reply,
)
from bot.views import (
    Action,
    ClaimCode,
    ClaimLinksView,
    LinkView,
    MemberLine,
    SeatCode,
    StatsView,
    TaskState,
    TeamView,
    TopicStats,
)

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def _team(phone: str, actions: tuple[Action, ...] = ()) -> TeamView:
    member = MemberLine(7, "it_officer", "Lê Thị Hoa", phone, "", False)
    task = TaskState("Nâng cấp mạng LAN", False, NOW + timedelta(days=2))
    gaps = {"youth_member": 1}
    return TeamView("14758", "Phường Hàm Rồng", (member,), gaps, (task,), NOW, actions)


@pytest.mark.parametrize("phone", ["0912 345 678", ""])
def test_a_team_shows_a_phone_only_when_the_view_holds_one(phone: str) -> None:
    text = render_plain(team_reply(_team(phone)).text)
    assert "Lê Thị Hoa" in text
    assert ("0912 345 678" in text) is bool(phone)
    assert texts.NOT_LINKED in text
    assert "Nâng cấp mạng LAN" in text and "còn 2 ngày" in text


def test_team_buttons_are_labelled_from_their_kind_and_keep_the_payload() -> None:
    actions = (Action("member", "tm:m:7", "Lê Thị Hoa"), Action("links", "tm:links:14758"))
    reply = team_reply(_team("", actions))
    assert [(c.label, c.value) for c in reply.choices] == [
        (texts.MEMBER_BUTTON.format(name="Lê Thị Hoa"), "tm:m:7"),
        (texts.GET_LINKS, "tm:links:14758"),
    ]


def test_stats_without_rows_says_nothing_was_asked() -> None:
    assert render_plain(stats_replies(StatsView(()))[0].text) == texts.STATS_EMPTY


def test_stats_rows_and_totals() -> None:
    view = StatsView((TopicStats("Mạng", 2, 5), TopicStats(None, 0, 1)), 2, 6)
    text = render_plain(stats_replies(view)[0].text)
    assert "Mạng: 2 / 5" in text and f"{texts.UNROUTED}: 0 / 1" in text
    assert text.endswith("2 / 6")


def test_link_without_codes_tells_coordinators_where_their_role_is() -> None:
    said = render_plain(link_replies(LinkView((), None, coordinator=True))[0].text)
    assert said == texts.LINK_SETTINGS


def test_link_lists_each_seat_and_the_grant() -> None:
    view = LinkView((SeatCode("it_officer", "Hàm Rồng", "M7KQ3XA9P"),), None, False)
    text = render_plain(link_replies(view)[0].text)
    assert "Hàm Rồng" in text and "M7KQ3XA9P" in text


@pytest.mark.parametrize("bot", ["commune_bot", None])
def test_claim_codes_come_one_message_each_after_an_intro(bot: str | None) -> None:
    view = ClaimLinksView((ClaimCode("An", "AAAA"), ClaimCode("Bình", "BBBB")), bot)
    replies = claim_replies(view)
    assert len(replies) == 3 and render_plain(replies[0].text) == texts.LINKS_TITLE
    assert ("t.me/commune_bot?start=BBBB" in render_plain(replies[2].text)) is bool(bot)
    assert claim_replies(ClaimLinksView((), bot)) == []


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("ngắn", 40, "ngắn"),
        (
            "Thành lập Tổ hỗ trợ kỹ thuật (tối thiểu 06 cán bộ)",
            40,
            "Thành lập Tổ hỗ trợ kỹ thuật (tối thiểu…",
        ),
        (
            "Nâng cấp mạng LAN hoạt động ổn định, tốc độ cao",
            40,
            "Nâng cấp mạng LAN hoạt động ổn định…",
        ),
        ("x" * 50, 10, "x" * 9 + "…"),
    ],
)
def test_clip_cuts_at_a_word_and_stays_within_the_limit(text: str, limit: int, shown: str) -> None:
    assert texts.clip(text, limit) == shown and len(shown) <= limit


@pytest.mark.parametrize(
    "text",
    [
        "😭" * 2100 + " chữ ký số bị lỗi",  # astral: two UTF-16 units each
        "Tiếng Việt có dấu. " * 400,
        "x" * 9000,
    ],
)
def test_parts_stay_within_telegrams_limit_as_telegram_counts(text: str) -> None:
    parts = split_rich((Seg("Người hỏi: ", "b"), Seg(text)))
    assert all(utf16_len(render_plain(p)) <= 4096 for p in parts)
    joined = "".join(render_plain(p) for p in parts)
    assert joined.replace(" ", "").replace("\n", "") == ("Người hỏi: " + text).replace(" ", "")


def test_a_long_button_label_is_clipped_at_a_word_with_an_ellipsis() -> None:
    title = "Lắp đặt hai máy tính phục vụ hội nghị truyền hình tại phòng họp xã"
    label = button_label(title)
    assert len(label) <= 60 and label.endswith("…") and not label.endswith(" …")
    assert (title + " ").startswith(label[:-1] + " ")  # whole words of the title


def test_a_task_done_shows_its_deadline_without_a_countdown_or_overdue() -> None:
    tasks = (
        TaskState("Nâng cấp mạng LAN", True, NOW - timedelta(days=3)),  # done, after its day
        TaskState("Lắp hai máy tính hội nghị", False, NOW - timedelta(days=1)),
    )
    shown = render_plain(tuple(task_state_lines(tasks, NOW)))
    done, late = shown.strip().splitlines()[-2:]
    assert "đã xong" in done and "quá hạn" not in done and "còn" not in done
    assert "chưa xong" in late and "đã quá hạn" in late
