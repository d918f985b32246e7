"""by_first_letter: a word alternation regrouped by first letter matches exactly as before."""

import random
import re

import pytest

from mapper.extract import casualties
from mapper.extract._triggers import _top_level_alternatives, by_first_letter


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


def test_words_are_grouped_and_order_within_a_letter_is_kept():
    assert by_first_letter("men|militants?|soldiers?|m[ae]n") == (
        "(?:m(?:en|ilitants?|[ae]n)|soldiers?)"
    )


def test_a_branch_that_is_not_a_plain_word_stays_in_place():
    grouped = by_first_letter("an?|(?:a|b)c|a\\s+few|s?x|\\d+|ab")
    assert grouped == "(?:an?|(?:a|b)c|a\\s+few|s?x|\\d+|ab)"


def test_the_splitter_respects_groups_classes_and_escapes():
    assert _top_level_alternatives("a[|]b|c\\|d|(?:e|f)g|[]|]h") == [
        "a[|]b",
        "c\\|d",
        "(?:e|f)g",
        "[]|]h",
    ]


def test_capturing_groups_are_refused():
    with pytest.raises(ValueError):
        by_first_letter("(a)|b")


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_same_matches_as_the_plain_alternation(flags):
    words = "|".join(w for w, _ in casualties._GROUP_WORDS)
    plain = re.compile(rf"\b(?:{words})\b", flags)
    grouped = re.compile(rf"\b{by_first_letter(words)}\b", flags)
    vocabulary = [*re.findall(r"[a-z]+", words), "the", "of", "2", "men's", "Police", "İs"]
    rnd = random.Random(7)
    for _ in range(2000):
        text = " ".join(rnd.choice(vocabulary) for _ in range(rnd.randint(1, 8)))
        assert _matches(plain, text) == _matches(grouped, text), text
        for pos in range(len(text)):
            a, b = plain.match(text, pos), grouped.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (text, pos)
