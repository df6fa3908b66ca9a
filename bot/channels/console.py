"""`commune-bot chat`: the same engine in a terminal, numbered options like Zalo."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot import texts
from bot.engine import Engine
from bot.messages import Incoming, Person, Reply

PROMPT = "> "


def to_incoming(line: str, person: Person) -> Incoming:
    """A typed line → Incoming (a leading slash makes it a command)."""
    text = line.strip()
    if text.startswith("/") and len(text) > 1:
        command, _, rest = text[1:].partition(" ")
        return Incoming("console", person.user_id, person, "command", rest, command.lower())
    return Incoming("console", person.user_id, person, "text", text)


def render(reply: Reply) -> str:
    """Plain text, then numbered options, then the contact card as a line."""
    out = texts.render_plain(reply.text)
    if reply.choices:
        out += "\n" + texts.numbered(reply.choices)
    if reply.contact:
        out += f"\n[danh thiếp: {reply.contact.first_name} {reply.contact.phone}]"
    if reply.attachment:
        out += f"\n[tệp: {reply.attachment.filename}, {len(reply.attachment.content)} byte]"
    return out


async def chat(
    engine: Engine, person: Person, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
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
            out.write(render(reply) + "\n\n")
            out.flush()
