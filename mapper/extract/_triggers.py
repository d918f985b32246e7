"""A cheap first pass: which pattern families can match a text at all.

Each family of regular expressions (a cue kind, an actor alias) lists word stems that
every one of its matches contains. One Aho-Corasick pass over the lower-cased text
finds the stems present, and only the families they name are run as regular
expressions. The stems must be a superset (a stem may occur without its family
matching, never the reverse), so the result equals running every pattern.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ahocorasick

__all__ = ["TriggerIndex"]


class TriggerIndex:
    """Map a text to the set of families whose stems occur in it.

    Examples
    --------
    >>> idx = TriggerIndex({"air": ("airstrike", "drone"), "ied": ("bomb",)})
    >>> sorted(idx.families("A DRONE hit a car."))
    ['air']
    >>> idx.families("")
    frozenset()
    """

    __slots__ = ("_automaton", "_empty")

    def __init__(self, stems: Mapping[str, Iterable[str]]) -> None:
        by_stem: dict[str, set[str]] = {}
        for family, words in stems.items():
            for word in words:
                by_stem.setdefault(word.lower(), set()).add(family)
        automaton = ahocorasick.Automaton()
        for stem, families in by_stem.items():
            automaton.add_word(stem, frozenset(families))
        self._empty = not by_stem
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def families(self, text: str) -> frozenset[str]:
        """Return the families whose stems occur in ``text`` (case-insensitive)."""
        if self._empty or not text:
            return frozenset()
        found: set[str] = set()
        for _end, families in self._automaton.iter(text.lower()):
            found |= families
        return frozenset(found)
