"""National-scale data for tests and benches: 3,321 communes in 696 former districts."""

from __future__ import annotations

import csv
import shutil
from datetime import UTC, datetime
from pathlib import Path

from bot import default_data_dir
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


def write_national_data(folder: Path) -> Path:
    """A BOT_DATA_DIR like the packaged one, with the national communes instead."""
    shutil.copytree(default_data_dir(), folder, dirs_exist_ok=True)
    communes = national_communes()
    (folder / "district_aliases.yaml").write_text("aliases: {}\n", encoding="utf-8")
    with (folder / "communes.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["code", "name", "type", "former_districts", "former_district_codes"])
        for c in communes.communes.values():
            out.writerow(
                [c.code, c.name, c.type, c.former_districts[0], c.former_district_codes[0]]
            )
    with (folder / "old_districts.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["code", "name"])
        out.writerows([d.code, d.name] for d in communes.districts.values())
    return folder
