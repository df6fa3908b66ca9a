"""data/contacts.yaml → validated, frozen directory of provincial contact points.

Any mistake in the file stops start-up with an error naming the file and the entry: a bot
that hands out a wrong phone number is worse than a bot that does not start.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.normalize import fold
from bot.phones import InvalidPhone, national, to_e164
from bot.yaml_text import load_yaml

TOPIC_KEYS = (
    "general",
    "digital_signature",
    "document_management",
    "video_conference",
    "public_service_center",
    "task_tracking",
    "reporting",
    "network",
)
OPERATORS = ("vnpt", "viettel", "mobifone")
OPERATOR_NAMES = {"vnpt": "VNPT", "viettel": "Viettel", "mobifone": "MobiFone"}
# How people write them (folded, spaces dropped): brands and the short forms of chat
OPERATOR_WORDS = {
    "vnpt": "vnpt",
    "vinaphone": "vnpt",
    "vina": "vnpt",
    "viettel": "viettel",
    "vietel": "viettel",
    "mobifone": "mobifone",
    "mobiphone": "mobifone",
    "mobi": "mobifone",
}


def operator_from_text(text: str) -> str | None:
    """An operator key from what someone typed or a sheet holds ("Mobi", "VinaPhone")."""
    return OPERATOR_WORDS.get(fold(text).replace(" ", ""))


HOURS = re.compile(r"^((?:[01]\d|2[0-3]):[0-5]\d)-((?:[01]\d|2[0-3]):[0-5]\d)$")


class DirectoryError(ValueError):
    """The contacts file is wrong; the message names the file and the entry."""


class Contact(BaseModel):
    """One provincial contact person."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field(min_length=2)
    title: str = Field(min_length=2)
    organisation: str = Field(min_length=2)
    phone: str
    operator: str | None = None
    # Office hours as "HH:MM-HH:MM" windows (Mon–Fri); None means the standard hours.
    office_hours: tuple[str, ...] | None = None

    @field_validator("office_hours")
    @classmethod
    def _hours(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        for window in value or ():
            match = HOURS.match(window)
            if not match or match.group(1) >= match.group(2):
                raise ValueError(f"office hours {window!r} are not like 07:00-11:30")
        return value

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: Any) -> str:
        try:
            return to_e164(str(value))
        except InvalidPhone as exc:
            raise ValueError(f"invalid Vietnamese phone number {value!r}") from exc

    @field_validator("operator")
    @classmethod
    def _operator(cls, value: str | None) -> str | None:
        if value is not None and value not in OPERATORS:
            raise ValueError(f"unknown operator {value!r}, expected one of {OPERATORS}")
        return value

    @property
    def phone_display(self) -> str:
        """The phone as Vietnamese users write it: 0915 351 008."""
        return national(self.phone)


class Topic(BaseModel):
    """One support topic with its contact points, vocabulary and first-line tips."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    key: str
    label: str = Field(min_length=2, max_length=40)
    name: str = Field(min_length=2)
    seed: str
    contacts: tuple[Contact, ...] = Field(min_length=1)
    keywords: dict[str, float] = Field(min_length=1)
    tips: tuple[str, ...] = Field(min_length=3, max_length=6)
    # Who to call when the topic's contacts cannot be reached: another topic's first contact.
    backup: str | None = None


class Directory(BaseModel):
    """All topics, in the order of the seed letter."""

    model_config = ConfigDict(frozen=True)
    topics: dict[str, Topic]

    def topic(self, key: str) -> Topic:
        """The topic for a key (KeyError for an unknown one)."""
        return self.topics[key]

    def keywords(self) -> dict[str, dict[str, float]]:
        """Topic → phrase → weight, for the router."""
        return {key: dict(t.keywords) for key, t in self.topics.items()}

    def contacts_for(self, key: str, operator: str | None = None) -> tuple[Contact, ...]:
        """A topic's contacts; for network, only the commune's operator when it is known."""
        contacts = self.topics[key].contacts
        if operator:
            own = tuple(c for c in contacts if c.operator == operator)
            return own or contacts
        return contacts

    def all_contacts(self) -> list[tuple[str, Contact]]:
        """(topic key, contact) for every contact, in file order."""
        return [(key, c) for key, t in self.topics.items() for c in t.contacts]


def load_directory(path: Path) -> Directory:
    """Load and validate the contacts file; DirectoryError names the file and the entry."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DirectoryError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("topics"), dict):
        raise DirectoryError(f"{path}: expected a mapping 'topics:' at the top level")
    topics = {key: _topic(path, key, entry) for key, entry in raw["topics"].items()}
    missing = [k for k in TOPIC_KEYS if k not in topics]
    if missing:
        raise DirectoryError(f"{path}: missing topics {', '.join(missing)}")
    _check_duplicates(path, topics)
    _check_network(path, topics["network"])
    _check_backups(path, topics)
    return Directory(topics={k: topics[k] for k in TOPIC_KEYS})


def _topic(path: Path, key: str, entry: Mapping[str, Any]) -> Topic:
    if key not in TOPIC_KEYS:
        raise DirectoryError(f"{path}: topics.{key}: unknown topic key")
    try:
        return Topic(key=key, **(entry or {}))
    except (ValidationError, TypeError) as exc:
        raise DirectoryError(f"{path}: topics.{key}: {_first_error(exc)}") from exc


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}"
    return str(exc)


def _check_duplicates(path: Path, topics: dict[str, Topic]) -> None:
    phones: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for key, topic in topics.items():
        for i, contact in enumerate(topic.contacts):
            where = f"topics.{key}.contacts.{i}"
            if contact.phone in phones:
                raise DirectoryError(f"{path}: {where}: phone duplicates {phones[contact.phone]}")
            phones[contact.phone] = where
        for phrase in topic.keywords:
            folded = phrase.strip().lower()
            if folded in phrases:
                raise DirectoryError(
                    f"{path}: topics.{key}.keywords: {phrase!r} already in {phrases[folded]}"
                )
            phrases[folded] = f"topics.{key}"


def _check_network(path: Path, topic: Topic) -> None:
    operators = sorted(c.operator for c in topic.contacts if c.operator)
    if operators != sorted(OPERATORS):
        raise DirectoryError(
            f"{path}: topics.network.contacts: needs one contact for each of "
            f"{', '.join(OPERATORS)} (found {', '.join(operators) or 'none'})"
        )


def _check_backups(path: Path, topics: dict[str, Topic]) -> None:
    for key, topic in topics.items():
        if topic.backup is not None and (topic.backup not in topics or topic.backup == key):
            raise DirectoryError(
                f"{path}: topics.{key}.backup: {topic.backup!r} is not another topic's key"
            )
