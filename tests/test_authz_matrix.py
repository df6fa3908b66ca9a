"""Authorisation matrix: every command and button × every role.

Two teams: commune A (Phường Hàm Rồng, former district 380) and commune B (Xã Mường
Lát, 384). Five people: an outsider, a member of A's team, the registrar of 384 (B's district,
not A's), the registrar of 380 and a coordinator. Each of them sends every command and presses
every button that names A or one of A's members. Whoever may not do it is refused and changes
nothing; nobody ever sees a phone of a team they may not see.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot import texts
from bot.chat import Incoming, Person
from bot.deps import Deps
from bot.engine import Engine
from bot.phones import national
from tests.conftest import COORDINATOR

A, B = "14758", "14845"
ROLES_OF_SEATS = (
    "it_officer",
    "software_guide",
    "software_guide",
    "youth_member",
    "youth_member",
    "telecom_technician",
)
PEOPLE = {
    "outsider": "7001",
    "member": "7002",
    "registrar elsewhere": "7003",
    "registrar": "7004",
    "coordinator": str(COORDINATOR),
}
SEES_A = {"member", "registrar", "coordinator"}
SEES_B = {"registrar elsewhere", "coordinator"}
MANAGES_A = {"registrar", "coordinator"}
MANAGERS = {"registrar elsewhere", "registrar", "coordinator"}
COMMANDS = [
    ("start", ""),
    ("help", ""),
    ("contacts", ""),
    ("template", ""),
    ("cancel", ""),
    ("import", ""),
    ("status", ""),
    ("done", ""),
    ("link", ""),
    ("report", ""),
    ("team", A),
    ("team", B),
    ("register", A),
    ("export", ""),
    ("invite", "Hoằng Hóa"),
    ("broadcast", ""),
    ("stats", ""),
    ("deadline", ""),
]
REFUSED_TEXT = (
    texts.NOT_ALLOWED.split("{")[0],
    texts.NO_TEAM_ROLE[:30],
    texts.STALE_BUTTON[:20],
)


def team(commune: str, base: int) -> list[dict[str, str]]:
    return [
        {
            "role": role,
            "name": f"Thành Viên {chr(65 + i)}",
            "phone": f"+8491{base}{i:04d}",
            **({"operator": "vnpt"} if role == "telecom_technician" else {}),
        }
        for i, role in enumerate(ROLES_OF_SEATS)
    ]


@pytest.fixture
async def world(services: Deps) -> dict:
    store, now = services.store, services.clock()
    ids_a = await store.teams.add(A, team(A, 111)[:5], now)  # one seat left to register
    await store.teams.add(B, team(B, 222), now)
    await store.teams.link_account(ids_a[0], "telegram", PEOPLE["member"], PEOPLE["member"], now)
    await store.access.grant(
        "telegram:" + PEOPLE["registrar elsewhere"], "registrar", ["384"], [], "t", now
    )
    await store.access.grant("telegram:" + PEOPLE["registrar"], "registrar", ["380"], [], "t", now)
    phones = {code: {m.phone for m in await store.teams.members_of(code)} for code in (A, B)}
    return {"member_a": ids_a[1], "phones": phones}


def text_of(replies) -> str:
    parts = []
    for reply in replies:
        parts.append("".join(seg.text for seg in reply.text))
        parts += [c.label + " " + c.value for c in reply.choices]
        if reply.contact:
            parts.append(reply.contact.phone)
        if reply.attachment:
            parts.append(reply.attachment.caption)
            parts.append(attachment_text(reply.attachment.filename, reply.attachment.content))
    return "\n".join(parts)


def attachment_text(name: str, content: bytes) -> str:
    if not name.endswith(".xlsx"):
        return content.decode("latin-1")
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
    )


def leaked(text: str, phones: set[str]) -> list[str]:
    digits = "".join(ch for ch in text if ch.isdigit())
    out = []
    for phone in phones:
        local = "0" + phone[3:]
        if phone in text or national(phone) in text or local in digits or phone[1:] in digits:
            out.append(phone)
    return out


def buttons(world: dict) -> list[str]:
    member = world["member_a"]
    return [
        f"tm:show:{A}",
        f"tm:show:{B}",
        f"tm:links:{A}",
        f"tm:rm:{member}",  # buttons of earlier versions open the member's menu
        f"tm:rp:{member}",
        f"tm:m:{member}",
        f"tm:reg:{A}",
        "dl:add",
        "dl:cc:0",
        f"dn:{A}:lan_upgraded",
        "t:network",
        "menu",
        "card:network:0",
        "st:1",
        f"tm:rmok:{member}",
        f"tm:m:{member}|f:remove|f:ok",  # issue 12: removal is the member menu, confirmed
    ]


async def act(engine: Engine, who: str, kind: str, what: str, arg: str = "") -> str:
    uid = PEOPLE[who]
    person = Person("telegram", uid, who)
    if kind == "command":
        inc = Incoming("telegram", uid, person, "command", text=arg, command=what)
    else:
        inc = Incoming("telegram", uid, person, "choice", payload=what)
    replies = await engine.handle(inc)
    return text_of(replies)


def leaks(who: str, text: str, world: dict) -> list:
    out = []
    for commune, seers in ((A, SEES_A), (B, SEES_B)):
        if who not in seers and leaked(text, world["phones"][commune]):
            out.append(("phone leak", commune, text[:200]))
    if "gặp lỗi" in text:
        out.append(("error", text[:200]))
    return out


async def fresh(engine: Engine, who: str) -> None:
    await act(engine, who, "command", "cancel")  # each action starts outside any dialogue


async def command_problems(engine: Engine, services: Deps, world: dict, who: str) -> list:
    problems = []
    for command, arg in COMMANDS:
        await fresh(engine, who)
        text = await act(engine, who, "command", command, arg)
        problems += leaks(who, text, world)
        refused = any(marker in text for marker in REFUSED_TEXT)
        coordinator_only = command in ("stats", "deadline", "invite")
        managers_only = command in ("register", "export", "broadcast")
        may = who == "coordinator" or (managers_only and who in MANAGERS)
        if (coordinator_only and who != "coordinator") or (managers_only and who not in MANAGERS):
            if not refused or await services.store.conversations.get("telegram", PEOPLE[who]):
                problems.append(("not refused", command, text[:200]))
        elif may and refused:
            problems.append(("refused", command, text[:200]))
    return problems


async def button_problems(engine: Engine, services: Deps, world: dict, who: str) -> list:
    problems = []
    member = world["member_a"]
    for payload in buttons(world):  # removing A's member comes last
        await fresh(engine, who)
        for press in payload.split("|"):  # a button, then the dialogue's own buttons
            text = await act(engine, who, "choice", press)
        problems += leaks(who, text, world)
        team_a = {m.id for m in await services.store.teams.members_of(A)}
        privileged = payload.startswith(("tm:rm", "tm:rp", "tm:m:", "tm:reg", "dl:"))
        if who not in MANAGES_A and privileged:
            refused = any(marker in text for marker in REFUSED_TEXT)
            if not refused or await services.store.conversations.get("telegram", PEOPLE[who]):
                problems.append(("not refused", payload, text[:200]))
        if who not in MANAGES_A and member not in team_a:
            problems.append(("removed a member", payload))
        if payload.endswith("f:ok") and who in MANAGES_A and member in team_a:
            problems.append(("allowed removal not done", payload, text[:200]))
    return problems


async def scope_problems(engine: Engine, services: Deps, world: dict, who: str) -> list:
    # Starting /register is open to every registrar; the commune they name is then checked.
    await fresh(engine, who)
    await act(engine, who, "command", "register")
    person = Person("telegram", PEOPLE[who], who)
    replies = await engine.handle(Incoming("telegram", PEOPLE[who], person, "text", text=A))
    text = text_of(replies)
    state = await services.store.conversations.get("telegram", PEOPLE[who])
    at_name = bool(state and state[1].get("step") == "name")
    problems = leaks(who, text, world)
    if at_name != (who in MANAGES_A) and who in MANAGERS:
        problems.append(("register A", who, text[:200]))
    return problems


@pytest.mark.parametrize("who", PEOPLE)
async def test_every_command_and_button_for_every_role(
    engine: Engine, services: Deps, world: dict, who: str
) -> None:
    problems = await command_problems(engine, services, world, who)
    problems += await scope_problems(engine, services, world, who)
    problems += await button_problems(engine, services, world, who)
    assert problems == []
