"""Contact-card buttons: the card itself is sent when the user asks for it (`card:…`)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.directory import Contact, Directory
from bot.views import Action

CARD_CHANNELS = frozenset({"telegram"})  # where a contact card can be sent


def card_actions(
    channel: str, directory: Directory, found: Iterable[tuple[str, Contact]]
) -> tuple[Action, ...]:
    """One "save this number" button per (topic key, contact) on channels with cards."""
    if channel not in CARD_CHANNELS:
        return ()
    out = []
    for key, contact in found:
        index = directory.topic(key).contacts.index(contact)
        out.append(Action("card_of", f"card:{key}:{index}", contact.name))
    return tuple(out)
