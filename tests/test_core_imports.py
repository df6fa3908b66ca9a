"""The core never imports telegram, httpx, aiosqlite or the web stack (STYLE.md's hard rule)."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import bot

# The adapters and the composition root may import them; everything else is the core.
EDGES = (
    "bot.channels",
    "bot.store",
    "bot.runner",
    "bot.cli",
    "bot.__main__",
    "bot.data",
)

# Channel and storage libraries, and the web framework and its templates (the dashboard's).
FORBIDDEN = ("telegram", "httpx", "aiosqlite", "aiohttp", "jinja2")


def core_modules() -> list[str]:
    found = [m.name for m in pkgutil.walk_packages([str(Path(bot.__file__).parent)], "bot.")]
    return sorted(m for m in found if not m.startswith(EDGES))


def test_core_is_free_of_channel_and_storage_libraries() -> None:
    modules = core_modules()
    assert {"bot.engine", "bot.routing", "bot.outbox", "bot.dialogues.register"} <= set(modules)
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        + "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
