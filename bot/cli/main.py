"""`commune-bot`: run the bot, talk to it, and the operators' JSON Lines commands.

Machine-readable output is JSON Lines on stdout; messages and errors go to stderr.
Exit status: 0 success, 1 rejected input, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.output import emit, fail

if TYPE_CHECKING:  # each command imports what it needs: `run` starts polling first
    from bot.settings import Settings


def parser() -> argparse.ArgumentParser:
    from bot.cli.questions import add_parser as add_questions_parser
    from bot.cli.web_link import add_parser as add_web_link_parser
    from bot.reports.command import add_parser as add_report_parser
    from bot.requests.commands import add_parser as add_requests_parser

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
    chat.add_argument(
        "--files", default="bot-files", help="folder for files the bot sends (exports, charts)"
    )
    route = sub.add_parser("route", help="route JSON Lines {'text': ...} from stdin")
    route.add_argument(
        "--explain", action="store_true", help="add the evidence that decided each line"
    )
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
    add_requests_parser(sub)
    backup = sub.add_parser("backup", help="a consistent copy of the database")
    backup.add_argument("path")
    add_questions_parser(sub)
    add_report_parser(sub)
    add_web_link_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    try:
        if list(sys.argv[1:] if argv is None else argv) == ["run"]:
            from bot.cli.run import run_early

            status = run_early()  # a polling Telegram bot: the first getUpdates comes first
            if status is not None:
                return status
        return _command(parser().parse_args(argv))
    except KeyboardInterrupt:
        return 0
    except BrokenPipeError:  # `commune-bot contacts | head`: the reader has gone, not an error
        sys.stderr.close()
        return 0
    except Exception as exc:
        status = _refused(exc)
        if status is None:
            raise
        return status


def _command(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from bot.logs import setup_logging
    from bot.settings import Settings

    setup_logging()
    try:
        settings = Settings()
    except ValidationError as exc:
        return fail(f"configuration error: {exc}")
    return COMMANDS[args.command](args, settings)


def _refused(exc: Exception) -> int | None:
    """The exit status and sentence for a fault of the data or the database, else None."""
    from bot.communes import CommuneDataError
    from bot.directory import DirectoryError
    from bot.nudges.campaign import CampaignError
    from bot.storage import StorageFault

    if isinstance(exc, DirectoryError | CommuneDataError | CampaignError):
        return fail(f"configuration error: {exc}")
    if isinstance(exc, StorageFault):  # the database cannot be used: a sentence, not a traceback
        return fail(f"database error: {exc}")
    return None


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runner import run

    return asyncio.run(run(settings))


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.console import chat
    from bot.chat import Person
    from bot.engine import Engine
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
            await services.store.access.grant(
                person.key, "registrar", codes, [], "console", services.clock()
            )
        try:
            await chat(Engine(services), person, files=Path(args.files))
        finally:
            await services.store.close()

    asyncio.run(session())
    return 0


def cmd_route(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.questions import taught_labels
    from bot.deps import load_reference
    from bot.routing import normalized_preview

    _, router, _ = load_reference(settings, taught_labels(settings))  # as the running bot
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
        out: dict[str, object] = {
            "topic": route.topic,
            "confidence": round(route.confidence, 4),
            "runner_up": route.runner_up,
            "unsure": route.unsure,
            "normalized": normalized_preview(text),
        }
        if args.explain:
            out["explain"] = router.explain(text)
        emit(out)
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
            n, d = regenerate(Path(args.out) if args.out else settings.data_dir, settings.province)
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


def _elsewhere(module: str, name: str) -> Callable[[argparse.Namespace, Settings], int]:
    """A command of another module, imported when it runs."""

    def command(args: argparse.Namespace, settings: Settings) -> int:
        run: Callable[[argparse.Namespace, Settings], int] = getattr(
            importlib.import_module(module), name
        )
        return run(args, settings)

    return command


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "run": cmd_run,
    "requests": _elsewhere("bot.requests.commands", "cmd_requests"),
    "chat": cmd_chat,
    "route": cmd_route,
    "contacts": cmd_contacts,
    "communes": cmd_communes,
    "teams": _elsewhere("bot.cli.operations", "cmd_teams"),
    "grant": _elsewhere("bot.cli.operations", "cmd_grant"),
    "revoke": _elsewhere("bot.cli.operations", "cmd_revoke"),
    "backup": _elsewhere("bot.cli.operations", "cmd_backup"),
    "questions": _elsewhere("bot.cli.questions", "cmd_questions"),
    "nudges": _elsewhere("bot.cli.operations", "cmd_nudges"),
    "broadcast": _elsewhere("bot.cli.operations", "cmd_broadcast"),
    "report": _elsewhere("bot.reports.command", "cmd_report"),
    "web-link": _elsewhere("bot.cli.web_link", "cmd_web_link"),
}
