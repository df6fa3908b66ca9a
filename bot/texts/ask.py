"""Vietnamese sentences of follow-ups, directory look-ups and campaign answers.

Kept apart from bot/texts.py so these flows change without touching the shared file.
"""

from __future__ import annotations

from functools import lru_cache

from bot.chat import Choice, Reply, Seg
from bot.directory import OPERATOR_NAMES, Contact, Directory
from bot.normalize import fold
from bot.texts.common import (
    ALL_OPERATORS_NOTE,
    CONTACTS_TITLE,
    OPERATOR_NOTE,
    OTHER_TOPIC,
    SAVE_CONTACT,
    SAVE_CONTACT_OF,
    TIPS_TITLE,
)
from bot.texts.render import b
from bot.texts.requests import CREATE_BUTTON
from bot.views import Action, ContactAnswer, FollowUpView

NAMED_OPERATOR_NOTE = "Đầu mối của nhà mạng anh/chị nhắc tới:"
HANDOFF_BUTTON = "🆘 Tạo yêu cầu hỗ trợ"
OTHER_TOPIC_BUTTON = "Chọn chủ đề khác"

FOLLOW_UP = {
    "still": "Anh/chị đã thử mà vẫn chưa được. Về {topic}, anh/chị liên hệ tiếp:",
    "other": "Về {topic}, ngoài đầu mối vừa gửi, anh/chị có thể liên hệ:",
    "no_answer": (
        "Đầu mối có thể đang bận hoặc đang họp. Về {topic}, anh/chị thử gọi lại sau ít phút "
        "hoặc liên hệ:"
    ),
    "person": "Về {topic}, anh/chị có thể nhờ cán bộ hỗ trợ trực tiếp hoặc gọi:",
    # "another number?" when the answer already gave every contact of the topic
    "only": "Về {topic}, tỉnh chỉ có các đầu mối vừa gửi. Anh/chị có thể liên hệ thêm:",
    "only_one": (
        "Về {topic}, tỉnh chỉ có một đầu mối. Nếu chưa liên lạc được, anh/chị thử gọi lại sau "
        "ít phút:"
    ),
}
TOPIC_CONTACTS = "Đầu mối {topic}"
GENERAL_FALLBACK = "Đầu mối hỗ trợ chung (mục 4.1)"
HANDOFF_HINT = (
    "Hoặc bấm “Tạo yêu cầu hỗ trợ” để cán bộ hỗ trợ của tỉnh nhận và trả lời anh/chị tại đây."
)

PHONE_FOUND = "Số {phone} là của đầu mối hỗ trợ:"
PHONE_UNKNOWN = (
    "Số {phone} không có trong danh bạ đầu mối hỗ trợ kỹ thuật của tỉnh. "
    "Anh/chị xem danh bạ đầy đủ bằng lệnh /contacts."
)
NAME_FOUND = "Đầu mối hỗ trợ tên {name}:"
CONTACT_LINE = "{name} — {title}, {organisation}"
CONTACT_TOPIC = "Phụ trách: {topic}"

CAMPAIGN_TEAM = (
    "Tổ hỗ trợ kỹ thuật cấp xã gồm tối thiểu {size} người:\n{roles}\n\n"
    "Hạn thành lập: {due}. Cán bộ cấp huyện/đầu mối đăng ký tổ bằng lệnh /register; "
    "xem tình hình bằng /status."
)
CAMPAIGN_ROLE = "• {seats} {label}"
CAMPAIGN_TASK = "{title}\nHạn: {due}{state}"
CAMPAIGN_CLOSED = " (đã đóng)"
CAMPAIGN_NONE = "Hiện chưa có việc nào đang mở trong đợt triển khai."


def answer_reply(view: ContactAnswer) -> Reply:
    """Topic name, contacts with title, organisation and phone, tips; the buttons."""
    notes = {"all": ALL_OPERATORS_NOTE, "served": OPERATOR_NOTE, "named": NAMED_OPERATOR_NOTE}
    parts: list[Seg] = [b(view.topic.name)]
    if view.topic.key == "network":
        parts.append(Seg(f"\n{notes[view.note]}"))
    for c in view.contacts:
        who = f" ({OPERATOR_NAMES[c.operator]})" if c.operator else ""
        role = title_with_organisation(c.title, c.organisation)
        parts += [Seg("\n\n📞 "), b(c.name), Seg(f"{who}\n{role}\n")]
        parts.append(b(c.phone_display))
    parts += [Seg("\n\n"), b(TIPS_TITLE)]
    parts += [Seg(f"\n• {tip}") for tip in view.tips]
    return Reply(text=tuple(parts), choices=action_choices(view.actions), contact=view.card)


def action_choices(actions: tuple[Action, ...]) -> tuple[Choice, ...]:
    """The buttons of answers, look-ups and follow-ups, labelled by kind."""
    labels = {
        "card": SAVE_CONTACT,
        "request": CREATE_BUTTON,
        "other_topic": OTHER_TOPIC,
        "handoff": HANDOFF_BUTTON,
        "menu": OTHER_TOPIC_BUTTON,
    }
    return tuple(
        Choice(labels.get(a.kind) or SAVE_CONTACT_OF.format(name=a.name), a.payload)
        for a in actions
    )


def contacts_reply(directory: Directory, menu: tuple[Choice, ...]) -> Reply:
    """/contacts: the whole directory in one message, with the menu for details."""
    parts: list[Seg] = [b(CONTACTS_TITLE)]
    for topic in directory.topics.values():
        parts += [Seg("\n\n"), b(f"{topic.seed}. {topic.name}")]
        for c in topic.contacts:
            parts += [Seg(f"\n• {c.name} — {c.organisation}: {c.phone_display}")]
    return Reply(text=tuple(parts), choices=menu)


@lru_cache(maxsize=512)  # the directory's titles: worked out once, not for every answer
def title_with_organisation(title: str, organisation: str) -> str:
    """ "Cán bộ, Trung tâm X tỉnh Y", not "Cán bộ Trung tâm X tỉnh, Trung tâm X tỉnh Y":
    the end of a title that repeats the start of the organisation is said once."""
    words, org = title.split(), fold(organisation).split()
    for cut in range(len(words)):
        tail = fold(" ".join(words[cut:])).split()
        if len(tail) >= 2 and org[: len(tail)] == tail:
            head = " ".join(words[:cut])
            return f"{head}, {organisation}" if head else organisation
    return f"{title}, {organisation}"


def found_reply(
    head: str, found: tuple[tuple[str, Contact], ...], actions: tuple[Action, ...]
) -> Reply:
    """A look-up by phone or name: the head line, then each contact with its topic's name."""
    parts: list[Seg] = [Seg(head)]
    for topic, c in found:
        who = f" ({OPERATOR_NAMES[c.operator]})" if c.operator else ""
        parts += [Seg("\n\n📞 "), b(c.name), Seg(f"{who}\n{c.title}, {c.organisation}\n")]
        parts += [b(c.phone_display), Seg("\n" + CONTACT_TOPIC.format(topic=topic))]
    return Reply(text=tuple(parts), choices=action_choices(actions))


def follow_up_reply(view: FollowUpView) -> Reply:
    """The next step on the topic: its (other) contacts, the general contact, a person."""
    parts: list[Seg] = [Seg(FOLLOW_UP[view.kind].format(topic=view.topic.name))]
    if view.contacts:
        parts += _block(TOPIC_CONTACTS.format(topic=view.topic.name), view.contacts)
    if view.general is not None:
        parts += _block(GENERAL_FALLBACK, view.general)
    if view.handoff:
        parts += [Seg("\n\n"), Seg(HANDOFF_HINT)]
    return Reply(text=tuple(parts), choices=action_choices(view.actions))


def _block(title: str, contacts: tuple[Contact, ...]) -> list[Seg]:
    parts: list[Seg] = [Seg("\n\n"), b(title)]
    for c in contacts:
        who = f" ({OPERATOR_NAMES[c.operator]})" if c.operator else ""
        parts += [Seg("\n📞 "), b(c.name), Seg(f"{who} — {c.organisation}: ")]
        parts.append(b(c.phone_display))
    return parts
