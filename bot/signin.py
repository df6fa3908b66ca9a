"""Web dashboard sign-in: a single-use link sent in chat (10 minutes), then a session.

Links and sessions are random tokens stored only as SHA-256 hashes, so a copy of the
database opens nothing. The link is spent by a POST from the page it opens (chat apps fetch
links for previews; a GET must not sign anyone in).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from urllib.parse import quote

from bot.access import code_hash
from bot.deps import Deps
from bot.rows.web import Session
from bot.settings import Settings

LINK_LIFETIME = timedelta(minutes=10)
SESSION_LIFETIME = timedelta(hours=12)
PAGES = ("/", "/communes", "/requests", "/review", "/downloads")


def public_url(settings: Settings) -> str:
    """Where people reach the bot's HTTP server (BOT_PUBLIC_URL, else the webhook URL, else
    BOT_LISTEN over plain HTTP)."""
    return (settings.public_url or settings.webhook_url or f"http://{settings.listen}").rstrip("/")


def safe_target(target: str) -> str:
    """Only the dashboard's own pages: never an open redirect."""
    if target in PAGES or (target.startswith("/communes/") and target[10:].isdigit()):
        return target
    return "/"


async def web_link(services: Deps, user_key: str, target: str = "/") -> str:
    """A new single-use sign-in link for a channel-qualified user."""
    token = secrets.token_urlsafe(24)
    now = services.clock()
    await services.store.web.create_link(
        code_hash(token), user_key, safe_target(target), now, now + LINK_LIFETIME
    )
    await services.store.audit.record(user_key, "web_link", {"target": target}, now)
    return f"{public_url(services.settings)}/login?t={quote(token)}"


async def sign_in(services: Deps, token: str) -> tuple[str, Session, str] | None:
    """Spend a link: (session cookie value, session, page to open), or None."""
    now = services.clock()
    spent = await services.store.web.use_link(code_hash(token), now)
    if spent is None:
        return None
    user, target = spent
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    await services.store.web.create_session(
        code_hash(cookie), user, csrf, now, now + SESSION_LIFETIME
    )
    await services.store.audit.record(user, "web_sign_in", {}, now)
    return cookie, Session(user, csrf), target


async def session_of(services: Deps, cookie: str | None) -> Session | None:
    """The live session behind a cookie value."""
    if not cookie:
        return None
    return await services.store.web.session(code_hash(cookie), services.clock())


async def sign_out(services: Deps, cookie: str) -> None:
    await services.store.web.end_session(code_hash(cookie), services.clock())
