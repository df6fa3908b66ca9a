"""`commune-bot report` on national-scale data: 3,321 communes × up to 6 members.

Target: < 5 s for the .docx (and the .xlsx). Reference in the same run: `commune-bot teams
status` on the same data (figures drift on a shared machine; the ratio does not).
Run: ``python bench/report_bench.py``.
"""

from __future__ import annotations

import asyncio
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.teams_bench import COMMUNES, fill, national_communes  # noqa: E402
from bot.store import Store  # noqa: E402


def write_data_dir(folder: Path) -> None:
    """A BOT_DATA_DIR whose communes are the national-scale ones."""
    for name in ("contacts.yaml", "campaign.yaml", "routing"):
        src = ROOT / "data" / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, folder / name)
    communes = national_communes()
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
        for d in communes.districts.values():
            out.writerow([d.code, d.name])


async def fill_db(path: Path) -> int:
    store = Store(path)
    await store.open()
    members = await fill(store, national_communes())
    await store.close()
    return members


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "data").mkdir()
        write_data_dir(folder / "data")
        members = asyncio.run(fill_db(folder / "national.sqlite3"))
        env = {
            **os.environ,
            "BOT_DATA_DIR": str(folder / "data"),
            "BOT_DATABASE": str(folder / "national.sqlite3"),
        }
        timed(["teams", "status"], env)  # warm the page cache and apply migrations once
        reference = timed(["teams", "status"], env)
        docx = timed(["report", "--out", str(folder / "r.docx")], env)
        xlsx = timed(["report", "--out", str(folder / "r.xlsx")], env)
        size = (folder / "r.docx").stat().st_size / 1024
        print(f"{COMMUNES} communes, {members} members")
        print(f"teams status (reference): {reference:.2f} s")
        print(
            f"report .docx: {docx:.2f} s ({docx / reference:.1f}× reference), {size:.0f} KiB"
            " (target < 5 s)"
        )
        print(f"report .xlsx: {xlsx:.2f} s ({xlsx / reference:.1f}× reference) (target < 5 s)")


if __name__ == "__main__":
    main()
