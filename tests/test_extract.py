"""extract_mentions end to end: our own example reports, and the seed articles."""

import datetime as dt
from pathlib import Path

import pytest
from _extract_places import PLACES, gazetteer

from mapper.extract import extract_mentions
from mapper.gazetteer import Gazetteer
from mapper.models import Article, Place
from mapper.resolve import resolve_mention

GAZ = gazetteer()
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

REPORT = (
    "Bombers hit Kirkuk as troops advance\n\n"
    "KIRKUK (Wire Service) – Islamic State militants attacked the main police headquarters "
    "in Kirkuk early on Friday, killing 11 policemen and wounding 30 others, officials said. "
    "Four of the attackers blew themselves up. "
    "In a separate attack, gunmen killed six workers at a power station north of Kirkuk. "
    "The group's news agency Amaq claimed the raid on the power station. "
    "Meanwhile, the prime minister arrived in Baghdad for talks. "
    "Analysts at the Erbil Institute said the group was active in Nineveh, Anbar, Diyala "
    "and Kirkuk provinces."
)


def _article(text, **kw):
    return Article(id=kw.pop("id", "t1"), text=text, **kw)


def test_one_mention_per_event_in_order():
    art = _article(REPORT, body_start=38, published=dt.date(2017, 3, 4))
    mentions = extract_mentions(art, gazetteer=GAZ)
    assert len(mentions) == 2
    main, plant = mentions
    assert main.toponym is not None and main.toponym.surface == "Kirkuk"
    assert main.toponym.relation in {"in", "near"}
    assert main.casualties.killed == 11
    assert main.casualties.wounded == 30
    assert main.actor1 == "Islamic State (Iraq)"
    assert main.actor2 == "Police Forces of Iraq (2014-)"
    assert main.event_date == dt.date(2017, 3, 3)
    assert main.time_precision == 1
    assert plant.toponym is not None and plant.toponym.relation == "direction"
    assert plant.toponym.bearing_deg == 0.0
    assert plant.casualties.killed == 6
    assert plant.claim_status == "claimed"
    assert plant.target == "power station"


def test_evidence_quotes_the_sentence_it_cites():
    art = _article(REPORT, body_start=38, published=dt.date(2017, 3, 4))
    main = extract_mentions(art, gazetteer=GAZ)[0]
    fields = {e.field for e in main.evidence}
    assert {"location", "event_type", "actor1", "event_date", "fatalities"} <= fields
    for e in main.evidence:
        assert e.article_id == "t1"
        assert REPORT[e.start : e.end] == e.quote


def test_mentions_only_places_make_no_mention():
    art = _article(REPORT, body_start=38, published=dt.date(2017, 3, 4))
    for m in extract_mentions(art, gazetteer=GAZ):
        placed = resolve_mention(m, gazetteer=GAZ)
        assert placed is not None and placed.location is not None
        assert placed.location.name not in {"Baghdad", "Erbil", "Nineveh", "Anbar", "Diyala"}


def test_sentence_without_place_inherits_the_article_place():
    text = "Clashes in Hawija\n\nFighting broke out after dusk. Three soldiers were killed."
    mentions = extract_mentions(_article(text, body_start=19), gazetteer=GAZ)
    assert len(mentions) == 1
    assert mentions[0].toponym is not None and mentions[0].toponym.surface == "Hawija"
    assert mentions[0].casualties.killed == 3


def test_dates_are_not_invented():
    text = "A roadside bomb exploded in Daquq on Tuesday, wounding two farmers."
    (m,) = extract_mentions(_article(text), gazetteer=GAZ)
    assert m.event_date is None and m.time_precision is None
    (m,) = extract_mentions(_article(text, published=dt.date(2019, 6, 6)), gazetteer=GAZ)
    assert m.event_date == dt.date(2019, 6, 4)


def test_publication_day_is_marked_as_inferred():
    text = "A roadside bomb exploded in Daquq, wounding two farmers."
    (m,) = extract_mentions(_article(text, published=dt.date(2019, 6, 6)), gazetteer=GAZ)
    assert m.event_date == dt.date(2019, 6, 6)
    assert m.date_inferred


@pytest.mark.parametrize(
    "text",
    ["", "   ", "The weather in Kirkuk was mild.", "Kirkuk is an oil city in the north."],
)
def test_no_event_no_mention(text):
    assert extract_mentions(_article(text), gazetteer=GAZ) == []


def test_unconfirmed_report():
    text = (
        "Militants killed 40 villagers near Mosul, according to an anonymous source. "
        "The broadcaster said it could not confirm the account."
    )
    (m,) = extract_mentions(_article(text), gazetteer=GAZ)
    assert m.claim_status == "unconfirmed"
    assert m.casualties.killed == 40
    assert m.event_type == "Violence against civilians"


# ---------------------------------------------------------------- the seed articles

_NOT_EVENTS = {"London", "Washington", "Doha", "Erbil", "Ankara", "Tehran"}


def _seed_mentions(name):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    from mapper.gazetteer import Gazetteer
    from mapper.ingest import iter_articles

    gaz = Gazetteer.default()
    (art,) = list(iter_articles([str(SEEDS / name)]))
    out = []
    for m in extract_mentions(art, gazetteer=gaz):
        placed = resolve_mention(m, gazetteer=gaz)
        if placed is not None and placed.location is not None:
            out.append(placed)
    return out


def _seed(prefix):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.name


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_mentions_only_places_stay_off_the_map(prefix):
    mentions = _seed_mentions(_seed(prefix))
    assert mentions, "the seed reports at least one event"
    for m in mentions:
        assert m.location is not None
        assert m.location.name not in _NOT_EVENTS
        if prefix in {"001", "004"}:
            assert m.location.admin1 != "Baghdad"
        if prefix == "004":
            assert m.location.feature_type != "governorate"


def test_seed_kirkuk_assault_is_the_main_event():
    for prefix in ["000", "001", "002", "003"]:
        main = _seed_mentions(_seed(prefix))[0]
        assert main.location is not None
        assert main.location.admin1 == "Kirkuk"
        assert "Islamic State (Iraq)" in {main.actor1, main.actor2}


def test_seed_mosul_grave_and_qaraqosh():
    mentions = _seed_mentions(_seed("001"))
    grave = [m for m in mentions if m.casualties.killed == 284]
    assert len(grave) == 1
    assert grave[0].claim_status == "unconfirmed"
    assert grave[0].location is not None and grave[0].location.admin1 == "Ninewa"
    qaraqosh = [m for m in mentions if m.toponym is not None and m.toponym.surface == "Qaraqosh"]
    assert len(qaraqosh) == 1


def test_seed_power_plant_and_sleeper_cell_ambush():
    plant = [m for m in _seed_mentions(_seed("003")) if m.claim_status == "claimed"]
    assert plant and plant[0].location is not None and plant[0].location.admin1 == "Kirkuk"
    (ambush,) = _seed_mentions(_seed("004"))
    assert ambush.casualties.killed == 2
    assert ambush.actor1 == "Islamic State (Iraq)"
    assert ambush.actor2 == "Military Forces of Iraq (2014-)"
    assert ambush.location is not None and ambush.location.geo_precision == 2
    assert ambush.event_date is None  # the text gives a weekday but no date to hang it on


def test_a_headline_never_makes_an_event_of_its_own():
    text = (
        "Bombs rock Kirkuk as ministers meet in Baghdad\n\n"
        "Two car bombs exploded at a market in Kirkuk on Thursday, killing nine people. "
        "No group claimed responsibility for the attack."
    )
    mentions = extract_mentions(_article(text, body_start=48), gazetteer=GAZ)
    assert len(mentions) == 1
    (m,) = mentions
    assert m.toponym is not None and m.toponym.surface == "Kirkuk"
    assert m.casualties.killed == 9
    assert m.claim_status == "reported"  # nobody claimed it


def test_a_command_named_for_a_city_places_its_finds_in_the_area_not_the_city():
    text = (
        "Troops of the Kirkuk Operations Command found and destroyed twelve roadside "
        "bombs in farmland on Tuesday."
    )
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert len(mentions) == 1
    assert mentions[0].toponym is not None
    assert mentions[0].toponym.relation == "region"
    resolved = resolve_mention(mentions[0], gazetteer=GAZ)
    assert resolved is not None and resolved.location is not None
    assert resolved.location.geo_precision == 3


def test_a_small_named_area_says_more_than_its_province():
    from _extract_places import PLACES

    from mapper.gazetteer import Gazetteer
    from mapper.models import Place

    gaz = Gazetteer.from_places(
        [
            *PLACES,
            Place(
                "t:karam",
                "Wadi Karam",
                34.35,
                44.15,
                "region",
                admin1="Sala al-Din",
                precision_km=20.0,
            ),
            Place(
                "t:desert",
                "Western Desert",
                33.0,
                41.0,
                "region",
                admin1="Anbar",
                precision_km=250.0,
            ),
        ]
    )
    text = "Gunmen killed a shepherd in the Wadi Karam area of northern Diyala on Monday."
    (m,) = extract_mentions(_article(text), gazetteer=gaz)
    assert m.toponym is not None and m.toponym.surface == "Wadi Karam"
    # a region as wide as a province or wider says no more than the province
    text = "Gunmen killed a shepherd in the Western Desert of Anbar on Monday."
    (m,) = extract_mentions(_article(text), gazetteer=gaz)
    assert m.toponym is not None and m.toponym.surface == "Anbar"


def test_the_province_of_the_event_just_told_is_no_new_event():
    first = "A car bomb exploded at a market in Ramadi on Monday, killing four people. "
    text = first + "The blast happened close to the Anbar governorate building."
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert [m.toponym.surface for m in mentions if m.toponym] == ["Ramadi"]
    assert mentions[0].casualties.killed == 4
    # ... unless the report says it moves on to another event
    text = first + "Elsewhere in Anbar province, gunmen shot dead a shepherd."
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert [m.toponym.surface for m in mentions if m.toponym] == ["Ramadi", "Anbar"]


def test_a_headline_joins_a_later_event_only_when_it_tells_the_same_kind():
    text = (
        "Gunmen kidnap a farmer near Hawija\n\n"
        "Militants abducted a farmer from his field south-west of Kirkuk on Tuesday. "
        "Two days earlier, militants shot dead three members of a family near Hawija."
    )
    art = _article(text, body_start=36, published=dt.date(2018, 11, 20))
    mentions = extract_mentions(art, gazetteer=GAZ)
    kinds = {m.toponym.surface: m.sub_event_type for m in mentions if m.toponym}
    assert kinds == {"Kirkuk": "Abduction/forced disappearance", "Hawija": "Attack"}
    hawija = next(m for m in mentions if m.toponym and m.toponym.surface == "Hawija")
    assert hawija.event_date == dt.date(2018, 11, 18)


def test_a_running_total_is_not_the_events_toll():
    text = (
        "Gunmen shot dead a village head near Baqubah on Monday night, police said. "
        "More than 20 village heads have been killed in Diyala since the start of the year."
    )
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert len(mentions) == 1
    assert mentions[0].casualties.killed == 1


def test_a_no_casualties_line_does_not_hide_a_weaker_event():
    # burning crops is property destruction (no attack word); "No casualties." alone
    # must not stand in for the event and then be dropped as no event at all
    text = "Militants set fire to crops and farmland near Daquq on Friday. No casualties."
    mentions = extract_mentions(_article(text, published=dt.date(2018, 3, 10)), gazetteer=GAZ)
    assert [(m.sub_event_type, m.toponym.surface if m.toponym else None) for m in mentions] == [
        ("Looting/property destruction", "Daquq")
    ]


def test_bodies_found_are_an_attack_with_their_toll():
    text = "Farmers found the bodies of two men with gunshot wounds in an orchard near Hawija."
    (m,) = extract_mentions(_article(text), gazetteer=GAZ)
    assert (m.sub_event_type, m.casualties.killed) == ("Attack", 2)


def test_a_sentence_going_on_about_the_event_places_it_more_closely():
    text = (
        "Gunmen shot dead a shepherd south of Kirkuk on Monday night, police said. "
        "The attackers burst into his home in the village of Bashir and opened fire."
    )
    (m,) = extract_mentions(_article(text), gazetteer=GAZ)
    assert m.toponym is not None and m.toponym.surface == "Bashir"
    assert m.casualties.killed == 1
    # a sentence that says it is another event keeps its own place
    text = text.replace("The attackers burst", "Later, other gunmen burst")
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert [m.toponym.surface for m in mentions if m.toponym] == ["Kirkuk", "Bashir"]


def test_an_event_in_a_list_of_towns_is_one_event_in_each():
    text = "Hundreds of teachers protested over unpaid wages in Daquq and Hawija on Sunday."
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert [(m.toponym.surface, m.sub_event_type) for m in mentions if m.toponym] == [
        ("Daquq", "Peaceful protest"),
        ("Hawija", "Peaceful protest"),
    ]
    # a toll for the whole list cannot be split between the towns
    text = "Bombs killed five people in Daquq and Hawija on Sunday."
    assert len(extract_mentions(_article(text), gazetteer=GAZ)) == 1


def test_a_list_of_towns_may_name_each_town_s_kind():
    text = "Police arrested twelve suspects in raids in the city of Kirkuk and the town of Hawija."
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert [m.toponym.surface for m in mentions if m.toponym] == ["Kirkuk", "Hawija"]


def test_a_quarter_of_the_side_of_town_the_event_is_in_is_the_same_event():
    text = (
        "Troops pushed into the eastern districts of Mosul on Friday, fighting the militants. "
        "Special forces entered the Karama neighbourhood after heavy clashes, killing 20 militants."
    )
    gaz = Gazetteer.from_places(
        [*PLACES, Place("t:karama", "Karama", 36.35, 43.19, "neighbourhood", parent="t:mosul")]
    )
    mentions = extract_mentions(_article(text), gazetteer=gaz)
    assert len(mentions) == 1 and mentions[0].casualties.killed == 20


def test_the_next_sentence_may_say_where_an_unplaced_event_happened():
    text = (
        "Jets struck five militant sites overnight, killing 12 fighters. "
        "Three of the sites were near the town of Hawija, officials said. "
        "The raid came two days after a rocket attack near Kirkuk killed a contractor."
    )
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert [(m.toponym.surface, m.casualties.killed) for m in mentions if m.toponym] == [
        ("Hawija", 12),
        ("Kirkuk", 1),
    ]


def test_an_event_dated_long_before_the_report_is_history():
    text = (
        "Families gathered in Hawija on Friday to remember the victims. "
        "In August 2014, militants killed dozens of men in villages around Hawija."
    )
    art = _article(text, published=dt.date(2018, 8, 3))
    assert extract_mentions(art, gazetteer=GAZ) == []


def test_a_sentence_set_at_another_time_is_another_event():
    text = (
        "Two policemen were killed on Tuesday when militants attacked their checkpoint "
        "near Hawija. Last month, four soldiers were killed in a similar ambush near Hawija."
    )
    mentions = extract_mentions(_article(text), gazetteer=GAZ)
    assert [m.casualties.killed for m in mentions] == [2, 4]


def test_how_a_protest_was_met_is_part_of_it():
    text = (
        "Hundreds of protesters blocked the main road into Basra on Sunday, demanding jobs. "
        "Security forces fired tear gas to disperse them."
    )
    (m,) = extract_mentions(_article(text), gazetteer=GAZ)
    assert m.sub_event_type == "Protest with intervention"


def test_a_source_s_town_does_not_place_an_unplaced_event():
    text = (
        "Residents said rockets hit their neighbourhood on Monday, killing two people. "
        "A police officer in Hawija said troops were sent to Daquq within the hour. "
        "Schools in Daquq stayed closed the next day."
    )
    (m,) = extract_mentions(_article(text), gazetteer=GAZ)
    assert m.toponym is not None and m.toponym.surface == "Daquq"


def test_the_attack_took_place_n_km_from_the_town_is_the_same_attack_placed_exactly():
    text = (
        "Gunmen abducted three farmers from Daquq on Friday, officials said. "
        "The attack took place about 15 kilometres east of Daquq, on a farm road."
    )
    (m,) = extract_mentions(_article(text), gazetteer=GAZ)
    assert m.toponym is not None and m.toponym.distance_km == 15.0


BUNDLED = Gazetteer.default()


def _placed(text, published=dt.date(2018, 5, 11)):
    art = _article(text, published=published)
    out = []
    for m in extract_mentions(art, gazetteer=BUNDLED):
        r = resolve_mention(m, gazetteer=BUNDLED)
        if r is not None:
            out.append(r)
    return out


def test_the_attackers_go_on_about_the_attack_just_told_at_the_same_town():
    text = (
        "Gunmen attacked a roadside cafe near Nasiriyah on Thursday, killing nine people. "
        "The attackers opened fire on customers on the highway west of Nasiriyah, "
        "wounding 14 others."
    )
    (m,) = _placed(text)
    assert (m.casualties.killed, m.casualties.wounded) == (9, 14)


def test_a_closer_place_inside_the_province_told_restates_the_event():
    text = (
        "Two soldiers were killed on Friday in an attack on an army post in northern "
        "Salahuddin province. The attack targeted a checkpoint near the village of Mutaibija."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Mutaibija"
    assert m.casualties.killed == 2


def test_the_attacker_at_a_road_to_another_city_is_still_the_attack_told():
    text = (
        "A car bomb went off at a checkpoint north of Hilla on Thursday, killing seven people. "
        "The attacker detonated his explosives at the checkpoint on the main road to Baghdad, "
        "wounding 40 people."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Hilla"


def test_a_claim_in_a_later_sentence_names_the_attacker_and_is_no_new_event():
    text = (
        "A roadside bomb killed four people at a market in Tuz Khurmatu on Sunday. "
        "The Islamic State group claimed the Tuz Khurmatu bombing in a statement online."
    )
    (m,) = _placed(text)
    assert m.actor1 == "Islamic State (Iraq)"
    assert m.claim_status == "claimed"
    assert any(e.field == "actor1" and "claimed" in e.quote for e in m.evidence)


def test_a_denied_claim_names_no_attacker():
    text = (
        "A roadside bomb killed four people at a market in Tuz Khurmatu on Sunday. "
        "No group has claimed the attack."
    )
    (m,) = _placed(text)
    assert m.actor1 == "Unidentified Armed Group (Iraq)"


def test_a_toll_update_is_not_the_day_of_the_attack():
    text = (
        "The death toll from a bombing at a checkpoint near Hilla rose to 18 on Friday, "
        "officials said. The bomber struck on Thursday, wounding 30 people."
    )
    (m,) = _placed(text, published=dt.date(2017, 3, 10))
    assert m.event_date == dt.date(2017, 3, 9)
    assert (m.casualties.killed, m.casualties.wounded) == (18, 30)


def test_a_quarter_of_a_city_the_report_never_names_is_a_namesake():
    # the gazetteer's only "Tayaran" is a Mosul quarter; this report is about Baghdad
    text = (
        "The death toll from a double bombing in central Baghdad rose to 31 on Tuesday. "
        "Two suicide bombers blew themselves up on Monday among labourers gathered at "
        "Tayaran Square, wounding more than 90 people."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.admin1 == "Baghdad"
    assert (m.casualties.killed, m.casualties.wounded) == (31, 90)


def test_a_suicide_car_bombing_is_a_suicide_bomb():
    (m,) = _placed("A suicide car bombing at a checkpoint near Hilla killed 18 people on Thursday.")
    assert m.sub_event_type == "Suicide bomb"


def test_a_toll_from_an_earlier_month_is_not_added_to_the_event():
    text = (
        "A Turkish drone strike on Makhmour camp killed two people on Tuesday night. "
        "The camp has been hit before. In December 2018, an air strike killed five people in "
        "the camp."
    )
    (m,) = _placed(text, published=dt.date(2019, 7, 17))
    assert m.casualties.killed == 2


def test_a_later_death_of_the_wounded_still_raises_the_toll():
    text = (
        "Two soldiers were killed and three wounded when militants attacked their post near "
        "Tarmiyah late on Thursday. Another soldier died in hospital on Monday, raising the toll "
        "to three."
    )
    (m,) = _placed(text, published=dt.date(2018, 10, 9))
    assert m.casualties.killed == 3
    assert m.event_date == dt.date(2018, 10, 4)


def test_a_trend_is_no_event():
    text = (
        "The district of Khanaqin has seen several kidnappings of shepherds in recent months. "
        "Turkish jets have struck the hills near Amedi three times this summer."
    )
    assert _placed(text) == []


def test_a_quote_giving_the_same_toll_places_the_blast_more_exactly_not_twice():
    text = (
        "Two policemen were killed and four wounded on Sunday when a roadside bomb struck their "
        'patrol on the road between Kirkuk and Daquq, police said. "The bomb went off near '
        'Taza, south of Kirkuk, killing two policemen and wounding four," an officer said.'
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Taza Khurmatu"
    assert (m.casualties.killed, m.casualties.wounded) == (2, 4)


def test_the_same_toll_at_two_nearby_towns_is_still_two_events():
    text = (
        "A roadside bomb killed two soldiers near Tarmiyah on Sunday. "
        "A roadside bomb killed two farmers near Dujail on Sunday."
    )
    assert [m.location.name for m in _placed(text)] == ["Tarmiyah", "Dujail"]


def test_a_quarter_called_a_district_is_the_quarter_itself():
    (m,) = _placed(
        "A bomb went off in a market in the Dora district of southern Baghdad on Sunday."
    )
    assert m.location is not None and m.location.name == "Dora"
    assert m.location.geo_precision == 1


def test_a_bare_name_in_the_headline_does_not_hide_the_body_s_district():
    head = "Artillery pounds Sidakan\n\n"
    text = head + (
        "Turkish artillery shelled several villages in the Sidakan subdistrict on Tuesday, "
        "burning orchards, the local mayor said."
    )
    art = _article(text, body_start=len(head), published=dt.date(2019, 6, 13))
    (m,) = [
        r
        for r in map(
            lambda x: resolve_mention(x, gazetteer=BUNDLED),
            extract_mentions(art, gazetteer=BUNDLED),
        )
        if r is not None
    ]
    assert m.location is not None and m.location.name == "Sidakan"
    assert m.location.geo_precision == 2


def test_an_attack_recalled_from_last_month_is_not_reported_again():
    text = (
        "A roadside bomb killed three soldiers near Tarmiyah on Monday, officers said. "
        "Last month, gunmen killed two shepherds near Dujail."
    )
    (m,) = _placed(text, published=dt.date(2018, 5, 16))
    assert m.location is not None and m.location.name == "Tarmiyah"


def test_events_of_the_same_week_in_a_roundup_are_all_kept():
    text = (
        "A roadside bomb killed three soldiers near Tarmiyah on Monday. "
        "On Saturday, gunmen killed two shepherds near Dujail."
    )
    names = [m.location.name for m in _placed(text, published=dt.date(2018, 5, 16))]
    assert names == ["Tarmiyah", "Dujail"]


def test_a_roundup_total_is_neither_an_event_nor_added_to_the_first_one():
    text = (
        "Seven people were killed in separate attacks across Iraq on Monday, police said. "
        "A roadside bomb killed two soldiers near Tarmiyah. "
        "Gunmen shot dead a shopkeeper in Dujail."
    )
    found = _placed(text, published=dt.date(2018, 5, 15))
    assert [(m.location.name, m.casualties.killed) for m in found] == [
        ("Tarmiyah", 2),
        ("Dujail", 1),
    ]


def test_a_roundup_told_alone_is_still_reported():
    (m,) = _placed("A series of bombings in Kirkuk killed nine people on Monday, police said.")
    assert m.location is not None and m.location.name == "Kirkuk"
    assert m.casualties.killed == 9


def test_a_sentence_for_a_past_bombing_and_an_offensive_to_come_are_no_events():
    text = (
        "A court sentenced a man to death on Sunday for his part in a 2016 truck bombing in "
        "Karrada that killed dozens. Troops are preparing for an offensive near Hit."
    )
    assert _placed(text) == []


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        (
            "Jets struck a hideout in Wadi al-Shay, southwest of Kirkuk, on Monday.",
            "Wadi al-Shay",
            2,
        ),
        (
            "A bomb killed two soldiers near Akashat, a mining town some 70 km north of Rutba.",
            "Akashat",
            2,
        ),
        ("A bomb killed a soldier in the Mushahada area of Tarmiyah district.", "Mushahada", 1),
        ("Police detained three men in Mosul's al-Zanjili neighbourhood.", "Zanjili", 1),
    ],
)
def test_the_place_a_landmark_describes_is_the_event_s_place(text, name, precision):
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == name
    assert m.location.geo_precision == precision


def test_a_place_said_to_lie_where_the_gazetteer_has_it_not_is_left_for_the_landmark():
    # the gazetteer's Qaraj lies north of Makhmur, not south
    (m,) = _placed("Militants killed two policemen in the area of Qaraj, south of Makhmur.")
    assert m.location is not None and m.location.name == "Makhmur"


def test_the_town_a_later_sentence_gives_places_a_killing_told_in_a_province():
    text = (
        "A tribal elder was shot dead in Diyala province on Sunday night, police said. "
        "Sheikh Hamid al-Juburi was killed by gunmen outside his home in Khanaqin late on Sunday."
    )
    (m,) = _placed(text, published=dt.date(2018, 3, 5))
    assert m.location is not None and m.location.name == "Khanaqin"
    assert m.sub_event_type == "Attack"
    assert m.casualties.killed == 1


def test_the_checkpoint_named_again_places_the_bombing_told_in_a_province():
    text = (
        "A car bomb exploded at a checkpoint in Salahuddin province on Wednesday, killing six "
        "soldiers. The checkpoint guards the southern entrance to Samarra, police said."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Samarra"


def test_another_attack_in_the_province_stays_another_event():
    text = (
        "A bomb killed two soldiers in Anbar province on Monday. "
        "Gunmen also killed a farmer near Hit."
    )
    assert len(_placed(text)) == 2


def test_a_strike_inside_syria_is_not_placed_in_iraq():
    text = (
        "Iraqi jets struck a militant command centre inside Syria on Sunday, "
        "the army said in Baghdad."
    )
    assert _placed(text) == []


def test_deaths_of_an_earlier_year_are_not_added_to_the_abduction():
    text = (
        "Gunmen abducted nine shepherds south of Rutba on Monday, an official said. "
        "In 2018, several shepherds were killed by landmines in the same area."
    )
    (m,) = _placed(text, published=dt.date(2019, 3, 12))
    assert m.casualties.killed == 0


def test_the_drone_s_own_town_places_a_strike_told_at_a_nearby_town():
    text = (
        "A Turkish drone strike killed three fighters in Sinjar on Monday, an official said. "
        "The drone hit a car carrying fighters of the Sinjar Resistance Units near the town "
        "of Khanasor, north of Mount Sinjar."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Khanah Sur"


def test_the_quarter_a_later_sentence_names_places_a_bombing_told_in_part_of_a_city():
    text = (
        "A sticky bomb killed a government employee in eastern Baghdad on Wednesday. "
        "The source said the device exploded as he started his car outside his house in the "
        "Baladiyat district."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Baladiyat"


def test_a_wave_told_first_keeps_each_bombing_told_after_it_with_the_wave_s_day():
    text = (
        "A wave of car bombs killed at least 20 people in and around Baghdad on Sunday. "
        "In Sadr City, a car bomb killed nine people at a market. "
        "A bomb killed four in Dora."
    )
    found = _placed(text, published=dt.date(2018, 3, 12))
    assert [(m.location.name, m.casualties.killed) for m in found] == [
        ("Sadr City", 9),
        ("Dora", 4),
    ]
    assert {m.event_date for m in found} == {dt.date(2018, 3, 11)}


def test_the_day_before_counts_from_the_event_just_told():
    text = (
        "A roadside bomb killed two soldiers near Tarmiyah on Thursday. "
        "The day before, Turkish jets bombed the Hakurk area."
    )
    found = _placed(text, published=dt.date(2020, 6, 19))
    assert [m.event_date for m in found] == [dt.date(2020, 6, 18), dt.date(2020, 6, 17)]


def test_a_toll_update_dates_the_attack_by_the_attack_s_own_day():
    text = (
        "The death toll from a truck bombing claimed by Islamic State at a crowded market in "
        "the centre of the city of Hilla rose to 31 on Friday, officials said. At least 60 "
        "people were wounded in Thursday's attack."
    )
    (m,) = _placed(text, published=dt.date(2017, 9, 16))
    assert m.event_date == dt.date(2017, 9, 14)
    assert (m.casualties.killed, m.casualties.wounded) == (31, 60)


def test_the_official_whose_town_names_his_post_is_not_the_place():
    (m,) = _placed("Turkish jets bombed the Hakurk area on Monday, the Sidakan district head said.")
    assert m.location is not None and m.location.name == "Hakurk"


def test_a_strike_list_goes_on_with_the_air_force_that_opened_it():
    text = (
        "On March 3, coalition forces conducted 6 strikes near Tal Afar, destroying two "
        "vehicles. Near Rawa, two strikes destroyed a tunnel."
    )
    found = _placed(text, published=dt.date(2017, 3, 5))
    assert [m.location.name for m in found] == ["Tal Afar", "Rawa"]
    assert {m.actor1 for m in found} == {"Global Coalition Against Daesh"}
    assert {m.event_date for m in found} == {dt.date(2017, 3, 3)}
    assert all(any(e.field == "actor1" for e in m.evidence) for m in found)


def test_a_shooting_the_day_before_a_bombing_in_the_same_town_is_another_event():
    text = (
        "A bomb killed six mourners at a funeral in Muqdadiya on Friday. "
        "On Thursday, gunmen shot dead a shopkeeper in Muqdadiya."
    )
    found = _placed(text, published=dt.date(2018, 3, 10))
    assert [(m.sub_event_type, m.casualties.killed) for m in found] == [
        ("Remote explosive/landmine/IED", 6),
        ("Attack", 1),
    ]


def test_shells_on_the_outskirts_of_two_villages_hit_both():
    text = "Turkish shells landed on the outskirts of Deraluk and Sheladze on Monday."
    found = _placed(text)
    assert [m.location.name for m in found] == ["Deraluk", "Sheladze"]
    assert {m.actor1 for m in found} == {"Military Forces of Turkey (2016-)"}


def test_a_force_at_a_town_is_no_longer_name_and_the_road_s_end_is_no_place():
    text = (
        "Iraqi forces clashed with the Peshmerga at Altun Kupri, on the road to Erbil, on Friday."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Altun Kupri"


def test_an_attack_in_iraq_told_after_a_strike_inside_syria_is_kept():
    text = (
        "Iraqi jets struck a militant base inside Syria on Sunday, a day after militants "
        "attacked a border post in western Anbar. On Saturday, militants attacked a border "
        "post near Qaim, killing two guards."
    )
    (m,) = _placed(text, published=dt.date(2018, 12, 31))
    assert m.location is not None and m.location.name == "Al-Qaim"
    assert m.event_date == dt.date(2018, 12, 29)


def test_a_town_stormed_after_a_wave_of_car_bombs_is_no_roundup():
    text = (
        "Militants stormed the government compound in Ramadi on Friday after a wave of suicide "
        "car bombings. At least 20 soldiers were killed in the fighting."
    )
    (m,) = _placed(text, published=dt.date(2015, 5, 16))
    assert m.location is not None and m.location.name == "Ramadi"
    assert m.event_date == dt.date(2015, 5, 15)


def test_a_past_bombing_on_the_eve_of_a_feast_and_a_campaign_s_month_stay_apart():
    text = (
        "A roadside bomb killed six labourers near Khan Bani Saad on Thursday. "
        "The town was the site of a truck bomb in July 2015, on the eve of the Eid holiday, "
        "that killed more than 100 people. "
        "Militants clashed with militiamen near Dhuluiya on Thursday, killing four. "
        "The United States began air strikes in August."
    )
    found = _placed(text, published=dt.date(2017, 1, 13))
    assert [(m.location.name, m.casualties.killed) for m in found] == [
        ("Bani Saad", 6),
        ("Dhuluiya", 4),
    ]


def test_a_killing_a_day_before_told_in_the_bombing_s_sentence_is_its_own_event():
    text = (
        "A bomb ripped through a funeral tent in Muqdadiya on Friday, killing six mourners, a "
        "day after gunmen shot dead a shopkeeper in the same town. On Thursday, gunmen shot "
        "dead the owner of a phone shop in Muqdadiya's main market."
    )
    found = _placed(text, published=dt.date(2017, 3, 11))
    assert [(m.sub_event_type, m.casualties.killed) for m in found] == [
        ("Remote explosive/landmine/IED", 6),
        ("Attack", 1),
    ]


def test_a_quoted_arrest_places_the_arrest_in_the_quarter_it_names():
    text = (
        "Security forces arrested a wanted man in Kirkuk on Monday, a source said. "
        '"A police force arrested the wanted man in the Domiz district, south of Kirkuk," '
        "the source told reporters."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Domiz"


def test_a_second_and_a_third_bomb_told_in_one_sentence_are_two_events():
    text = (
        "A car bomb killed nine people in Sadr City on Sunday. A second car bomb in Shaab "
        "killed five, and a third in Bayaa killed four."
    )
    found = _placed(text, published=dt.date(2018, 3, 12))
    assert [(m.location.name, m.casualties.killed) for m in found] == [
        ("Sadr City", 9),
        ("Shaab", 5),
        ("Bayaa", 4),
    ]
    assert all(e.quote == text[e.start : e.end] for m in found for e in m.evidence)


def test_the_deed_a_third_bomb_leaves_unnamed_is_the_one_named_before_it():
    text = "On Saturday a second car bomb in Shaab killed five, and a third in Bayaa killed four."
    found = _placed(text, published=dt.date(2018, 3, 12))
    assert [m.sub_event_type for m in found] == ["Remote explosive/landmine/IED"] * 2


def test_two_kinds_of_deed_in_two_places_told_in_one_sentence_are_two_events():
    text = (
        "A car bomb killed five people in Sadr City and a roadside bomb wounded three "
        "in Dora on Sunday, police said."
    )
    found = _placed(text, published=dt.date(2017, 3, 6))
    assert [
        (m.location.name, m.casualties.killed, m.casualties.wounded, m.date_start) for m in found
    ] == [
        ("Sadr City", 5, None, dt.date(2017, 3, 5)),
        ("Dora", 0, 3, dt.date(2017, 3, 5)),
    ]
    assert all(e.quote == text[e.start : e.end] for m in found for e in m.evidence)


def test_a_later_sentence_places_the_first_of_two_deeds_in_its_district():
    text = (
        "A farmer was killed by Turkish shelling in the Zakho district on Monday, while a "
        "Turkish drone killed two PKK fighters in Sinjar on Tuesday, officials said. The "
        "farmer was tending his orchard on a slope east of Zakho when the shells fell, the "
        "mayor said."
    )
    found = _placed(text, published=dt.date(2020, 6, 25))
    assert [(m.location.name, m.casualties.killed) for m in found] == [
        ("Zakho", 1),
        ("Sinjar", 2),
    ]


def test_two_bombs_in_one_place_told_in_one_sentence_stay_one_sentence():
    text = "A car bomb and a roadside bomb killed seven people in Sadr City on Sunday."
    (m,) = _placed(text, published=dt.date(2017, 3, 6))
    assert m.casualties.killed == 7


def test_the_targets_told_after_a_strike_are_its_second_side():
    text = "Turkish jets bombed villages near Sidakan on Monday. The targets were PKK positions."
    (m,) = _placed(text)
    assert (m.actor1, m.actor2) == (
        "Military Forces of Turkey (2016-)",
        "PKK: Kurdistan Workers Party",
    )


def test_a_national_total_told_by_a_commission_adds_no_toll_to_a_local_protest():
    text = (
        "Police fired tear gas at protesters outside the provincial council in Nasiriyah on "
        "Tuesday. A rights body said on Wednesday that 51 people had been killed across the "
        "country since the unrest began."
    )
    (m,) = _placed(text, published=dt.date(2019, 10, 3))
    assert m.location is not None and m.location.name == "Nasiriyah"
    assert m.casualties.killed == 0


def test_a_story_set_weeks_after_undated_attacks_does_not_report_them():
    text = (
        "A rocket landed near the US embassy in Baghdad on Sunday, causing no casualties. "
        "The incident comes weeks after rockets were fired at bases in Balad and Taji."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.admin1 == "Baghdad"


def test_air_strikes_that_back_troops_are_no_side_and_no_air_strike():
    (m,) = _placed("Iraqi troops backed by coalition air strikes retook Rutba on Thursday.")
    assert m.sub_event_type == "Government regains territory"
    assert m.actor2 != "Global Coalition Against Daesh"


def test_where_rockets_were_fired_from_is_not_where_they_hit():
    text = (
        "Three rockets hit Balad air base on Wednesday night, causing no casualties. "
        "The rockets were launched from an orchard in the Dujail district, police said."
    )
    (m,) = _placed(text)
    assert m.location is not None and "Balad" in m.location.name


def test_a_quarter_after_a_city_s_possessive_and_adjectives():
    (m,) = _placed("A rocket landed inside Baghdad's heavily fortified Green Zone on Sunday.")
    assert m.location is not None and m.location.name == "Green Zone"


def test_two_provinces_named_together_are_provinces():
    (m,) = _placed(
        "Militants set fire to wheat fields in Kirkuk and Salahuddin provinces on Monday."
    )
    assert m.location is not None and m.location.geo_precision == 3


def test_in_a_separate_incident_at_the_same_town_s_refinery_is_another_event():
    text = (
        "Gunmen abducted nine workers near the town of Baiji on Thursday. "
        "In a separate incident, army helicopters struck militant positions around the Baiji "
        "refinery, killing 14 militants."
    )
    kinds = [m.sub_event_type for m in _placed(text)]
    assert kinds == ["Abduction/forced disappearance", "Air/drone strike"]


def test_strikes_in_a_town_and_a_mountain_area_are_two_events():
    text = "Turkish jets struck PKK targets in Sinjar and in the Qandil mountains on Wednesday."
    assert len(_placed(text)) == 2


def test_a_headline_naming_several_events_gives_each_part_to_its_own():
    text = (
        "Roundup: bomb in Tarmiyah, mortar shells hit Tuz Khurmatu\n\n"
        "A bomb went off near a shop in Tarmiyah on Sunday, wounding two people. "
        "In Tuz Khurmatu, mortar rounds fell on a residential area, wounding a child."
    )
    art = Article(id="h", text=text, body_start=text.index("\n\n") + 2, title=text.split("\n")[0])
    kinds = {}
    for m in extract_mentions(art, gazetteer=BUNDLED):
        kinds[m.toponym.surface] = m.sub_event_type
    assert kinds["Tarmiyah"] == "Remote explosive/landmine/IED"


def test_police_say_in_a_headline_tells_who_reports_not_who_was_hit():
    text = (
        "Businessman kidnapped in Zubair, police say\n\n"
        "Gunmen kidnapped a businessman in Zubair on Sunday evening, a police source said."
    )
    art = Article(id="h", text=text, body_start=text.index("\n\n") + 2, title=text.split("\n")[0])
    (m,) = extract_mentions(art, gazetteer=BUNDLED)
    r = resolve_mention(m, gazetteer=BUNDLED)
    assert r is not None and r.actor2 == "Civilians (Iraq)"


def test_a_town_placed_n_km_from_another_governorate_s_city_is_that_town():
    text = "Mortar rounds landed in the town of Samarra, some 120 km north of Baghdad, killing two."
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Samarra"


def test_a_town_near_which_the_event_happened_inside_the_district_named_beside_it():
    text = "A drone struck a car near Batifa, in Zakho district, killing two fighters."
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Batifa"


def test_a_town_on_a_highway_places_the_event_better_than_the_highway():
    text = "A roadside bomb exploded on the Baghdad-Kirkuk highway near Tuz Khurmatu, killing two."
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Tuz Khurmatu"
    (m,) = _placed("A roadside bomb exploded on the Baghdad-Kirkuk highway, killing two.")
    assert m.location is not None and m.location.geo_precision == 2


def test_a_consulate_set_on_fire_in_a_city_is_in_that_city():
    (m,) = _placed("Protesters stormed and set fire to a consulate in Basra on Friday night.")
    assert m.location is not None and m.location.name == "Basra"
    assert m.event_type == "Riots"


def test_the_group_s_agency_names_the_attacker():
    text = (
        "A roadside bomb killed two soldiers in Tarmiyah on Sunday. "
        "The Amaq agency said the group's fighters carried out the attack."
    )
    (m,) = _placed(text)
    assert m.actor1 == "Islamic State (Iraq)"


def test_abi_is_abu_after_a_preposition():
    (m,) = _placed("A mortar shell killed a farmer in Abi Saida on Monday.")
    assert m.location is not None and m.location.name == "Abu Saida"


def test_the_so_called_wali_of_a_city_is_a_title_and_a_casualty():
    text = "Troops killed the so-called wali of Kirkuk in a raid near Hawija on Monday."
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Hawija"
    assert m.casualties.killed == 1


def test_a_town_north_of_another_governorate_s_city_is_that_town():
    text = "Two bombers attacked a police station in Samarra, north of Baghdad, killing seven."
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Samarra"


def test_the_town_the_attackers_entered_places_an_attack_told_in_a_province():
    text = (
        "Militants attacked a town in Iraq's western Anbar province on Monday, killing eight "
        "policemen. The militants entered Rutba from the desert before dawn."
    )
    (m,) = _placed(text)
    assert m.location is not None and m.location.name == "Rutba"


def test_only_the_day_it_was_told_bounds_the_event():
    text = "A security source stated, on Monday, that a bomb killed two soldiers in Tarmiyah."
    (m,) = _placed(text, published=dt.date(2018, 7, 25))
    assert m.event_date == dt.date(2018, 7, 23)
    assert m.date_end == dt.date(2018, 7, 23)


def test_a_namesake_abroad_is_not_an_iraqi_place():
    text = (
        "Turkish jets struck militant positions in Sinjar and in the Karachok area of "
        "northeastern Syria on Tuesday."
    )
    assert [m.location.name for m in _placed(text) if m.location] == ["Sinjar"]


def test_the_fourth_such_incident_is_still_this_incident():
    text = (
        "Explosions hit a weapons depot near Balad air base on Tuesday evening, the fourth "
        "such incident in a month, security sources said."
    )
    (m,) = _placed(text, published=dt.date(2019, 8, 21))
    assert m.event_date == dt.date(2019, 8, 20)


def test_a_bombing_recalled_less_than_a_week_before_adds_no_toll():
    text = (
        "Militants attacked a shrine in Balad late on Thursday, killing at least 35 people. "
        "The assault came less than a week after a truck bombing in Baghdad's Karrada "
        "district killed nearly 300 people."
    )
    (m, *_) = _placed(text, published=dt.date(2016, 7, 8))
    assert m.casualties.killed == 35


def test_a_town_the_next_sentence_names_that_way_places_an_attack_north_of_a_city():
    text = (
        "Militants attacked a shrine north of Baghdad on Thursday, killing 35 people. "
        "The attack targeted the shrine in the town of Balad, where families had gathered."
    )
    (m,) = _placed(text, published=dt.date(2016, 7, 8))
    assert m.location is not None and m.location.name == "Balad"


def test_a_town_near_a_base_that_hosts_warplanes_is_no_air_strike():
    text = (
        "A bomb killed three people in Balad on Monday. Balad lies near a large air base "
        "that has hosted F-16 warplanes."
    )
    assert [m.sub_event_type for m in _placed(text)] == ["Remote explosive/landmine/IED"]


def test_police_meeting_rioters_are_the_second_side():
    (m,) = _placed("Police fired tear gas at protesters who torched offices in Nasiriyah.")
    assert (m.actor1, m.actor2) == ("Rioters (Iraq)", "Police Forces of Iraq (2014-)")


def test_a_headline_s_date_gives_way_to_the_body_s_day():
    head = "March 10: Car bomb kills seven in Karrada"
    text = (
        head + "\n\nA car bomb killed seven people near a market in Karrada late on Thursday, "
        "police said."
    )
    art = _article(text, body_start=len(head) + 2, published=dt.date(2017, 3, 10))
    (m,) = extract_mentions(art, gazetteer=BUNDLED)
    assert m.date_start == dt.date(2017, 3, 9)


def test_the_fighting_told_again_is_the_clash_just_told():
    text = (
        "Two rival factions traded fire for hours in northern Basra on Saturday, leaving "
        "three dead. The fighting broke out in the Qurna district over a checkpoint."
    )
    found = _placed(text, published=dt.date(2018, 9, 9))
    assert [m.casualties.killed for m in found] == [3]
