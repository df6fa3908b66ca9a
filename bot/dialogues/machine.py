"""Dialogues as explicit state machines: the generic, pure part.

A dialogue is a `Step` enum, a frozen state dataclass and one pure function per step:

    step(state, answer, view) -> Outcome(state | None, replies, effects)

`view` is the read-only data the step needs, loaded by the dialogue's `view` (its only store
reads); `effects` are the changes to make (bot/dialogues/effects.py), applied by the runner
with the conversation's new state in one transaction. So every step is a table test: no
database, no clock, no await.

The contract around every dialogue (cancel, back, re-asking after a rejected answer) lives in
bot/dialogues/runner.py and bot/dialogues/contract.py, not in the dialogues.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from bot.chat import FileRef, Incoming, Kind, Person, Reply
from bot.choices import dialogue_choice, option

if TYPE_CHECKING:
    from bot.dialogues.effects import Conflict, Effect


class StepState(Protocol):
    """Every dialogue state says which step it is at."""

    @property
    def step(self) -> StrEnum: ...


S = TypeVar("S", bound=StepState)
V = TypeVar("V")
# Button data and typed option numbers are read in one place (bot/choices.py): a dialogue's
# own options are "f:<value>"; `choice_arg("field:phone", "field")` → "phone".
choice_arg = option


@dataclass(frozen=True)
class Answer:
    """One message inside a dialogue, parsed once.

    `choice` is the dialogue button chosen (by pressing it, or by typing its number on Zalo
    and the console), without the "f:" prefix; None for typed text. `text` is stripped.
    """

    kind: Kind
    text: str
    user: Person
    choice: str | None = None
    file: FileRef | None = None
    chat_id: str = ""  # the chat it came from (where a broadcast's report goes)
    message_id: str = ""  # the channel's id of it (a relayed message is recorded once)

    @classmethod
    def of(cls, inc: Incoming) -> Answer:
        choice = dialogue_choice(inc.payload) if inc.kind == "choice" else None
        return cls(
            kind=inc.kind,
            text=inc.text.strip(),
            user=inc.user,
            choice=choice,
            file=inc.file,
            chat_id=inc.chat_id,
            message_id=inc.message_id or "",
        )

    @property
    def typed(self) -> bool:
        """Typed text (not a button, a file or a command)."""
        return self.kind == "text"


@dataclass(frozen=True)
class Handover:
    """End this dialogue and continue in another one (member menu → replace via /register).

    `state` is the other dialogue's typed state (its first step)."""

    flow: str
    state: Any


@dataclass(frozen=True)
class Outcome(Generic[S]):
    """What one step decided: the next state (None: the dialogue ends), what to say, what
    to change. While the dialogue goes on, the runner asks the question of the next state
    after `replies` (notes); a state equal to the current one is a rejected answer: the notes
    and then the very same question, options and numbers."""

    state: S | None
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    handover: Handover | None = None


def go(state: S, *replies: Reply, effects: list[Effect] | None = None) -> Outcome[S]:
    """Move on to `state` (its question is asked after any `replies`)."""
    return Outcome(state, list(replies), effects or [])


def stay(state: S, *notes: Reply) -> Outcome[S]:
    """A rejected answer: the same state, so the same question and options follow `notes`."""
    return Outcome(state, list(notes))


def end(*replies: Reply, effects: list[Effect] | None = None) -> Outcome[Any]:
    """The dialogue is over (after applying `effects`)."""
    return Outcome(None, list(replies), effects or [])


StepFn = Callable[[S, Answer, V], Outcome[S]]


class Dialogue(Protocol[S, V]):
    """What a multi-step dialogue provides; the runner does the rest.

    `steps` maps each value of the dialogue's `Step` enum to its pure function. `view` is the
    only place that reads the store (for the state about to be stepped or prompted; `answer`
    is None when only prompting). `to_json`/`from_json` keep the state in the conversations
    table; `from_json` raises (KeyError, ValueError, TypeError) on a row it cannot read, which
    the runner ends politely.
    """

    name: str

    @property
    def steps(self) -> Mapping[Any, Callable[[S, Answer, V], Outcome[S]]]: ...

    async def view(self, state: S, answer: Answer | None) -> V: ...

    def prompt(self, state: S, view: V) -> Reply: ...

    def entered(self, state: S) -> str: ...

    def to_json(self, state: S) -> dict[str, Any]: ...

    def from_json(self, data: dict[str, Any]) -> S: ...

    def on_conflict(self, state: S, conflict: Conflict) -> Outcome[S]: ...

    async def settled(self, effects: list[Effect], results: list[Any]) -> list[Reply]: ...

    def moved(self, data: dict[str, Any]) -> str | None: ...


class Machine(Generic[S, V]):
    """Defaults for the optional parts of `Dialogue`; a dialogue class may derive from it."""

    def on_conflict(self, state: S, conflict: Conflict) -> Outcome[S]:
        """An effect was refused by the data (e.g. someone took that phone meanwhile); a
        dialogue whose effects can be refused says what to answer. Unhandled: an error."""
        raise conflict

    async def settled(self, effects: list[Effect], results: list[Any]) -> list[Reply]:
        """Replies that need what applying the effects produced (new ids …); none by default."""
        return []

    def moved(self, data: dict[str, Any]) -> str | None:
        """The dialogue that now keeps a row an earlier version saved under this one's name
        (a state split off into a dialogue of its own); None: this one reads it."""
        return None
