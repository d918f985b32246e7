"""Cheap ways to run many case-insensitive patterns over short texts.

:class:`TriggerIndex` is a first pass: which pattern families can match a text at
all. Each family of regular expressions (a cue kind, an actor alias) lists word stems
that every one of its matches contains. One Aho-Corasick pass over the lower-cased
text finds the stems present, and only the families they name are run as regular
expressions. The stems must be a superset (a stem may occur without its family
matching, never the reverse), so the result equals running every pattern.

:class:`FoldedPattern` runs a case-insensitive pattern on the lower-cased text
(:func:`fold`) as a case-sensitive one, which gives the same matches several times
faster: with ``re.IGNORECASE`` the regex engine tries every branch of a long
alternation in full, while a case-sensitive branch is rejected on its first letter.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping

import ahocorasick

__all__ = ["FoldedPattern", "TriggerIndex", "by_first_letter", "contains_any", "fold"]

#: The only characters on which ``re.IGNORECASE`` and ``str.lower`` disagree: dotted
#: capital I lowers to two characters, and IGNORECASE folds dotless i and long s onto
#: ASCII "i" and "s" (checked over all of Unicode in the tests).
_FOLD_TRAPS = re.compile("[\u0130\u0131\u017f]")
#: Upper-case letters a folded pattern may hold: escapes such as ``\S`` or ``\W``.
_UPPER_OUTSIDE_ESCAPE = re.compile(r"(?<![\\?])[A-Z]|\\\\[A-Z]")


def contains_any(text: str, needles: tuple[str, ...]) -> bool:
    """Return whether any of ``needles`` occurs in ``text``.

    A plain loop: about twice as fast as ``any()`` over a generator for a few needles.

    Examples
    --------
    >>> contains_any("two were killed", ("kill", "dead"))
    True
    >>> contains_any("", ("kill",))
    False
    """
    for needle in needles:
        if needle in text:
            return True
    return False


def fold(text: str) -> str | None:
    """Return ``text`` lower-cased for :class:`FoldedPattern`, or None when it cannot be.

    Matching a lower-case pattern against ``fold(text)`` finds exactly the spans that
    matching it with ``re.IGNORECASE`` against ``text`` finds, except for the three
    letters of ``_FOLD_TRAPS``; texts holding one of them get None (the slow path).

    Examples
    --------
    >>> fold("Two Soldiers")
    'two soldiers'
    >>> fold("\u0130stanbul") is None
    True
    """
    if not text.isascii() and _FOLD_TRAPS.search(text):
        return None
    return text.lower()


def _top_level_alternatives(alternation: str) -> list[str]:
    """Split a regular expression at its top-level ``|`` (not inside groups or classes).

    Raises ValueError on a capturing group: regrouping branches could renumber it.
    """
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    in_class = False
    while i < len(alternation):
        char = alternation[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1
            if alternation[i : i + 1] == "^":
                i += 1
            if alternation[i : i + 1] == "]":  # a "]" first in a class is a member
                i += 1
            continue
        elif char == "(":
            if alternation[i + 1 : i + 2] != "?" or alternation[i + 1 : i + 4] == "?P<":
                raise ValueError(f"capturing groups cannot be regrouped: {alternation[:60]!r}")
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(alternation[start:i])
            start = i + 1
        i += 1
    parts.append(alternation[start:])
    return parts


def by_first_letter(alternation: str) -> str:
    """Return a group that matches as ``alternation`` does, its words grouped by first letter.

    The regex engine tries the branches of an alternation one by one; with the words
    grouped under their first letter (``soldiers?|snipers?`` as ``s(?:oldiers?|nipers?)``)
    it rejects a position after one test per letter instead of one per word, which
    makes long word lists several times faster. Branches that start with a different
    letter cannot match at the same place, and branches sharing a letter keep their
    order, so every match (span and all) is the one of the plain alternation. A branch
    that does not start with a plain letter or digit (a group, a class, an escape, a
    letter with a quantifier) stays where it is, between the groups before and after it.

    Parameters
    ----------
    alternation : str
        A regular expression without capturing groups, e.g. ``"killed|kills?|dead"``.

    Returns
    -------
    str
        A non-capturing group, e.g. ``"(?:k(?:illed|ills?)|dead)"``.

    Raises
    ------
    ValueError
        When ``alternation`` holds a capturing group (its number could change).

    Examples
    --------
    >>> by_first_letter("killed|dead|kills?|(?:took|cost) lives|died")
    '(?:k(?:illed|ills?)|dead|(?:took|cost) lives|died)'
    """
    out: list[str] = []
    run: dict[str, list[str]] = {}  # first letter -> rests, in order of appearance

    def flush() -> None:
        for letter, rests in run.items():
            out.append(letter + rests[0] if len(rests) == 1 else f"{letter}(?:{'|'.join(rests)})")
        run.clear()

    for branch in _top_level_alternatives(alternation):
        head = branch[:1]
        if head.isascii() and head.isalnum() and branch[1:2] not in ("?", "*", "+", "{"):
            run.setdefault(head, []).append(branch[1:])
        else:
            flush()
            out.append(branch)
    flush()
    return f"(?:{'|'.join(out)})"


class FoldedPattern:
    r"""A case-insensitive pattern that matches on folded text when it can.

    The pattern is written in lower case. Every method takes the original text and
    its :func:`fold`; matches are always those of the case-insensitive pattern on the
    original text (spans and groups as ``re.compile(pattern, re.IGNORECASE)`` gives).

    ``needles``, when given, are lower-case strings of which every match contains at
    least one (like the stems of :class:`TriggerIndex`); a folded text holding none of
    them is answered without running the pattern, which is far cheaper for a pattern
    that rarely matches.

    Examples
    --------
    >>> rx = FoldedPattern(r"\bsoldiers?\b", needles=("soldier",))
    >>> text = "Two Soldiers died."
    >>> rx.search(text, fold(text)).group(0)
    'Soldiers'
    >>> [m.start() for m in rx.finditer(text, None)]
    [4]
    >>> rx.test("Two men died.", fold("Two men died."))
    False
    """

    __slots__ = ("any_case", "lower", "needles")

    def __init__(self, pattern: str, *, needles: tuple[str, ...] = ()) -> None:
        if _UPPER_OUTSIDE_ESCAPE.search(pattern) or any(n != n.lower() for n in needles):
            raise ValueError(f"a folded pattern must be lower case: {pattern[:60]!r}")
        self.any_case = re.compile(pattern, re.IGNORECASE)
        self.lower = re.compile(pattern)
        self.needles = needles

    def _absent(self, folded: str) -> bool:
        """Whether ``folded`` holds none of the needles (so the pattern cannot match)."""
        return bool(self.needles) and not contains_any(folded, self.needles)

    def search(
        self, text: str, folded: str | None, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """Like ``re.Pattern.search`` on ``text``."""
        if folded is None:
            return self.any_case.search(text, pos, endpos)
        if self._absent(folded):
            return None
        found = self.lower.search(folded, pos, endpos)
        return None if found is None else self.any_case.match(text, found.start(), endpos)

    def test(self, text: str, folded: str | None, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Return whether the pattern occurs in ``text`` (no match object is built)."""
        if folded is None:
            return self.any_case.search(text, pos, endpos) is not None
        return not self._absent(folded) and self.lower.search(folded, pos, endpos) is not None

    def match(
        self, text: str, folded: str | None, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """Like ``re.Pattern.match`` on ``text``."""
        if folded is None:
            return self.any_case.match(text, pos, endpos)
        if self.lower.match(folded, pos, endpos) is None:
            return None
        return self.any_case.match(text, pos, endpos)

    def finditer(
        self, text: str, folded: str | None, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterable[re.Match[str]]:
        """Like ``re.Pattern.finditer`` on ``text`` (all matches at once)."""
        if folded is None:
            return self.any_case.finditer(text, pos, endpos)
        if self._absent(folded):
            return ()
        found: list[re.Match[str]] = []
        for m in self.lower.finditer(folded, pos, endpos):
            again = self.any_case.match(text, m.start(), endpos)
            assert again is not None  # the same engine steps on equal characters
            found.append(again)
        return found

    # The fast_ methods return matches on the folded text: the spans and groups of the
    # case-insensitive pattern on ``text``, but group *texts* in lower case. Use them
    # where case does not matter, or read the words as ``text[m.start(g) : m.end(g)]``;
    # they save the second, case-insensitive match of search, match and finditer.

    def fast_search(
        self, text: str, folded: str | None, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """Like :meth:`search`, with group texts in lower case (see above)."""
        if folded is None:
            return self.any_case.search(text, pos, endpos)
        if self._absent(folded):
            return None
        return self.lower.search(folded, pos, endpos)

    def fast_match(
        self, text: str, folded: str | None, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """Like :meth:`match`, with group texts in lower case (see above)."""
        if folded is None:
            return self.any_case.match(text, pos, endpos)
        return self.lower.match(folded, pos, endpos)

    def fast_finditer(
        self, text: str, folded: str | None, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterable[re.Match[str]]:
        """Like :meth:`finditer`, with group texts in lower case (see above)."""
        if folded is None:
            return self.any_case.finditer(text, pos, endpos)
        if self._absent(folded):
            return ()
        return self.lower.finditer(folded, pos, endpos)

    def spans(self, text: str, folded: str | None) -> list[tuple[int, int]]:
        """Return the (start, end) of every match, as ``finditer`` finds them.

        Cheaper than ``finditer`` when only the spans are needed: no match is built on
        ``text`` (its words are ``text[start:end]``).
        """
        if folded is None:
            return [m.span() for m in self.any_case.finditer(text)]
        if self._absent(folded):
            return []
        return [m.span() for m in self.lower.finditer(folded)]

    def starts(self, text: str, folded: str | None) -> list[int]:
        """Return the start of every match, as ``finditer`` finds them."""
        if folded is None:
            return [m.start() for m in self.any_case.finditer(text)]
        if self._absent(folded):
            return []
        return [m.start() for m in self.lower.finditer(folded)]


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
