"""Who may do what. Every privileged action asks here, and only here."""

from __future__ import annotations

from bot.messages import Person
from bot.services import Services


class Access:
    """Role checks for coordinators (settings) and, later, granted roles."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def is_coordinator(self, person: Person) -> bool:
        """Coordinators come from BOT_COORDINATORS."""
        return person.key in self.services.settings.coordinators
