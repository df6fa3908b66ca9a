"""The only package with SQL: the connection (`database`) and one module per area, composed
here into `Store`. The area modules never import this package (no import circle)."""

from __future__ import annotations

from bot.store.access import AccessMixin
from bot.store.arrival import ArrivalMixin
from bot.store.context import ContextMixin
from bot.store.conversations import ConversationsMixin
from bot.store.database import Database
from bot.store.delivery import DeliveryMixin
from bot.store.effects import EffectsMixin
from bot.store.identity import IdentityMixin
from bot.store.labels import LabelsMixin
from bot.store.outbox import OutboxMixin
from bot.store.questions import QuestionsMixin
from bot.store.reports import ReportsMixin
from bot.store.requests import RequestsMixin
from bot.store.schedule import ScheduleMixin
from bot.store.staff import StaffMixin
from bot.store.teams import TeamsMixin
from bot.store.web import WebMixin

__all__ = ["Database", "Store"]


class Store(
    EffectsMixin,
    WebMixin,
    OutboxMixin,
    ArrivalMixin,
    ReportsMixin,
    QuestionsMixin,
    LabelsMixin,
    ConversationsMixin,
    AccessMixin,
    TeamsMixin,
    ScheduleMixin,
    IdentityMixin,
    ContextMixin,
    RequestsMixin,
    StaffMixin,
    DeliveryMixin,
    Database,
):
    """Every question the app asks of its database."""
