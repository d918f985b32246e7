"""Tests for mapper.extract._triggers: the first pass and folded patterns."""

from __future__ import annotations

import re

import pytest

from mapper.extract._triggers import FoldedPattern, TriggerIndex, fold
from mapper.extract.actors import find_actors
from mapper.extract.casualties import read_figures
from mapper.extract.events import find_cues


def test_trigger_index_finds_families_case_insensitively() -> None:
    idx = TriggerIndex({"air": ("airstrike",), "ied": ("bomb", "ied")})
    assert idx.families("An AIRSTRIKE and a Bomb") == frozenset({"air", "ied"})
    assert idx.families("nothing here") == frozenset()


def test_fold_traps_are_the_only_letters_where_lower_and_ignorecase_differ() -> None:
    chars = [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000]
    # lower case of another length: offsets would shift
    bad = {x for x in chars if len(x.lower()) != 1}
    # letters IGNORECASE folds onto an ASCII letter that str.lower does not give
    bad |= {x for x in re.findall("(?i)[a-z]", "".join(chars)) if not x.lower().isascii()}
    # classes (\w, \s, \d) that would change when lower-cased
    for cls in (re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")):
        bad |= {
            x
            for x in chars
            if len(x.lower()) == 1 and bool(cls.match(x)) != bool(cls.match(x.lower()))
        }
    assert bad == {"\u0130", "\u0131", "\u017f"}


@pytest.mark.parametrize(
    "text",
    [
        "Two Soldiers and a SOLDIER were killed; soldiers wounded.",
        "The \u0130stanbul soldier and the \u017foldier",  # traps: the slow path
        "",
        "ſoldiers? no: Soldiers",
    ],
)
def test_folded_pattern_matches_like_ignorecase(text: str) -> None:
    source = r"\b(?P<w>soldiers?)\b(?:\s+(?:and|were))?"
    rx, plain = FoldedPattern(source), re.compile(source, re.IGNORECASE)
    folded = fold(text)
    spans = [(m.span(), m.group("w")) for m in rx.finditer(text, folded)]
    assert spans == [(m.span(), m.group("w")) for m in plain.finditer(text)]
    assert rx.starts(text, folded) == [m.start() for m in plain.finditer(text)]
    first = rx.search(text, folded, 3)
    expected = plain.search(text, 3)
    assert (first and first.span()) == (expected and expected.span())
    assert rx.test(text, folded) == bool(plain.search(text))
    at = rx.match(text, folded, 4)
    assert (at and at.span()) == ((m := plain.match(text, 4)) and m.span())


def test_folded_pattern_must_be_lower_case() -> None:
    with pytest.raises(ValueError, match="lower case"):
        FoldedPattern(r"\bISIS\b")
    FoldedPattern(r"(?P<name>\S+)\W")  # escapes and group names are fine


def test_readers_give_the_same_answer_on_the_slow_path() -> None:
    # a dotless i elsewhere in the sentence sends every reader to re.IGNORECASE
    fast = "Gunmen killed TWO soldiers and wounded three others near the Tikrit checkpoint."
    slow = fast.replace("Tikrit", "T\u0131kr\u0131t")
    assert fold(slow) is None
    assert read_figures(slow) == read_figures(fast)
    assert find_cues(slow) == find_cues(fast)
    assert find_actors(slow) == find_actors(fast)
