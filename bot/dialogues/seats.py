"""The fields of one seat, shared by /register (review, fix) and the member menu of /team:
how a person is described, which field to correct, the question for a new value and the
check of a typed value. Pure: no store, no await.
"""

from __future__ import annotations

from bot import texts
from bot.chat import Choice, Reply
from bot.dialogues.effects import Draft
from bot.dialogues.machine import choice_arg
from bot.directory import OPERATOR_NAMES, OPERATORS, operator_from_text
from bot.inputs import clean_text
from bot.phones import InvalidPhone, national, to_e164
from bot.roster import TELECOM, Member, name_case, short_label, valid_name, valid_position

FIELDS = ("name", "phone", "position", "operator")
SKIP = "skip"


def draft_of(member: Member) -> Draft:
    """A member's current details, in the shape of a draft."""
    return Draft(member.role, member.name, member.phone, member.position, member.operator)


def describe_draft(d: Draft) -> str:
    """ "cán bộ phụ trách CNTT: Nguyễn Văn An — 0912 345 601, Công chức, VNPT"."""
    extra = f", {OPERATOR_NAMES[d.operator]}" if d.operator else ""
    position = f", {d.position}" if d.position else ""
    return f"{short_label(d.role)}: {d.name} — {national(d.phone)}{position}{extra}"


def ask_operator(name: str) -> Reply:
    options = [Choice(OPERATOR_NAMES[op], f"f:op:{op}") for op in OPERATORS]
    return texts.plain(texts.ASK_OPERATOR.format(name=name), options, columns=3)


def field_menu(name: str, role: str) -> Reply:
    """Which field of one person to correct."""
    fields = [f for f in FIELDS if f != "operator" or role == TELECOM]
    choices = [Choice(texts.FIELD_NAMES[f], f"f:field:{f}") for f in fields]
    return texts.plain(texts.FIX_WHICH.format(name=name), choices)


def ask_field(field: str, current: Draft) -> Reply:
    """The question for a new value of one field, showing the current one."""
    if field == "operator":
        return ask_operator(current.name)
    now: str = getattr(current, field) or ""
    shown = national(now) if field == "phone" and now else now or texts.EMPTY_VALUE
    label = texts.FIELD_NAMES[field].lower()
    skip = [Choice(texts.CLEAR_POSITION, "f:skip")] if field == "position" else []
    return texts.plain(texts.ASK_NEW_VALUE.format(field=label, current=shown), skip)


def check_phone(text: str) -> str | Reply:
    """A phone in E.164, or the reason it is refused."""
    try:
        return to_e164(text)
    except InvalidPhone:
        return texts.plain(texts.BAD_PHONE.format(text=text[:30]))


def check_value(field: str, choice: str | None, text: str) -> str | Reply:
    """A new value for one field (typed, or a button), or a Reply saying why it is refused."""
    if field == "name":
        name = clean_text(text)
        if choice is None and valid_name(name):
            return name_case(name)
        return texts.plain(texts.BAD_NAME)
    if field == "position":
        position = "" if choice == SKIP else clean_text(text)
        if valid_position(position):
            return position
        return texts.plain(texts.BAD_POSITION.format(skip=texts.CLEAR_POSITION))
    if field == "operator":
        chosen = choice_arg(choice, "op") if choice else operator_from_text(text)
        return chosen if chosen in OPERATORS else texts.plain(texts.BAD_OPERATOR)
    return check_phone(text)


def with_field(d: Draft, field: str, value: str) -> Draft:
    """The draft with one field changed."""
    return Draft(**{**d.as_row(), field: value})
