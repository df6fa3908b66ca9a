"""The state of a /register dialogue, and how it is kept in the conversations table.

The JSON keys are the ones the version before the state machines wrote ("step", "mode",
"commune", "seats", "i", "drafts", "cur", "notes", "member", "fix", "field", "picks",
"pick_text"), so a registration in progress survives the upgrade. `from_json` refuses a row
whose parts do not fit together (raises ValueError or KeyError): the runner ends it politely
rather than letting a step fail on it later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot import texts
from bot.dialogues.effects import Draft
from bot.dialogues.seats import FIELDS
from bot.roster import ROLES, Member


class Step(StrEnum):
    COMMUNE = "commune"
    NAME = "name"
    PHONE = "phone"
    POSITION = "position"
    OPERATOR = "operator"
    REVIEW = "review"
    FIX = "fix"
    FIXVAL = "fixval"


class Mode(StrEnum):
    REGISTER = "register"  # fill a commune's empty seats
    REPLACE = "replace"  # another person in one member's seat


ENTERING = (Step.PHONE, Step.POSITION, Step.OPERATOR)  # the person being entered is `cur`


@dataclass(frozen=True)
class Registration:
    """Seat `i` of `seats` is being entered as `cur`; `drafts` are the people entered so far
    (nothing is written before the review is confirmed)."""

    step: Step
    mode: Mode = Mode.REGISTER
    commune: str = ""
    seats: tuple[str, ...] = ()
    i: int = 0
    drafts: tuple[Draft, ...] = ()
    cur: Draft | None = None
    notes: tuple[str, ...] = ()  # "this phone is also on X's team", shown at the review
    member: int = 0  # REPLACE: whose seat
    fix: int = 0  # FIX, FIXVAL: which draft
    field: str = ""  # FIXVAL: which of its fields
    picks: tuple[str, ...] = ()  # COMMUNE: the communes offered to pick from
    pick_text: str = ""  # COMMUNE: the question that offered them

    @property
    def role(self) -> str:
        """The seat being entered."""
        return self.seats[self.i]


def _draft(data: dict[str, Any]) -> Draft:
    role = str(data["role"])
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    operator = data.get("operator")
    return Draft(
        role,
        str(data.get("name", "")),
        str(data.get("phone", "")),
        str(data.get("position") or ""),
        str(operator) if operator else None,
    )


def _draft_json(d: Draft) -> dict[str, Any]:
    row: dict[str, Any] = {"role": d.role, "name": d.name}
    if d.phone:
        row["phone"] = d.phone
    if d.position or d.phone:
        row["position"] = d.position
    if d.operator:
        row["operator"] = d.operator
    return row


def from_json(data: dict[str, Any]) -> Registration:
    """A kept state (this version's or the previous one's), checked to fit together."""
    cur = data.get("cur") or None
    state = Registration(
        step=Step(data["step"]),
        mode=Mode(data.get("mode", Mode.REGISTER)),
        commune=str(data.get("commune", "")),
        seats=tuple(str(s) for s in data.get("seats", [])),
        i=int(data.get("i", 0)),
        drafts=tuple(_draft(d) for d in data.get("drafts", [])),
        cur=_draft(cur) if cur else None,
        notes=tuple(str(n) for n in data.get("notes", [])),
        member=int(data.get("member", 0)),
        fix=int(data.get("fix", 0)),
        field=str(data.get("field", "")),
        picks=tuple(str(p) for p in data.get("picks", [])),
        pick_text=str(data.get("pick_text", "")),
    )
    _check(state)
    return state


def _check(s: Registration) -> None:
    if s.step is not Step.COMMUNE and not s.commune:
        raise ValueError("no commune")
    if s.step in (Step.NAME, *ENTERING) and not 0 <= s.i < len(s.seats):
        raise ValueError("no seat being entered")
    if s.step in ENTERING and (s.cur is None or s.cur.role != s.role):
        raise ValueError("no person being entered")
    if s.step in (Step.POSITION, Step.OPERATOR) and (s.cur is None or not s.cur.phone):
        raise ValueError("no phone entered")
    if s.step in (Step.REVIEW, Step.FIX, Step.FIXVAL) and not s.drafts:
        raise ValueError("nothing to review")
    if s.step in (Step.FIX, Step.FIXVAL) and not 0 <= s.fix < len(s.drafts):
        raise ValueError("no draft to fix")
    if s.step is Step.FIXVAL and s.field not in FIELDS:
        raise ValueError("no field to fix")
    if s.mode is Mode.REPLACE and not s.member:
        raise ValueError("no member to replace")


def to_json(s: Registration) -> dict[str, Any]:
    data: dict[str, Any] = {"step": s.step.value, "mode": s.mode.value, "picks": list(s.picks)}
    if s.pick_text:
        data["pick_text"] = s.pick_text
    if s.commune:
        data.update(
            commune=s.commune,
            seats=list(s.seats),
            i=s.i,
            drafts=[_draft_json(d) for d in s.drafts],
            cur=_draft_json(s.cur) if s.cur else {},
            notes=list(s.notes),
        )
    if s.member:
        data["member"] = s.member
    if s.step in (Step.FIX, Step.FIXVAL):
        data["fix"] = s.fix
    if s.field:
        data["field"] = s.field
    return data


def replace_state(member: Member) -> Registration:
    """Replacing one member: the same seat questions for that seat only."""
    return Registration(Step.NAME, Mode.REPLACE, member.commune, (member.role,), member=member.id)


def save_rule(state: Registration) -> str:
    """The permission rule deciding this registration's save (bot/permissions.py)."""
    return f"save:{state.mode.value}_team"


def entered(state: Registration) -> str:
    """What cancel would discard, in words ("" when nothing was entered)."""
    names = [d.name for d in state.drafts] + ([state.cur.name] if state.cur else [])
    if not names:
        return ""
    return texts.ENTERED_MEMBERS.format(n=len(names), names=", ".join(names))
