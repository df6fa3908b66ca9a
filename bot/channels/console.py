"""`commune-bot chat`: the same engine in a terminal, numbered options like Zalo."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TextIO

from bot import texts
from bot.chat import Incoming, Person, Reply
from bot.engine import Engine
from bot.texts.console import CONTACT_CARD, FILE_SAVED, FILE_SENT

PROMPT = "> "


def to_incoming(line: str, person: Person) -> Incoming:
    """A typed line → Incoming (a leading slash makes it a command)."""
    text = line.strip()
    if text.startswith("/") and len(text) > 1:
        command, _, rest = text[1:].partition(" ")
        return Incoming("console", person.user_id, person, "command", rest, command.lower())
    return Incoming("console", person.user_id, person, "text", text)


def save_attachment(reply: Reply, folder: Path) -> Path | None:
    """Files the bot sends (exports, the chart, the template) land in `folder`."""
    if reply.attachment is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(reply.attachment.filename).name or "tep"
    target = folder / name
    stem, suffix, n = target.stem, target.suffix, 1
    while target.exists():  # never overwrite an earlier file
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    target.write_bytes(reply.attachment.content)
    return target


def render(reply: Reply, saved: Path | None = None) -> str:
    """Plain text, then numbered options, then the contact card as a line."""
    out = texts.render_plain(reply.text)
    if reply.choices:
        out += "\n" + texts.numbered(reply.choices)
    if reply.contact:
        out += CONTACT_CARD.format(name=reply.contact.first_name, phone=reply.contact.phone)
    if reply.attachment and saved is not None:
        out += FILE_SAVED.format(path=saved)
    elif reply.attachment:
        out += FILE_SENT.format(name=reply.attachment.filename, size=len(reply.attachment.content))
    return out


async def chat(
    engine: Engine,
    person: Person,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    files: Path = Path("bot-files"),
) -> None:
    """Read lines until end of input, print each answer."""
    loop = asyncio.get_running_loop()
    interactive = stdin.isatty()
    while True:
        if interactive:
            out.write(PROMPT)
            out.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        if not line.strip():
            continue
        for reply in await engine.handle(to_incoming(line, person)):
            out.write(render(reply, save_attachment(reply, files)) + "\n\n")
            out.flush()
