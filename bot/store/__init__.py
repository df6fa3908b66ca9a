"""The only package with SQL: the connection (`database.Database`) and one repository per
area, composed here into `Store`, a Database with the repositories as attributes.

A repository is a plain class holding the Database as `self.db` (never the aiosqlite
connection: `Database.db` is that, reached only inside `Database`); it runs statements
through `self.db.fetchall / fetchone / write / change / on_thread`, and several as one
unit with `async with self.db.transaction() as conn:`. What it returns is a frozen row
of `bot.rows` (or a core type: `Member`, `Task`, `Recipient`), a scalar, or a small
mapping callers use whole, never a database row. The repositories never import this
package (no import circle); SQL two areas share sits in a leaf (`seats.py`).

    store.teams          seats and their accounts: members_of, by_commune, add, save_page …
    store.access         grants and their scope, invite and claim codes, per-chat menus
    store.audit          the audit trail: record, latest
    store.identity       one person's accounts (/link); store.inbound: redelivered ids
    store.people         who can be reached, and where; linked seats
    store.conversations  each chat's open dialogue and numbered options
    store.effects        a dialogue step's effects and state, in one transaction
    store.tasks          the campaign's tasks, deadlines and completions
    store.nudges         nudges queued with their idempotency keys
    store.outbox         the outbox worker's queue; store.broadcasts; store.quota (Zalo)
    store.requests, .staff, .questions, .labels, .context, .arrival, .reports, .web
"""

from __future__ import annotations

from pathlib import Path

from bot.store.access import AccessRights, AuditTrail
from bot.store.arrival import Arrivals
from bot.store.broadcasts import Broadcasts
from bot.store.context import Contexts
from bot.store.conversations import Conversations
from bot.store.database import Database
from bot.store.effects import Effects
from bot.store.identity import Identities, Inbound
from bot.store.labels import Labels
from bot.store.outbox import Outbox
from bot.store.people import People
from bot.store.questions import Questions
from bot.store.quota import Quotas
from bot.store.reports import Reports
from bot.store.requests import Requests
from bot.store.schedule import Nudges, Tasks
from bot.store.staff import Staff
from bot.store.teams import Teams
from bot.store.web import WebSignIn

__all__ = ["Database", "Store"]


class Store(Database):
    """Every question the app asks of its database: one repository per area over the one
    shared connection (`store.teams.members_of(…)`, `store.outbox.due(…)` …)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path)
        self.requests = Requests(self)
        self.questions = Questions(self)
        self.labels = Labels(self)
        self.reports = Reports(self)
        self.context = Contexts(self)
        self.web = WebSignIn(self)
        self.staff = Staff(self)
        self.arrival = Arrivals(self)
        self.inbound = Inbound(self)
        self.identity = Identities(self)
        self.conversations = Conversations(self)
        self.access = AccessRights(self)
        self.audit = AuditTrail(self)
        self.teams = Teams(self)
        self.outbox = Outbox(self, self.identity)
        self.broadcasts = Broadcasts(self)
        self.quota = Quotas(self)
        self.tasks = Tasks(self)
        self.nudges = Nudges(self)
        self.people = People(self)
        self.effects = Effects(self, self)  # writes through the areas above
