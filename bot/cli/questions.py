"""`commune-bot questions export|label`: the routing review queue as a file, and labels back.

``export [--unsure] --out FILE`` writes every stored question (or only the open review queue:
unsure or corrected, not yet labelled) as ``.xlsx`` or ``.jsonl``; prints ``{"exported": N,
"file": ...}``. ``label FILE`` reads the same kind of file and stores each row's ``label``
(topic key or label, ``none``, ``skip``; blank rows are left alone); prints one line per row
``{"row", "id", "ok", "label"?, "error"?}`` and exits 1 when any row was rejected. Valid rows
are stored even when others are not: nothing typed in a good row is thrown away.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from bot.cli.operations import with_store
from bot.cli.output import emit, fail, read_file
from bot.question_labels import (
    LabelFileError,
    export_row,
    parse_label,
    read_label_rows,
    write_export,
)
from bot.settings import Settings

SUFFIXES = (".xlsx", ".jsonl")


def add_parser(sub: Any) -> None:
    """The `questions` sub-command and its two actions."""
    questions = sub.add_parser("questions", help="the routing review queue (export, label)")
    qsub = questions.add_subparsers(dest="action", required=True)
    export = qsub.add_parser("export", help="stored questions to .xlsx or .jsonl")
    export.add_argument("--unsure", action="store_true", help="only the open review queue")
    export.add_argument("--out", required=True, help="file name ending in .xlsx or .jsonl")
    label = qsub.add_parser("label", help="read labels from an .xlsx or .jsonl file")
    label.add_argument("file")


def taught_labels(settings: Settings) -> list[tuple[str, str | None]]:
    """The review labels in the configured database (none when there is no database yet), so
    `commune-bot route` decides as the running bot does."""
    if not Path(settings.database).is_file():
        return []
    from bot.store import Store

    async def read() -> list[tuple[str, str | None]]:
        store = Store(settings.database)
        await store.open()
        try:
            return await store.labels.taught_examples()
        finally:
            await store.close()

    return asyncio.run(read())


def cmd_questions(args: argparse.Namespace, settings: Settings) -> int:
    """Dispatch `questions export` and `questions label`."""
    if args.action == "export":
        return _export(Path(args.out), args.unsure, settings)
    return _label(Path(args.file), settings)


def _export(out: Path, unsure: bool, settings: Settings) -> int:
    if out.suffix.lower() not in SUFFIXES:
        return fail(f"{out}: the file name must end in .xlsx or .jsonl")

    async def work(services: Any) -> int:
        rows = [export_row(q) for q in await services.store.labels.for_review(unsure)]
        content = write_export(out.name, rows, services.directory)
        try:
            out.write_bytes(content)
        except OSError as exc:
            return fail(f"cannot write {out}: {exc}", 1)
        emit({"exported": len(rows), "file": str(out)})
        return 0

    return with_store(settings, work)


def _label(path: Path, settings: Settings) -> int:
    rows = read_file(path, read_label_rows, LabelFileError)
    if isinstance(rows, int):
        return rows

    async def work(services: Any) -> int:
        rejected = 0
        stored = 0
        for row in rows:
            result: dict[str, Any] = {"row": row.row, "id": row.question_id}
            if not row.label:
                emit({**result, "ok": True, "skipped": "no label"})
                continue
            label = parse_label(row.label, services.directory)
            if row.question_id is None:
                error = "no question id"
            elif label is None:
                error = f"unknown label {row.label!r} (a topic key, none or skip)"
            elif not await services.store.labels.label(
                row.question_id, label, "cli", services.clock()
            ):
                error = f"no question {row.question_id}"
            else:
                stored += 1
                emit({**result, "ok": True, "label": label})
                continue
            rejected += 1
            emit({**result, "ok": False, "error": error})
        await services.store.audit.record(
            "cli", "questions_label", {"file": path.name, "stored": stored}, services.clock()
        )
        return 1 if rejected else 0

    return with_store(settings, work)
