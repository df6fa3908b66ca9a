"""A nudge in words, as tables over hand-built nudges: the snapshot holds data (the seats still
empty), `texts.nudges` turns it into the message, so none of this needs a database."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.chat import Recipient, Seg
from bot.nudges.campaign import MANUAL, TEAM, Task
from bot.nudges.policy import CommuneState, Nudge
from bot.outbox_codec import reply_from_body, rich_to_json
from bot.texts.nudges import MAX_BUTTONS, compose, gap

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = datetime(2026, 12, 10, 11, 0, tzinfo=TZ)
TEAM_TASK = Task("team_formed", "Thành lập tổ", TEAM, DUE, "Đợt 1")
REPORT = Task("lan_upgraded", "Nâng cấp mạng LAN", MANUAL, DUE, "Đợt 1")
PERSON = Recipient("telegram:1", "telegram", "1", "Cán bộ huyện")


def commune(code: str, name: str, todo: dict[str, dict[str, int]]) -> CommuneState:
    return CommuneState(code, name, todo, (PERSON,))


HAM_RONG = commune("14758", "Phường Hàm Rồng", {"team_formed": {"youth_member": 2}})
HOANG_HOA = commune("15865", "Xã Hoằng Hóa", {"lan_upgraded": {}})


@pytest.mark.parametrize(
    ("place", "task", "words"),
    [
        (HAM_RONG, TEAM_TASK, "còn thiếu 2 đoàn viên thanh niên"),
        (HOANG_HOA, REPORT, texts.NOT_REPORTED),
        (HAM_RONG, REPORT, ""),  # not open here: nothing to say
        (
            commune("1", "Xã A", {"team_formed": {"youth_member": 1, "telecom_technician": 1}}),
            TEAM_TASK,
            "còn thiếu 1 đoàn viên thanh niên, 1 ",
        ),
    ],
)
def test_what_a_commune_lacks_in_words(place: CommuneState, task: Task, words: str) -> None:
    said = gap(place, task)
    assert said.startswith(words) if words else said == ""


def sent(group: list[Nudge], at: datetime) -> tuple[str, list[tuple[str, str]]]:
    """The message as the outbox sends it at `at`: plain text and (label, value) buttons."""
    reply = reply_from_body(rich_to_json(compose(group, TZ)), at)
    return texts.render_plain(reply.text), [(c.label, c.value) for c in reply.choices]


@pytest.mark.parametrize(
    ("nudge", "has", "buttons"),
    [
        (
            Nudge(TEAM_TASK, HAM_RONG, PERSON, "before_3h", DUE - timedelta(hours=3)),
            ["Còn 2 giờ đến hạn: Thành lập tổ (hạn 11:00 ngày 10/12/2026)",
             "• Phường Hàm Rồng còn thiếu 2 đoàn viên thanh niên", "/register"],
            [("Đăng ký thành viên: Phường Hàm Rồng", "tm:reg:14758")],
        ),
        (
            Nudge(REPORT, HOANG_HOA, PERSON, "overdue", DUE + timedelta(hours=21)),
            ["Đã quá hạn: Nâng cấp mạng LAN", "• Xã Hoằng Hóa chưa báo hoàn thành", "/done"],
            [("Báo hoàn thành: Xã Hoằng Hóa", "dn:15865:lan_upgraded")],
        ),
        (
            Nudge(REPORT, None, PERSON, "summary", DUE, overdue_count=7),
            ["Tổng hợp: 7 xã/phường chưa xong “Nâng cấp mạng LAN”", "/status"],
            [],
        ),
    ],
)  # fmt: skip
def test_one_nudge_in_words(nudge: Nudge, has: list[str], buttons: list) -> None:
    text, choices = sent([nudge], DUE - timedelta(hours=2))
    assert all(part in text for part in has), text
    assert choices == buttons


def test_one_message_per_person_groups_tasks_and_sorts_communes() -> None:
    a = commune("2", "Xã Bắc", {"team_formed": {"youth_member": 1}})
    z = commune("1", "Xã Anh", {"team_formed": {"youth_member": 2}})
    slot = DUE - timedelta(days=1)
    group = [
        Nudge(TEAM_TASK, a, PERSON, "before_1d", slot),
        Nudge(TEAM_TASK, z, PERSON, "before_1d", slot),
        Nudge(REPORT, HOANG_HOA, PERSON, "before_1d", slot),
    ]
    text, choices = sent(group, slot)
    assert text.index("Xã Anh") < text.index("Xã Bắc") < text.index("\n\n") < text.index("LAN")
    assert text.count("Còn 1 ngày đến hạn") == 2
    assert [v for _, v in choices] == ["tm:reg:1", "tm:reg:2", "dn:15865:lan_upgraded"]


def test_buttons_stop_at_the_limit_but_every_commune_is_named() -> None:
    many = [commune(str(n), f"Xã {n:02d}", {"team_formed": {"youth_member": 1}}) for n in range(9)]
    group = [Nudge(TEAM_TASK, c, PERSON, "before_3d", DUE - timedelta(days=3)) for c in many]
    text, choices = sent(group, DUE - timedelta(days=3))
    assert all(f"• Xã {n:02d} " in text for n in range(9))
    assert len(choices) == MAX_BUTTONS


def test_the_time_left_is_a_run_of_the_deadline_not_words() -> None:
    nudge = Nudge(TEAM_TASK, HAM_RONG, PERSON, "before_3d", DUE - timedelta(days=3))
    assert Seg(DUE.isoformat(), "left") in compose([nudge], TZ)
