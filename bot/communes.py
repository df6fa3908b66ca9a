"""The province's commune-level units and the former districts they came from.

Lookup by code or by name, typed with or without diacritics and the xã/phường prefix,
tolerant of typos. Two things make it more than a dictionary: names that collide once accents
are dropped (Xã Đồng Tiến / Phường Đông Tiến), and names that are both a new commune and a
former district (Hoằng Hóa): in both cases the caller gets every candidate and asks the user.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.normalize import fold, nfc_lower
from bot.yaml_text import load_yaml

TYPES = ("xã", "phường")
# How a typed place says it means a commune, not the former district of the same name.
COMMUNE_MARKS = ("xã", "xa ", "phường", "phuong", "p.", "x.")
# Type words users put in front of names; "p." and "x." are common in chat.
_PREFIX = re.compile(
    r"^(xa|phuong|thi tran|p|x|tt|huyen|thi xa|thanh pho|tp|tx|h)\.?\s+", re.IGNORECASE
)
_ACCENTED_PREFIX = re.compile(r"^(xã|phường)\s+")
FUZZY_CUTOFF = 80
# A fuzzy candidate is taken without asking only when the whole typed name is close to it
# ("ham rongg"); WRatio alone also scores a name found inside unrelated words ("xyz không
# có" → Cổ Lũng 86), which must be offered to confirm, never registered or refused as is.
SURE_RATIO = 90


class CommuneDataError(ValueError):
    """The communes data file is wrong; the message names the file and the row."""


@dataclass(frozen=True)
class District:
    """A district-level unit from before July 2025 (former district)."""

    code: str
    name: str
    commune_codes: tuple[str, ...]

    @property
    def short(self) -> str:
        """Hoằng Hóa for Huyện Hoằng Hóa."""
        return re.sub(r"^(Huyện|Thị xã|Thành phố)\s+", "", self.name)


@dataclass(frozen=True)
class Commune:
    """A current commune-level unit (xã or phường)."""

    code: str
    name: str
    type: str
    short_name: str
    former_districts: tuple[str, ...]
    former_district_codes: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """The fields of `commune-bot communes list`."""
        return {
            "code": self.code,
            "name": self.name,
            "type": self.type,
            "former_districts": list(self.former_districts),
        }


@dataclass(frozen=True)
class Match:
    """A lookup candidate with a 0–100 score; `sure` when it may be taken without asking."""

    commune: Commune
    score: float
    sure: bool = True


@dataclass
class Lookup:
    """What a typed name resolved to: one commune, several to choose from, or a district."""

    matches: list[Match]
    district: District | None = None
    ambiguous: bool = False

    @property
    def unique(self) -> Commune | None:
        """The commune when there is exactly one sure candidate and no district reading."""
        if self.matches and self.matches[0].sure and not self.ambiguous and self.district is None:
            return self.matches[0].commune
        return None


@dataclass
class Communes:
    """All units of the configured province, indexed for lookup."""

    communes: dict[str, Commune]
    districts: dict[str, District]
    aliases: dict[str, str] = field(default_factory=dict)  # folded alias → district code

    def __post_init__(self) -> None:
        self._by_folded: dict[str, list[Commune]] = {}
        for c in self.communes.values():
            self._by_folded.setdefault(fold(c.short_name), []).append(c)
        self._district_keys = {fold(d.short): d.code for d in self.districts.values()}
        self._district_keys.update({fold(d.name): d.code for d in self.districts.values()})
        self._district_keys.update(self.aliases)
        self._choices = {c.code: fold(c.short_name) for c in self.communes.values()}

    def __len__(self) -> int:
        return len(self.communes)

    def get(self, code: str) -> Commune | None:
        """A commune by its official code."""
        return self.communes.get(str(code).strip())

    def district(self, text: str) -> District | None:
        """A former district by code, name, short name or alias, with or without accents."""
        text = str(text).strip()
        if text in self.districts:
            return self.districts[text]
        code = self._district_keys.get(fold(text)) or self._district_keys.get(
            fold(_PREFIX.sub("", fold(text)))
        )
        return self.districts.get(code) if code else None

    def in_district(self, code: str) -> list[Commune]:
        """Communes formed (wholly or partly) from a former district."""
        district = self.districts.get(code)
        return [self.communes[c] for c in district.commune_codes] if district else []

    def find(self, text: str, limit: int = 5) -> list[Match]:
        """Best matches for a typed code or name, best first."""
        return self.lookup(text, limit).matches

    def lookup(self, text: str, limit: int = 5) -> Lookup:
        """Resolve a typed code or name; flags collisions and district readings."""
        text = nfc_lower(str(text)).strip()
        if not text:
            return Lookup([])
        if text.isascii() and text.isdigit():  # a code; "²" is a digit to str.isdigit()
            commune = self.communes.get(text)
            return Lookup([Match(commune, 100.0)] if commune else [])
        wanted_type, accented, folded = _parse_query(text)
        exact = self._by_folded.get(folded, [])
        matches = [Match(c, _exact_score(c, wanted_type, accented)) for c in exact]
        if len(matches) < limit:
            matches += self._fuzzy(folded, {c.code for c in exact}, limit - len(matches))
        matches.sort(key=lambda m: (-m.score, m.commune.code))
        district = self.district(text) if not wanted_type else None
        return Lookup(matches[:limit], district, _ambiguous(matches))

    def _fuzzy(self, folded: str, skip: set[str], limit: int) -> list[Match]:
        found = process.extract(
            folded,
            self._choices,
            scorer=fuzz.WRatio,
            limit=limit + len(skip),
            score_cutoff=FUZZY_CUTOFF,
        )
        return [
            Match(
                self.communes[code],
                min(float(score), 89.0),
                fuzz.ratio(folded, name) >= SURE_RATIO,
            )
            for name, score, code in found
            if code not in skip
        ][:limit]


def _parse_query(text: str) -> tuple[str | None, str, str]:
    """(type asked for, accented name without prefix, folded name without prefix)."""
    wanted = None
    m = _ACCENTED_PREFIX.match(text)
    if m:
        wanted = m.group(1)
        text = text[m.end() :]
    folded = fold(text)
    m2 = _PREFIX.match(folded)
    if m2:
        word = m2.group(1)
        wanted = wanted or {"xa": "xã", "x": "xã", "phuong": "phường", "p": "phường"}.get(word)
        folded = folded[m2.end() :]
        if not m:
            text = " ".join(text.split()[len(m2.group(0).split()) :])
    return wanted, text, folded


def _exact_score(c: Commune, wanted_type: str | None, accented: str) -> float:
    score = 95.0
    if nfc_lower(c.short_name) == accented:
        score = 99.0  # the accents match too
    if wanted_type:
        score += 1.0 if c.type == wanted_type else -10.0
    return score


def _ambiguous(matches: list[Match]) -> bool:
    # Two candidates within a whisker of each other: ask rather than pick.
    return (
        len(matches) > 1
        and matches[0].score - matches[1].score < 3.0
        and (matches[0].score < 100.0)
    )


def load_communes(folder: Path) -> Communes:
    """Read communes.csv, old_districts.csv and district_aliases.yaml from a data folder."""
    communes: dict[str, Commune] = {}
    path = folder / "communes.csv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), 2):
                commune = _commune(path, n, row)
                if commune.code in communes:
                    raise CommuneDataError(f"{path}: row {n}: duplicate code {commune.code}")
                communes[commune.code] = commune
    except OSError as exc:
        raise CommuneDataError(f"{path}: cannot read: {exc}") from exc
    districts = _districts(folder / "old_districts.csv", communes)
    aliases_path = folder / "district_aliases.yaml"
    raw = load_yaml(aliases_path.read_text(encoding="utf-8")) if aliases_path.exists() else {}
    aliases = {fold(k): str(v) for k, v in ((raw or {}).get("aliases") or {}).items()}
    unknown = sorted(set(aliases.values()) - set(districts))
    if unknown:
        raise CommuneDataError(f"{aliases_path}: aliases name unknown districts {unknown}")
    return Communes(communes, districts, aliases)


def _commune(path: Path, n: int, row: dict[str, str]) -> Commune:
    try:
        code, name, kind = row["code"].strip(), row["name"].strip(), row["type"].strip()
        names = tuple(x.strip() for x in row["former_districts"].split(";") if x.strip())
        codes = tuple(x.strip() for x in row["former_district_codes"].split(";") if x.strip())
        short = row.get("short_name", "").strip() or _ACCENTED_PREFIX.sub("", nfc_lower(name))
    except (KeyError, AttributeError) as exc:
        raise CommuneDataError(f"{path}: row {n}: missing column {exc}") from exc
    if not code.isdigit() or kind not in TYPES or not name or len(names) != len(codes):
        raise CommuneDataError(f"{path}: row {n}: invalid commune {row}")
    return Commune(code, name, kind, short, names, codes)


def _districts(path: Path, communes: dict[str, Commune]) -> dict[str, District]:
    districts: dict[str, District] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            members = tuple(c.code for c in communes.values() if code in c.former_district_codes)
            districts[code] = District(code, row["name"].strip(), members)
    return districts
