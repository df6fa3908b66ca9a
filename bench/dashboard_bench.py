"""The dashboard's commune table for Thanh Hóa's 166 communes: server time per request.

Target: GET /communes < 200 ms server time (measured by a middleware around the handler).
Reference in the same run: GET /healthz. ``--screenshot FILE`` also saves a picture of the
overview taken with Debian's chromium (the README's screenshot).
Run: ``python bench/dashboard_bench.py [--screenshot docs/dashboard.png]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aiohttp import ClientSession, web  # noqa: E402

from bot import default_data_dir  # noqa: E402
from bot.channels.dashboard import Dashboard  # noqa: E402
from bot.channels.web import WebServer  # noqa: E402
from bot.roster import ROLES  # noqa: E402
from bot.runner import open_services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.signin import sign_in, web_link  # noqa: E402

ROUNDS = 30
PORT = 18642


async def fill(services) -> None:
    """Two communes in three with a team, every fourth of them complete, some tasks done."""
    seats = [role for role, (_, n, _) in ROLES.items() for _ in range(n)]
    now = services.clock()
    for i, code in enumerate(sorted(services.communes.communes)):
        if i % 3 == 2:
            continue
        size = 6 if i % 4 == 0 else 1 + i % 5
        drafts = [
            {
                "role": r,
                "name": f"Nguyễn Văn {chr(65 + s)}",
                "phone": f"+849{i:04d}{s:04d}",
                "operator": "vnpt" if r == "telecom_technician" else None,
            }
            for s, r in enumerate(seats[:size])
        ]
        await services.store.teams.add(code, drafts, now)
        if i % 2 == 0:
            await services.store.tasks.mark_done(code, "lan_upgraded", "bench", "", now)


async def main(screenshot: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,
            database=Path(tmp) / "bench.sqlite3",
            data_dir=default_data_dir(),
            coordinators="telegram:1",
            public_url=f"http://127.0.0.1:{PORT}",
        )
        services = await open_services(settings)
        await fill(services)
        await services.store.questions.seen(
            "telegram", "1", "1", "Điều phối viên Sở KH&CN", services.clock()
        )
        timings: dict[str, list[float]] = {}

        @web.middleware
        async def timer(request: web.Request, handler):
            start = time.perf_counter()
            response = await handler(request)
            timings.setdefault(request.path, []).append(time.perf_counter() - start)
            return response

        server = WebServer("127.0.0.1", PORT)
        server.mount(lambda app: app.middlewares.append(timer))
        server.mount(Dashboard(services).install)
        await server.start()
        link = await web_link(services, "telegram:1")
        cookie, _, _ = await sign_in(services, link.split("t=")[1])  # type: ignore[misc]
        async with ClientSession(cookies={"cb_session": cookie}) as http:
            for _ in range(ROUNDS):
                for path in ("/healthz", "/communes", "/"):
                    async with http.get(f"{settings.public_url}{path}") as response:
                        assert response.status == 200, (path, response.status)
                        await response.read()
        if screenshot:
            await take_screenshot(services, Path(screenshot))
        await server.stop()
        await services.store.close()
    ref = statistics.median(timings["/healthz"])
    for path in ("/communes", "/"):
        median = statistics.median(timings[path])
        worst = max(timings[path])
        print(
            f"GET {path}: median {median * 1000:.1f} ms, worst {worst * 1000:.1f} ms server time "
            f"({median / ref:.0f}× /healthz at {ref * 1000:.2f} ms) (target < 200 ms)"
        )


async def take_screenshot(services, path: Path) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
        )
        page = await browser.new_page(viewport={"width": 1200, "height": 900})
        await page.goto(await web_link(services, "telegram:1"))
        await page.click("text=Đăng nhập vào trang theo dõi")
        await page.screenshot(path=str(path), full_page=False)
        await browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshot", default=None)
    asyncio.run(main(parser.parse_args().screenshot))
