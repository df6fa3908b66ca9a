"""Team sheets: import (.csv/.xlsx) with a per-row report, the template, the XLSX export.

Import is all-or-nothing per commune and idempotent: the same phone in the same commune
updates that person instead of adding a duplicate.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.deps import Deps
from bot.directory import OPERATORS, operator_from_text
from bot.inputs import clean_text
from bot.normalize import fold
from bot.phones import InvalidPhone, to_e164
from bot.roster import TELECOM, name_case, role_from_text, valid_name, valid_position
from bot.texts import sheets as w

COLUMNS = ("commune", "role", "name", "phone", "position", "operator")
HEADER_NAMES = {
    "xa": "commune",
    "xa phuong": "commune",
    "ma xa": "commune",
    "don vi": "commune",
    "vai tro": "role",
    "vi tri": "role",
    "ho ten": "name",
    "ho va ten": "name",
    "so dien thoai": "phone",
    "dien thoai": "phone",
    "sdt": "phone",
    "chuc vu": "position",
    "nha mang": "operator",
    "doanh nghiep": "operator",
}
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 50_000


class SheetError(ValueError):
    """The file cannot be read as a team sheet (message in Vietnamese)."""


@dataclass(frozen=True)
class SheetRow:
    """One data row with its spreadsheet row number."""

    row: int
    values: dict[str, str]


@dataclass
class RowResult:
    """The import verdict for one row."""

    row: int
    ok: bool
    error: str | None = None
    warning: str | None = None
    commune: str | None = None

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"row": self.row, "ok": self.ok}
        if self.error:
            out["error"] = self.error
        if self.warning:
            out["warning"] = self.warning
        return out


def read_sheet(name: str, content: bytes) -> list[SheetRow]:
    """Rows of a .csv or .xlsx file, keyed by the contract's column names."""
    if len(content) > MAX_BYTES:
        raise SheetError(w.TOO_BIG)
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _xlsx_rows(content)
    elif lower.endswith(".csv"):
        table = _csv_rows(content)
    else:
        raise SheetError(w.WRONG_KIND)
    return _keyed(table)


def _csv_rows(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError(w.NOT_UTF8)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:4096], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SheetError(w.BROKEN_XLSX) from exc
    sheet = book.worksheets[0]
    rows = [
        ["" if v is None else _cell(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    book.close()
    return rows


def _cell(value: object) -> str:
    # Excel turns phones into numbers and drops the leading 0: 912345678.0 → "0912345678".
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return "0" + text if re.fullmatch(r"[1-9]\d{8}", text) else text


def _keyed(table: list[list[str]]) -> list[SheetRow]:
    header_at = next((i for i, r in enumerate(table) if any(c.strip() for c in r)), None)
    if header_at is None:
        raise SheetError(w.NO_DATA)
    columns = [_column(c) for c in table[header_at]]
    for needed in ("commune", "role", "name", "phone"):
        if needed not in columns:
            raise SheetError(w.MISSING_COLUMN.format(column=needed))
    rows = []
    for offset, raw in enumerate(table[header_at + 1 :], header_at + 2):
        values = {
            col: (raw[i].strip() if i < len(raw) else "") for i, col in enumerate(columns) if col
        }
        if any(values.values()):
            rows.append(SheetRow(offset, values))
    if len(rows) > MAX_ROWS:
        raise SheetError(w.TOO_MANY_ROWS.format(limit=MAX_ROWS))
    return rows


def _column(header: str) -> str | None:
    key = header.strip().lower()
    if key in COLUMNS:
        return key
    return HEADER_NAMES.get(fold(header))


async def import_rows(
    services: Deps,
    rows: list[SheetRow],
    scope: set[str] | None,
    now: datetime,
    report: Callable[[RowResult], None] = lambda result: None,
) -> list[RowResult]:
    """Validate every row, then save commune by commune; a commune with a bad row is untouched.

    `report` gets each row's verdict as soon as it is final: a row naming no known commune at
    once, the others when their commune is saved or refused.
    """
    results: list[RowResult] = []
    drafts: dict[str, list[tuple[RowResult, dict]]] = {}
    for row in rows:
        result, draft = _validate(services, row, scope)
        results.append(result)
        if result.commune:
            drafts.setdefault(result.commune, []).append((result, draft))
        else:
            report(result)
    for commune, items in drafts.items():
        check_duplicates(items)
        bad = [r.row for r, _ in items if not r.ok]
        if bad:
            for result, _ in items:
                if result.ok:
                    result.ok, result.error = False, w.COMMUNE_HAS_BAD_ROW.format(row=bad[0])
        else:
            await _flag_elsewhere(services, commune, items)
            await services.store.teams.upsert(commune, [d for _, d in items], now)
        for result, _ in items:
            report(result)
    return results


def _validate(services: Deps, row: SheetRow, scope: set[str] | None) -> tuple[RowResult, dict]:
    v = row.values
    found = services.communes.lookup(v.get("commune", ""))
    best = found.matches[0] if found.matches else None
    if best is None or best.score < 95 or found.ambiguous:
        return RowResult(
            row.row,
            False,
            w.UNKNOWN_COMMUNE.format(text=v.get("commune", "")),
        ), {}
    commune = best.commune.code
    result = RowResult(row.row, True, commune=commune)
    error = row_error(services, v, scope, commune)
    if error:
        result.ok, result.error = False, error
        return result, {}
    return result, member_draft(v)


def member_draft(v: dict[str, str]) -> dict:
    """A row that passed `row_error` as the member to save."""
    role = role_from_text(v["role"]) or ""
    return {
        "role": role,
        "name": name_case(clean_text(v["name"])),
        "phone": to_e164(v["phone"]),
        "position": clean_text(v.get("position", "")),
        "operator": operator_from_text(v.get("operator", "")) if role == TELECOM else None,
    }


def row_error(
    services: Deps, v: dict[str, str], scope: set[str] | None, commune: str
) -> str | None:
    """Why one member's details cannot be saved (the same rules for sheets and the web)."""
    if scope is not None and commune not in scope:
        return w.ROW_OUT_OF_SCOPE
    role = role_from_text(v.get("role", ""))
    if role is None:
        return w.ROW_BAD_ROLE.format(text=v.get("role", ""))
    if not valid_name(clean_text(v.get("name", ""))):
        return w.ROW_BAD_NAME
    if not valid_position(clean_text(v.get("position", ""))):
        return w.ROW_BAD_POSITION
    try:
        to_e164(v.get("phone", ""))
    except InvalidPhone:
        return w.ROW_BAD_PHONE.format(text=v.get("phone", ""))
    given = clean_text(v.get("operator", ""), 40)
    if role == TELECOM and operator_from_text(given) is None:
        return w.ROW_BAD_OPERATOR.format(text=given) if given else w.ROW_NO_OPERATOR
    return None


def check_duplicates(items: list[tuple[RowResult, dict]]) -> None:
    """The same phone twice for one commune: the later row is refused."""
    seen: dict[str, int] = {}
    for result, draft in items:
        if not result.ok:
            continue
        if draft["phone"] in seen:
            result.ok = False
            result.error = w.ROW_SAME_PHONE.format(row=seen[draft["phone"]])
        else:
            seen[draft["phone"]] = result.row


async def _flag_elsewhere(
    services: Deps, commune: str, items: list[tuple[RowResult, dict]]
) -> None:
    for result, draft in items:
        result.warning = await phone_elsewhere(services, commune, draft["phone"])


async def phone_elsewhere(services: Deps, commune: str, phone: str) -> str | None:
    """A warning when the phone is already on another commune's team (allowed, but odd)."""
    others = [c for c in await services.store.teams.communes_with_phone(phone) if c != commune]
    if not others:
        return None
    names = ", ".join(c.name for c in map(services.communes.get, others) if c)
    return w.ROW_PHONE_ELSEWHERE.format(names=names)


__all__ = ["OPERATORS", "SheetError", "import_rows", "read_sheet"]
