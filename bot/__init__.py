"""Support bot for the commune technical-support teams of Thanh Hóa province."""

from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"


def default_data_dir() -> Path:
    """The shipped data folder: the source tree's data/ or the installed bot/data package."""
    if (PACKAGE_DATA / "contacts.yaml").exists():
        return PACKAGE_DATA
    return Path(__file__).resolve().parent / "data"
