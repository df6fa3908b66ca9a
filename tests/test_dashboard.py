"""The web dashboard in a real headless Chromium: sign-in, filters, team edit, downloads."""

from __future__ import annotations

import io
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from docx import Document

from bot.deps import Deps
from bot.signin import web_link
from tests.conftest import Chat, Clock
from tests.fake_telegram import FakeTelegram
from tests.process import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REGISTRAR = 801  # Hoằng Hóa and Phường Hàm Rồng
HAM_RONG, HAC_THANH = "14758", "14797"


@pytest.fixture
async def site(services: Deps) -> AsyncIterator[str]:
    """The bot's own HTTP server with the dashboard, on a free port of 127.0.0.1."""
    from bot.channels.dashboard import Dashboard
    from bot.channels.web import WebServer

    port = free_port()
    services.settings.public_url = f"http://127.0.0.1:{port}"
    server = WebServer("127.0.0.1", port)
    server.mount(Dashboard(services).install)
    await server.start()
    yield services.settings.public_url
    await server.stop()


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator:
    """Debian's chromium through playwright, a fresh profile per test."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS
        )
        yield context
        await context.close()


@pytest.fixture
async def registrar(services: Deps) -> int:
    now = services.clock()
    await services.store.access.grant(
        f"telegram:{REGISTRAR}", "registrar", ["399"], [HAM_RONG], "t", now
    )
    await services.store.teams.add(
        HAM_RONG, [{"role": "it_officer", "name": "Nguyễn Văn An", "phone": "+84912345601"}], now
    )
    await services.store.teams.add(
        HAC_THANH, [{"role": "it_officer", "name": "Ngô Văn Minh", "phone": "+84913000004"}], now
    )
    return (await services.store.teams.members_of(HAM_RONG))[0].id


async def signed_in(browser, services: Deps, user: str):
    page = await browser.new_page()
    await page.goto(await web_link(services, user))
    await page.click("text=Đăng nhập vào trang theo dõi")
    return page


async def test_registrar_signs_in_filters_edits_downloads_signs_out(
    fake: FakeTelegram, services: Deps, telegram, site: str, browser, registrar: int
) -> None:
    page = await signed_in(browser, services, f"telegram:{REGISTRAR}")
    assert page.url == site + "/" and "Tiến độ" in await page.inner_text("h1")
    cookie = next(c for c in await browser.cookies() if c["name"] == "cb_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["expires"] > 0
    await page.click("nav >> text=Xã/phường")
    assert await page.locator("#communes tbody tr").count() == 9  # Hoằng Hóa's 8 + Hàm Rồng
    await page.select_option("select[name=district]", label="Huyện Hoằng Hóa")
    await page.click("button:has-text('Lọc')")
    assert await page.locator("#communes tbody tr").count() == 8
    await page.select_option("select[name=district]", label="Tất cả")
    await page.fill("input[name=q]", "ham rong")  # no accents
    await page.click("button:has-text('Lọc')")
    assert await page.locator("#communes tbody tr").count() == 1
    await page.click("#communes >> text=Phường Hàm Rồng")
    assert page.url.endswith(f"/communes/{HAM_RONG}")
    field = f"input[name=m{registrar}_phone]"
    await page.fill(field, "12345")
    await page.click("button:has-text('Lưu tổ')")
    assert "không hợp lệ" in await page.inner_text(".row-error")
    assert (await services.store.teams.member(registrar)).phone == "+84912345601"  # nothing saved
    await page.fill(field, "0912 999 888")
    await page.fill("input[name=n0_name]", "Lê Thị Bình")
    await page.fill("input[name=n0_phone]", "0912345602")
    await page.click("button:has-text('Lưu tổ')")
    assert "Đã lưu" in await page.inner_text(".saved")
    chat = Chat(fake, REGISTRAR)
    await chat.send(f"/team {HAM_RONG}")
    assert "0912 999 888" in chat.last_text and "Lê Thị Bình" in chat.last_text
    await page.click("nav >> text=Tải về")
    async with page.expect_download() as info:
        await page.click("text=Báo cáo chính thức")
    download = await info.value
    doc = Document(io.BytesIO(Path(await download.path()).read_bytes()))
    names = {row.cells[1].text for t in doc.tables[1:-1] for row in t.rows[1:]}
    assert "Phường Hàm Rồng" in names and "Phường Hạc Thành" not in names
    await page.click("button:has-text('Đăng xuất')")
    assert page.url == site + "/signin"
    await page.goto(site + "/communes")
    assert page.url == site + "/signin" and "/web" in await page.inner_text("main")


async def test_expired_or_reused_links_other_districts_and_missing_csrf_are_refused(
    services: Deps, clock: Clock, site: str, browser, registrar: int
) -> None:
    page = await browser.new_page()
    link = await web_link(services, f"telegram:{REGISTRAR}")
    clock.now += timedelta(minutes=11)
    await page.goto(link)
    await page.click("text=Đăng nhập vào trang theo dõi")
    assert "hết hạn" in await page.inner_text("main") and page.url.endswith("/login")
    page = await signed_in(browser, services, f"telegram:{REGISTRAR}")
    assert page.url == site + "/"
    reused = await browser.new_page()
    link = await web_link(services, f"telegram:{REGISTRAR}")
    await reused.goto(link)
    await reused.click("text=Đăng nhập vào trang theo dõi")
    await reused.goto(link)
    await reused.click("text=Đăng nhập vào trang theo dõi")
    assert "đã được dùng" in await reused.inner_text("main")
    response = await page.goto(f"{site}/communes/{HAC_THANH}")
    assert response.status == 403 and "0913" not in await page.content()
    assert "không thuộc phạm vi" in await page.inner_text("main")
    form = {f"m{registrar}_name": "Kẻ Lạ", f"m{registrar}_phone": "0912000111"}
    refused = await page.request.post(f"{site}/communes/{HAM_RONG}/team", form=form)
    assert refused.status == 403  # no CSRF token
    assert (await services.store.teams.member(registrar)).name == "Nguyễn Văn An"
    headers = (await page.goto(site + "/")).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"


async def test_web_link_in_chat_on_zalo_and_telegram(
    zfake, fake: FakeTelegram, services: Deps, telegram, site: str, browser
) -> None:
    from pydantic import SecretStr

    from bot.channels.zalo import ZaloChannel
    from bot.engine import Engine
    from tests.conftest import COORDINATOR, ZTOKEN

    services.settings.zalo_token = SecretStr(ZTOKEN)
    services.settings.zalo_api_url = zfake.root
    zalo = ZaloChannel(services, Engine(services))
    zalo.poll_timeout = 1
    await zalo.start()
    try:
        await services.store.access.grant("zalo:z7", "coordinator", [], [], "t", services.clock())
        await zfake.text("z7", "/report")
        (answer,) = await zfake.wait_sent("z7")
        assert "tải báo cáo" in answer and f"{site}/login?t=" in answer
        link = answer.split("\n")[-1].strip()
        page = await browser.new_page()
        await page.goto(link)
        await page.click("text=Đăng nhập vào trang theo dõi")
        assert page.url == site + "/downloads"  # straight to the files Zalo cannot send
        await zfake.text("z8", "/web")  # nobody with a role
        (refused,) = await zfake.wait_sent("z8")
        assert "chỉ dành cho" in refused and "login" not in refused
    finally:
        await zalo.stop()
    boss = Chat(fake, COORDINATOR)
    await boss.send("/web")
    assert f"{site}/login?t=" in boss.last_text and "10 phút" in boss.last_text
    group = Chat(fake, -100123, user_id=COORDINATOR)
    await group.send("/web")
    assert "login" not in group.last_text  # a personal link is never posted in a group


def test_web_link_command_prints_a_url(tmp_path: Path) -> None:
    from tests.test_cli import cli, lines

    result = cli(tmp_path, "web-link", "telegram:777", public_url="https://bot.example.vn")
    assert result.returncode == 0, result.stderr
    (row,) = lines(result.stdout)
    assert row["url"].startswith("https://bot.example.vn/login?t=")
    assert cli(tmp_path, "web-link", "777").returncode == 2


async def test_coordinator_labels_the_review_queue(services: Deps, site: str, browser) -> None:
    from tests.conftest import COORDINATOR

    now = services.clock()
    unsure = await services.store.questions.record(
        "telegram", "telegram:5", "5", "cái này hỏng rồi", None, 0.2, now
    )
    await services.store.questions.record(
        "telegram", "telegram:5", "5", "mất mạng", "network", 0.9, now
    )
    page = await signed_in(browser, services, f"telegram:{COORDINATOR}")
    await page.click("nav >> text=Rà soát câu hỏi")
    assert await page.locator("#review tbody tr").count() == 1
    assert "cái này hỏng rồi" in await page.inner_text("#review")
    await page.select_option("#review select[name=label]", value="network")
    await page.click("#review button:has-text('Gán nhãn')")
    assert page.url == site + "/review" and "Không có câu hỏi nào" in await page.inner_text("main")
    labelled = await services.store.labels.for_review(False)
    assert next(q for q in labelled if q.id == unsure).label == "network"
    forged = await page.request.post(f"{site}/review/{unsure}", form={"label": "none"})
    assert forged.status == 403  # no CSRF token
    member = await signed_in(browser, services, "telegram:4242")  # no role: nothing to review
    response = await member.goto(site + "/review")
    assert response.status == 403
