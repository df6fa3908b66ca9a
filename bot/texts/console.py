"""What the terminal says: start-up problems (for whoever runs the bot; English follows the
Vietnamese for the steps) and how the console shows what a chat app would draw."""

from __future__ import annotations

NO_TOKEN = """Chưa có token nào: bot không biết kết nối tới đâu.
(No channel is configured.)

Telegram: open @BotFather in Telegram, send /newbot, follow the steps, then
    export BOT_TELEGRAM_TOKEN=123456789:AA...   (or put it in a .env file)
Zalo: create a bot in the Zalo Bot Creator mini-app, then
    export BOT_ZALO_TOKEN=...
and run `commune-bot run` again.

To try the bot right now without any token:  commune-bot chat
"""
CANNOT_START = (
    "Không khởi động được kênh {channel}: {error}\n"
    "Check the token and that the API address (BOT_*_API_URL) is reachable.\n"
)
CONTACT_CARD = "\n[danh thiếp: {name} {phone}]"
FILE_SAVED = "\n[tệp đã lưu: {path}]"
FILE_SENT = "\n[tệp: {name}, {size} byte]"
