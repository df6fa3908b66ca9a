"""`commune-bot questions export|label`: the review queue out to XLSX/JSONL and labels back in."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot import default_data_dir
from bot.directory import load_directory
from bot.question_labels import NOT_SUPPORT, SKIP, parse_label
from bot.runner import open_services
from bot.settings import Settings
from tests.conftest import Clock
from tests.process import bot_env

ASKED = [  # (text, routed topic, chosen topic)
    ("bên em cần người xuống xem giúp cái tủ rack", None, None),
    ("chiều nay anh chị ở xã không vào được", None, "network"),
    ("máy in phòng văn thư bị kẹt giấy liên tục", "general", None),  # answered: not queued
    ("sáng nay em không làm được gì cả", None, None),
    ('=HYPERLINK("http://x.example","bấm vào đây")', None, None),  # must stay text in Excel
]


def cli(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=bot_env(tmp_path),
        timeout=60,
    )


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


async def _ask(settings: Settings, clock: Clock) -> list[int]:
    services = await open_services(settings, clock)
    try:
        ids = []
        for text, topic, chosen in ASKED:
            qid = await services.store.questions.record(
                "telegram", "telegram:55", "55", text, topic, 0.4, clock()
            )
            if chosen:
                await services.store.questions.choose_topic(qid, "telegram:55", chosen)
            ids.append(qid)
        return ids
    finally:
        await services.store.close()


async def test_xlsx_round_trip_stores_labels_and_reports_bad_rows(
    settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    ids = await _ask(settings, clock)
    out = tmp_path / "queue.xlsx"
    result = cli(tmp_path, "questions", "export", "--unsure", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout) == [{"exported": 4, "file": str(out)}]
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == ["Câu hỏi", "Nhãn"]
    sheet = book["Câu hỏi"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Mã", "Thời điểm", "Kênh", "Câu hỏi"] and "Nhãn" in header
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {ids[0], ids[1], ids[3], ids[4]}  # the answered printer one is not queued
    formula = next(c for c in sheet["D"] if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"
    assert "telegram:55" not in str(list(sheet.values))  # no asker identity in the file
    assert {r[0] for r in book["Nhãn"].iter_rows(min_row=2, values_only=True)} >= {"none"}
    at = header.index("Nhãn") + 1
    for row in sheet.iter_rows(min_row=2):
        qid = row[0].value
        row[at - 1].value = {
            ids[0]: "network",
            ids[1]: "Hội nghị truyền hình",
            ids[3]: "xyz",
            ids[4]: None,
        }[qid]
    book.save(out)

    result = cli(tmp_path, "questions", "label", str(out))
    assert result.returncode == 1  # one row was rejected …
    by_id = {r["id"]: r for r in lines(result.stdout)}
    assert by_id[ids[0]] == {"row": 2, "id": ids[0], "ok": True, "label": "network"}
    assert by_id[ids[1]]["label"] == "video_conference"
    assert by_id[ids[3]]["ok"] is False and "xyz" in by_id[ids[3]]["error"]

    everything = tmp_path / "all.jsonl"  # … and the good ones are stored
    assert cli(tmp_path, "questions", "export", "--out", str(everything)).returncode == 0
    labels = {r["id"]: r["label"] for r in lines(everything.read_text())}
    assert labels == {
        ids[0]: "network",
        ids[1]: "video_conference",
        ids[2]: "",
        ids[3]: "",
        ids[4]: "",
    }
    left = tmp_path / "left.jsonl"
    assert cli(tmp_path, "questions", "export", "--unsure", "--out", str(left)).returncode == 0
    assert [r["id"] for r in lines(left.read_text())] == [ids[3], ids[4]]


async def test_jsonl_round_trip_and_the_labels_train_the_next_start(
    settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    ids = await _ask(settings, clock)
    out = tmp_path / "queue.jsonl"
    assert cli(tmp_path, "questions", "export", "--unsure", "--out", str(out)).returncode == 0
    rows = lines(out.read_text())
    assert rows[0]["routed"] is None and {"text", "chosen", "confidence"} <= set(rows[0])
    labels = {ids[0]: "network", ids[1]: "không phải hỗ trợ", ids[3]: "bỏ qua", ids[4]: ""}
    out.write_text("".join(json.dumps({**r, "label": labels[r["id"]]}) + "\n" for r in rows))
    before = cli(tmp_path, "route", stdin=json.dumps({"text": ASKED[0][0]}) + "\n")
    result = cli(tmp_path, "questions", "label", str(out))
    assert result.returncode == 0, result.stdout
    after = cli(tmp_path, "route", "--explain", stdin=json.dumps({"text": ASKED[0][0]}) + "\n")
    assert lines(before.stdout)[0]["topic"] is None
    (routed,) = lines(after.stdout)
    assert routed["topic"] == "network" and routed["explain"]["taught"] is True
    services = await open_services(settings, clock)
    try:
        assert await services.store.labels.taught_examples() == [
            (ASKED[0][0], "network"),
            (ASKED[1][0], None),
        ]
        assert services.router.route(ASKED[0][0]).topic == "network"
        assert not services.router.route(ASKED[1][0]).unsure
        assert services.router.route(ASKED[3][0]).unsure  # skipped: still the menu
    finally:
        await services.store.close()


def test_bad_files_and_names_are_refused_with_a_message(tmp_path: Path) -> None:
    result = cli(tmp_path, "questions", "export", "--out", str(tmp_path / "q.csv"))
    assert result.returncode == 2 and ".xlsx or .jsonl" in result.stderr
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1, "label": "network"}\nnot json\n')
    result = cli(tmp_path, "questions", "label", str(broken))
    assert result.returncode == 1 and "line 2" in result.stderr
    fake_xlsx = tmp_path / "fake.xlsx"
    fake_xlsx.write_bytes(b"not a zip")
    result = cli(tmp_path, "questions", "label", str(fake_xlsx))
    assert result.returncode == 1 and "Excel" in result.stderr
    missing = tmp_path / "missing.jsonl"
    missing.write_text('{"label": "network"}\n{"id": 424242, "label": "network"}\n')
    result = cli(tmp_path, "questions", "label", str(missing))
    assert result.returncode == 1
    errors = [r["error"] for r in lines(result.stdout)]
    assert errors == ["no question id", "no question 424242"]


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("network", "network"),
        ("  Network ", "network"),
        ("Hội nghị truyền hình", "video_conference"),
        ("hoi nghi truyen hinh", "video_conference"),
        ("Không phải hỗ trợ", NOT_SUPPORT),
        ("none", NOT_SUPPORT),
        ("Bỏ qua", SKIP),
        ("mạng xã hội", None),
        ("", None),
    ],
)
def test_labels_are_read_by_key_label_or_words(written: str, label: str | None) -> None:
    directory = load_directory(default_data_dir() / "contacts.yaml")
    assert parse_label(written, directory) == label
