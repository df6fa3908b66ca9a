"""Chat vocabulary that is not about any topic: shorthand, numerals and neutral compounds. Pure."""

from __future__ import annotations

# Chat shorthand seen from commune staff (folded form → folded expansion).
SHORTHAND: dict[str, str] = {
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "khg": "khong",
    "kg": "khong",
    "hk": "khong",
    "hok": "khong",
    "dc": "duoc",
    "dk": "duoc",
    "đc": "duoc",
    "r": "roi",
    "j": "gi",
    "v": "vay",
    "vs": "voi",
    "ntn": "nhu the nao",
    "mn": "moi nguoi",
    "e": "em",
    "a": "anh",
    "c": "chi",
    "tks": "cam on",
    "thks": "cam on",
    "thanks": "cam on",
    "thank": "cam on",
    "camon": "cam on",
    "cks": "chu ky so",
    "ks": "ky so",
    "qlvb": "quan ly van ban",
    "vb": "van ban",
    "hntt": "hoi nghi truyen hinh",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "tthc": "thu tuc hanh chinh",
    "hcc": "hanh chinh cong",
    "nv": "nhiem vu",
    "bc": "bao cao",
    "pm": "phan mem",
    "hs": "ho so",
    "ht": "he thong",
    "tk": "tai khoan",
    "mk": "mat khau",
    "vp": "van phong",
    "cv": "cong vu",
    "pc": "may tinh",
    "mt": "may tinh",
    "ubnd": "ubnd",
    "hd": "huong dan",
    "hdan": "huong dan",
    "sdt": "so dien thoai",
    "dt": "dien thoai",
    "net": "internet",
    "wf": "wifi",
    "cntt": "cong nghe thong tin",
    "cds": "chuyen doi so",
    "nltt": "nguoi lam thu tuc",
}

# Slashed abbreviations of official writing, read before the text is cut into words (the
# slash would split them, and "c" alone is "chị").
SLASHED: dict[str, str] = {
    "y/c": "yêu cầu",
    "b/c": "báo cáo",
    "v/v": "về việc",
    "đ/c": "đồng chí",
    "k/h": "kế hoạch",
    "c/v": "công văn",
}

# Digits typed for number words ("1 cửa", "báo cáo 6 tháng"): matched as the words.
NUMERALS: dict[str, tuple[str, str]] = {
    "1": ("mot", "một"),
    "01": ("mot", "một"),
    "2": ("hai", "hai"),
    "02": ("hai", "hai"),
    "3": ("ba", "ba"),
    "4": ("bon", "bốn"),
    "5": ("nam", "năm"),
    "6": ("sau", "sáu"),
    "7": ("bay", "bảy"),
    "8": ("tam", "tám"),
    "9": ("chin", "chín"),
    "10": ("muoi", "mười"),
}

# Compounds that contain a syllable another topic uses as a cue ("đăng ký" holds the "ký" of
# signing, "mạng xã hội" the "mạng" of the network, "kỹ thuật" folds to "ky thuat"). The
# lexicon consumes them as a whole so the inner syllable is not read as evidence.
NEUTRAL: tuple[str, ...] = (
    "đăng ký",
    "ký tự",
    "nhật ký",
    "thư ký",
    "ký túc xá",
    "ký hợp đồng",
    "kỹ thuật",
    "kỹ năng",
    "kỹ sư",
    "kỹ càng",
    "kỹ lưỡng",
    "mạng xã hội",
    "mạng lưới",
    "cách mạng",
    "tính mạng",
    "mạng sống",
    "chức năng nhiệm vụ",
    "nhiệm vụ chính trị",
    "nhiệm vụ trọng tâm",
)
