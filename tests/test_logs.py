"""Tokens and phones never reach the log in clear."""

import logging

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
