"""The permissions table and the one choice parser, as tables (no chat, no store writes)."""

from __future__ import annotations

import pytest

from bot import texts
from bot.access import Access, Roles
from bot.choices import (
    CANCEL_VALUE,
    dialogue_choice,
    is_back_word,
    is_cancel_word,
    number_value,
    option,
    parse_choice,
    prefix_of,
    typed_option,
)
from bot.deps import Deps
from bot.permissions import RULES, Gate, Rule, Who, rule_for_button, rule_for_command
from bot.roster import Member

A, B = "14758", "14845"  # Phường Hàm Rồng (former district 380), Xã Mường Lát (384)
IT_A = Member(1, A, "it_officer", "An", "+84912345601")
GUIDE_A = Member(2, A, "software_guide", "Bình", "+84912345602")
PEOPLE = {
    "outsider": Roles(),
    "it officer of A": Roles(seats=(IT_A,)),
    "guide of A": Roles(seats=(GUIDE_A,)),
    "registrar of 380": Roles(registrar=True, districts=("380",)),
    "registrar of 384": Roles(registrar=True, districts=("384",)),
    "coordinator": Roles(coordinator=True),
}
# (who, commune) → the people allowed; every other person is refused.
ALLOWED = [
    (Who.TEAM, None, {"it officer of A", "guide of A", "registrar of 380", "registrar of 384"}),
    (Who.MANAGER, None, {"registrar of 380", "registrar of 384"}),
    (Who.MANAGER, A, {"registrar of 380"}),
    (Who.SEER, A, {"it officer of A", "guide of A", "registrar of 380"}),
    (Who.SEER, B, {"registrar of 384"}),
    (Who.REPORTER, A, {"it officer of A", "registrar of 380"}),
    (Who.REPORTER, B, {"registrar of 384"}),
    (Who.REPORTER, "99999", set()),  # no such commune: nobody, not even a coordinator
    (Who.COORDINATOR, A, set()),
]


@pytest.mark.parametrize(("who", "commune", "allowed"), ALLOWED)
async def test_who_may(services: Deps, who: Who, commune: str | None, allowed: set) -> None:
    gate = Gate(services, Access(services))
    coordinator_too = commune != "99999"
    expected = allowed | ({"coordinator"} if coordinator_too else set())
    got = {name for name, roles in PEOPLE.items() if gate.allows(who, roles, commune)}
    assert got == expected


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        ("tm:m:12", "tm:m"),
        ("tm:show:14758", "tm:show"),
        ("tm:rmok:12", "tm"),  # no rule for the action: the prefix's (none: anyone)
        ("dl:add", "dl"),
        ("dn:14758:lan", "dn"),
        ("rq:link:0", "rq:link"),
        ("rq:take:4", "rq"),
        ("", ""),
    ],
)
def test_the_most_specific_rule_for_a_button(payload: str, key: str) -> None:
    found, rule = rule_for_button(payload)
    assert found == key
    assert rule is RULES.get(key, rule)


def test_every_refusal_is_a_sentence_and_private_rules_say_so() -> None:
    for key, rule in RULES.items():
        assert isinstance(rule, Rule)
        assert rule.who is Who.ANYONE or rule.refusal, key
    assert rule_for_command("deadline").who is Who.COORDINATOR
    assert rule_for_command("start").who is Who.ANYONE
    assert rule_for_command("deadline").refusal == texts.NOT_ALLOWED.format(who=texts.COORDINATORS)


@pytest.mark.parametrize(
    ("payload", "count", "parts"),
    [
        ("tm:rp:12", 3, ["tm", "rp", "12"]),
        ("tm", 3, ["tm", "", ""]),
        (None, 2, ["", ""]),
        ("t:network:a: b", 3, ["t", "network", "a: b"]),  # the last part keeps its colons
    ],
)
def test_parse_choice(payload: str | None, count: int, parts: list[str]) -> None:
    assert parse_choice(payload, count) == parts


def test_dialogue_options() -> None:
    assert prefix_of("rq:take:3") == "rq"
    assert dialogue_choice("f:task:lan") == "task:lan"
    assert dialogue_choice("tm:m:1") is None and dialogue_choice(None) is None
    assert option("task:lan", "task") == "lan" and option("task:", "task") == ""
    assert option("cc:1", "task") is None and option(None, "task") is None


@pytest.mark.parametrize(
    ("text", "number"), [("2", 2), (" 0 ", 0), ("999", 999), ("1000", None), ("a", None)]
)
def test_typed_option(text: str, number: int | None) -> None:
    assert typed_option(text) == number


def test_numbers_pick_what_was_shown_and_zero_cancels() -> None:
    shown = ["f:a", "f:b", CANCEL_VALUE]
    assert [number_value(shown, n) for n in (1, 2, 3, 0)] == ["f:a", "f:b", None, CANCEL_VALUE]
    assert number_value(["f:a"], 0) is None


@pytest.mark.parametrize(
    "word", ["hủy", "Huỷ", "HỦY BỎ", "thoát", "cancel", "thôi bỏ qua đi", "khong nhap nua"]
)
def test_cancel_words(word: str) -> None:
    assert is_cancel_word(word) and not is_back_word(word)


@pytest.mark.parametrize("text", ["Nguyễn Thị Thôi", "chữ ký số không ký được", "hủy hẹn họp"])
def test_a_stop_word_inside_other_text_is_not_the_cancel_key(text: str) -> None:
    assert not is_cancel_word(text)


@pytest.mark.parametrize("word", ["quay lại", "Trở lại", "lùi", "back"])
def test_back_words(word: str) -> None:
    assert is_back_word(word) and not is_cancel_word(word)
