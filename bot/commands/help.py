"""What each role can do: /help per role and the per-role Telegram command menus.

One table serves both, so the command menu a person sees and the help they read always
agree with what `Access` lets them do.
"""

from __future__ import annotations

from bot import texts
from bot.access import Roles
from bot.texts.help import COMMANDS
from bot.views import HelpView

EVERYONE = ("start", "help", "contacts", "requests")
MEMBER = ("status", "team", "deadlines", "link")
IT_OFFICER = ("done",)
REGISTRAR = (
    "register",
    "team",
    "status",
    "import",
    "template",
    "export",
    "report",
    "done",
    "deadlines",
    "broadcast",
    "link",
    "cancel",
)
COORDINATOR = ("invite", "deadline", "stats", "review", "staff")


def role_key(roles: Roles) -> str:
    """coordinator, registrar, member or user: what the menu depends on."""
    if roles.coordinator:
        return "coordinator"
    if roles.registrar:
        return "registrar"
    if roles.seats:
        it = any(m.role == "it_officer" for m in roles.seats)
        return "member_it" if it else "member"
    return "user"


def commands_for(roles: Roles) -> list[tuple[str, str]]:
    """The person's commands, in a stable order, for the Telegram menu."""
    key = role_key(roles)
    names: list[str] = list(EVERYONE)
    if key.startswith("member"):
        names += MEMBER
        if key == "member_it":
            names += IT_OFFICER
    if key in ("registrar", "coordinator"):
        names += REGISTRAR
    if key == "coordinator":
        names += COORDINATOR
    if key == "user":
        names.append("claim")
    ordered = [(c, COMMANDS[c][0]) for c in COMMANDS if c in names]
    if key == "coordinator":  # commands other modules registered in texts.COMMANDS
        ordered += [(c, d) for c, d in texts.COMMANDS if c not in COMMANDS]
    return ordered


def help_view(roles: Roles, bot: str) -> HelpView:
    """/help: the role and what the person can do; texts.help renders it."""
    return HelpView(role_key(roles), tuple(commands_for(roles)), bot)
