"""The installed package holds every module: `pip install .` (the README's command) ships each
sub-package listed in pyproject.toml, so a package missing there is missing for `commune-bot`."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_bot_is_installed() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        init.parent.relative_to(ROOT).as_posix().replace("/", ".")
        for init in (ROOT / "bot").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
