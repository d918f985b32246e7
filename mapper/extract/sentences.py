r"""Sentence splitting that keeps character offsets.

The splitter is deliberately simple and fast: sentence-final punctuation followed by
white space and a capital letter, a digit or a quote ends a sentence, unless the word
before the full stop is a known abbreviation (``Gen.``, ``Feb.``, ``U.S.``) or a single
initial; a blank line or a line break always ends one (headlines, list items and
paragraphs carry no final full stop).

Examples
--------
>>> [s.text for s in split_sentences("Gen. Aref spoke. Two died.\nMore later")]
['Gen. Aref spoke.', 'Two died.', 'More later']
>>> split_sentences("")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: its text and where it sits in the article.

    ``whole`` is the sentence a part was cut from, when one sentence tells two deeds
    ("A car bomb killed five in X, and a roadside bomb wounded three in Y on Sunday":
    both parts happened on Sunday).
    """

    start: int
    end: int
    text: str
    whole: Sentence | None = None


_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen brig lt col maj capt sgt cpl pvt adm cmdr gov sen rep st mt
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc approx est dept
    inc ltd co corp u.s u.k u.n e.g i.e al km
    """.split()
)

# A candidate boundary: closing punctuation and optional closing quotes or brackets
# before spaces and a capital, digit or opening quote; or a line break with the white
# space after it. The pattern opens with the one character class every boundary starts
# with, so the regex engine skips straight to candidates (about three times faster than
# trying each position); the look-behinds then tell the two kinds apart.
_BOUNDARY = re.compile(
    r"[.!?…\n](?:(?<=\n)\s*|(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[]?[A-Z0-9]))"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_LETTERS_AND_DOT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _is_abbreviation(chunk: str) -> bool:
    if chunk[-1:] != "." or chunk[-2:-1] not in _LETTERS_AND_DOT:
        return False  # no word right before a full stop: the common "died!" or "2016."
    m = _WORD_BEFORE.search(chunk)
    if m is None:
        return False
    word = m.group(1).lower()
    if len(word) == 1:  # an initial: "A. Rasheed"
        return True
    return word.rstrip(".") in _ABBREVIATIONS


def split_sentences(text: str, *, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences with offsets into ``text``.

    Parameters
    ----------
    text : str
        The article text.
    start, end : int
        The region to split (default: all of it).

    Returns
    -------
    list of Sentence
        Stripped, non-empty sentences in reading order.
    """
    stop = len(text) if end is None else min(end, len(text))
    out: list[Sentence] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, stop):
        at = m.start()
        # only a full stop right after a letter can end an abbreviation ("Gen.", "U.S.")
        if (
            text[at] == "."
            and at > pos
            and text[at - 1] in _LETTERS_AND_DOT
            and _is_abbreviation(text[max(pos, at - 24) : at + 1])
        ):
            continue
        cut = m.end()  # a match holds no white space but after a line break: cut there
        _append(out, text, pos, cut)
        pos = cut
    _append(out, text, pos, stop)
    return out


def _append(out: list[Sentence], text: str, a: int, b: int) -> None:
    chunk = text[a:b]
    body = chunk.strip()  # str.strip removes what str.isspace calls white space
    if body:
        a += len(chunk) - len(chunk.lstrip())
        out.append(Sentence(a, a + len(body), body))
