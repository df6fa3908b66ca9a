"""A linked provincial contact answers from a private chat; photos relayed by copying; the
asker's and the coordinators' views; the operator commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import COORDINATOR
from tests.fake_telegram import FakeTelegram
from tests.process import ROOT, bot_env
from tests.requests_harness import STAFF, MovingClock, RunningBot, request_settings
from tests.test_requests_abuse import ASKER, make_request, press, say, settle_link
from tests.test_requests_e2e import MONDAY_9

CONTACT = 6060  # Trần Mạnh Hùng, the general contact (4.1)


async def test_a_linked_contact_gets_and_answers_requests(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    fake.add_group(STAFF)
    bot = RunningBot(request_settings(tmp_path, fake, None), MovingClock(MONDAY_9))
    await bot.start()
    try:
        (menu,) = await say(fake, COORDINATOR, "/staff")
        link = next(data for label, data in menu.buttons if "Trần Mạnh Hùng" in label)
        assert not any("_" in label or "(general)" in label for label, _ in menu.buttons)
        (made,) = await press(fake, COORDINATOR, link)
        code = made.text.split("Mã: ")[1].split()[0]
        assert f"t.me/thanhhoa_support_bot?start={code}" in made.text
        (welcome,) = await say(fake, CONTACT, f"/start {code}")
        assert "đã được liên kết" in welcome.text and "Hỗ trợ chung" in welcome.text
        (reused,) = await say(fake, 6161, f"/start {code}")
        assert "Mã này không dùng được" in reused.text or "không" in reused.text

        mark = len(fake.calls)
        await make_request(fake)
        (card,) = await fake.wait_for("sendMessage", CONTACT, after=mark)
        await settle_link()
        assert "#1" in card.text and card.buttons
        mark = len(fake.calls)
        await fake.reply_to(card, "Anh thay hộp mực giúp em", user_id=CONTACT)
        (relayed,) = await fake.wait_for("sendMessage", ASKER, after=mark)
        assert "Sở Khoa học và Công nghệ tỉnh Thanh Hóa" in relayed.text  # name and unit
        await settle_link()

        # The asker answers with a photo: Telegram copies it, nothing is downloaded.
        mark = len(fake.calls)
        photo = [{"file_id": "ph9", "file_unique_id": "u9", "width": 90, "height": 90}]
        await fake.reply_to(relayed, None, user_id=ASKER, photo=photo, caption="lỗi này ạ")
        copies = await fake.wait_for("copyMessage", after=mark, count=2)
        assert {c.chat_id for c in copies} == {str(STAFF), str(CONTACT)}
        assert all(c.params["from_chat_id"] == ASKER for c in copies)
        assert not [c for c in fake.calls[mark:] if c.method == "getFile"]
        notes = [c.text for c in fake.calls[mark:] if c.method == "sendMessage"]
        assert notes and all("qua Zalo" not in t for t in notes)  # it came by Telegram
        assert any("xem trên Telegram" in t for t in notes)

        (mine,) = await say(fake, ASKER, "/requests")
        assert "#1" in mine.text and "đã có trả lời" in mine.text
        (one,) = await say(fake, ASKER, "/request 1")
        assert "Anh thay hộp mực giúp em" in one.text and "lỗi này ạ" in one.text
        (other,) = await say(fake, 7171, "/request 1")
        assert "Không có yêu cầu #1" in other.text
        (opened,) = await say(fake, COORDINATOR, "/requests open")
        assert "Phường Hạc Thành (Thành phố Thanh Hóa)" in opened.text
        (refused,) = await say(fake, ASKER, "/requests open")
        assert "điều phối viên" in refused.text
    finally:
        await bot.stop()
    assert fake.errors == []

    env = bot_env(tmp_path)
    listed = subprocess.run(
        [sys.executable, "-m", "bot", "requests", "list", "--open"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    (line,) = [json.loads(x) for x in listed.stdout.splitlines()]
    assert set(line) == {
        "id",
        "state",
        "topic",
        "commune",
        "asker",
        "created",
        "first_answer",
        "resolved",
    }
    assert line["id"] == 1 and line["state"] == "answered" and line["commune"] == "14797"
    out = tmp_path / "requests.xlsx"
    subprocess.run(
        [sys.executable, "-m", "bot", "requests", "export", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )
    book = load_workbook(out)
    assert book["Yêu cầu"].max_row == 2 and book["Yêu cầu"]["D2"].value == "Phường Hạc Thành"
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row}
    assert (
        summary["Tổng số yêu cầu"] == 1 and summary["Hỗ trợ chung: máy tính, máy in, email"] == 1
    )
