"""Team completeness per commune and former district: the data behind /status, the chart,
the export and the progress of the team task (no sentences here; `status` words them)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.deps import Deps
from bot.roster import missing


@dataclass(frozen=True)
class CommuneStatus:
    """One commune's team completeness."""

    code: str
    name: str
    members: int
    missing: dict[str, int]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def state(self) -> str:
        """complete, incomplete or empty (not started)."""
        return "complete" if self.complete else "incomplete" if self.members else "empty"

    def as_json(self) -> dict[str, object]:
        """The fields of `commune-bot teams status`."""
        return {
            "code": self.code,
            "name": self.name,
            "members": self.members,
            "complete": self.complete,
            "missing": self.missing,
        }


async def statuses(services: Deps, codes: Iterable[str] | None = None) -> list[CommuneStatus]:
    """Status of the given communes (all when None), in code order."""
    wanted = sorted(codes) if codes is not None else sorted(services.communes.communes)
    counts = await services.store.teams.role_counts(None if codes is None else wanted)
    # Thousands of communes at national scale: build the rows off the event loop.
    return await asyncio.to_thread(_statuses, services, wanted, counts)


def _statuses(
    services: Deps, wanted: list[str], counts: dict[str, dict[str, int]]
) -> list[CommuneStatus]:
    out = []
    for code in wanted:
        commune = services.communes.get(code)
        roles = Counter(counts.get(code, {}))
        out.append(
            CommuneStatus(
                code, commune.name if commune else code, roles.total(), missing(roles.elements())
            )
        )
    return out


def district_summary(services: Deps, rows: list[CommuneStatus]) -> list[tuple[str, dict]]:
    """(former district name, {complete, incomplete, empty}) in code order.

    A commune formed from two former districts is counted once, under the first of them
    (in code order), so the district lines add up to the province's total.
    """
    by_code = {r.code: r for r in rows}
    counted: set[str] = set()
    out = []
    for district in sorted(services.communes.districts.values(), key=lambda d: d.code):
        counts = {"complete": 0, "incomplete": 0, "empty": 0}
        for code in district.commune_codes:
            if code in by_code and code not in counted:
                counted.add(code)
                counts[by_code[code].state] += 1
        out.append((district.name, counts))
    return out
