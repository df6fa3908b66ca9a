"""What the one-shot commands found, as data: `bot.texts` renders each view into `Reply`s.

A leaf module (it imports only the chat model and the directory's records), so the commands that
build views and the texts that render them both import it without a circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.chat import ContactCard
from bot.directory import Contact, Topic


@dataclass(frozen=True)
class HelpView:
    """/help: the person's role key and their commands (name, menu label) in menu order."""

    role: str  # coordinator | registrar | member | member_it | user
    commands: tuple[tuple[str, str], ...]
    bot: str  # the bot's username, for the group hint


@dataclass(frozen=True)
class TopicStats:
    """Questions about one topic (None: not routed) over the last 7 and 30 days."""

    label: str | None
    week: int
    month: int


@dataclass(frozen=True)
class StatsView:
    """/stats: one row per topic; no rows when nothing was asked in 30 days."""

    rows: tuple[TopicStats, ...]
    week_total: int = 0
    month_total: int = 0


@dataclass(frozen=True)
class Action:
    """A button the view offers: `kind` says which label texts gives it, `payload` is the
    command's own button data, `name` fills the label (a member's name)."""

    kind: str
    payload: str
    name: str = ""


@dataclass(frozen=True)
class TaskState:
    """One task of one commune: done or not, and its deadline (in the bot's time zone)."""

    title: str
    done: bool
    due: datetime


@dataclass(frozen=True)
class TaskCount:
    """One task over a set of communes: how many have done it, of how many."""

    title: str
    done: int
    total: int
    due: datetime  # in the bot's time zone


@dataclass(frozen=True)
class MemberLine:
    """One member as /team shows them; `phone` is "" for those who may not see it."""

    id: int
    role: str  # roster role key
    name: str
    phone: str
    operator: str  # the operator's name, for telecom staff
    reachable: bool


@dataclass(frozen=True)
class TeamView:
    """/team: one commune's team, what it lacks, its tasks, and what the viewer may do."""

    code: str
    name: str
    members: tuple[MemberLine, ...]
    missing: dict[str, int]  # role key → seats still to fill
    tasks: tuple[TaskState, ...]
    now: datetime
    actions: tuple[Action, ...]  # member (one per member), fill, links; none for viewers


@dataclass(frozen=True)
class CommuneLine:
    """One commune in a /status listing."""

    name: str
    complete: bool
    members: int
    missing: dict[str, int]


@dataclass(frozen=True)
class ListingView:
    """/status for a registrar or a former district: its communes, then the tasks."""

    scope: str  # "registrar" | "district"
    name: str  # the former district's name ("" for a registrar)
    communes: tuple[CommuneLine, ...]
    tasks: tuple[TaskCount, ...]
    now: datetime


@dataclass(frozen=True)
class AreaCounts:
    """Communes of an area by team state."""

    name: str
    complete: int
    incomplete: int
    empty: int


@dataclass(frozen=True)
class ProvinceView:
    """/status for coordinators: the province, a page of former districts, the tasks, and the
    chart."""

    total: int
    province: AreaCounts
    districts: tuple[AreaCounts, ...]
    tasks: tuple[TaskCount, ...]
    now: datetime
    page: int
    pages: int
    actions: tuple[Action, ...]  # previous, next
    chart: bytes


@dataclass(frozen=True)
class SeatCode:
    """A code to claim one seat (or a granted role) on the other channel."""

    role: str  # roster role key, or the granted role (registrar | coordinator)
    place: str  # the commune's name; "" for a granted role
    code: str


@dataclass(frozen=True)
class LinkView:
    """/link: the person's codes; none → why (coordinators are told where their role is set)."""

    seats: tuple[SeatCode, ...]
    grant: SeatCode | None
    coordinator: bool


@dataclass(frozen=True)
class ClaimCode:
    """A member's single-use claim code."""

    name: str
    code: str


@dataclass(frozen=True)
class ClaimLinksView:
    """Claim codes, one message each; `bot` is the Telegram bot's username when known."""

    members: tuple[ClaimCode, ...]
    bot: str | None


@dataclass(frozen=True)
class ContactAnswer:
    """The answer on one topic: its contacts, which operator note heads a network answer,
    first tips, the contact card when sent every time, and the buttons (kinds: card, card_of,
    request, other_topic)."""

    topic: Topic
    contacts: tuple[Contact, ...]
    note: str  # all (every operator) | served (the commune's operator) | named (in the text)
    tips: tuple[str, ...]
    card: ContactCard | None
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class InviteView:
    """/invite: a registrar invite for these places (names), to send as a link or a code."""

    places: tuple[str, ...]
    code: str
    bot: str  # the Telegram bot's username; "" when unknown (the code is sent alone)


@dataclass(frozen=True)
class SeatWelcome:
    """A member who has just claimed their seat."""

    name: str
    role: str  # roster role key
    commune: str  # the commune's name


@dataclass(frozen=True)
class RowVerdict:
    """One imported row that was refused (`error`) or saved with a `warning`."""

    row: int
    error: str | None
    warning: str | None


@dataclass(frozen=True)
class ImportReport:
    """A team sheet sent in chat: rows saved and refused, the first errors and warnings."""

    name: str
    ok: int
    bad: int
    errors: tuple[RowVerdict, ...]
    warnings: tuple[RowVerdict, ...]


@dataclass(frozen=True)
class ReviewCard:
    """/review: one question waiting for a label. Topics are their labels ("" when the bot
    was unsure); `labels` are (topic label, payload) buttons, then not-support and skip."""

    waiting: int
    id: int
    at: datetime  # in the bot's time zone
    channel: str
    text: str  # already cut to what the review shows
    routed: str
    chosen: str
    labels: tuple[tuple[str, str], ...]
    not_support: str  # the payloads of the two fixed buttons
    skip: str


@dataclass(frozen=True)
class FollowUpView:
    """The next step after an answer on `topic`: the topic's (other) contacts, the general
    contacts, the hand-off hint, the buttons (kinds:
    handoff, card_of, other_topic)."""

    kind: str  # the follow-up's kind (texts.ask.FOLLOW_UP's keys)
    topic: Topic
    contacts: tuple[Contact, ...]
    general: tuple[Contact, ...] | None  # None on the general topic itself
    handoff: bool
    actions: tuple[Action, ...]
