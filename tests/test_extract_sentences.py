from mapper.extract.sentences import split_sentences


def test_offsets_point_into_the_text():
    text = "Headline here\n\nGunmen attacked a post. Two soldiers died!  A third fled?"
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Headline here",
        "Gunmen attacked a post.",
        "Two soldiers died!",
        "A third fled?",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_initials_do_not_split():
    text = (
        "Brig. Gen. Omar said the U.S. Army helped. Photo: A. Rasheed took it. On Feb. 3 it ended."
    )
    assert [s.text for s in split_sentences(text)] == [
        "Brig. Gen. Omar said the U.S. Army helped.",
        "Photo: A. Rasheed took it.",
        "On Feb. 3 it ended.",
    ]


def test_region_and_empty_input():
    text = "One. Two. Three."
    assert [s.text for s in split_sentences(text, start=5)] == ["Two.", "Three."]
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []
