"""Questions that are not about a system: a contact by name or phone, the directory, the
campaign itself (team size, deadlines). Answered from data, before any routing."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from bot import texts
from bot.chat import Incoming, Reply
from bot.commands.cards import card_actions
from bot.deps import Deps
from bot.directory import Contact
from bot.lexicon import folded_text
from bot.normalize import strip_marks, words
from bot.phones import InvalidPhone, national, to_e164
from bot.roster import ROLES, TEAM_SIZE
from bot.storage import StorageFault
from bot.texts import ask as t
from bot.texts.ask import contacts_reply, found_reply
from bot.texts.report_document import moment

_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
# "a Tiến", "c Nguyệt": chat shorthand for anh/chị
_HONORIFICS = frozenset(
    {"anh", "chi", "ong", "ba", "co", "chu", "bac", "dong chi", "dc", "a", "c"}
)
_NAME_CUE = re.compile(
    r"\b(so|so dien thoai|dien thoai|lien he|goi|la ai|o dau|zalo|lien lac|ten|cua ai)\b"
)
_DIRECTORY = re.compile(
    r"\bdanh ba\b|\bdanh sach (cac )?(dau moi|so|lien he)\b|\btat ca (cac )?(so|dau moi)\b"
    r"|\bcac (so|dau moi) ho tro\b"
)
_TEAM_QUESTION = re.compile(
    r"\bto ho tro( ky thuat)?\b.*\b(may|bao nhieu|gom|thanh phan|nhung ai|co cau|"
    r"toi thieu|it nhat|so luong)\b|\b(thanh lap|lap|thanh phan|co cau) to ho tro\b"
)
_DEADLINE_CUE = re.compile(
    r"(?<!qua )(?<!het )(?<!gia )(?<!den )\b(han|thoi han|deadline|han chot)\b"
    r"|\b(bao gio|ngay nao|truoc ngay|cham nhat|khi nao|luc nao|may gio|ngay may)\b"
)
_TASKS = (
    ("lan_upgraded", re.compile(r"\bnang cap\b.*\b(mang|lan|duong truyen)\b|\bmang lan\b")),
    (
        "conference_pcs",
        re.compile(r"\b(hai|ba) may\b|\bmay tinh\b.*\b(hoi nghi|diem cau|hop)\b|\bdiem cau\b"),
    ),
    ("team_formed", re.compile(r"\bto ho tro\b|\bthanh lap to\b")),
)


class Lookups:
    """Answers from the directory and the campaign; None when the text is not such a question."""

    def __init__(self, services: Deps) -> None:
        self.s = services
        # The last message read: the engine asks `claims` before its database hop and
        # `answer` after it, about the same Incoming; the directory answer is read once.
        self._last: tuple[Incoming, str, list[Reply] | None] | None = None

    def claims(self, inc: Incoming) -> bool:
        """Whether `answer` takes this text (told before the database is asked anything)."""
        folded, local = self._read(inc)
        return bool(local) if local is not None else _campaign_asked(folded)

    async def answer(self, inc: Incoming) -> list[Reply] | None:
        """The reply to a look-up question, or None to let the router handle the text."""
        folded, local = self._read(inc)
        if local is not None:
            return list(local) or None  # a copy: the caller may add to it
        return await self._campaign(folded)

    def _read(self, inc: Incoming) -> tuple[str, list[Reply] | None]:
        last = self._last
        if last is not None and last[0] is inc:  # the same message object, not an equal one
            return last[1], last[2]
        folded = folded_text(inc.text)
        local = self._local(inc, folded)
        self._last = (inc, folded, local)
        return folded, local

    def _local(self, inc: Incoming, folded: str) -> list[Reply] | None:
        """Answers from the directory alone; [] when the text is not for the look-ups at all
        (the router's), None when only the campaign may still answer it."""
        text = inc.text
        if len(folded.split()) > 20:
            return []
        phone = _phone_in(text)
        if phone is not None and len(_PHONE.sub(" ", text).split()) <= 6:
            return [self._by_phone(inc, phone)]
        if _DIRECTORY.search(folded):
            return [] if _TEAM_QUESTION.search(folded) else [self._directory()]
        return self._by_name(inc, folded)

    # --- contacts -------------------------------------------------------------------------

    def _by_phone(self, inc: Incoming, phone: str) -> Reply:
        for key, contact in self.s.directory.all_contacts():
            if contact.phone == phone:
                head = t.PHONE_FOUND.format(phone=national(phone))
                return self._contacts(inc, head, [(key, contact)])
        return texts.plain(t.PHONE_UNKNOWN.format(phone=national(phone)))

    def _by_name(self, inc: Incoming, folded: str) -> list[Reply] | None:
        text = inc.text
        accented = words(text)
        plain = [strip_marks(w) for w in accented]
        found: list[tuple[str, Contact]] = []
        for key, contact in self.s.directory.all_contacts():
            if _names(contact, accented, plain):
                found.append((key, contact))
        if not found:
            return None
        short = len(plain) <= 5
        if not (short or _NAME_CUE.search(folded)):
            return None
        if len(found) > 1:  # namesakes: "a Tiến chữ ký số" is the one of the system named
            named = self.s.router.systems_named(text)
            found = [f for f in found if named.get(f[0], 0.0) >= 2] or found
        given = found[0][1].name.split()[-1]
        head = t.NAME_FOUND.format(name=given)
        return [self._contacts(inc, head, found)]

    def _directory(self) -> Reply:
        return contacts_reply(self.s.directory, ())

    def _contacts(self, inc: Incoming, head: str, found: list[tuple[str, Contact]]) -> Reply:
        named = tuple((self.s.directory.topic(key).name, c) for key, c in found)
        return found_reply(head, named, card_actions(inc.channel, self.s.directory, found))

    # --- the campaign ---------------------------------------------------------------------

    async def _campaign(self, folded: str) -> list[Reply] | None:
        if not _campaign_asked(folded):
            return None
        team = bool(_TEAM_QUESTION.search(folded))
        wanted = [key for key, pattern in _TASKS if pattern.search(folded)]
        try:
            tasks = {task.key: task for task in await self.s.store.tasks.all(include_closed=True)}
        except StorageFault:  # the deadlines cannot be read: let the router answer instead
            return None
        if team:  # "how many people", "who is on it": the roles and the team's deadline
            due = tasks.get("team_formed")
            roles = "\n".join(
                t.CAMPAIGN_ROLE.format(seats=f"{seats:02d}", label=label)
                for label, seats, _ in ROLES.values()
            )
            when = self._due(due.due) if due else "—"
            text = t.CAMPAIGN_TEAM.format(size=f"{TEAM_SIZE:02d}", roles=roles, due=when)
            return [texts.plain(text)]
        task = next((tasks[k] for k in wanted if k in tasks), None)
        if task is None:
            return [texts.plain(t.CAMPAIGN_NONE)]
        state = t.CAMPAIGN_CLOSED if task.closed else ""
        line = t.CAMPAIGN_TASK.format(title=task.title, due=self._due(task.due), state=state)
        return [texts.plain(line)]

    def _due(self, due: datetime) -> str:
        return moment(due.astimezone(self.s.settings.tz))


def _campaign_asked(folded: str) -> bool:
    """A question about the team or a task's deadline (answered from the campaign's data)."""
    if _TEAM_QUESTION.search(folded):
        return True
    return any(p.search(folded) for _, p in _TASKS) and bool(_DEADLINE_CUE.search(folded))


def _phone_in(text: str) -> str | None:
    for match in _PHONE.finditer(text):
        try:
            return to_e164(match.group(0))
        except InvalidPhone:
            continue
    return None


def _names(contact: Contact, accented: list[str], plain: list[str]) -> bool:
    """The contact's full name, or an honorific followed by the given name (accents, when
    typed, must agree: "Hùng" is not "Hưng")."""
    name, bare = _name_words(contact.name)
    size = len(name)
    if size and bare[-1] not in plain:  # both ways below need the given name in the text
        return False
    for i in range(len(accented) - size + 1):
        if plain[i : i + size] == bare:
            return True
    given, bare_given = name[-1], bare[-1]
    for i, word in enumerate(plain[1:], 1):
        if word != bare_given or plain[i - 1] not in _HONORIFICS:
            continue
        if accented[i] == word or accented[i] == given:
            return True
    return False


@lru_cache(maxsize=1024)
def _name_words(name: str) -> tuple[list[str], list[str]]:
    """A contact's name as lower-case words and the same without marks: the directory does
    not change while the bot runs, so every message reuses them (read-only)."""
    accented = [w.lower() for w in words(name)]
    return accented, [strip_marks(w) for w in accented]
