"""Contact-card buttons: the card itself is sent when the user asks for it (`card:…`)."""

from __future__ import annotations

from collections.abc import Iterable

from bot import texts
from bot.chat import Choice
from bot.directory import Contact, Directory

CARD_CHANNELS = frozenset({"telegram"})  # where a contact card can be sent


def card_choices(
    channel: str, directory: Directory, found: Iterable[tuple[str, Contact]]
) -> tuple[Choice, ...]:
    """One "save this number" button per (topic key, contact) on channels with cards."""
    if channel not in CARD_CHANNELS:
        return ()
    out = []
    for key, contact in found:
        index = directory.topic(key).contacts.index(contact)
        label = texts.SAVE_CONTACT_OF.format(name=contact.name)
        out.append(Choice(label, f"card:{key}:{index}"))
    return tuple(out)
