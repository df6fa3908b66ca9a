"""The store side of dialogues (`store.effects`): a step's effects and the conversation's
new state, in ONE transaction (bot/dialogues/effects.py says what each effect means).

One applier per effect type, each writing through the area it concerns (`store.teams`,
`store.tasks` …). Those repositories open transactions of their own; inside this one (the
same task holds the connection) they join it, so a failure anywhere rolls everything back,
the conversation state included: nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

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

if TYPE_CHECKING:  # the areas this one writes through (Store has them all)
    from bot.store.access import AuditTrail
    from bot.store.broadcasts import Broadcasts
    from bot.store.conversations import Conversations
    from bot.store.database import Database
    from bot.store.requests import Requests
    from bot.store.schedule import Nudges, Tasks
    from bot.store.staff import Staff
    from bot.store.teams import Teams


class Areas(Protocol):
    """The repositories an effect may write through."""

    @property
    def conversations(self) -> Conversations: ...
    @property
    def teams(self) -> Teams: ...
    @property
    def audit(self) -> AuditTrail: ...
    @property
    def broadcasts(self) -> Broadcasts: ...
    @property
    def tasks(self) -> Tasks: ...
    @property
    def nudges(self) -> Nudges: ...
    @property
    def requests(self) -> Requests: ...
    @property
    def staff(self) -> Staff: ...


Applier = Callable[[Areas, Any, datetime], Awaitable[Any]]


class Effects:
    """Applies a dialogue step's effects and keeps (or ends) its conversation, atomically."""

    def __init__(self, db: Database, areas: Areas) -> None:
        self.db = db
        self.areas = areas

    async def apply(
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
        if not effects:  # one statement is its own transaction: no BEGIN/COMMIT round trips
            await self._keep(channel, chat_id, flow, state, now)
            return []
        current: Effect | None = None
        try:
            async with self.db.transaction():
                results = []
                for current in effects:
                    results.append(await APPLIERS[type(current)](self.areas, current, now))
                await self._keep(channel, chat_id, flow, state, now)
                return results
        except DuplicatePhone as exc:
            assert current is not None  # only an applier raises it
            raise Conflict(current, DUPLICATE_PHONE, str(exc)) from exc

    async def _keep(
        self, channel: str, chat_id: str, flow: str, state: dict[str, Any] | None, now: datetime
    ) -> None:
        if state is None:
            await self.areas.conversations.end(channel, chat_id)
        else:
            await self.areas.conversations.save(channel, chat_id, flow, state, now)


async def _save_members(store: Areas, e: SaveMembers, now: datetime) -> list[int]:
    return await store.teams.add(e.commune, [d.as_row() for d in e.drafts], now)


async def _replace_member(store: Areas, e: ReplaceMember, now: datetime) -> int:
    await store.teams.replace(e.member, e.draft.as_row(), now)
    return e.member


async def _update_member(store: Areas, e: UpdateMember, now: datetime) -> None:
    await store.teams.update(e.member, e.field, e.value, now)


async def _remove_member(store: Areas, e: RemoveMember, now: datetime) -> None:
    await store.teams.remove(e.member)


async def _audit(store: Areas, e: Audit, now: datetime) -> None:
    await store.audit.record(e.actor, e.action, dict(e.detail), now)


async def _notify(store: Areas, e: Notify, now: datetime) -> int:
    """One outbox row per account linked to the seat (read inside the transaction)."""
    queued = 0
    body = [list(seg) for seg in e.body]
    for account in await store.teams.accounts_of(e.member):
        target = Recipient(account.key, account.channel, account.chat_id, e.name)
        key = f"{e.key}|{target.key}|{to_db(now)}"
        if await store.nudges.enqueue(target, body, [key], now):
            queued += 1
    return queued


async def _queue_broadcast(store: Areas, e: QueueBroadcast, now: datetime) -> int:
    broadcast = await store.broadcasts.create(
        e.sender, e.audience, e.text, [list(seg) for seg in e.body], list(e.recipients), now
    )
    # Audited here because the broadcast's number exists only now (same transaction).
    detail = {"id": broadcast, "audience": e.audience, "recipients": len(e.recipients)}
    await store.audit.record(e.sender.key, "broadcast", detail, now)
    return broadcast


async def _move_deadline(store: Areas, e: MoveDeadline, now: datetime) -> None:
    await store.tasks.move(e.task, e.due)


async def _add_task(store: Areas, e: AddTask, now: datetime) -> None:
    await store.tasks.add(Task(e.key, e.title, e.kind, e.due, e.campaign))


async def _close_task(store: Areas, e: CloseTask, now: datetime) -> None:
    await store.tasks.close(e.task)


async def _close_campaign(store: Areas, e: CloseCampaign, now: datetime) -> None:
    await store.tasks.close_campaign(e.campaign)


async def _mark_done(store: Areas, e: MarkDone, now: datetime) -> None:
    await store.tasks.mark_done(e.commune, e.task, e.by, e.note, now)


async def _open_request(store: Areas, e: OpenRequest, now: datetime) -> int:
    fields = {**dict(e.fields), "created_at": to_db(now)}
    return await store.requests.create(
        fields, lambda row: card_rows(row, e.staff, e.topic, e.commune)
    )


async def _record_relay(store: Areas, e: RecordRelay, now: datetime) -> bool:
    message, changes = written(e.relayed, now)
    return await store.requests.record_relay(message, changes, e.relayed.rows)


async def _update_request(store: Areas, e: UpdateRequest, now: datetime) -> None:
    await store.requests.update(e.request, dict(e.changes), [], now)


async def _remember_commune(store: Areas, e: RememberCommune, now: datetime) -> None:
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
