"""Status and export under a simulated national load: 3,321 communes × 6 members.

Targets: status < 0.3 s, XLSX export < 3 s. Run: ``python bench/teams_bench.py``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.communes import Commune, Communes, District  # noqa: E402
from bot.flows.status import district_summary, statuses  # noqa: E402
from bot.flows.workbooks import export_xlsx  # noqa: E402
from bot.roster import ROLES  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store import Store  # noqa: E402

COMMUNES = 3321
DISTRICTS = 696  # pre-2025 district-level units nationwide
NOW = datetime(2026, 11, 23, tzinfo=UTC)


def national_communes() -> Communes:
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
    seats = [role for role, (_, n, _) in ROLES.items() for _ in range(n)]
    rows = []
    for i, code in enumerate(communes.communes):
        # Every seventh commune has not started, every third lacks one member.
        if i % 7 == 0:
            continue
        for s, role in enumerate(seats[: 5 if i % 3 == 0 else 6]):
            phone = f"+849{i:05d}{s:03d}"
            rows.append(
                (
                    code,
                    role,
                    f"Nguyễn Văn {i}-{s}",
                    phone,
                    "",
                    None,
                    NOW.isoformat(),
                    NOW.isoformat(),
                )
            )
    async with store.transaction() as db:
        await db.executemany(
            "INSERT INTO members (commune, role, name, phone, position, operator, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "national.sqlite3")
        await store.open()
        communes = national_communes()
        members = await fill(store, communes)
        services = Services(
            settings=Settings(_env_file=None),
            directory=None,  # type: ignore[arg-type]
            router=None,
            store=store,
            communes=communes,
        )  # type: ignore[arg-type]
        print(f"{COMMUNES} communes, {members} members")
        for label in ("status (cold)", "status (warm)"):
            start = time.perf_counter()
            rows = await statuses(services)
            summary = district_summary(services, rows)
            elapsed = time.perf_counter() - start
            complete = sum(r.complete for r in rows)
            print(
                f"{label}: {elapsed:.3f} s for {len(rows)} communes, {len(summary)} districts,"
                f" {complete} complete (target < 0.3 s)"
            )
        start = time.perf_counter()
        teams = await store.teams()
        content = export_xlsx(services, teams, sorted(communes.communes))
        elapsed = time.perf_counter() - start
        print(f"XLSX export: {elapsed:.2f} s, {len(content) / 1024:.0f} KiB (target < 3 s)")
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())
