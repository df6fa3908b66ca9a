"""Nudges from the database: build the policy's snapshot, plan, compose, queue.

Everything is derived from SQLite at the moment of asking, so a restart loses nothing and a
moved deadline or a newly completed team changes the next plan at once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, tzinfo

from bot import texts
from bot.access import Access, Roles
from bot.chat import Choice, Reply, Rich, Seg
from bot.deadlines import TEAM, Policy, Task
from bot.deps import Deps
from bot.nudges import CommuneState, Nudge, Recipient, Snapshot, plan
from bot.roster import describe_missing, missing

KEEP_KEYS = timedelta(days=400)
MAX_BUTTONS = 6  # a key older than any slot the policy can still plan


async def snapshot(services: Deps) -> Snapshot:
    """Tasks, every commune's open tasks and people, and the coordinators."""
    tasks = await services.store.tasks()
    done = await services.store.done()
    teams = await services.store.teams()
    registrars = await _registrars_by_commune(services)
    members = await members_by_commune(services)
    states = []
    for code, commune in services.communes.communes.items():
        gaps = missing(m.role for m in teams.get(code, []))
        open_tasks = {}
        for task in tasks:
            if task.kind == TEAM and gaps:
                open_tasks[task.key] = texts.LACKS.format(missing=describe_missing(gaps))
            elif task.kind != TEAM and (code, task.key) not in done:
                open_tasks[task.key] = texts.NOT_REPORTED
        states.append(
            CommuneState(
                code,
                commune.name,
                open_tasks,
                tuple(registrars.get(code, ())),
                tuple(members.get(code, ())),
            )
        )
    return Snapshot(tasks, states, await coordinators(services))


async def coordinators(services: Deps) -> list[Recipient]:
    """Coordinators from settings and grants, each on the account they used last."""
    keys = list(services.settings.coordinators)
    keys += [g["user"] for g in await services.store.grants("coordinator")]
    chosen = await last_used(services, list(dict.fromkeys(keys)))
    return [await recipient(services, key) for key in chosen.values()]


async def last_used(services: Deps, keys: list[str]) -> dict[str, str]:
    """Person → the one account they used last, for accounts linked with /link."""
    seen = await services.store.last_seen_of(keys)
    best: dict[str, str] = {}
    for key in keys:
        person = await services.store.person_of(key)
        if person not in best or seen.get(key, "") > seen.get(best[person], ""):
            best[person] = key
    return best


async def recipient(services: Deps, key: str) -> Recipient:
    """A channel-qualified user as a recipient, with the chat and name the bot last saw."""
    channel, _, user_id = key.partition(":")
    chat_id, name = await services.store.contact_of(channel, user_id)
    return Recipient(key, channel, chat_id, name)


async def registrars_by_commune(services: Deps) -> dict[str, list[Recipient]]:
    """Each commune's registrars (one account per person), as recipients."""
    return await _registrars_by_commune(services)


async def _registrars_by_commune(services: Deps) -> dict[str, list[Recipient]]:
    out: dict[str, list[Recipient]] = defaultdict(list)
    grants = await services.store.grants("registrar")
    # A registrar on Telegram and Zalo is reached once, on the channel used last.
    keep = set((await last_used(services, [g["user"] for g in grants])).values())
    access = Access(services)
    for grant in (g for g in grants if g["user"] in keep):
        roles = Roles(
            registrar=True, districts=tuple(grant["districts"]), communes=tuple(grant["communes"])
        )
        person = await recipient(services, grant["user"])
        for code in access.scope(roles) or ():
            out[code].append(person)
    return out


async def members_by_commune(services: Deps) -> dict[str, list[Recipient]]:
    """Linked members, each on the channel they used last (one account per person)."""
    out: dict[str, list[Recipient]] = defaultdict(list)
    seen: set[int] = set()
    for row in await services.store.member_accounts():  # most recently used account first
        if row["member"] in seen:
            continue
        seen.add(row["member"])
        key = f"{row['channel']}:{row['user_id']}"
        out[row["commune"]].append(Recipient(key, row["channel"], row["chat_id"], row["name"]))
    return out


async def due_nudges(
    services: Deps, at: datetime, policy: Policy, state: Snapshot | None = None
) -> list[Nudge]:
    """What `commune-bot nudges plan --at` prints and the scheduler queues."""
    sent = await services.store.sent_keys(at - KEEP_KEYS)
    state = state or await snapshot(services)
    return plan(at, state, sent, policy, services.settings.tz)


async def queue_nudges(
    services: Deps, at: datetime, policy: Policy, state: Snapshot | None = None
) -> int:
    """Plan and queue: one combined message per recipient; returns messages queued."""
    nudges = await due_nudges(services, at, policy, state)
    by_person: dict[str, list[Nudge]] = defaultdict(list)
    for nudge in nudges:
        by_person[nudge.recipient.key].append(nudge)
    queued = 0
    for group in by_person.values():
        person = group[0].recipient
        body = rich_to_json(compose(group, services))
        target = {
            "key": person.key,
            "channel": person.channel,
            "chat_id": person.chat_id,
            "name": person.name,
        }
        if await services.store.enqueue_nudge(target, body, [n.key for n in group], at):
            queued += 1
    return queued


def compose(group: list[Nudge], services: Deps) -> Rich:
    """One message for one person: per task, the headline, each commune's gap, what to do.

    The time left is stored as a `left` run holding the deadline, so that it is computed
    when the message is actually sent (`reply_from_body`), not when it was queued. The next
    action is named in words (a command that works on every channel) and as buttons.
    """
    tz = services.settings.tz
    parts: list[Seg] = []
    buttons: list[Seg] = []
    by_task: dict[str, list[Nudge]] = defaultdict(list)
    for nudge in group:
        by_task[nudge.task.key].append(nudge)
    for nudges in by_task.values():
        task, kind = nudges[0].task, nudges[0].kind
        if parts:
            parts.append(Seg("\n\n"))
        parts += _headline(task, kind, tz, nudges[0])
        communes = sorted((n.commune for n in nudges if n.commune), key=lambda c: c.name)
        for commune in communes:
            gap = commune.open_tasks.get(task.key, "")
            parts.append(Seg(f"\n• {commune.name} {gap}"))
        if kind == "summary":
            parts.append(Seg("\n" + texts.NEXT_STATUS))
            continue
        parts.append(Seg("\n" + (texts.NEXT_REGISTER if task.kind == TEAM else texts.NEXT_DONE)))
        for commune in communes[:MAX_BUTTONS]:
            if task.kind == TEAM:
                value = f"tm:reg:{commune.code}"
                label = f"{texts.BUTTON_REGISTER}: {commune.name}"
            else:
                value, label = (
                    f"dn:{commune.code}:{task.key}",
                    f"{texts.BUTTON_DONE}: {commune.name}",
                )
            buttons.append(Seg(label[:60], f"choice:{value}"))
    return (*parts, *buttons)


def _headline(task: Task, kind: str, tz: tzinfo, nudge: Nudge) -> list[Seg]:
    due = task.due.astimezone(tz).strftime("%H:%M ngày %d/%m/%Y")
    if kind == "summary":
        return [texts.b(texts.SUMMARY.format(title=task.title, due=due, n=nudge.overdue_count))]
    if kind == "overdue":
        return [texts.b(texts.OVERDUE.format(title=task.title, due=due))]
    head, _, tail = texts.BEFORE.partition("{left}")
    return [
        texts.b(head),
        Seg(task.due.isoformat(), "left"),
        texts.b(tail.format(title=task.title, due=due)),
    ]


def time_left(delta: timedelta) -> str:
    """ "2 ngày 3 giờ", "2 giờ 10 phút", "45 phút" (seconds round up to the minute)."""
    minutes = max(0, -int(-delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} ngày {hours} giờ" if hours else f"{days} ngày"
    if hours:
        return f"{hours} giờ {mins} phút" if mins else f"{hours} giờ"
    return f"{mins} phút"


def reply_from_body(body: list[list[str]], now: datetime) -> Reply:
    """An outbox row as sent: `left` runs become the time left now, `choice:` runs buttons."""
    segs: list[Seg] = []
    choices: list[Choice] = []
    for text, style in body:
        if style == "left":
            segs.append(Seg(time_left(datetime.fromisoformat(text) - now), "b"))
        elif style.startswith("choice:"):
            choices.append(Choice(text, style.removeprefix("choice:")))
        else:
            segs.append(Seg(text, style))
    return Reply(text=tuple(segs), choices=tuple(choices))


def rich_to_json(rich: Rich) -> list[list[str]]:
    """Rich text as stored in the outbox."""
    return [[seg.text, seg.style] for seg in rich]


def rich_from_json(body: list[list[str]]) -> Rich:
    return tuple(Seg(text, style) for text, style in body)
