"""Sessions, CSRF and security headers for every dashboard page."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from bot.access import Access, Roles
from bot.chat import Person
from bot.deps import Deps
from bot.signin import SESSION_LIFETIME, Session, public_url, session_of

COOKIE = "cb_session"
SIGNIN_HELP = "/signin"
# Everything is served from here: no CDN, no inline script, no framing by other sites.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # The sign-in link carries its token in the URL: never pass it on in a Referer.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Viewer:
    """The signed-in person, their roles and what they may see."""

    session: Session
    person: Person
    roles: Roles
    visible: set[str] | None  # commune codes; None: the whole province
    name: str

    @property
    def coordinator(self) -> bool:
        return self.roles.coordinator


Page = Callable[[web.Request, Viewer], Awaitable[web.StreamResponse]]


def secure(response: web.StreamResponse) -> web.StreamResponse:
    """The security headers on a response."""
    for key, value in HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def redirect(location: str) -> web.Response:
    """303 See Other (after a form, the browser asks for the page with GET)."""
    return secure(web.Response(status=303, headers={"Location": location}))  # type: ignore[return-value]


def uses_https(services: Deps, request: web.Request) -> bool:
    """Behind the operator's HTTPS proxy (public URL or the proxy's header say so)."""
    forwarded = request.headers.get("X-Forwarded-Proto", "").lower() == "https"
    return public_url(services.settings).startswith("https://") or request.secure or forwarded


def set_cookie(
    services: Deps, request: web.Request, response: web.StreamResponse, value: str
) -> None:
    response.set_cookie(
        COOKIE,
        value,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        secure=uses_https(services, request),
        samesite="Lax",
        path="/",
    )


async def viewer(services: Deps, request: web.Request) -> Viewer | None:
    """Who is signed in on this request, or None."""
    session = await session_of(services, request.cookies.get(COOKIE))
    if session is None:
        return None
    channel, _, user_id = session.user.partition(":")
    person = Person(channel, user_id)
    access = Access(services)
    roles = await access.roles(person)
    visible = visible_communes(access, roles)
    names = await services.store.reports.display_names([session.user])
    return Viewer(session, person, roles, visible, names.get(session.user) or session.user)


def visible_communes(access: Access, roles: Roles) -> set[str] | None:
    """Coordinators: all; registrars: their scope; members: their own team."""
    scope = access.scope(roles)
    if scope is None:
        return None
    return scope | roles.member_communes


def page(services: Deps, handler: Page, post: bool = False) -> Callable:
    """A dashboard endpoint: a session (else the how-to-sign-in page), CSRF on POST, headers."""

    async def endpoint(request: web.Request) -> web.StreamResponse:
        who = await viewer(services, request)
        if who is None:
            return redirect(SIGNIN_HELP)
        if post:
            form = await request.post()
            sent = str(form.get("csrf", ""))
            if not hmac.compare_digest(sent.encode(), who.session.csrf.encode()):
                return secure(web.Response(status=403, text="CSRF token missing or wrong"))
        return secure(await handler(request, who))

    return endpoint
