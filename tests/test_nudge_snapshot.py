"""What the snapshot says a commune still owes, as a table: data (the seats still empty), no
sentences and no database; and the outbox's codec stays apart from the nudges."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.nudges.campaign import MANUAL, TEAM, Task
from bot.nudges.snapshot import still_open
from tests.test_import_graph import graph

DUE = datetime(2026, 12, 10, 11, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
TEAM_TASK = Task("team_formed", "Thành lập tổ", TEAM, DUE, "Đợt 1")
LAN = Task("lan_upgraded", "Nâng cấp mạng LAN", MANUAL, DUE, "Đợt 1")
FULL = ["it_officer", "software_guide", "software_guide", "youth_member", "youth_member",
        "telecom_technician"]  # fmt: skip


@pytest.mark.parametrize(
    ("roles", "done", "expected"),
    [
        ([], set(), {"team_formed": {"it_officer": 1, "software_guide": 2, "youth_member": 2,
                                     "telecom_technician": 1}, "lan_upgraded": {}}),
        (FULL, set(), {"lan_upgraded": {}}),  # a complete team owes only the report
        (FULL, {("15865", "lan_upgraded")}, {}),  # reported done: nothing open
        (FULL[:-2], {("15865", "lan_upgraded")}, {"team_formed": {"youth_member": 1,
                                                                  "telecom_technician": 1}}),
        (FULL, {("14758", "lan_upgraded")}, {"lan_upgraded": {}}),  # another commune's report
    ],
)  # fmt: skip
def test_what_a_commune_still_owes(roles: list[str], done: set, expected: dict) -> None:
    assert still_open([TEAM_TASK, LAN], roles, done, "15865") == expected


def test_the_outbox_and_its_codec_import_no_nudges() -> None:
    edges = graph()
    assert not {m for m in edges["bot.outbox"] if m.startswith("bot.nudges")}
    reach, todo = set(), ["bot.outbox_codec"]
    while todo:  # the codec, and everything it imports, knows nothing of nudges
        for nxt in edges[todo.pop()] - reach:
            reach.add(nxt)
            todo.append(nxt)
    assert not {m for m in reach if m.startswith("bot.nudges")}, reach
