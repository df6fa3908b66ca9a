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
        "--role", default="user", choices=("user", "coordinator"), help="act with this role"
    )
    sub.add_parser("route", help="route JSON Lines {'text': ...} from stdin")
    sub.add_parser("contacts", help="list the provincial contact points")
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


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "run": cmd_run,
    "chat": cmd_chat,
    "route": cmd_route,
    "contacts": cmd_contacts,
}
