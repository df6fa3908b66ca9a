"""What the step table tests share: answers from one person, the replies as plain text, the
check of one table row, and the read-back checks of saved dialogue rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest

from bot import texts
from bot.chat import Person, Reply
from bot.dialogues.machine import Answer

T = TypeVar("T")


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


def check_step(
    steps: Mapping[Any, Callable[..., Any]],
    state: Any,
    answer: Answer,
    seen: object,
    after: object,
    says: str,
    effects: list,
) -> None:
    """One row of a step table: the step of `state` answers `answer` given the view `seen`."""
    outcome = steps[state.step](state, answer, seen)
    assert outcome.state == after
    assert says in "\n".join(texts.render_plain(r.text) for r in outcome.replies)
    assert outcome.effects == effects


def bare(flow_class: type[T]) -> T:
    """A flow object without services: enough for to_json/from_json, which need none."""
    return flow_class.__new__(flow_class)


def reads_back(flow: Any, row: dict) -> None:
    """A row saved by a previous version is read and written back unchanged."""
    assert flow.to_json(flow.from_json(row)) == row


def refuses(flow: Any, row: dict) -> None:
    """A row no version could have written is refused, not half-read."""
    with pytest.raises((KeyError, ValueError)):
        flow.from_json(row)
