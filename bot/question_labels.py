"""Labels for stored questions: what a coordinator may write, and the review files.

A label is a topic key (``network``), the topic's menu label or name as shown to users
(``Mạng, đường truyền``), ``none`` for "not a support request" (also ``không``,
``không phải hỗ trợ``) or ``skip`` (``bỏ qua``). Export files are JSONL or XLSX by extension,
one question a row with an empty ``label`` column to fill in; the same files come back with
``commune-bot questions label FILE``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from bot.directory import Directory
from bot.inputs import as_cell_text
from bot.normalize import fold
from bot.rows.questions import ReviewItem
from bot.texts import sheets as w
from bot.timestamps import to_db

NOT_SUPPORT = "none"  # same values as bot.store.labels (the core never imports the store)
SKIP = "skip"
COLUMNS = ("id", "at", "channel", "text", "routed", "confidence", "chosen", "label")
# The workbook is read by people: Vietnamese headers; the reader accepts these or the keys.
HEADERS = w.QUESTION_HEADERS
MAX_FILE = 5 * 1024 * 1024
_NONE_WORDS = {"none", "null", "khong", "khong phai", "khong phai ho tro", "not support", "-"}
_SKIP_WORDS = {"skip", "bo qua"}


class LabelFileError(ValueError):
    """The file cannot be read as a label file (message in Vietnamese-free English for CLI)."""


@dataclass(frozen=True)
class LabelRow:
    """One row of a label file: the question id and the label as written (maybe blank)."""

    row: int
    question_id: int | None
    label: str


def parse_label(value: str, directory: Directory) -> str | None:
    """The canonical label for what a person wrote, or None when it is not one."""
    folded = fold(value).strip()
    if not folded:
        return None
    if folded in _NONE_WORDS:
        return NOT_SUPPORT
    if folded in _SKIP_WORDS:
        return SKIP
    for key, topic in directory.topics.items():
        if folded in {fold(key), fold(topic.label), fold(topic.name)}:
            return key
    return None


def export_row(question: ReviewItem) -> dict:
    """A stored question as an export row (no asker identity: the text and its routing only)."""
    return {
        "id": question.id,
        "at": to_db(question.at),  # as stored: UTC, ISO 8601
        "channel": question.channel,
        "text": question.text,
        "routed": question.topic,
        "confidence": round(question.confidence, 3),
        "chosen": question.chosen_topic,
        "label": question.label or "",
    }


def write_export(name: str, rows: Iterable[dict], directory: Directory) -> bytes:
    """The export file's bytes: ``.jsonl`` or ``.xlsx`` (with a sheet listing the labels)."""
    lower = name.lower()
    if lower.endswith(".jsonl"):
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    if not lower.endswith(".xlsx"):
        raise LabelFileError("the file name must end in .xlsx or .jsonl")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has exactly one sheet (`active` may be None)
    sheet.title = w.QUESTIONS_SHEET
    sheet.append([HEADERS[c] for c in COLUMNS])
    for r in rows:
        sheet.append(["" if r[c] is None else r[c] for c in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and as_cell_text(cell.value):
                cell.data_type = "s"  # a question typed as "=…" must not become a live formula
    sheet.column_dimensions["D"].width = 80
    legend = book.create_sheet(w.LABELS_SHEET)
    legend.append(list(w.LABELS_HEAD))
    for key, topic in directory.topics.items():
        legend.append([key, topic.name])
    legend.append([NOT_SUPPORT, w.MEANS_NOT_SUPPORT])
    legend.append([SKIP, w.MEANS_SKIP])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_label_rows(name: str, content: bytes) -> list[LabelRow]:
    """The (question id, label) rows of a JSONL or XLSX label file, in file order."""
    if len(content) > MAX_FILE:
        raise LabelFileError("the file is larger than 5 MB")
    lower = name.lower()
    if lower.endswith(".jsonl"):
        return _jsonl_rows(content)
    if lower.endswith(".xlsx"):
        return _xlsx_rows(content)
    raise LabelFileError("only .xlsx or .jsonl files can be read")


def _jsonl_rows(content: bytes) -> list[LabelRow]:
    try:
        lines = content.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise LabelFileError("the JSONL file is not UTF-8") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelFileError(f"line {n} is not JSON: {exc.msg}") from exc
        if not isinstance(obj, dict):
            raise LabelFileError(f"line {n} is not a JSON object")
        rows.append(LabelRow(n, _as_id(obj.get("id")), _as_text(obj.get("label"))))
    return rows


def _xlsx_rows(content: bytes) -> list[LabelRow]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise LabelFileError("cannot open the Excel file (damaged or not .xlsx)") from exc
    table = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    if not table:
        return []
    named = {fold(v): k for k, v in HEADERS.items()}
    header = [named.get(fold(_as_text(h)), fold(_as_text(h))) for h in table[0]]
    if "id" not in header or "label" not in header:
        names = f"'{HEADERS['id']}' and '{HEADERS['label']}'"
        raise LabelFileError(f"the first row must name the columns, with {names}")
    at_id, at_label = header.index("id"), header.index("label")
    rows = []
    for n, cells in enumerate(table[1:], 2):
        if all(c in (None, "") for c in cells):
            continue
        cells = [*cells, *[None] * (len(header) - len(cells))]
        rows.append(LabelRow(n, _as_id(cells[at_id]), _as_text(cells[at_label])))
    return rows


def _as_id(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():  # Excel stores numbers as floats
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _as_text(value: object) -> str:
    return "" if value is None else str(value).strip()
