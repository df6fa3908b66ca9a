"""A commune's whole team edited on one web page, with the same rules as chat and import.

Each row goes through the sheet import's validation (role, name, phone, telecom operator,
scope) and the same duplicate check; nothing is saved unless every row is right, and then
everything is saved in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.deps import Deps
from bot.phones import national
from bot.roster import DuplicatePhone, Member, seats_to_fill
from bot.sheets.team_sheet import (
    RowResult,
    check_duplicates,
    member_draft,
    phone_elsewhere,
    row_error,
)
from bot.texts import sheets as w

FIELDS = ("name", "phone", "position", "operator")


@dataclass(frozen=True)
class FormRow:
    """One line of the form: an existing member (id) or an empty seat (role)."""

    key: str  # "m12" for member 12, "n0" for the first new seat
    role: str
    values: dict[str, str]
    member_id: int | None = None
    remove: bool = False

    @property
    def blank(self) -> bool:
        return not any(self.values.get(f, "").strip() for f in ("name", "phone"))


@dataclass
class FormResult:
    """Errors by row key (nothing saved), or warnings after saving."""

    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def form_rows(team: list[Member], posted: dict[str, str] | None = None) -> list[FormRow]:
    """The form's rows: every member, then one empty line per missing seat (at least one)."""
    rows = []
    for m in team:
        current = {
            "name": m.name,
            "phone": national(m.phone),
            "position": m.position,
            "operator": m.operator or "",
        }
        key = f"m{m.id}"
        values = {f: posted.get(f"{key}_{f}", "") for f in FIELDS} if posted else current
        rows.append(
            FormRow(key, m.role, values, m.id, bool(posted and posted.get(f"{key}_remove")))
        )
    empty = seats_to_fill(m.role for m in team) or ["software_guide"]
    for n, role in enumerate(empty):
        key = f"n{n}"
        chosen = posted.get(f"{key}_role", role) if posted else role
        values = {f: posted.get(f"{key}_{f}", "") for f in FIELDS} if posted else {}
        rows.append(FormRow(key, chosen, values))
    return rows


async def save_form(
    services: Deps, commune: str, scope: set[str] | None, rows: list[FormRow]
) -> FormResult:
    """Validate every row like a sheet row; save all or nothing."""
    result = FormResult()
    checked: list[tuple[RowResult, dict]] = []
    keys: dict[int, str] = {}
    for n, row in enumerate(rows):
        if row.remove or (row.member_id is None and row.blank):
            continue
        values = {"role": row.role, **row.values}
        error = row_error(services, values, scope, commune)
        if error:
            result.errors[row.key] = error
            continue
        checked.append((RowResult(n, True, commune=commune), member_draft(values)))
        keys[n] = row.key
    check_duplicates(checked)
    for item, _ in checked:
        if not item.ok:
            result.errors[keys[item.row]] = item.error or ""
    if result.errors:
        return result
    by_key = {keys[item.row]: draft for item, draft in checked}
    updates = [(r.member_id, by_key[r.key]) for r in rows if r.member_id and r.key in by_key]
    additions = [by_key[r.key] for r in rows if r.member_id is None and r.key in by_key]
    removals = [r.member_id for r in rows if r.member_id and r.remove]
    try:
        await services.store.teams.save_page(
            commune, updates, removals, additions, services.clock()
        )
    except DuplicatePhone:
        result.errors["form"] = w.FORM_SAME_PHONE
        return result
    for _, draft in checked:
        warning = await phone_elsewhere(services, commune, draft["phone"])
        if warning:
            result.warnings.append(f"{draft['name']}: {warning}")
    return result
