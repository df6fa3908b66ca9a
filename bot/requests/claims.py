"""Linking a provincial contact's own account: a single-use code from a coordinator.

`/staff` (coordinators) lists the contacts of data/contacts.yaml; picking one gives a link
t.me/<bot>?start=<code> (Telegram) and the code to type to the Zalo bot. The contact who
uses it then gets their topic's requests directly and may answer them.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot import texts
from bot.access import Access
from bot.chat import Choice, Incoming, Reply
from bot.codes import ALPHABET, BODY, code_hash, new_code
from bot.deps import Deps
from bot.texts import requests as w

# The kind letter of a contact claim, beside bot.codes' R and M; S is not in the alphabet,
# so the code cannot be read as another kind (or an ordinary word).
STAFF_PREFIX = "S"
CLAIM_DAYS = 7
CODE = re.compile(rf"^{STAFF_PREFIX}[{ALPHABET}]{{{BODY}}}$", re.IGNORECASE)


def is_staff_code(text: str) -> bool:
    """True for a typed contact claim code."""
    return bool(CODE.match(text.strip()))


class Claims:
    """Create and redeem contact claim codes."""

    def __init__(self, services: Deps, access: Access) -> None:
        self.s, self.access = services, access

    async def menu(self, inc: Incoming) -> list[Reply]:
        """/staff: the contacts to link (coordinators only: bot/permissions.py)."""
        contacts = self.s.directory.all_contacts()
        directory = self.s.directory
        choices = [
            Choice(texts.button_label(f"{c.name} ({directory.topic(k).label})"), f"rq:link:{n}")
            for n, (k, c) in enumerate(contacts)
        ]
        return [texts.plain(w.STAFF_USAGE, choices)]

    async def create(self, inc: Incoming, index: str) -> list[Reply]:
        """A picked contact (`rq:link:<n>`): a fresh single-use code (stored hashed)."""
        contacts = self.s.directory.all_contacts()
        if not index.isdigit() or int(index) >= len(contacts):
            return [texts.plain(texts.STALE_BUTTON)]
        key, contact = contacts[int(index)]
        code = new_code(STAFF_PREFIX)
        now = self.s.clock()
        await self.s.store.staff.create_claim(
            code_hash(code), contact.phone, inc.user.key, now, now + timedelta(days=CLAIM_DAYS)
        )
        await self.s.store.audit.record(
            inc.user.key, "staff_claim", {"contact": contact.name}, now
        )
        bot = self.s.bot_names.get("telegram", "")
        link = f"https://t.me/{bot}?start={code}" if bot else code
        topic = self.s.directory.topic(key).name
        return [
            texts.plain(w.STAFF_LINK.format(name=contact.name, link=link, code=code, topic=topic))
        ]

    async def redeem(self, inc: Incoming, code: str) -> list[Reply]:
        """The contact used the link or typed the code."""
        phone = await self.s.store.staff.use_claim(
            code_hash(code.strip()), inc.channel, inc.user.user_id, inc.chat_id, self.s.clock()
        )
        if phone is None:
            return [texts.plain(texts.BAD_CODE)]
        mine = [(k, c) for k, c in self.s.directory.all_contacts() if c.phone == phone]
        topics = ", ".join(self.s.directory.topic(k).name for k, _ in mine)
        name = mine[0][1].name if mine else inc.user.name
        return [texts.plain(w.STAFF_WELCOME.format(name=name, topics=topics))]
