"""/status and `teams status`: completeness per commune, former district and province."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from bot import texts
from bot.access import Access, Roles
from bot.messages import Attachment, Reply, Seg
from bot.roster import describe_missing, missing
from bot.services import Services


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


async def statuses(services: Services, codes: Iterable[str] | None = None) -> list[CommuneStatus]:
    """Status of the given communes (all when None), in code order."""
    wanted = sorted(codes) if codes is not None else sorted(services.communes.communes)
    teams = await services.store.teams(wanted)
    out = []
    for code in wanted:
        commune = services.communes.get(code)
        team = teams.get(code, [])
        out.append(
            CommuneStatus(
                code, commune.name if commune else code, len(team), missing(m.role for m in team)
            )
        )
    return out


def district_summary(services: Services, rows: list[CommuneStatus]) -> list[tuple[str, dict]]:
    """(former district name, {complete, incomplete, empty}) in code order."""
    by_code = {r.code: r for r in rows}
    out = []
    for district in sorted(services.communes.districts.values(), key=lambda d: d.code):
        counts = {"complete": 0, "incomplete": 0, "empty": 0}
        for code in district.commune_codes:
            if code in by_code:
                counts[by_code[code].state] += 1
        out.append((district.name, counts))
    return out


class StatusFlow:
    """Coordinators: province and districts (with a chart); registrars: their communes;
    members: their team."""

    def __init__(self, services: Services, access: Access) -> None:
        self.s, self.access = services, access

    async def status(self, roles: Roles) -> list[Reply]:
        if roles.coordinator:
            return await self._province()
        if roles.registrar:
            return await self._registrar(roles)
        return []

    async def _province(self) -> list[Reply]:
        rows = await statuses(self.s)
        counts = {"complete": 0, "incomplete": 0, "empty": 0}
        for row in rows:
            counts[row.state] += 1
        parts: list[Seg] = [texts.b(texts.STATUS_PROVINCE.format(total=len(rows)))]
        parts.append(Seg("\n" + _line(texts.PROVINCE_SCOPE.capitalize(), counts)))
        summary = district_summary(self.s, rows)
        parts += [Seg("\n• " + _line(name, c)) for name, c in summary]
        from bot.charts import completion_chart

        png = await asyncio.to_thread(completion_chart, summary)
        return [
            Reply(text=tuple(parts)),
            Reply(text=(Seg("📊"),), attachment=Attachment("tien-do.png", png, photo=True)),
        ]

    async def _registrar(self, roles: Roles) -> list[Reply]:
        scope = self.access.scope(roles) or set()
        rows = await statuses(self.s, scope)
        parts: list[Seg] = [texts.b(texts.STATUS_REGISTRAR.format(n=len(rows)))]
        for row in rows:
            if row.complete:
                state = texts.STATUS_COMPLETE
            elif row.members:
                state = texts.STATUS_LACKS.format(missing=describe_missing(row.missing))
            else:
                state = texts.STATUS_EMPTY
            parts.append(Seg(f"\n• {row.name}: {state}"))
        return [Reply(text=tuple(parts))]


def _line(name: str, counts: dict[str, int]) -> str:
    return texts.STATUS_LINE.format(
        name=name,
        complete=counts["complete"],
        incomplete=counts["incomplete"],
        empty=counts["empty"],
    )
