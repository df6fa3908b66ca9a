"""A signed-in browser of the web dashboard, as the store returns it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Session:
    """A signed-in browser: who, and the token its forms must carry."""

    user: str
    csrf: str
