"""/status at national scale (3,321 communes): summarised per former district, paged, and every
chart within Telegram's photo limits."""

from __future__ import annotations

from bot.chat import Incoming, Person
from bot.deps import Deps
from bot.engine import Engine
from tests.conftest import COORDINATOR, Chat
from tests.fake_telegram import FakeTelegram, photo_fits, png_size, visible_text
from tests.national import DISTRICTS, fill, national_communes


async def test_every_status_page_and_chart_fits_telegram(services: Deps) -> None:
    services.communes = national_communes()
    await fill(services.store, services.communes)
    engine = Engine(services)
    boss = Person("telegram", str(COORDINATOR), "Boss")
    replies = await engine.handle(
        Incoming("telegram", str(COORDINATOR), boss, "command", command="status")
    )
    seen_districts: set[str] = set()
    pages = 0
    while True:
        (reply,) = replies
        pages += 1
        assert reply.attachment is not None and reply.attachment.photo
        size = png_size(reply.attachment.content)
        assert size is not None and photo_fits(*size), size
        text = "".join(seg.text for seg in reply.text)
        assert "3321 xã/phường" in text and len(text) < 4096  # one message per page
        seen_districts |= {line.split(":")[0] for line in text.split("\n• ")[1:]}
        forward = [c.value for c in reply.choices if c.value == f"st:{pages + 1}"]
        if not forward:
            break
        replies = await engine.handle(
            Incoming("telegram", str(COORDINATOR), boss, "choice", payload=forward[0])
        )
    assert len(seen_districts) == DISTRICTS  # every former district is on some page
    assert pages == -(-DISTRICTS // 30)


async def test_status_pages_through_telegram(fake: FakeTelegram, services: Deps) -> None:
    from bot.channels.telegram import TelegramChannel

    services.communes = national_communes()
    await fill(services.store, services.communes)
    services.settings.telegram_api_url = fake.root
    channel = TelegramChannel(services, Engine(services))
    await channel.start()
    try:
        chat = Chat(fake, COORDINATOR)
        await chat.send("/status", expect=2, timeout=30)
        # 30 districts are too long for a caption: the text (with the page buttons), then the
        # chart alone, with no "📊" line in between.
        assert [c.method for c in chat.replies] == ["sendMessage", "sendPhoto"]
        assert "Trang 1/24" in chat.replies[0].text
        assert ("Trang sau ▶", "st:2") in chat.replies[0].buttons
        await chat.press_slow("st:24")
        (page,) = chat.replies  # six districts: the summary is the chart's caption
        assert "Trang 24/24" in visible_text(page.params["caption"])
        assert [label for label, _ in page.buttons] == ["◀ Trang trước"]
        outsider = Chat(fake, 4343)
        await outsider.press("st:2")
        assert "chỉ dành cho điều phối viên" in outsider.last_text
    finally:
        await channel.stop()
    assert fake.errors == [], fake.errors  # the fake rejects photos Telegram would reject
