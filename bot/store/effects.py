"""The store side of dialogues: a step's effects and the conversation's new state, in ONE
transaction (bot/dialogues/effects.py says what each effect means).

One applier per effect type. The team, schedule and outbox methods open transactions of
their own; inside this one they join it, so a failure anywhere rolls everything back, the
conversation state included: nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.chat import Recipient
from bot.dialogues.effects import (
    DUPLICATE_PHONE,
    AddTask,
    Audit,
    CloseCampaign,
    CloseTask,
    Conflict,
    Effect,
    MarkDone,
    MoveDeadline,
    Notify,
    OpenRequest,
    QueueBroadcast,
    RecordRelay,
    RememberCommune,
    RemoveMember,
    ReplaceMember,
    SaveMembers,
    UpdateMember,
    UpdateRequest,
)
from bot.nudges.campaign import Task
from bot.requests.card import card_rows
from bot.requests.relayed import written
from bot.roster import DuplicatePhone
from bot.timestamps import to_db

if TYPE_CHECKING:  # the areas this one writes through (composed with it into Store)
    from bot.store.access import AuditTrail
    from bot.store.broadcasts import Broadcasts
    from bot.store.conversations import Conversations
    from bot.store.database import Database
    from bot.store.requests import Requests
    from bot.store.schedule import Nudges, Tasks
    from bot.store.staff import Staff
    from bot.store.teams import Teams

    class _Base(Database):
        staff: Staff  # the areas already repositories of Store
        conversations: Conversations
        audit: AuditTrail
        teams: Teams
        broadcasts: Broadcasts
        tasks: Tasks
        nudges: Nudges
        requests: Requests

    Store = _Base
else:
    _Base = object

Applier = Callable[["Store", Any, datetime], Awaitable[Any]]


class EffectsMixin(_Base):
    async def apply_dialogue(
        self,
        channel: str,
        chat_id: str,
        flow: str,
        state: dict[str, Any] | None,
        effects: list[Effect],
        now: datetime,
    ) -> list[Any]:
        """Apply `effects` in order and save (`state`) or end (None) the chat's conversation,
        all or nothing. Returns each effect's result (new ids …). A refused effect raises
        Conflict, with nothing written."""
        store = self
        if not effects:  # one statement is its own transaction: no BEGIN/COMMIT round trips
            await self._keep(store, channel, chat_id, flow, state, now)
            return []
        current: Effect | None = None
        try:
            async with self.transaction():
                results = []
                for current in effects:
                    results.append(await APPLIERS[type(current)](store, current, now))
                await self._keep(store, channel, chat_id, flow, state, now)
                return results
        except DuplicatePhone as exc:
            assert current is not None  # only an applier raises it
            raise Conflict(current, DUPLICATE_PHONE, str(exc)) from exc

    @staticmethod
    async def _keep(
        store: Store,
        channel: str,
        chat_id: str,
        flow: str,
        state: dict[str, Any] | None,
        now: datetime,
    ) -> None:
        if state is None:
            await store.conversations.end(channel, chat_id)
        else:
            await store.conversations.save(channel, chat_id, flow, state, now)


async def _save_members(store: Store, e: SaveMembers, now: datetime) -> list[int]:
    return await store.teams.add(e.commune, [d.as_row() for d in e.drafts], now)


async def _replace_member(store: Store, e: ReplaceMember, now: datetime) -> int:
    await store.teams.replace(e.member, e.draft.as_row(), now)
    return e.member


async def _update_member(store: Store, e: UpdateMember, now: datetime) -> None:
    await store.teams.update(e.member, e.field, e.value, now)


async def _remove_member(store: Store, e: RemoveMember, now: datetime) -> None:
    await store.teams.remove(e.member)


async def _audit(store: Store, e: Audit, now: datetime) -> None:
    await store.audit.record(e.actor, e.action, dict(e.detail), now)


async def _notify(store: Store, e: Notify, now: datetime) -> int:
    """One outbox row per account linked to the seat (read inside the transaction)."""
    queued = 0
    body = [list(seg) for seg in e.body]
    for account in await store.teams.accounts_of(e.member):
        target = Recipient(account.key, account.channel, account.chat_id, e.name)
        key = f"{e.key}|{target.key}|{to_db(now)}"
        if await store.nudges.enqueue(target, body, [key], now):
            queued += 1
    return queued


async def _queue_broadcast(store: Store, e: QueueBroadcast, now: datetime) -> int:
    broadcast = await store.broadcasts.create(
        e.sender, e.audience, e.text, [list(seg) for seg in e.body], list(e.recipients), now
    )
    # Audited here because the broadcast's number exists only now (same transaction).
    detail = {"id": broadcast, "audience": e.audience, "recipients": len(e.recipients)}
    await store.audit.record(e.sender.key, "broadcast", detail, now)
    return broadcast


async def _move_deadline(store: Store, e: MoveDeadline, now: datetime) -> None:
    await store.tasks.move(e.task, e.due)


async def _add_task(store: Store, e: AddTask, now: datetime) -> None:
    await store.tasks.add(Task(e.key, e.title, e.kind, e.due, e.campaign))


async def _close_task(store: Store, e: CloseTask, now: datetime) -> None:
    await store.tasks.close(e.task)


async def _close_campaign(store: Store, e: CloseCampaign, now: datetime) -> None:
    await store.tasks.close_campaign(e.campaign)


async def _mark_done(store: Store, e: MarkDone, now: datetime) -> None:
    await store.tasks.mark_done(e.commune, e.task, e.by, e.note, now)


async def _open_request(store: Store, e: OpenRequest, now: datetime) -> int:
    fields = {**dict(e.fields), "created_at": to_db(now)}
    return await store.requests.create(
        fields, lambda row: card_rows(row, e.staff, e.topic, e.commune)
    )


async def _record_relay(store: Store, e: RecordRelay, now: datetime) -> bool:
    message, changes = written(e.relayed, now)
    return await store.requests.record_relay(message, changes, e.relayed.rows)


async def _update_request(store: Store, e: UpdateRequest, now: datetime) -> None:
    await store.requests.update(e.request, dict(e.changes), [], now)


async def _remember_commune(store: Store, e: RememberCommune, now: datetime) -> None:
    await store.staff.remember_commune(e.user, e.commune)


APPLIERS: dict[type[Effect], Applier] = {
    SaveMembers: _save_members,
    ReplaceMember: _replace_member,
    UpdateMember: _update_member,
    RemoveMember: _remove_member,
    Audit: _audit,
    Notify: _notify,
    QueueBroadcast: _queue_broadcast,
    MoveDeadline: _move_deadline,
    AddTask: _add_task,
    CloseTask: _close_task,
    CloseCampaign: _close_campaign,
    MarkDone: _mark_done,
    OpenRequest: _open_request,
    RememberCommune: _remember_commune,
    RecordRelay: _record_relay,
    UpdateRequest: _update_request,
}
