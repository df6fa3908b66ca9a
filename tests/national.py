"""National-scale data for tests and benches: 3,321 communes in 696 former districts."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.communes import Commune, Communes, District
from bot.roster import ROLES
from bot.store import Store

COMMUNES = 3321
DISTRICTS = 696  # pre-2025 district-level units nationwide
NOW = datetime(2026, 11, 23, tzinfo=UTC)


def national_communes() -> Communes:
    """3,321 communes spread over 696 former districts."""
    communes = {}
    for n in range(COMMUNES):
        code, district = str(100000 + n), str(n % DISTRICTS)
        communes[code] = Commune(
            code,
            f"Xã Thử Nghiệm {n}",
            "xã",
            f"Thử Nghiệm {n}",
            (f"Huyện {district}",),
            (district,),
        )
    districts = {
        str(d): District(
            str(d),
            f"Huyện {d}",
            tuple(c for c in communes if communes[c].former_district_codes[0] == str(d)),
        )
        for d in range(DISTRICTS)
    }
    return Communes(communes, districts)


async def fill(store: Store, communes: Communes) -> int:
    """Every seventh commune not started, every third lacking one member; returns members."""
    seats = [role for role, (_, n, _) in ROLES.items() for _ in range(n)]
    rows = []
    for i, code in enumerate(communes.communes):
        if i % 7 == 0:
            continue
        for s, role in enumerate(seats[: 5 if i % 3 == 0 else 6]):
            at = NOW.isoformat()
            rows.append(
                (code, role, f"Nguyễn Văn {i}-{s}", f"+849{i:05d}{s:03d}", "", None, at, at)
            )
    async with store.transaction() as db:
        await db.executemany(
            "INSERT INTO members (commune, role, name, phone, position, operator, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)
