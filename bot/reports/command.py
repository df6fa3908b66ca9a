"""`commune-bot report --out FILE [--format docx|xlsx] [--district NAME] [--at ISO-8601]`."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.cli.output import emit, fail
from bot.settings import Settings

FORMATS = ("docx", "xlsx")


def add_parser(sub: Any) -> None:
    """The `report` sub-command's arguments."""
    report = sub.add_parser("report", help="the official report (.docx, or .xlsx)")
    report.add_argument("--out", required=True, help="file to write")
    report.add_argument("--format", choices=FORMATS, default=None, help="default: docx")
    report.add_argument("--district", default=None, help="only this former district")
    report.add_argument("--at", default=None, help="figures as of this ISO-8601 time")


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.operations import with_store

    fmt = args.format or ("xlsx" if args.out.lower().endswith(".xlsx") else "docx")
    at = None
    if args.at:
        try:
            at = datetime.fromisoformat(args.at)
        except ValueError:
            return fail(f"--at {args.at!r} is not an ISO-8601 time")
        at = at if at.tzinfo else at.replace(tzinfo=settings.tz)

    async def write(services: Any) -> int:
        from bot.reports.files import report_file

        codes, scope = None, None
        if args.district:
            district = services.communes.district(args.district)
            if district is None:
                return fail(f"unknown former district {args.district!r}", 1)
            codes, scope = district.commune_codes, district.name
        _name, content, report = await report_file(services, fmt, at, codes, scope)
        try:
            Path(args.out).write_bytes(content)
        except OSError as exc:
            return fail(f"cannot write {args.out}: {exc}", 1)
        emit(
            {
                "report": args.out,
                "format": fmt,
                "communes": len(report.rows),
                "at": report.at.isoformat(),
            }
        )
        return 0

    return with_store(settings, write)
