"""Maintenance: regenerate data/communes.csv and data/old_districts.csv from the registry.

Uses the `vietnam-provinces` package (GPL-3.0, Python >= 3.12: the `regen` extra). The bot
never imports it at run time; it reads the CSV snapshot this writes, so the runtime stays
GPL-free, version-independent and offline.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

DEFAULT_PROVINCE = 38  # Thanh Hóa
COMMUNE_COLUMNS = (
    "code",
    "name",
    "type",
    "former_districts",
    "former_district_codes",
    "short_name",
    "codename",
    "ascii_name",
    "former_communes",
    "partly_merged_sources",
)
DISTRICT_COLUMNS = (
    "code",
    "name",
    "type",
    "codename",
    "old_commune_count",
    "new_commune_count",
    "new_communes",
)


class RegistryUnavailable(RuntimeError):
    """vietnam-provinces (>= 2026.9, Python >= 3.12) is not installed."""


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _short(name: str) -> str:
    return re.sub(r"^(Xã|Phường|Thị trấn|Đặc khu)\s+", "", name)


def registry() -> Any:
    """Import the registry package or explain how to get it."""
    try:
        import vietnam_provinces as vp
    except ImportError as exc:
        raise RegistryUnavailable(
            "needs vietnam-provinces>=2026.9 on Python >= 3.12: pip install '.[regen]'"
        ) from exc
    version = tuple(int(x) for x in vp.__version__.split(".")[:2])
    if version < (2026, 9):
        raise RegistryUnavailable(f"vietnam-provinces {vp.__version__} is too old (>= 2026.9)")
    return vp


def build_tables(
    province_code: int = DEFAULT_PROVINCE,
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(communes rows, old districts rows) for the province, as the CSVs hold them."""
    vp = registry()
    from vietnam_provinces import ProvinceCode, Ward
    from vietnam_provinces._ward_conversion_2025 import NEW_TO_OLD
    from vietnam_provinces.legacy import District
    from vietnam_provinces.legacy import Ward as LegacyWard
    from vietnam_provinces.legacy.codes import ProvinceCode as LegacyProvince

    del vp
    province = getattr(ProvinceCode, f"P_{province_code}")
    districts = {
        int(d.code): d
        for d in District.iter_by_province(getattr(LegacyProvince, f"P_{province_code}"))
    }
    wards = sorted(Ward.iter_by_province(province), key=lambda w: int(w.code))
    communes = []
    for ward in wards:
        old = NEW_TO_OLD[int(ward.code)].old_wards
        codes = sorted({o.district_code for o in old})
        names = [LegacyWard.from_code(o.code).name for o in old]
        communes.append(
            {
                "code": str(int(ward.code)),
                "name": ward.name,
                "type": ward.division_type.value,
                "former_districts": "; ".join(districts[c].name for c in codes),
                "former_district_codes": "; ".join(str(c) for c in codes),
                "short_name": _short(ward.name),
                "codename": ward.codename,
                "ascii_name": _ascii(_short(ward.name)),
                "former_communes": "; ".join(
                    f"{n} ({districts[o.district_code].name})"
                    for n, o in zip(names, old, strict=True)
                ),
                "partly_merged_sources": "; ".join(
                    n for n, o in zip(names, old, strict=True) if o.is_partly_merged
                ),
            }
        )
    old_districts = []
    for code, district in sorted(districts.items()):
        members = [
            c["name"] for c in communes if str(code) in c["former_district_codes"].split("; ")
        ]
        old_districts.append(
            {
                "code": str(code),
                "name": district.name,
                "type": district.division_type.value,
                "codename": district.codename,
                "old_commune_count": str(
                    sum(1 for _ in LegacyWard.iter_by_district(district.code))
                ),
                "new_commune_count": str(len(members)),
                "new_communes": "; ".join(members),
            }
        )
    return communes, old_districts


def to_csv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    """Rows as CSV text with a header, LF line ends."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def regenerate(folder: Path, province_code: int = DEFAULT_PROVINCE) -> tuple[int, int]:
    """Write communes.csv and old_districts.csv into `folder`; returns the row counts."""
    communes, districts = build_tables(province_code)
    (folder / "communes.csv").write_text(to_csv(communes, COMMUNE_COLUMNS), encoding="utf-8")
    (folder / "old_districts.csv").write_text(
        to_csv(districts, DISTRICT_COLUMNS), encoding="utf-8"
    )
    return len(communes), len(districts)
