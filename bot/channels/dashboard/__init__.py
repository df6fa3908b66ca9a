"""The web dashboard on the bot's own HTTP server: sign-in by a link from chat, then pages.

Paths (spec/interfaces.md): `/` overview, `/communes`, `/communes/{code}`, `/requests`,
`/review`, `/downloads`; `/signin` explains how to get a link, `/login?t=…` spends one.
"""

from __future__ import annotations

from aiohttp import web

from bot.channels.dashboard.auth import (
    COOKIE,
    Viewer,
    page,
    redirect,
    secure,
    set_cookie,
    viewer,
)
from bot.channels.dashboard.pages import Pages
from bot.channels.dashboard.render import HERE, Renderer
from bot.deps import Deps
from bot.signin import sign_in, sign_out
from bot.texts import web as w


class Dashboard:
    """Adds the dashboard's routes to an aiohttp application (before it starts)."""

    def __init__(self, services: Deps) -> None:
        self.s = services
        self.render = Renderer()
        self.pages = Pages(services, self.render)

    def install(self, app: web.Application) -> None:
        p, s = self.pages, self.s
        routes = [
            web.get("/", page(s, p.overview)),
            web.get("/communes", page(s, p.communes)),
            web.get("/communes/{code}", page(s, p.commune)),
            web.post("/communes/{code}/team", page(s, p.save_team, post=True)),
            web.get("/requests", page(s, p.requests)),
            web.get("/review", page(s, p.review)),
            web.post("/review/{id}", page(s, p.label, post=True)),
            web.get("/downloads", page(s, p.downloads)),
            web.get("/downloads/{kind}", page(s, p.download)),
            web.post("/logout", page(s, self.logout, post=True)),
            web.get("/signin", self.signin_help),
            web.get("/login", self.login_page),
            web.post("/login", self.login),
            web.get("/static/dashboard.css", self.css),
        ]
        app.add_routes(routes)

    async def signin_help(self, request: web.Request) -> web.Response:
        """Without a session: how to get a sign-in link."""
        return self.render.html("signin.html", who=None)

    async def login_page(self, request: web.Request) -> web.Response:
        # Chat apps open links to build previews: the GET only shows a button, the POST signs in.
        token = request.query.get("t", "")[:100]
        return self.render.html("login.html", token=token, who=None)

    async def login(self, request: web.Request) -> web.Response:
        form = await request.post()
        spent = await sign_in(self.s, str(form.get("t", ""))[:100])
        if spent is None:
            message = w.SIGN_IN_SPENT
            return self.render.html("error.html", 403, message=message, who=None)
        cookie, _session, target = spent
        response = redirect(target)
        set_cookie(self.s, request, response, cookie)
        return response

    async def logout(self, request: web.Request, who: Viewer) -> web.Response:
        await sign_out(self.s, request.cookies.get(COOKIE, ""))
        response = redirect("/signin")
        response.del_cookie(COOKIE, path="/")
        return response

    async def css(self, request: web.Request) -> web.StreamResponse:
        response = web.FileResponse(HERE / "static" / "dashboard.css")
        return secure(response)


__all__ = ["Dashboard", "viewer"]
