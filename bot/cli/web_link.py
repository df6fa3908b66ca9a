"""`commune-bot web-link USER`: a single-use dashboard sign-in link, `{"url": …}`."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.output import emit, fail
from bot.settings import CHANNELS, Settings


def add_parser(sub: Any) -> None:
    link = sub.add_parser("web-link", help="a single-use sign-in link for the web dashboard")
    link.add_argument("user", help="channel-qualified id, e.g. telegram:777")


def cmd_web_link(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.operations import with_store

    channel, _, uid = args.user.partition(":")
    if channel not in CHANNELS or not uid:
        return fail(f"{args.user!r} is not a channel-qualified user id like telegram:777")

    async def link(services: Any) -> int:
        from bot.signin import web_link

        emit({"url": await web_link(services, args.user)})
        return 0

    return with_store(settings, link)
