"""`commune-bot`: run the bot, talk to it, and the operators' JSON Lines commands.

Machine-readable output is JSON Lines on stdout; messages and errors go to stderr.
Exit status: 0 success, 1 rejected input, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.communes import CommuneDataError
from bot.directory import DirectoryError
from bot.logs import setup_logging
from bot.settings import Settings

USAGE_ERROR = 2


def emit(obj: dict[str, Any]) -> None:
    """One JSON line on stdout, UTF-8, not ASCII-escaped."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def fail(message: str, status: int = USAGE_ERROR) -> int:
    sys.stderr.write(f"commune-bot: {message}\n")
    return status


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="commune-bot", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run every configured channel until SIGINT/SIGTERM")
    chat = sub.add_parser("chat", help="talk to the bot in the terminal (no token needed)")
    chat.add_argument("--user", default="local", help="user id on the console channel")
    chat.add_argument("--name", default="", help="display name")
    chat.add_argument(
        "--role",
        default="user",
        choices=("user", "coordinator", "registrar"),
        help="act with this role",
    )
    chat.add_argument("--district", action="append", default=[], help="registrar scope")
    sub.add_parser("route", help="route JSON Lines {'text': ...} from stdin")
    sub.add_parser("contacts", help="list the provincial contact points")
    communes = sub.add_parser("communes", help="the province's commune-level units")
    csub = communes.add_subparsers(dest="action", required=True)
    csub.add_parser("list", help="every commune-level unit")
    find = csub.add_parser("find", help="best matches for a typed name")
    find.add_argument("text", nargs="+")
    regen = csub.add_parser("regenerate", help="rewrite the data files from vietnam-provinces")
    regen.add_argument("--out", default=None, help="folder (default: BOT_DATA_DIR)")
    teams = sub.add_parser("teams", help="commune support teams")
    tsub = teams.add_subparsers(dest="action", required=True)
    imp = tsub.add_parser("import", help="import members from .csv or .xlsx")
    imp.add_argument("file")
    tsub.add_parser("status", help="one line per commune")
    grant = sub.add_parser("grant", help="give a user the registrar or coordinator role")
    grant.add_argument("user", help="channel-qualified id, e.g. telegram:777")
    grant.add_argument("role", choices=("registrar", "coordinator"))
    grant.add_argument("--district", action="append", default=[], help="former district")
    grant.add_argument("--commune", action="append", default=[], help="commune code or name")
    revoke = sub.add_parser("revoke", help="take a granted role back")
    revoke.add_argument("user")
    nudges = sub.add_parser("nudges", help="deadline reminders")
    nsub = nudges.add_subparsers(dest="action", required=True)
    plan = nsub.add_parser("plan", help="the nudges due at a moment that were not sent")
    plan.add_argument("--at", required=True, help="ISO-8601 time (BOT_TIMEZONE if no offset)")
    broadcast = sub.add_parser(
        "broadcast", help="queue a broadcast (--audience, --text) or `broadcast status ID`"
    )
    broadcast.add_argument("status", nargs="*", help="status ID")
    broadcast.add_argument(
        "--audience", help="all, registrars, members, incomplete, district:NAME or commune:CODE"
    )
    broadcast.add_argument("--text")
    backup = sub.add_parser("backup", help="a consistent copy of the database")
    backup.add_argument("path")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    setup_logging()
    try:
        settings = Settings()
    except ValidationError as exc:
        return fail(f"configuration error: {exc}")
    command: Callable[[argparse.Namespace, Settings], int] = COMMANDS[args.command]
    try:
        return command(args, settings)
    except (DirectoryError, CommuneDataError) as exc:
        return fail(f"configuration error: {exc}")
    except KeyboardInterrupt:
        return 0
    except BrokenPipeError:  # `commune-bot contacts | head`: the reader has gone, not an error
        sys.stderr.close()
        return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runner import run

    return asyncio.run(run(settings))


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.console import chat
    from bot.engine import Engine
    from bot.messages import Person
    from bot.runner import open_services

    async def session() -> None:
        person = Person("console", args.user, args.name)
        if args.role == "coordinator":
            settings.coordinators = (*settings.coordinators, person.key)
        services = await open_services(settings)
        if args.role == "registrar":
            codes = [d.code for d in map(services.communes.district, args.district) if d]
            if not codes:
                await services.store.close()
                raise SystemExit(fail("--role registrar needs a known --district"))
            await services.store.grant(
                person.key, "registrar", codes, [], "console", services.clock()
            )
        try:
            await chat(Engine(services), person)
        finally:
            await services.store.close()

    asyncio.run(session())
    return 0


def cmd_route(args: argparse.Namespace, settings: Settings) -> int:
    from bot.routing import normalized_preview
    from bot.services import load_reference

    _, router, _ = load_reference(settings)
    status = 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            emit({"topic": None, "confidence": 0.0, "error": f"line {n}: {exc}"})
            status = 1
            continue
        route = router.route(text)
        emit(
            {
                "topic": route.topic,
                "confidence": round(route.confidence, 4),
                "runner_up": route.runner_up,
                "unsure": route.unsure,
                "normalized": normalized_preview(text),
            }
        )
    return status


def cmd_contacts(args: argparse.Namespace, settings: Settings) -> int:
    from bot.directory import load_directory

    directory = load_directory(settings.data_dir / "contacts.yaml")
    for key, contact in directory.all_contacts():
        row = {
            "topic": key,
            "name": contact.name,
            "phone": contact.phone,
            "title": contact.title,
            "organisation": contact.organisation,
            "phone_display": contact.phone_display,
        }
        if contact.operator:
            row["operator"] = contact.operator
        emit(row)
    return 0


def cmd_communes(args: argparse.Namespace, settings: Settings) -> int:
    from bot.communes import load_communes

    if args.action == "regenerate":
        from bot.regen import RegistryUnavailable, regenerate

        try:
            n, d = regenerate(Path(args.out) if args.out else settings.data_dir)
        except RegistryUnavailable as exc:
            return fail(str(exc))
        sys.stderr.write(f"wrote {n} communes and {d} former districts\n")
        return 0
    communes = load_communes(settings.data_dir)
    if args.action == "list":
        for commune in communes.communes.values():
            emit(commune.as_json())
        return 0
    for match in communes.find(" ".join(args.text), limit=10):
        emit({**match.commune.as_json(), "score": round(match.score, 1)})
    return 0


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
            from bot.flows.status import statuses

            for row in await statuses(services):
                emit(row.as_json())
            return 0

        return with_store(settings, status)
    from bot.flows.sheets import SheetError, import_rows, read_sheet

    path = Path(args.file)
    try:
        rows = read_sheet(path.name, path.read_bytes())
    except OSError as exc:
        return fail(f"cannot read {path}: {exc}", 1)
    except SheetError as exc:
        return fail(f"{path}: {exc}", 1)

    async def run_import(services: Any) -> int:
        results = await import_rows(services, rows, None, services.clock())
        for result in results:
            emit(result.as_json())
        await services.store.audit(
            "cli", "teams_import", {"file": path.name, "rows": len(results)}, services.clock()
        )
        return 0 if all(r.ok for r in results) else 1

    return with_store(settings, run_import)


def cmd_grant(args: argparse.Namespace, settings: Settings) -> int:
    from bot.settings import CHANNELS

    channel, _, uid = args.user.partition(":")
    if channel not in CHANNELS or not uid:
        return fail(f"{args.user!r} is not a channel-qualified user id like telegram:777")

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
        await services.store.grant(args.user, args.role, districts, communes, "cli", now)
        await services.store.audit(
            "cli",
            "grant",
            {"user": args.user, "role": args.role, "districts": districts, "communes": communes},
            now,
        )
        emit({"user": args.user, "role": args.role, "districts": districts, "communes": communes})
        return 0

    return with_store(settings, grant)


def cmd_revoke(args: argparse.Namespace, settings: Settings) -> int:
    async def revoke(services: Any) -> int:
        removed = await services.store.revoke(args.user)
        await services.store.audit("cli", "revoke", {"user": args.user}, services.clock())
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
    if at.tzinfo is None:
        at = at.replace(tzinfo=settings.tz)

    async def plan(services: Any) -> int:
        from bot.reminders import due_nudges

        for nudge in await due_nudges(services, at, services.policy):
            emit(nudge.as_json())
        return 0

    return with_store(settings, plan)


def cmd_broadcast(args: argparse.Namespace, settings: Settings) -> int:
    if args.status:
        if len(args.status) != 2 or args.status[0] != "status" or not args.status[1].isdigit():
            return fail("usage: commune-bot broadcast status ID")
        broadcast = int(args.status[1])

        async def status(services: Any) -> int:
            counts = await services.store.broadcast_counts(broadcast)
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
        from bot.flows.broadcast import MAX_TEXT, BroadcastFlow

        if len(args.text) > MAX_TEXT:
            return fail(f"--text is longer than {MAX_TEXT} characters", 1)
        flow = BroadcastFlow(services, Access(services))
        sender = {"key": "cli", "name": "Sở Khoa học và Công nghệ"}
        try:
            broadcast, count = await flow.queue(
                Roles(coordinator=True), sender, args.audience, args.text.strip()
            )
        except AudienceError as exc:
            return fail(str(exc), 1)
        emit({"broadcast": broadcast, "recipients": count})
        return 0

    return with_store(settings, queue)


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "run": cmd_run,
    "chat": cmd_chat,
    "route": cmd_route,
    "contacts": cmd_contacts,
    "communes": cmd_communes,
    "teams": cmd_teams,
    "grant": cmd_grant,
    "revoke": cmd_revoke,
    "backup": cmd_backup,
    "nudges": cmd_nudges,
    "broadcast": cmd_broadcast,
}
