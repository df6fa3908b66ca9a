"""The request gate's features: is this somebody asking for technical help? Pure.

A headline, a law, a notice or a comment names a system and a symptom as well; what it lacks
is somebody who cannot do something, asks, or is addressed, and what it has instead is third
parties, figures, legal words, scare quotes and capitals. Each cue below is one vocabulary
class (any of its words sets it), so the gate learns one weight per class, whatever the word:
that is what lets it carry to wordings it has never seen.
"""

from __future__ import annotations

import re

from bot import route_rules as rules
from bot.lexicon import ASKING_ACCENTS, PRONOUNS
from bot.normalize import fold_word, words
from bot.route_model import word_features

# Pronouns of somebody speaking for themselves or their commune, folded; compared accented
# (lexicon.PRONOUNS) when the user typed accents: "bọn" is one, "bốn" (read from "4") is not.
_FIRST_PERSON = frozenset({"em", "toi", "minh", "chung", "bon", "xa", "anh", "chi", "ban"})
FAILURE = frozenset(
    {"khong", "mat", "loi", "cham", "hong", "dut", "treo", "sai", "quen", "khoa", "chap", "giat"}
    | {"yeu", "rot", "ket", "het", "vang", "re", "tit", "lag", "chon"}
)
# A short span in quotes after a word that introduces a message or a key is quoted text ("báo
# 'Lỗi hệ thống'", "gõ 'kết quả'"); anywhere else short quotes are a writer's scare quotes,
# which headlines use and people asking for help do not ("bị 'tố'", "'đau đầu'").
_QUOTED = re.compile(r"[\"“”'‘’]([^\"“”'‘’]{1,30})[\"“”'‘’]")
# A program's message, quoted after the word that shows it ("báo", "hiện", "hiển thị").
_MESSAGE = re.compile(r"[\"“”'‘’]([^\"“”'‘’]{3,160})[\"“”'‘’]")
_SHOWS = frozenset({"bao", "hien", "thi", "loi", "ra", "popup"})
_INTRODUCES = frozenset(
    {"bao", "thong", "hien", "thi", "loi", "chu", "go", "nut", "muc", "chon", "nhan", "bam"}
    | {"ghi", "la", "thanh", "nhap", "tu", "dong", "tab", "menu"}
)


# The asking words that are other words with other accents ("cán bộ" is no "cần", "hội nghị"
# no "hỏi", "nhỏ" no "nhờ"): typed with accents, only lexicon.ASKING_ACCENTS' forms ask.
def _asking_words(toks: list[tuple[str, str]]) -> list[str]:
    return ["_" if a != f and ASKING_ACCENTS.get(f, a) != a else f for f, a in toks]


_THANKS_BUT = re.compile(r"\bcam on\b.*\b(nhung|ma)\b")
_APOLOGY = re.compile(r"\bxin loi\b(?! (cong dan|nguoi dan))")
# Cue classes for the request gate, on folded text. A headline names a system and a symptom
# too; what it lacks is somebody who cannot do something, asks, or is addressed.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("negated", r"\b(khong|chua|chang|cha)\b"),
        # "không vào được", "chưa gửi được", "không làm được gì": somebody cannot do something
        # and "không hiển thị", "chưa hoạt động", "không ổn định": something does not work
        (
            "cannot",
            r"\b(khong|chua|chang)\s+(\w+\s+){1,2}duoc\b|\bkhong the\b|"
            r"\b(khong|chua|chang|ko)\s+(\w+\s+)?(on|on dinh|hoat dong|chay|len|hien|hien thi|"
            r"nhan|mo|vao|cho|sua|xoa|in|ky|ket noi|dang nhap|truy cap|gui|tai|nghe|thay|"
            r"co song|phan hoi)\b",
        ),
        (
            "failure",
            r"\b(loi|bi|hong|treo|mat|cham|dut|khoa|quen|sai|het han|giat|lag|do|ket|"
            r"chap chon|tam tit|bao loi|khong hien|trang|den|van de|su co|truc trac)\b"
            # "mạng kém", "sóng yếu" (not "đính kèm", "kèm theo", "yêu cầu")
            r"|(?<!dinh )\bkem\b(?! theo)|\byeu\b(?! cau| thich)",
        ),
        ("ask", r"\b(xin|can|muon|de nghi|nho|cho hoi|hoi|tu van|lam on)\b"),
        # a bug report's title opens with the problem ("Lỗi thanh toán", "Không hiển thị …")
        ("opens", r"^(loi|khong|chua|bi|mat|hong|cham)\b"),
        # asking for hands-on help: somebody to look at, fix or sort something out
        (
            "help",
            r"\b(giup|(?<!to )ho tro|sua|khac phuc|xu ly|kiem tra|xem lai|cai lai|cai dat)\b",
        ),
        (
            "howto",
            r"^(cach|lam sao|lam the nao|huong dan)\b|\b(lam sao|lam the nao|cach nao|o dau|"
            r"duoc khong|phai lam gi|cach (khac phuc|xu ly|sua))\b",
        ),
        # why / what like: the questions of articles and legal Q&A as much as of users
        ("why", r"\b(tai sao|vi sao|sao|nhu the nao|the nao|la gi)\b"),
        ("addressed", r"\b(a|oi|voi|nhe|nha|dum|giup)$|^(anh|chi|em|ad|admin|ban)\b"),
        # legal vocabulary as whole words: the syllables alone ("thông", "quy") are everywhere
        (
            "legal",
            r"\b(luat|nghi dinh|quy dinh|dieu \d+|khoan \d+|xu phat|ban hanh|chi thi|"
            r"nghi quyet|phap luat|quyet dinh so|quy che|gia tri phap ly|hieu luc|thong tu so|"
            r"can cu vao|theo quy dinh)\b",
        ),
        # a citizen's own paperwork, not the staff's software
        (
            "civil",
            r"\b(khai sinh|ket hon|ly hon|ho chieu|can cuoc|so do|dat dai|thue|"
            r"tam tru|thuong tru|con minh|con toi|bao hiem|luong huu)\b",
        ),
        # people written about, not writing: a report on users, customers, the public (not
        # "công dân" and "doanh nghiệp": the one-stop software's own applicants)
        (
            "third",
            r"\b(nguoi dung|khach hang|nha mang|nguoi dan|phu huynh|hoc sinh|cac xa|"
            r"cac dia phuong|toan tinh|nguoi su dung|nhieu nguoi|cac co quan|cac don vi)\b",
        ),
        # figures and dates: headlines and announcements count things
        ("figures", r"\b\d+(\s*(%|trieu|nghin|ty|xa|don vi))\b|\bnam 20\d\d\b"),
        ("thanks", r"\b(cam on|tot qua|tuyet voi|hay qua|thich)\b"),
        # somebody working a program: its buttons, screens, accounts and files (bug reports and
        # help requests describe these; headlines and laws do not)
        (
            "interface",
            r"\b(nut|chuc nang|man hinh|hien thi|tai len|tai ve|dinh kem|dang nhap|mat khau|"
            r"tai khoan|bam|nhan vao|click|trinh duyet|phien ban|file|tep|form|phim|go chu|"
            r"thong bao loi|bao loi|o nhap)\b",
        ),
        # advice and rules addressed to everybody ("để tránh", "lưu ý"): notices, not requests
        # and the helpdesk's own answers ("anh/chị có thể … bằng cách …", "quý khách")
        (
            "advice",
            r"\b(de tranh|luu y|khong nen|can luu y|yeu cau cac|de nghi cac|bang cach|"
            r"ban co the|anh chi co the|quy khach|vui long)\b",
        ),
    )
)


# The marks of text that reports, rules or comments rather than asks: pooled into one count for
# the decision, so that each mark, however rare, gets the weight all of them earn together.
NOT_ASKING = frozenset(
    {"c:resolved", "c:third", "c:legal", "c:civil", "c:scare", "c:capitals", "c:advice"}
)
_CONVERSATIONAL = frozenset({"c:me", "c:ask", "c:addressed", "c:question", "c:howto", "c:why"})
_TROUBLE = frozenset({"c:failure", "c:cannot", "c:help", "c:symptom"})


def gate_features(
    toks: list[tuple[str, str]], free: list[str], lex: dict[str, float], text: str
) -> list[str]:
    """The words no topic phrase claimed (negated ones marked: "không ổn" is not "ổn"), their
    pairs, plus the cues that tell a request from a headline, a law or a comment. Each cue is
    one vocabulary class, so the gate learns one weight for the class whatever the word."""
    folded = [f for f, _ in toks]
    joined = " ".join(folded)
    present = set(folded)
    # "xin lỗi" is an apology, not a request ("xin") about an error ("lỗi").
    said = _APOLOGY.sub("xin_loi", joined)
    asked = _APOLOGY.sub("xin_loi", " ".join(_asking_words(toks)))
    cues = [
        f"c:{name}" for name, pattern in CUES if pattern.search(asked if name == "ask" else said)
    ]
    if "c:thanks" in cues and _THANKS_BUT.search(said):
        cues.remove("c:thanks")  # "cảm ơn …, nhưng vẫn …": the thanks is not the message
    if rules.resolved(said):
        cues.append("c:resolved")
    cues += text_cues(text)
    if first_person(toks):
        cues.append("c:me")
    if (
        FAILURE & (present - set(free))
        or rules.line_symptom(joined)
        or rules.machine_symptom(joined)
    ):
        cues.append("c:symptom")  # a topic phrase that describes a failure ("mất mạng")
    if not cues:
        cues.append("c:statement")
    best = max(lex.values(), default=0.0)
    level = "lex_strong" if best >= 3 else "lex_weak" if best > 0 else "lex_none"
    # Talking to somebody is a request when a system or a problem is named, and chat when
    # neither is (naive Bayes sees no interactions, so the conjunctions are cues of their own).
    talk = bool(_CONVERSATIONAL & set(cues))
    trouble = bool(_TROUBLE & set(cues))
    crossed = [f"{c}|{level}" for c in cues if c in _CONVERSATIONAL]
    if talk and trouble:
        crossed.append("c:talk|trouble")
    return word_features(_mark_negated(free)) + cues + crossed + [f"c:{level}"]


def _mark_negated(words: list[str]) -> list[str]:
    out, scope = [], 0
    for word in words:
        if word in rules.NEGATORS:
            out.append(word)
            scope = 2
        else:
            out.append(f"!{word}" if scope else word)
            scope = max(scope - 1, 0)
    return out


def first_person(toks: list[tuple[str, str]]) -> bool:
    """Somebody speaking for themselves ("em", "tôi", "xã em")."""
    return any((a in PRONOUNS) if a != f else (f in _FIRST_PERSON) for f, a in toks)


def text_cues(text: str) -> list[str]:
    """Cues read off the raw text: a question mark, scare quotes, a program's message quoted,
    a title in capitals."""
    out = ["c:question"] if "?" in text else []
    for match in _QUOTED.finditer(text):
        before = words(text[: match.start()])[-1:]
        inner = words(match.group(1))
        if 0 < len(inner) <= 3 and not (before and fold_word(before[0]) in _INTRODUCES):
            out.append("c:scare")
            break
    for match in _MESSAGE.finditer(text):
        before = words(text[: match.start()])[-1:]
        if before and fold_word(before[0]) in _SHOWS:
            out.append("c:quoted")  # a program's message quoted: somebody saw it fail
            break
    if len(text) >= 20:  # counted in C (map, filter): a per-character loop cost a tenth of route
        letters = sum(map(str.isalpha, text))
        if letters >= 20 and sum(map(str.isupper, filter(str.isalpha, text))) > 0.8 * letters:
            out.append("c:capitals")
    return out
