import dataclasses

import pytest
from _extract_places import gazetteer
from geopy.distance import geodesic

from mapper.models import Mention, Toponym
from mapper.resolve import resolve_mention, resolve_mentions

GAZ = gazetteer()


def _mention(surface, relation="in", sentence=None, **topo):
    ids = tuple(p.id for p in GAZ if surface in (p.name, *p.alt_names))
    toponym = Toponym(surface=surface, start=0, end=len(surface), candidates=ids,
                      relation=relation, **topo)  # fmt: skip
    return Mention(
        article_id="a",
        event_type="Battles",
        sub_event_type="Armed clash",
        sentence=sentence or f"Fighting broke out in {surface}.",
        start=0,
        end=10,
        toponym=toponym,
    )


def _km(loc, lat, lon):
    return geodesic((loc.lat, loc.lon), (lat, lon)).km


def test_in_a_town_is_the_town_itself():
    loc = resolve_mention(_mention("Daquq"), gazetteer=GAZ).location
    assert (loc.name, loc.geo_precision, loc.where_prec) == ("Daquq", 1, 1)
    assert loc.admin1 == "Kirkuk" and loc.place_id == "t:daquq"


def test_city_beats_governorate_of_the_same_name():
    loc = resolve_mention(_mention("Kirkuk"), gazetteer=GAZ).location
    assert loc.place_id == "t:kirkuk"


def test_province_is_precision_three_at_its_seat():
    m = _mention("Diyala", relation="region", sentence="Protests spread in Diyala province.")
    loc = resolve_mention(m, gazetteer=GAZ).location
    assert loc.geo_precision == 3
    assert loc.name == "Baqubah"  # the seat of the governorate


def test_direction_with_distance_is_offset():
    m = _mention("Kirkuk", relation="direction", bearing_deg=180.0, distance_km=20.0)
    loc = resolve_mention(m, gazetteer=GAZ).location
    assert loc.geo_precision == 2
    assert _km(loc, 35.4681, 44.3922) == pytest.approx(20.0, abs=0.5)
    assert loc.lat < 35.4681


def test_distance_claim_that_lands_on_a_town_is_that_town():
    # Kirkuk lies about 170 km south-east of Mosul: the claim describes Kirkuk
    m = _mention("Mosul", relation="direction", bearing_deg=135.0, distance_km=170.0)
    loc = resolve_mention(m, gazetteer=GAZ).location
    assert loc.name == "Kirkuk" and loc.geo_precision == 1


def test_outskirts_and_near_are_precision_two():
    m = _mention("Kirkuk", relation="outskirts", bearing_deg=180.0)
    loc = resolve_mention(m, gazetteer=GAZ).location
    assert loc.geo_precision == 2 and loc.lat < 35.4681
    assert _km(loc, 35.4681, 44.3922) < 5
    loc = resolve_mention(_mention("Hawija", relation="near"), gazetteer=GAZ).location
    assert loc.geo_precision == 2 and loc.name == "Hawija"


def test_between_uses_the_first_place():
    other = _mention("Baghdad").toponym
    m = _mention("Daquq", relation="between", other=other)
    loc = resolve_mention(m, gazetteer=GAZ).location
    assert loc.geo_precision == 2
    assert _km(loc, 35.1417, 44.4478) < 1


def test_context_picks_the_namesake_in_the_story_s_province():
    m = _mention(
        "Medina",
        sentence="Gunmen blew up the house of a Hawija council member in the village of Medina.",
    )
    loc = resolve_mention(m, gazetteer=GAZ).location
    assert loc.admin1 == "Kirkuk"


def test_abstains_without_a_place():
    m = _mention("Kirkuk")
    assert resolve_mention(dataclasses.replace(m, toponym=None), gazetteer=GAZ) is None
    empty = dataclasses.replace(m, toponym=dataclasses.replace(m.toponym, candidates=()))
    assert resolve_mention(empty, gazetteer=GAZ) is None


def test_resolve_mentions_drops_the_unplaceable():
    good = _mention("Mosul")
    bad = dataclasses.replace(good, toponym=None)
    out = resolve_mentions([good, bad], gazetteer=GAZ)
    assert len(out) == 1 and out[0].location.name == "Mosul"


def test_a_part_of_a_city_is_the_city_and_a_bare_side_of_a_big_city_is_outside_it():
    inside = _mention(
        "Baghdad", relation="direction", bearing_deg=0.0, sentence="A bomb hit northern Baghdad."
    )
    inside = dataclasses.replace(inside, sentence="A bomb went off in northern Baghdad.")
    loc = resolve_mention(inside, gazetteer=GAZ).location
    assert _km(loc, 33.3406, 44.4009) < 1 and loc.geo_precision == 2
    outside = _mention(
        "Baghdad", relation="direction", bearing_deg=0.0, sentence="A village north of Baghdad."
    )
    loc = resolve_mention(outside, gazetteer=GAZ).location
    assert loc.lat > 33.3406 and _km(loc, 33.3406, 44.4009) > 5
    town = _mention("Daquq", relation="direction", bearing_deg=0.0)
    loc = resolve_mention(town, gazetteer=GAZ).location
    assert _km(loc, 35.1417, 44.4478) < 1  # ACLED codes "a village north of X" at X


def test_a_site_of_the_named_kind_on_the_stated_side():
    from _extract_places import PLACES

    from mapper.gazetteer import Gazetteer
    from mapper.models import Place

    plant = Place("t:plant", "North power station", 35.655, 44.085, "facility", admin1="Kirkuk")
    gaz = Gazetteer.from_places([*PLACES, plant])
    m = _mention("Kirkuk", relation="direction", bearing_deg=0.0)
    m = dataclasses.replace(
        m, target="power plant", sentence="Gunmen attacked a power plant north of Kirkuk."
    )
    m = dataclasses.replace(m, toponym=dataclasses.replace(m.toponym, candidates=("t:kirkuk",)))
    loc = resolve_mention(m, gazetteer=gaz).location
    assert loc.place_id == "t:plant" and loc.geo_precision == 2
    south = dataclasses.replace(m, toponym=dataclasses.replace(m.toponym, bearing_deg=180.0))
    assert resolve_mention(south, gazetteer=gaz).location.place_id != "t:plant"


def test_of_two_namesakes_the_one_near_the_sentence_s_other_place_wins():
    from _extract_places import PLACES

    from mapper.gazetteer import Gazetteer
    from mapper.models import Place

    # two towns share a name; the sentence's other place (Baqubah, in Diyala) lies in
    # neither one's governorate, but one of them is a short drive from it
    gaz = Gazetteer.from_places(
        [
            *PLACES,
            Place("t:tal-south", "Umm Tal", 32.65, 44.07, "town", admin1="Kerbala",
                  population=60_000),
            Place("t:tal-north", "Umm Tal", 33.48, 44.50, "town", admin1="Baghdad",
                  population=20_000),
        ]
    )  # fmt: skip
    topo = Toponym(surface="Umm Tal", start=0, end=7, candidates=("t:tal-south", "t:tal-north"),
                   relation="in")  # fmt: skip
    base = _mention("Mosul")
    alone = dataclasses.replace(base, toponym=topo, sentence="A bomb went off in Umm Tal.")
    assert resolve_mention(alone, gazetteer=gaz).location.place_id == "t:tal-south"
    told = dataclasses.replace(
        base, toponym=topo, sentence="A bomb went off in Umm Tal, on the way to Baqubah."
    )
    assert resolve_mention(told, gazetteer=gaz).location.place_id == "t:tal-north"


def test_a_far_namesake_gives_way_to_a_respelt_place_near_the_story():
    from _extract_places import PLACES

    from mapper.gazetteer import Gazetteer
    from mapper.models import Place

    gaz = Gazetteer.from_places(
        [
            *PLACES,
            Place("t:baidar", "Baidar", 36.35, 43.14, "neighbourhood", admin1="Ninewa"),
            Place("t:badair", "Badair", 33.10, 44.58, "town", admin1="Baghdad"),
        ]
    )
    topo = Toponym(surface="Baidar", start=0, end=6, candidates=("t:baidar",), relation="in")
    base = _mention("Mosul")
    m = dataclasses.replace(
        base, toponym=topo, sentence="A bomb hit a market in the area of Baidar, south of Baghdad."
    )
    assert resolve_mention(m, gazetteer=gaz).location.place_id == "t:badair"
    # with nothing else named, the known record stands
    m = dataclasses.replace(base, toponym=topo, sentence="A bomb hit a market in Baidar.")
    assert resolve_mention(m, gazetteer=gaz).location.place_id == "t:baidar"


def test_a_city_district_is_its_namesake_quarter():
    from _extract_places import PLACES

    from mapper.gazetteer import Gazetteer
    from mapper.models import Place

    gaz = Gazetteer.from_places(
        [
            *PLACES,
            Place("t:adhamiya", "Adhamiya", 33.37, 44.36, "neighbourhood", admin1="Baghdad"),
            Place("t:adhamiya-d", "Adhamiya", 33.40, 44.40, "district", admin1="Baghdad"),
        ]
    )
    m = dataclasses.replace(
        _mention("Baghdad"),
        toponym=Toponym(
            surface="Adhamiya", start=0, end=8, candidates=("t:adhamiya-d",), relation="in"
        ),
        sentence="A bomb hit a market in the Adhamiya district of Baghdad.",
    )
    loc = resolve_mention(m, gazetteer=gaz).location
    assert (loc.place_id, loc.geo_precision) == ("t:adhamiya", 1)


def test_a_town_listed_with_a_far_town_keeps_its_own_place():
    m = _mention("Daquq", sentence="Protests were also held in Daquq and Basra.")
    assert resolve_mention(m, gazetteer=GAZ).location.place_id == "t:daquq"


def test_a_far_town_inside_a_longer_village_name_is_not_the_story_s_place():
    m = _mention(
        "Daquq",
        relation="near",
        sentence="A shell hit a house in the village of Umm Madinah near Daquq.",
    )
    assert resolve_mention(m, gazetteer=GAZ).location.place_id == "t:daquq"


def test_nearness_to_the_story_favours_a_town_not_a_province_s_middle():
    # the Kirkuk governorate's middle lies nearer Hawija than Kirkuk city does
    m = _mention("Kirkuk", sentence="Police made arrests in Kirkuk and in Hawija.")
    assert resolve_mention(m, gazetteer=GAZ).location.geo_precision == 1
