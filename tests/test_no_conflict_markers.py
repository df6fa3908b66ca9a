"""No merge-conflict markers left in any tracked text file (ruff sees only Python)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^(<{7}|>{7}|={7})( |$)", re.M)
TEXT = (".py", ".md", ".yaml", ".yml", ".toml", ".jsonl", ".json", ".html", ".css", ".txt", ".csv")


def _tracked() -> list[str]:
    """The repository's files (every file outside .venv when this is not a git checkout)."""
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        listed = None
    if listed is not None and listed.returncode == 0:
        return listed.stdout.split()
    return [
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*")
        if p.is_file() and ".venv" not in p.parts and ".git" not in p.parts
    ]


def test_no_conflict_markers() -> None:
    tracked = _tracked()
    found = [
        name
        for name in tracked
        if name.endswith(TEXT)
        and (ROOT / name).is_file()
        and MARKER.search((ROOT / name).read_text(encoding="utf-8", errors="replace"))
    ]
    assert not found, f"merge-conflict markers in {found}"
