"""The nudge policy's snapshot, read from the database: data, not sentences.

Everything is derived from SQLite at the moment of asking, so a restart loses nothing and a
moved deadline or a newly completed team changes the next plan at once. What a gap means in
words is `texts.nudges`' business, when the message is composed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from bot.deps import Deps
from bot.nudges.campaign import TEAM, Task
from bot.nudges.policy import CommuneState, Gaps, Snapshot
from bot.recipients import coordinators, members_by_commune, registrars_by_commune
from bot.roster import missing


async def snapshot(services: Deps) -> Snapshot:
    """Tasks, every commune's open tasks and people, and the coordinators."""
    tasks = await services.store.tasks.all()
    todo = await open_tasks(services, tasks)
    registrars = await registrars_by_commune(services)
    members = await members_by_commune(services)
    states = [
        CommuneState(
            code,
            commune.name,
            todo[code],
            tuple(registrars.get(code, ())),
            tuple(members.get(code, ())),
        )
        for code, commune in services.communes.communes.items()
    ]
    return Snapshot(tasks, states, await coordinators(services))


async def open_tasks(
    services: Deps, tasks: list[Task] | None = None
) -> dict[str, dict[str, Gaps]]:
    """Every commune → its open tasks (`still_open`), read from the database."""
    tasks = await services.store.tasks.all() if tasks is None else tasks
    done = await services.store.tasks.done()
    teams = await services.store.teams.by_commune()
    return {
        code: still_open(tasks, [m.role for m in teams.get(code, [])], done, code)
        for code in services.communes.communes
    }


def still_open(
    tasks: Iterable[Task], roles: Iterable[str], done: Collection[tuple[str, str]], code: str
) -> dict[str, Gaps]:
    """One commune's open tasks: a team task while seats are empty (with the gaps), a manual
    task until the commune reports it done (no gaps). Pure."""
    gaps = missing(roles)
    out: dict[str, Gaps] = {}
    for task in tasks:
        if task.kind == TEAM and gaps:
            out[task.key] = gaps
        elif task.kind != TEAM and (code, task.key) not in done:
            out[task.key] = {}
    return out
