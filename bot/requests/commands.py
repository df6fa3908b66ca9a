"""`commune-bot requests list [--open]` and `commune-bot requests export [--out FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.cli.operations import with_store
from bot.cli.output import emit
from bot.deps import Deps
from bot.settings import Settings


def add_parser(sub: Any) -> None:
    """The `requests` sub-command and its actions."""
    requests = sub.add_parser("requests", help="support requests")
    rsub = requests.add_subparsers(dest="action", required=True)
    listing = rsub.add_parser("list", help="one JSON line per request")
    listing.add_argument("--open", action="store_true", help="only open and answered ones")
    export = rsub.add_parser("export", help="an XLSX report of every request, with figures")
    export.add_argument("--out", default="requests.xlsx", help="file to write")


def cmd_requests(args: argparse.Namespace, settings: Settings) -> int:
    from bot.requests.report import as_line, export_xlsx

    async def work(services: Deps) -> int:
        rows = await services.store.requests.where(open_only=bool(getattr(args, "open", False)))
        rows.sort(key=lambda r: r.id)
        if args.action == "list":
            for row in rows:
                emit(as_line(row))
            return 0
        path = Path(args.out)
        path.write_bytes(export_xlsx(services, rows))
        emit({"file": str(path), "requests": len(rows)})
        sys.stderr.write(f"wrote {len(rows)} requests to {path}\n")
        return 0

    return with_store(settings, work)
