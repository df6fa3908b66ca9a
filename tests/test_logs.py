"""Tokens and phones never reach the log in clear."""

import logging

import pytest

from bot.logs import RedactingFilter, redact


def test_redact_token_and_phones() -> None:
    line = "POST https://api.telegram.org/bot123456:AAH-x_y/sendMessage to 0915351008 +84977719888"
    clean = redact(line)
    assert "AAH-x_y" not in clean and "0915351008" not in clean and "84977719888" not in clean
    assert "bot<token>" in clean


def test_filter_rewrites_records(caplog) -> None:
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO):
        logger.info("member phone %s", "0989772229")
    assert "0989772229" not in caplog.text


PHONE_FORMS = [
    "0915351008",
    "0915 351 008",
    "0915.351.008",
    "0915-351-008",
    "0915 351008",
    "+84915351008",
    "+84 915 351 008",
    "+84-915-351-008",
    "+84.915.351.008",
    "(+84) 915 351 008",
    "84915351008",
    "84 915 351 008",
    "0237 3852 351",  # a landline: one digit more
    "+84 237 3852 351",
]


@pytest.mark.parametrize("phone", PHONE_FORMS)
def test_every_spelling_of_a_phone_is_masked(phone: str) -> None:
    line = f'update {{"contact": {{"phone_number": "{phone}", "first_name": "An"}}}}'
    clean = redact(line)
    digits = "".join(ch for ch in phone if ch.isdigit())
    assert "".join(ch for ch in clean if ch.isdigit()) != digits
    assert "****" in clean and "An" in clean
    assert clean.count("****") == 1


@pytest.mark.parametrize(
    "line",
    [
        "2026-12-02 06:24:11,269 INFO bot.outbox: sent 300 of 300",
        "update_id 123456789 chat -1001234567890 message 4242",
        "deadline 2025-06-13T11:00:00+07:00, commune 14758, row 12",
        "retry after 35 s; 0.5 s spacing",
    ],
)
def test_what_is_not_a_phone_stays_readable(line: str) -> None:
    assert redact(line) == line


def test_a_traceback_with_a_spaced_phone_is_masked(caplog) -> None:
    logger = logging.getLogger("test.redact.exc")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.ERROR):
        try:
            raise ValueError("bad member +84 915 351 008 / 0912.345.678")
        except ValueError:
            logger.exception("while handling (+84) 977 719 888")
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    for clear in ("915 351 008", "0912.345.678", "977 719 888"):
        assert clear not in text
