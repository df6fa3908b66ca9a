"""What the step table tests share: answers from one person, and the replies as plain text.

(Main's commit 55e0f06 made the step tests import this module but did not add it; this is
rebuilt from its uses: Speaker(who, chat).pressed/typed/raw and said.)
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import texts
from bot.chat import Person, Reply
from bot.dialogues.machine import Answer


@dataclass(frozen=True)
class Speaker:
    """One person answering a dialogue, in the chat `chat` ("" when the step does not care)."""

    who: Person
    chat: str = ""

    def pressed(self, value: str) -> Answer:
        """A dialogue option (without its "f:" prefix)."""
        return Answer("choice", "", self.who, choice=value, chat_id=self.chat)

    def typed(self, text: str) -> Answer:
        """Typed text, stripped as Answer.of strips it."""
        return Answer("text", text.strip(), self.who, chat_id=self.chat)

    def raw(self, text: str) -> Answer:
        """Typed text exactly as given (for steps that trim it themselves)."""
        return Answer("text", text, self.who, chat_id=self.chat)


def said(replies: list[Reply]) -> str:
    return " ".join(texts.render_plain(r.text) for r in replies)
