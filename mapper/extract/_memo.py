"""Readers that remember what they read, one article at a time.

Extraction reads a sentence several times (to find event sentences, to group them, for
each field of a mention), and the readers are pure functions of the sentence.
:func:`per_article` wraps such a reader so that a sentence read again is answered from
memory; :func:`forget` empties every memory, and :func:`mapper.extract.extract_mentions`
calls it before each article. Nothing read in one article serves another: a memory
kept across articles would grow with the corpus, and on reports that share sentences
(wire copy, templates) it would make extraction look faster than it is.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["forget", "per_article"]

_T = TypeVar("_T")
_MEMORIES: list[dict[str, Any]] = []
#: A reader called outside :func:`extract_mentions` (tests, notebooks) never holds
#: more than this many answers.
_LIMIT = 4096


def per_article(read: Callable[[str], _T]) -> Callable[[str], _T]:
    """Wrap a pure one-sentence reader so that it remembers its answers until :func:`forget`.

    Examples
    --------
    >>> calls = []
    >>> @per_article
    ... def length(text):
    ...     calls.append(text)
    ...     return len(text)
    >>> length("two"), length("two"), len(calls)
    (3, 3, 1)
    >>> forget(); length("two"), len(calls)
    (3, 2)
    """
    seen: dict[str, _T] = {}
    _MEMORIES.append(seen)

    @functools.wraps(read)
    def remembered(text: str) -> _T:
        if text in seen:  # cheaper than catching KeyError: half the calls miss
            return seen[text]
        if len(seen) >= _LIMIT:
            seen.clear()
        value = seen[text] = read(text)
        return value

    return remembered


def forget() -> None:
    """Empty the memory of every reader (called before each article)."""
    for seen in _MEMORIES:
        seen.clear()
