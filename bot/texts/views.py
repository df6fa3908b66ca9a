"""The one-shot commands' views (bot/views.py) in words: each renderer returns `Reply`s."""

from __future__ import annotations

from bot.chat import Attachment, Choice, Reply, Seg
from bot.roster import describe_missing, short_label
from bot.texts.common import STATS_EMPTY, STATS_TITLE, UNROUTED
from bot.texts.coordination import (
    LINK_SETTINGS,
    LINK_TITLE,
    REVIEW_ASK,
    REVIEW_CHOSEN,
    REVIEW_HEAD,
    REVIEW_NOT_SUPPORT,
    REVIEW_ROUTED,
    REVIEW_SKIP,
    REVIEW_UNSURE,
    ROLE_NAMES,
    WEB_LINK,
)
from bot.texts.progress import task_count_lines, task_state_lines
from bot.texts.render import b, button_label, code, i, plain
from bot.texts.teams import (
    CLAIM_FOR,
    CLAIM_PHONE,
    CLAIM_TELEGRAM,
    CLAIM_TYPE,
    FILL_SEATS,
    GET_LINKS,
    IMPORT_REPORT,
    IMPORT_ROW_ERROR,
    IMPORT_ROW_WARNING,
    INVITE_CREATED,
    LINKED,
    LINKS_TITLE,
    MEMBER_BUTTON,
    NO_TEAM_ROLE,
    NOT_LINKED,
    NOW_COMPLETE,
    PAGE_NEXT,
    PAGE_PREVIOUS,
    PROVINCE_SCOPE,
    STATUS_COMPLETE,
    STATUS_COUNTED_ONCE,
    STATUS_DISTRICT,
    STATUS_EMPTY,
    STATUS_LACKS,
    STATUS_LINE,
    STATUS_PAGE,
    STATUS_PROVINCE,
    STATUS_REGISTRAR,
    STILL_MISSING,
    TEAM_EMPTY,
    TEAM_TITLE,
    WELCOME_MEMBER,
    WELCOME_MEMBER_DONE,
)
from bot.views import (
    Action,
    AreaCounts,
    ClaimLinksView,
    ImportReport,
    InviteView,
    LinkView,
    ListingView,
    ProvinceView,
    ReviewCard,
    SeatWelcome,
    StatsView,
    TeamView,
)

STATS_PERIODS = " (7 ngày / 30 ngày)"
STATS_TOTAL = "Tổng: {week} / {month}"


def stats_replies(view: StatsView) -> list[Reply]:
    """/stats: questions per topic, 7 days / 30 days, and the totals."""
    if not view.rows:
        return [plain(STATS_EMPTY)]
    parts: list[Seg] = [b(f"{STATS_TITLE}{STATS_PERIODS}")]
    for row in view.rows:
        parts.append(
            Seg(f"\n• {UNROUTED if row.label is None else row.label}: {row.week} / {row.month}")
        )
    total = STATS_TOTAL.format(week=view.week_total, month=view.month_total)
    return [Reply(text=(*parts, Seg("\n"), b(total)))]


ACTION_LABELS = {
    "member": MEMBER_BUTTON,
    "fill": FILL_SEATS,
    "links": GET_LINKS,
    "previous": PAGE_PREVIOUS,
    "next": PAGE_NEXT,
}


def choices(actions: tuple[Action, ...]) -> tuple[Choice, ...]:
    """The view's buttons, labelled (at most 60 characters: a name can be long)."""
    return tuple(
        Choice(button_label(ACTION_LABELS[a.kind].format(name=a.name)), a.payload) for a in actions
    )


def team_reply(view: TeamView) -> Reply:
    """/team: the members (phones only when the view holds them), what is missing, the tasks."""
    if not view.members:
        empty = (
            Seg(TEAM_EMPTY.format(commune=view.name)),
            *task_state_lines(view.tasks, view.now),
        )
        return Reply(text=empty, choices=choices(view.actions))
    parts: list[Seg] = [b(TEAM_TITLE.format(commune=view.name))]
    for m in view.members:
        phone = f" — {m.phone}" if m.phone else ""
        extra = f", {m.operator}" if m.operator else ""
        state = LINKED if m.reachable else NOT_LINKED
        parts.append(Seg(f"\n• {short_label(m.role)}: {m.name}{phone}{extra} ({state})"))
    tail = (
        STILL_MISSING.format(missing=describe_missing(view.missing))
        if view.missing
        else NOW_COMPLETE.format(commune=view.name)
    )
    parts.append(Seg(f"\n\n{tail}"))
    parts += task_state_lines(view.tasks, view.now)
    return Reply(text=tuple(parts), choices=choices(view.actions), columns=2)


def listing_reply(view: ListingView) -> Reply:
    """/status for a registrar or a former district: each commune's state, then the tasks."""
    if view.scope == "district":
        title = STATUS_DISTRICT.format(name=view.name, n=len(view.communes))
    else:
        title = STATUS_REGISTRAR.format(n=len(view.communes))
    parts: list[Seg] = [b(title)]
    for row in view.communes:
        if row.complete:
            state = STATUS_COMPLETE
        elif row.members:
            state = STATUS_LACKS.format(missing=describe_missing(row.missing))
        else:
            state = STATUS_EMPTY
        parts.append(Seg(f"\n• {row.name}: {state}"))
    parts += task_count_lines(view.tasks, view.now)
    return Reply(text=tuple(parts))


def province_reply(view: ProvinceView) -> Reply:
    """/status for coordinators: the province, a page of former districts, the tasks, and
    the chart (a district's communes are counted once)."""
    parts: list[Seg] = [b(STATUS_PROVINCE.format(total=view.total))]
    parts.append(Seg("\n" + _area(view.province, PROVINCE_SCOPE.capitalize())))
    parts += [Seg("\n• " + _area(area, area.name)) for area in view.districts]
    parts.append(Seg("\n" + STATUS_COUNTED_ONCE))
    parts += task_count_lines(view.tasks, view.now)
    if view.pages > 1:
        parts.append(Seg("\n" + STATUS_PAGE.format(page=view.page, pages=view.pages)))
    chart = Attachment("tien-do.png", view.chart, photo=True)
    return Reply(text=tuple(parts), choices=choices(view.actions), columns=2, attachment=chart)


def chart_title(page: int, pages: int) -> str:
    """The chart's subtitle: the page when there is more than one."""
    return STATUS_PAGE.format(page=page, pages=pages) if pages > 1 else ""


def _area(area: AreaCounts, name: str) -> str:
    return STATUS_LINE.format(
        name=name, complete=area.complete, incomplete=area.incomplete, empty=area.empty
    )


def link_replies(view: LinkView) -> list[Reply]:
    """/link: one line per code; none → why."""
    lines: list[Seg] = [Seg(LINK_TITLE)]
    for seat in view.seats:
        lines += [Seg(f"\n• {short_label(seat.role)}, {seat.place}: "), b(seat.code)]
    if view.grant:
        lines += [Seg(f"\n• {ROLE_NAMES[view.grant.role]}: "), b(view.grant.code)]
    if len(lines) == 1:
        return [plain(LINK_SETTINGS if view.coordinator else NO_TEAM_ROLE)]
    return [Reply(text=tuple(lines))]


def claim_replies(view: ClaimLinksView) -> list[Reply]:
    """A short intro, then each member's code in a message of their own (to forward alone)."""
    replies: list[Reply] = []
    for member in view.members:
        parts: list[Seg] = [Seg(CLAIM_FOR.format(name=member.name))]
        if view.bot:
            link = f"https://t.me/{view.bot}?start={member.code}"
            parts += [Seg("\n" + CLAIM_TELEGRAM), Seg(link)]
        parts += [Seg("\n" + CLAIM_TYPE), code(member.code), Seg("\n" + CLAIM_PHONE)]
        replies.append(Reply(text=tuple(parts)))
    return [plain(LINKS_TITLE), *replies] if replies else []


def invite_reply(view: InviteView) -> Reply:
    """/invite: the scope, the link (or the code alone), and the code to copy."""
    link = f"https://t.me/{view.bot}?start={view.code}" if view.bot else view.code
    head = INVITE_CREATED.format(scope=", ".join(view.places), link=link)
    return Reply(text=(Seg(head), code(view.code)))


def welcome_reply(view: SeatWelcome) -> Reply:
    """A member's welcome on claiming a seat (IT officers also hear how to report a task)."""
    done = WELCOME_MEMBER_DONE if view.role == "it_officer" else ""
    role = short_label(view.role)
    return plain(WELCOME_MEMBER.format(name=view.name, role=role, commune=view.commune, done=done))


def import_report_reply(view: ImportReport) -> Reply:
    """The import's outcome: counts, then one line per refused row and per warning."""
    lines = [IMPORT_REPORT.format(name=view.name, ok=view.ok, bad=view.bad)]
    lines += [IMPORT_ROW_ERROR.format(row=r.row, error=r.error) for r in view.errors]
    lines += [IMPORT_ROW_WARNING.format(row=r.row, warning=r.warning) for r in view.warnings]
    return plain("\n".join(lines))


def review_reply(view: ReviewCard) -> Reply:
    """The question, when and where it was asked, what the bot and the asker chose, and one
    button per topic, then "not a support question" and "skip"."""
    routed = REVIEW_ROUTED.format(topic=view.routed) if view.routed else REVIEW_UNSURE
    parts = [
        b(REVIEW_HEAD.format(count=view.waiting)),
        Seg(f"\n#{view.id} · {view.at.strftime('%H:%M %d/%m/%Y')} · {view.channel}\n\n"),
        i(f"“{view.text}”"),
        Seg(f"\n\n{routed}"),
    ]
    if view.chosen:
        parts.append(Seg("\n" + REVIEW_CHOSEN.format(topic=view.chosen)))
    parts.append(Seg(f"\n\n{REVIEW_ASK}"))
    choices = [Choice(label, payload) for label, payload in view.labels]
    choices += [Choice(REVIEW_NOT_SUPPORT, view.not_support), Choice(REVIEW_SKIP, view.skip)]
    return Reply(text=tuple(parts), choices=tuple(choices), columns=2)


def web_link_reply(url: str, lead: str = "") -> Reply:
    """/web: the single-use sign-in link, after what the page is for (`lead`) when given."""
    return plain((lead + "\n\n" if lead else "") + WEB_LINK.format(url=url))
