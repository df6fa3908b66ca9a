"""The only package with SQL: the connection (`database`) and one module per area, composed
here into `Store`. The area modules never import this package (no import circle); what they
return is a typed row of `bot.rows`, never a database row."""

from __future__ import annotations

from pathlib import Path

from bot.store.access import AccessRights, AuditTrail
from bot.store.arrival import Arrivals
from bot.store.broadcasts import Broadcasts
from bot.store.context import Contexts
from bot.store.conversations import Conversations
from bot.store.database import Database
from bot.store.effects import EffectsMixin
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
from bot.store.web import TeamEditsMixin, WebSignIn

__all__ = ["Database", "Store"]


class Store(
    EffectsMixin,
    TeamEditsMixin,
    Database,
):
    """Every question the app asks of its database: one repository per area over the shared
    connection (`store.requests` …); the areas not yet moved out are still mixed in."""

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
