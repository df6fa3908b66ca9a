"""The router plus what coordinators taught it in the review queue.

Labelled questions come from the database at start-up. They do two things:

* they train the router like the packaged files (``extra`` of ``Router.from_files``), so
  similar wording is routed better from now on;
* the very message a coordinator labelled is answered with that label from then on, whatever
  the model thinks: the same text asked again must never get the answer a person corrected.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from bot.normalize import fold
from bot.router_cache import cached, fingerprint
from bot.routing import Route, Router

Labelled = tuple[str, str | None]


def taught_key(text: str) -> str:
    """The form under which a labelled text is remembered: folded words, spacing ignored."""
    return fold(text)


class TaughtRouter(Router):
    """A Router that also answers labelled texts with their label."""

    def __init__(
        self,
        keywords: Mapping[str, Mapping[str, float]],
        examples: Iterable[Labelled] = (),
        extra: Iterable[Labelled] = (),
        groups: Sequence[str] | None = None,
    ) -> None:
        taught = [(text, topic) for text, topic in extra if topic is None or topic in keywords]
        super().__init__(keywords, examples, taught, groups)
        self.taught: dict[str, str | None] = {taught_key(t): topic for t, topic in taught}

    def route(self, text: str) -> Route:
        """The model's route, overridden by a coordinator's label for this very text."""
        route = super().route(text)
        key = taught_key(text)
        if key not in self.taught:
            return route
        topic = self.taught[key]
        # "not support" keeps reason "": the bot explains what it is for, it does not guess.
        return dataclasses.replace(route, topic=topic, confidence=1.0, reason="")

    def explain(self, text: str) -> dict:
        """The model's evidence, and the coordinator's label when it decided instead."""
        evidence = super().explain(text)
        key = taught_key(text)
        if key in self.taught:
            evidence = {**evidence, "model_topic": evidence.get("topic")}
            evidence.update(topic=self.taught[key], reason="", taught=True)
        return evidence


def build_router(
    keywords: Mapping[str, Mapping[str, float]],
    folder: Path,
    taught: Iterable[Labelled] = (),
    cache: Path | None = None,
) -> TaughtRouter:
    """The packaged training files under ``folder`` plus the taught lines; with ``cache``,
    loaded from that file when nothing training reads has changed (bot.router_cache)."""
    lines = list(taught)

    def train() -> TaughtRouter:
        router = TaughtRouter.from_files(keywords, folder, lines)
        assert isinstance(router, TaughtRouter)
        return router

    if cache is None:
        return train()
    return cached(cache, fingerprint(keywords, folder, lines), train, TaughtRouter)
