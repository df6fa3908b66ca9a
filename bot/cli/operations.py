"""Operator commands that work on the database: teams, roles, nudges, broadcasts, backup.

Same conventions as the rest of `commune-bot`: JSON Lines on stdout, messages on stderr,
exit status 0 / 1 (rejected input) / 2 (usage or configuration).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.cli.output import emit, fail, read_file
from bot.inputs import parse_int, valid_user_key
from bot.settings import Settings
from bot.texts import letterhead


def with_store(settings: Settings, work: Callable[[Any], Any]) -> int:
    """Run `work(services)` with the store open; its return value is the exit status."""
    from bot.runner import open_services

    async def session() -> int:
        services = await open_services(settings)
        try:
            return int(await work(services))
        finally:
            await services.store.close()

    return asyncio.run(session())


def cmd_teams(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "status":

        async def status(services: Any) -> int:
            from bot.commands.status import statuses

            for row in await statuses(services):
                emit(row.as_json())
            return 0

        return with_store(settings, status)
    from bot.sheets.team_sheet import SheetError, import_rows, read_sheet

    path = Path(args.file)
    rows = read_file(path, read_sheet, SheetError)
    if isinstance(rows, int):
        return rows

    async def run_import(services: Any) -> int:
        from bot.storage import StorageFault

        done: dict[int, bool] = {}

        def report(result: Any) -> None:  # each row as soon as it is final, not at the end
            done[result.row] = result.ok
            emit(result.as_json())
            sys.stdout.flush()

        try:
            await import_rows(services, rows, None, services.clock(), report)
            await services.store.audit.record(
                "cli", "teams_import", {"file": path.name, "rows": len(rows)}, services.clock()
            )
        except StorageFault as exc:
            for row in rows:
                if row.row not in done:
                    emit({"row": row.row, "ok": False, "error": f"not saved: {exc}"})
            return fail(f"database error: {exc}; the rows marked ok were saved")
        return 0 if all(done.values()) else 1

    return with_store(settings, run_import)


def cmd_grant(args: argparse.Namespace, settings: Settings) -> int:
    if not valid_user_key(args.user):
        return fail(f"{args.user!r} is not a user id like telegram:777 (digits) or zalo:8a1b2c")

    async def grant(services: Any) -> int:
        districts, communes = [], []
        for name in args.district:
            district = services.communes.district(name)
            if district is None:
                return fail(f"unknown former district {name!r}", 1)
            districts.append(district.code)
        for text in args.commune:
            found = services.communes.lookup(text)
            if not found.matches or found.ambiguous or found.matches[0].score < 95:
                return fail(f"unknown or ambiguous commune {text!r}: use its code", 1)
            communes.append(found.matches[0].commune.code)
        if args.role == "registrar" and not (districts or communes):
            return fail("a registrar needs --district and/or --commune")
        now = services.clock()
        await services.store.access.grant(args.user, args.role, districts, communes, "cli", now)
        await services.store.audit.record(
            "cli",
            "grant",
            {"user": args.user, "role": args.role, "districts": districts, "communes": communes},
            now,
        )
        emit({"user": args.user, "role": args.role, "districts": districts, "communes": communes})
        return 0

    return with_store(settings, grant)


def cmd_revoke(args: argparse.Namespace, settings: Settings) -> int:
    if not valid_user_key(args.user):
        return fail(f"{args.user!r} is not a user id like telegram:777 (digits) or zalo:8a1b2c")

    async def revoke(services: Any) -> int:
        removed = await services.store.access.revoke(args.user)
        await services.store.audit.record("cli", "revoke", {"user": args.user}, services.clock())
        emit({"user": args.user, "revoked": removed})
        return 0 if removed else 1

    return with_store(settings, revoke)


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    async def backup(services: Any) -> int:
        await services.store.backup_to(Path(args.path))
        emit({"backup": str(args.path)})
        return 0

    return with_store(settings, backup)


def cmd_nudges(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import datetime

    try:
        at = datetime.fromisoformat(args.at)
    except ValueError:
        return fail(f"--at {args.at!r} is not an ISO-8601 time")
    if not 2000 <= at.year <= 2100:  # nudges look days back and ahead: year 1 overflows
        return fail(f"--at {args.at!r} is outside the years 2000–2100")
    if at.tzinfo is None:
        at = at.replace(tzinfo=settings.tz)

    async def plan(services: Any) -> int:
        from bot.nudges.schedule import due_nudges

        for nudge in await due_nudges(services, at, services.policy):
            emit(nudge.as_json())
        return 0

    return with_store(settings, plan)


def cmd_broadcast(args: argparse.Namespace, settings: Settings) -> int:
    if args.status:
        number = parse_int(args.status[1], 1) if len(args.status) == 2 else None
        if args.status[0] != "status" or number is None:
            return fail("usage: commune-bot broadcast status ID")
        broadcast = number

        async def status(services: Any) -> int:
            counts = await services.store.broadcasts.counts(broadcast)
            if counts is None:
                return fail(f"no broadcast {broadcast}", 1)
            emit({"broadcast": broadcast, **counts})
            return 0

        return with_store(settings, status)
    if not args.audience or not args.text or not args.text.strip():
        return fail("usage: commune-bot broadcast --audience AUDIENCE --text TEXT")

    async def queue(services: Any) -> int:
        from bot.access import Access, Roles
        from bot.audience import AudienceError
        from bot.chat import Recipient
        from bot.dialogues.broadcast import MAX_TEXT, BroadcastFlow

        if len(args.text) > MAX_TEXT:
            return fail(f"--text is longer than {MAX_TEXT} characters", 1)
        flow = BroadcastFlow(services, Access(services))
        sender = Recipient("cli", "", "", letterhead.SENDER)
        try:
            broadcast, count = await flow.queue(
                Roles(coordinator=True), sender, args.audience, args.text.strip()
            )
        except AudienceError as exc:
            return fail(str(exc), 1)
        emit({"broadcast": broadcast, "recipients": count})
        return 0

    return with_store(settings, queue)
