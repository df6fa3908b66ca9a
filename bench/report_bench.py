"""`commune-bot report` on national-scale data: 3,321 communes × up to 6 members.

Target: < 5 s for the .docx (and the .xlsx). Reference in the same run: `commune-bot teams
status` on the same data (figures drift on a shared machine; the ratio does not).
Run: ``python bench/report_bench.py``.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.store import Store  # noqa: E402
from tests.national import COMMUNES, fill, national_communes, write_national_data  # noqa: E402


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
        write_national_data(folder / "data")
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
