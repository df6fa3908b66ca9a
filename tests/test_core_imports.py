"""The core never imports telegram, httpx or aiosqlite (STYLE.md's one hard rule)."""

import subprocess
import sys

CORE = [
    "bot.normalize",
    "bot.routing",
    "bot.directory",
    "bot.texts",
    "bot.messages",
    "bot.engine",
    "bot.access",
    "bot.services",
    "bot.settings",
    "bot.phones",
    "bot.flows.ask",
    "bot.flows.stats",
    "bot.flows.register",
    "bot.flows.team",
    "bot.flows.status",
    "bot.flows.files",
    "bot.flows.invite",
    "bot.flows.pick",
    "bot.flows.sheets",
    "bot.communes",
    "bot.roster",
]


def test_core_is_free_of_channel_and_storage_libraries() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "bad = [m for m in ('telegram', 'httpx', 'aiosqlite') if m in sys.modules]\n"
        + "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
