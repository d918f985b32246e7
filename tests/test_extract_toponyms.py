import pytest
from _extract_places import gazetteer

from mapper.extract.toponyms import dateline_end, find_places

GAZ = gazetteer()


def _uses(text):
    return {u.toponym.surface: u for u in find_places(text, gazetteer=GAZ)}


@pytest.mark.parametrize(
    ("text", "surface", "relation"),
    [
        ("A bomb exploded in Daquq on Monday.", "Daquq", "in"),
        ("Gunmen attacked a checkpoint near Hawija.", "Hawija", "near"),
        ("Clashes broke out outside Mosul.", "Mosul", "near"),
        ("The post lies on the southern outskirts of Kirkuk.", "Kirkuk", "outskirts"),
        ("Militants struck a village north of Kirkuk.", "Kirkuk", "direction"),
        ("The camp is 40 km south of Mosul.", "Mosul", "direction"),
        ("Protests spread in Diyala province.", "Diyala", "region"),
        ("Shelling hit the road between Daquq and Kirkuk.", "Daquq", "between"),
        ("A car bomb exploded in the northern city of Kirkuk.", "Kirkuk", "in"),
        ("Militants overran the western province of Anbar.", "Anbar", "region"),
        ("A bomb went off in northern Baghdad.", "Baghdad", "direction"),
    ],
)
def test_relations(text, surface, relation):
    use = _uses(text)[surface]
    assert use.toponym.relation == relation
    assert text[use.toponym.start : use.toponym.end] == surface


def test_distance_and_bearing():
    use = _uses("The camp is 40 km southeast of Mosul.")["Mosul"]
    assert use.toponym.distance_km == 40
    assert use.toponym.bearing_deg == 135.0
    use = _uses("A village west of Kirkuk was hit.")["Kirkuk"]
    assert use.toponym.bearing_deg == 270.0 and use.toponym.distance_km is None


def test_between_names_the_other_end():
    text = "An army post on the road between Daquq and Baghdad was attacked."
    uses = find_places(text, gazetteer=GAZ)
    first = uses[0]
    assert first.toponym.relation == "between"
    assert first.toponym.other is not None and first.toponym.other.surface == "Baghdad"
    far_end = uses[1]
    assert far_end.tie < 0.9  # the far end of the road is not an event place


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A researcher at the Kirkuk Institute said so.", "Kirkuk"),
        ("Mosul University reopened its library.", "Mosul"),
        ("Kurdistan 24 reported the attack.", "Kurdistan"),
        ("Their leader Ahmed al-Baghdadi said the attack was planned.", "al-Baghdadi"),
        ("Write to desk@mosul.example.org for details.", "mosul"),
    ],
)
def test_not_places(text, surface):
    assert surface not in _uses(text)


def test_background_list_of_provinces():
    text = "Cells have struck in Nineveh, Anbar, Diyala, and Kirkuk provinces."
    uses = find_places(text, gazetteer=GAZ)
    assert len(uses) == 4
    assert all(u.tie <= 0 for u in uses)


def test_titles_and_origins_tie_weakly():
    assert _uses("The governor of Kirkuk visited the wounded.")["Kirkuk"].tie < 0.9
    assert _uses("The minister arrived in Baghdad on Sunday.")["Baghdad"].tie < 0.9
    assert _uses("A bomb exploded in Baghdad on Sunday.")["Baghdad"].tie >= 2


def test_datelines():
    assert dateline_end("ERBIL (Some Outlet) – Militants attacked.") == len(
        "ERBIL (Some Outlet) – "
    )
    assert dateline_end("Erbil – Militants attacked.") == 8
    assert dateline_end("Militants attacked Erbil.") == 0
    text = "ERBIL (Some Outlet) – A bomb went off in Kirkuk."
    uses = find_places(text, gazetteer=GAZ, skip=[(0, dateline_end(text))])
    assert [u.toponym.surface for u in uses] == ["Kirkuk"]


def test_empty():
    assert find_places("", gazetteer=GAZ) == []


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        # a respelling in a slot only a place fills, corroborated by a nearby named town
        ("Gunmen opened fire in the area of Hawiga, west of Kirkuk.", "Hawiga", "t:hawija"),
        ("Two farmers were shot in the Dakuk area, south of Kirkuk.", "Dakuk", "t:daquq"),
        ("A mortar round fell in the Dubis area, north of Kirkuk.", "Dubis", "t:dibis"),
    ],
)
def test_unknown_spelling_in_a_place_slot(text, surface, place):
    use = _uses(text)[surface]
    assert use.place_ids[0] == place
    assert text[use.toponym.start : use.toponym.end] == surface


def test_loose_spelling_without_a_nearby_named_place_is_not_a_place():
    # "Dubis" is only a consonant-skeleton match: without a known place near it, the
    # text could mean any village of that sound
    assert "Dubis" not in _uses("A mortar round fell in the Dubis area on Friday.")
    # an ordinary capitalised word in the same slot is not looked up as a loose match
    assert "Friday" not in _uses("Fighting went on in the area of Friday prayers.")
