"""The dialogue contract, enforced once for every multi-step flow on every channel.

A dialogue (bot/dialogues/machine.py: register, member edits, broadcast, deadline, done, the
request opening and follow-ups) only says what to ask in a state, how to move on from an
answer and what the user has entered so far. The runner (bot/dialogues/runner.py), with the
pieces here, owns everything the user must be able to rely on:

* cancel is one fixed key: always the last button on Telegram, `0` on Zalo and the console
  (said in every prompt); when something was entered it asks before discarding it;
* `back` (a button, or typing "quay lại") undoes the last step;
* a rejected answer (the state did not change) re-asks the same question with the same
  options, so a number or a button never changes meaning after a mistake;
* the same state always shows the same options in the same order.
"""

from __future__ import annotations

from bot import texts
from bot.chat import Choice, Incoming, Reply, Seg
from bot.choices import BACK_VALUE, CANCEL_VALUE, RESUME_VALUE, is_back_word, is_cancel_word

__all__ = ["CANCEL_VALUE", "RESUME_VALUE", "dress", "is_back", "is_cancel", "merge"]

CANCEL = Choice(texts.CANCEL, CANCEL_VALUE)
BACK = Choice(texts.BACK, BACK_VALUE)
META = ("_history", "_confirm_cancel", "_flow")  # what a kept state holds besides its own
MAX_HISTORY = 30


def is_cancel(inc: Incoming) -> bool:
    """The fixed cancel key: the button, `0` (mapped by the engine), /cancel or "hủy"."""
    if inc.kind == "choice":
        return inc.payload == CANCEL_VALUE
    return inc.kind == "text" and is_cancel_word(inc.text)


def is_back(inc: Incoming) -> bool:
    if inc.kind == "choice":
        return inc.payload == BACK_VALUE
    return inc.kind == "text" and is_back_word(inc.text)


def dress(reply: Reply, back: bool) -> Reply:
    """The prompt's own options, then back (when `back`), then cancel: the same for every
    dialogue on every channel."""
    own = [c for c in reply.choices if c.value not in (CANCEL_VALUE, BACK_VALUE)]
    tail = [BACK] if back else []
    return Reply(
        text=reply.text,
        choices=(*own, *tail, CANCEL),
        columns=reply.columns,
        contact=reply.contact,
        attachment=reply.attachment,
    )


def merge(notes: list[Reply], prompt: Reply) -> Reply:
    """A rejection: the explanation, then the very same question and options."""
    parts: list[Seg] = []
    for note in notes:
        if note.text and texts.render_plain(note.text).strip():
            parts += [*note.text, Seg("\n\n")]
    return Reply(text=(*parts, *prompt.text), choices=prompt.choices, columns=prompt.columns)
