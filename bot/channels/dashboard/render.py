"""Jinja2 templates (autoescaped) to HTML responses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.channels.dashboard.auth import Viewer, secure

HERE = Path(__file__).parent


class Renderer:
    """One environment for the process; templates are read once."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(("html",)),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def html(self, template: str, status: int = 200, **context: Any) -> web.Response:
        body = self.env.get_template(template).render(**context)
        return secure(web.Response(text=body, content_type="text/html", status=status))  # type: ignore[return-value]

    def page(self, template: str, who: Viewer, status: int = 200, **context: Any) -> web.Response:
        """A signed-in page: the menu, the person, the sign-out form with its CSRF token."""
        return self.html(template, status, who=who, csrf=who.session.csrf, **context)

    def error(self, who: Viewer | None, status: int, message: str) -> web.Response:
        if who is None:
            return self.html("error.html", status, message=message, who=None)
        return self.page("error.html", who, status, message=message)
