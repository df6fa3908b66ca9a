"""What the outbox does when a request message was delivered or could not be."""

from __future__ import annotations

import logging

from bot.chat import BUTTON_CHANNELS
from bot.deps import Deps
from bot.requests import notices
from bot.requests.envelope import Envelope
from bot.rows.outbox import OutboxRow

log = logging.getLogger(__name__)


async def delivered(services: Deps, row: OutboxRow, outcome: object, envelope: Envelope) -> None:
    """Mark the row sent with, in the same transaction, the links staff or askers reply to
    and, on channels without buttons, the numbered options just shown."""
    channel, chat_id = row.channel, row.chat_id
    links = []
    if envelope.request is not None:
        ids = getattr(outcome, "message_ids", ())
        links = [(channel, chat_id, str(m), envelope.request, envelope.side) for m in ids]
    choices = None
    if envelope.reply.choices and channel not in BUTTON_CHANNELS:
        choices = (channel, chat_id, [c.value for c in envelope.reply.choices])
    await services.store.requests.outbox_sent(row.id, services.clock(), links, choices)


async def undeliverable(services: Deps, envelope: Envelope) -> None:
    """An asker who blocked the bot or left: the staff are told to call instead."""
    if envelope.request is None or envelope.side != "asker":
        return
    log.warning("request #%d: the asker cannot be reached", envelope.request)
    await notices.asker_unreachable(services, envelope.request)
