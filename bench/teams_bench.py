"""Status and export under a simulated national load: 3,321 communes × 6 members.

Targets: status < 0.3 s, XLSX export < 3 s. Run: ``python bench/teams_bench.py``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.commands.status import district_summary, statuses  # noqa: E402
from bot.deps import Deps  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.sheets.workbooks import export_xlsx  # noqa: E402
from bot.store import Store  # noqa: E402
from tests.national import COMMUNES, fill, national_communes  # noqa: E402


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "national.sqlite3")
        await store.open()
        communes = national_communes()
        members = await fill(store, communes)
        services = Deps(
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
        teams = await store.teams.by_commune()
        content = export_xlsx(services, teams, sorted(communes.communes))
        elapsed = time.perf_counter() - start
        print(f"XLSX export: {elapsed:.2f} s, {len(content) / 1024:.0f} KiB (target < 3 s)")
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())
