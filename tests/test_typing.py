"""`mypy bot` with the settings of pyproject.toml [tool.mypy] (every function typed): no error.

mypy runs in-process through its API; its cache (.mypy_cache at the root, like the command
line's) makes later runs take a few seconds instead of half a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_reports_no_error_in_bot() -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (pip install '.[test]')")
    out, err, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            str(ROOT / "bot"),
        ]
    )
    assert status == 0, out + err
