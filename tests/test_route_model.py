"""The trained parts of the router, on small hand-made data."""

from __future__ import annotations

import pytest

from bot.route_model import NaiveBayes, word_features

SHORT = [
    ("mạng chập chờn cả xã", "network"),
    ("wifi phòng họp yếu", "network"),
    ("máy in kẹt giấy", "general"),
    ("máy tính không lên nguồn", "general"),
]
# A bug report as pasted from a tracker: long, and it names the printer and the network both.
REPORT = (
    "sau khi cập nhật phần mềm thì máy in ở phòng một cửa không nhận lệnh in từ máy tính "
    "dù mạng nội bộ vẫn bình thường và các máy khác vẫn vào mạng được còn máy in thì báo lỗi "
    "kết nối liên tục mỗi khi bấm in tài liệu từ phần mềm"
)


def _model(lines: list[tuple[str, str]]) -> NaiveBayes:
    return NaiveBayes((word_features(text.split()), topic) for text, topic in lines)


def test_a_report_pasted_twice_weighs_as_much_as_once() -> None:
    # Long lines are scaled to LONG_LINE features: repeating one (a thread quoting its first
    # post) must not double its say over the short chat lines.
    assert len(word_features(REPORT.split())) > 40
    once = _model([*SHORT, (REPORT, "general")])
    twice = _model([*SHORT, (f"{REPORT} {REPORT}", "general")])
    for query in ("mạng yếu", "máy in báo lỗi", "wifi"):
        feats = word_features(query.split())
        for topic, value in once.log_likelihoods(feats).items():
            assert twice.log_likelihoods(feats)[topic] == pytest.approx(value, abs=0.05)


def test_short_lines_count_in_full() -> None:
    model = _model(SHORT)
    assert model.counts["network"]["wifi"] == 1.0
    general = [line.split() for line, topic in SHORT if topic == "general"]
    assert model.totals["general"] == sum(len(word_features(words)) for words in general)
