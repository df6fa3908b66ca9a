"""Rules about a record, decided by the one Gate: a request's buttons and /request N (its
asker, or its staff), /requests open, a team sheet sent as a file, the dashboard's team form.

Real SQLite, the real engine on the console; every refusal is audited by the Gate.
"""

from __future__ import annotations

from bot import texts
from bot.access import Access
from bot.chat import FileRef, Incoming, Person, Reply
from bot.deps import Deps
from bot.engine import Engine
from bot.permissions import RULES, Gate
from bot.rows.access import AuditEntry
from bot.texts import requests as w
from bot.timestamps import to_db

ASKER = Person("console", "u7", "Lê Thị Hoa")
OTHER = Person("console", "u8", "Người Lạ")
BOSS = Person("console", "boss", "Lan")  # a coordinator (tests/conftest.py)


def said(replies: list[Reply]) -> str:
    return "\n".join(texts.render_plain(r.text) for r in replies)


async def request(services: Deps) -> int:
    fields = {
        "topic": "general",
        "commune": "14797",
        "asker": ASKER.key,
        "asker_name": ASKER.name,
        "channel": "console",
        "chat_id": ASKER.user_id,
        "question": "máy in kẹt giấy",
        "created_at": to_db(services.clock()),
    }
    return await services.store.requests.create(fields, lambda _row: [])


def press(who: Person, payload: str, chat: str | None = None) -> Incoming:
    return Incoming("console", chat or who.user_id, who, "choice", payload=payload)


def command(who: Person, name: str, text: str = "") -> Incoming:
    return Incoming("console", who.user_id, who, "command", text, command=name)


async def refusals(services: Deps, action: str) -> list[AuditEntry]:
    trail = await services.store.audit.latest()
    return [e for e in trail if e.action == action and not e.detail["allowed"]]


async def test_staff_buttons_are_for_the_staff(engine: Engine, services: Deps) -> None:
    ident = await request(services)
    for action in ("take", "done", "close", "ph"):
        refused = await engine.handle(press(OTHER, f"rq:{action}:{ident}"))
        assert said(refused) == w.STAFF_ONLY
        refused = await engine.handle(press(ASKER, f"rq:{action}:{ident}"))
        assert said(refused) == w.STAFF_ONLY  # the asker is not their own staff
    entries = await refusals(services, "request:take")
    assert [e.actor for e in entries] == [ASKER.key, OTHER.key]  # newest first
    assert all(e.detail["request"] == ident for e in entries)
    assert all(e.detail["commune"] == "14797" for e in entries)
    taken = await engine.handle(press(BOSS, f"rq:take:{ident}"))  # a coordinator is staff
    assert "đã nhận xử lý" in said(taken)


async def test_the_asker_buttons_are_the_askers(engine: Engine, services: Deps) -> None:
    ident = await request(services)
    for action in ("ok", "nc", "bad"):
        refused = await engine.handle(press(OTHER, f"rq:{action}:{ident}"))
        assert said(refused) == w.NOT_FOUND.format(id=ident)  # as if there were none
    assert said(await engine.handle(press(OTHER, f"rq:rt:{ident}:5"))) == texts.STALE_BUTTON
    assert len(await refusals(services, "request:ok")) == 1
    rated = await engine.handle(press(ASKER, f"rq:rt:{ident}:5"))
    assert w.RATED.format(rating="5") in said(rated)


async def test_reply_and_show_are_for_either_side(engine: Engine, services: Deps) -> None:
    ident = await request(services)
    assert said(await engine.handle(press(OTHER, f"rq:re:{ident}"))) == w.STAFF_ONLY
    assert w.WRITE_REPLY.format(id=ident) in said(
        await engine.handle(press(ASKER, f"rq:re:{ident}"))
    )
    shown = said(await engine.handle(command(OTHER, "request", str(ident))))
    assert shown == w.NOT_FOUND.format(id=ident)
    assert len(await refusals(services, "request:show")) == 1
    assert "máy in kẹt giấy" in said(await engine.handle(command(BOSS, "request", f"#{ident}")))
    assert "máy in kẹt giấy" in said(await engine.handle(command(ASKER, "request", str(ident))))


async def test_open_requests_are_for_coordinators(engine: Engine, services: Deps) -> None:
    await request(services)
    refused = said(await engine.handle(command(OTHER, "requests", "open")))
    assert refused == texts.NOT_ALLOWED.format(who=texts.COORDINATORS)
    assert len(await refusals(services, "requests:open")) == 1
    assert "#1" in said(await engine.handle(command(BOSS, "requests", "mở")))
    assert "#1" in said(await engine.handle(command(ASKER, "requests")))  # their own: anyone


async def test_the_staff_group_is_staff_and_is_answered_in_its_topic(
    services: Deps,
) -> None:
    ident = await request(services)
    req = await services.store.requests.get(ident)
    assert req is not None
    gate = Gate(services, Access(services))
    staffer = Person("telegram", "31", "Cán Bộ")
    in_group = Incoming("telegram", "-1001", staffer, "choice", payload="x", group=True, thread=9)
    rule = RULES["request:take"]
    assert await gate.check(in_group, "request:take", rule, request=req) is not None
    services.settings.staff_chat = "-1001"
    try:
        assert await gate.check(in_group, "request:take", rule, request=req) is None
        elsewhere = Incoming("telegram", "-1002", staffer, "choice", group=True, thread=9)
        (refused,) = await gate.check(elsewhere, "request:take", rule, request=req) or []
        assert refused.thread == 9 and texts.render_plain(refused.text) == w.STAFF_ONLY
    finally:
        services.settings.staff_chat = None


async def test_a_sheet_from_someone_who_may_not_import_is_just_a_file(
    engine: Engine, services: Deps
) -> None:
    sheet = FileRef("to.xlsx", b"not really a workbook")
    sent = Incoming("console", OTHER.user_id, OTHER, "file", file=sheet)
    assert said(await engine.handle(sent)) == texts.MEDIA
    (entry,) = await refusals(services, "import")
    assert entry.actor == OTHER.key and entry.detail == {"commune": None, "allowed": False}
    boss = Incoming("console", BOSS.user_id, BOSS, "file", file=sheet)
    assert said(await engine.handle(boss)) != texts.MEDIA  # read (and found wanting)
    trail = await services.store.audit.latest()
    assert any(e.action == "import" and e.detail["allowed"] for e in trail)


async def test_the_team_form_is_for_the_communes_managers(services: Deps) -> None:
    gate = Gate(services, Access(services))
    assert await gate.permits(OTHER, "web:team_edit", "14797") is None
    roles = await gate.permits(BOSS, "web:team_edit", "14797")
    assert roles is not None and roles.coordinator
    trail = await services.store.audit.latest()
    assert [(e.actor, e.detail["allowed"]) for e in trail if e.action == "web_team_edit"] == [
        (BOSS.key, True),
        (OTHER.key, False),
    ]
