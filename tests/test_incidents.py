import datetime as dt
import math
import random

import numpy as np
import pytest
from geopandas.testing import assert_geodataframe_equal

from mapper.incidents import (
    _ANY_TARGET,
    _candidate_pairs,
    _facility_kinds,
    _Item,
    _names_target,
    _pair_score,
    _pair_scores,
    _range,
    cluster_mentions,
    merge_mentions,
    to_geodataframe,
)
from mapper.layers import default_themes
from mapper.models import Casualties, Evidence, Location, Mention
from mapper.schema import CONTRACT_COLUMNS

FRI = dt.date(2016, 10, 21)  # a Friday
KIRKUK = Location("Kirkuk", 35.4681, 44.3922, 1, 2, "p:kirkuk", "Kirkuk", "Kirkuk", "city")
DOMIZ = Location("Domiz", 35.43, 44.37, 1, 1, "p:domiz", "Kirkuk", "Kirkuk", "neighbourhood")
NORTH_OF_KIRKUK = Location("Kirkuk", 35.58, 44.39, 2, 3, "p:kirkuk", "Kirkuk", "Kirkuk", "city")
DIBIS_PS = Location(
    "Dibis power station", 35.64, 44.07, 1, 1, "p:dibis-ps", "Kirkuk", "Dibis", "facility"
)
QARAQOSH = Location("Qaraqosh", 36.2692, 43.3775, 1, 2, "p:qaraqosh", "Ninewa", None, "town")
PARENTS = {"p:domiz": "p:kirkuk", "p:dibis-ps": "p:dibis"}


def mention(article, location, *, day=FRI, killed=None, high=None, wounded=None, **kw):
    casualties = Casualties()
    if killed is not None:
        casualties = Casualties(killed=killed, killed_high=high, wounded=wounded, stated=True)
    defaults = dict(
        event_type="Battles",
        sub_event_type="Armed clash",
        sentence="A sentence.",
        start=0,
        end=11,
        actor1="Islamic State (Iraq)",
        event_date=day,
        date_start=day,
        date_end=day,
        time_precision=1 if day else None,
        source=f"Outlet {article}",
        notes=f"What {article} says happened.",
        evidence=(Evidence("location", article, 0, 11, "A sentence."),),
    )
    defaults.update(kw)
    return Mention(article_id=article, location=location, casualties=casualties, **defaults)


def merged(mentions, **kw):
    return merge_mentions(mentions, themes=default_themes(), parents=PARENTS, **kw)


def test_reports_of_one_attack_become_one_incident_with_the_range_of_numbers():
    incidents = merged(
        [
            mention("a", KIRKUK, killed=48, high=48),
            mention("b", KIRKUK, killed=94, high=94, wounded=100),
            mention("c", KIRKUK, killed=41, high=41),
            mention("d", DOMIZ, sub_event_type="Armed clash"),
        ]
    )
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc.article_ids == ("a", "b", "c", "d")
    assert inc.source_count == 4
    assert inc.sources == ("Outlet a", "Outlet b", "Outlet c", "Outlet d")
    assert (inc.fatalities, inc.fatalities_low, inc.fatalities_best, inc.fatalities_high) == (
        41,
        41,
        48,
        94,
    )
    assert inc.wounded == 100
    assert inc.location == "Domiz" or inc.location == "Kirkuk"
    assert "Domiz" in inc.sub_locations or inc.location == "Domiz"
    assert inc.layer == "kirkuk-attacks"
    assert len(inc.evidence) == 4


def test_two_events_in_one_article_stay_apart():
    incidents = merged(
        [
            mention("a", KIRKUK, target="police headquarters"),
            mention("a", NORTH_OF_KIRKUK, target="power plant", start=50, end=60),
        ]
    )
    assert len(incidents) == 2


def test_power_plant_north_of_city_merges_with_the_named_power_station():
    incidents = merged(
        [
            mention("a", KIRKUK, target="police headquarters", killed=48),
            mention("a", NORTH_OF_KIRKUK, target="power plant", start=50, end=60, killed=13),
            mention("b", DIBIS_PS, claim_status="claimed"),
            mention("c", KIRKUK, killed=46),
        ]
    )
    assert len(incidents) == 2
    plant = next(i for i in incidents if i.location == "Dibis power station")
    assert plant.article_ids == ("a", "b")
    assert plant.fatalities == 13
    city = next(i for i in incidents if i.location == "Kirkuk")
    assert city.article_ids == ("a", "c")


def test_distinct_named_places_do_not_merge():
    far = Location("Hawija", 35.32, 43.77, 1, 2, "p:hawija", "Kirkuk", "Hawija", "town")
    assert len(merged([mention("a", KIRKUK), mention("b", far)])) == 2


def test_undated_report_takes_the_date_of_the_matching_dated_report():
    incidents = merged(
        [
            mention("a", KIRKUK, killed=48),
            mention("b", KIRKUK, day=None, weekday=4),  # "on Friday"
        ]
    )
    assert len(incidents) == 1
    assert incidents[0].event_date == FRI
    assert incidents[0].date_inferred is True


@pytest.mark.parametrize(
    "extra",
    [
        {"weekday": 2},  # "on Wednesday": cannot be a Friday event
        {"not_before": dt.date(2017, 1, 1)},  # the article refers back to 2017
    ],
)
def test_undated_report_that_cannot_be_the_dated_event_stays_apart(extra):
    incidents = merged([mention("a", KIRKUK), mention("b", KIRKUK, day=None, **extra)])
    assert len(incidents) == 2
    undated = next(i for i in incidents if i.article_ids == ("b",))
    assert undated.event_date is None
    assert undated.layer == "other"


def test_events_years_apart_never_merge():
    incidents = merged([mention("a", KIRKUK), mention("b", KIRKUK, day=dt.date(2019, 10, 21))])
    assert len(incidents) == 2


def test_claim_status_combines_across_sources():
    alone = merged([mention("a", KIRKUK, claim_status="unconfirmed")])
    assert alone[0].claim_status == "unconfirmed"
    confirmed = merged([mention("a", KIRKUK, claim_status="unconfirmed"), mention("b", KIRKUK)])
    assert confirmed[0].claim_status == "reported"
    claims = merged(
        [mention("a", KIRKUK, claim_status="claimed"), mention("b", KIRKUK, claim_status="claimed")]
    )
    assert claims[0].claim_status == "claimed"


def test_no_merge_keeps_one_row_per_mention():
    incidents = merged([mention("a", KIRKUK), mention("b", KIRKUK)], merge=False)
    assert [i.article_ids for i in incidents] == [("a",), ("b",)]


def test_merging_is_order_independent():
    mentions = [
        mention("a", KIRKUK, killed=48, target="police headquarters"),
        mention("a", NORTH_OF_KIRKUK, target="power plant", start=50, end=60, killed=13),
        mention("b", DIBIS_PS),
        mention("c", KIRKUK, killed=46),
        mention("d", DOMIZ),
        mention(
            "e", QARAQOSH, day=dt.date(2016, 10, 22), sub_event_type="Government regains territory"
        ),
        mention("f", KIRKUK, day=None, weekday=2),
    ]
    expected = [i.incident_id for i in merged(mentions)]
    rng = random.Random(7)
    for _ in range(5):
        shuffled = mentions[:]
        rng.shuffle(shuffled)
        assert [i.incident_id for i in merged(shuffled)] == expected
    assert len(set(expected)) == len(expected)


def test_qaraqosh_goes_to_the_mosul_front_layer():
    inc = merged([mention("a", QARAQOSH, day=dt.date(2016, 10, 22))])[0]
    assert inc.layer == "mosul-front"


def test_blocking_pairs_only_nearby_mentions_on_nearby_days():
    items = [
        _Item(0, mention("a", KIRKUK), KIRKUK.lat, KIRKUK.lon, FRI, FRI),
        _Item(1, mention("b", KIRKUK), KIRKUK.lat, KIRKUK.lon, FRI, FRI),
        _Item(2, mention("c", QARAQOSH), QARAQOSH.lat, QARAQOSH.lon, FRI, FRI),
        _Item(
            3,
            mention("d", KIRKUK),
            KIRKUK.lat,
            KIRKUK.lon,
            dt.date(2017, 5, 1),
            dt.date(2017, 5, 1),
        ),
        _Item(4, mention("e", KIRKUK, day=None), KIRKUK.lat, KIRKUK.lon, None, None),
    ]
    pairs = set(_candidate_pairs(items))
    assert (0, 1) in pairs
    assert (0, 2) not in pairs and (0, 3) not in pairs
    assert {(0, 4), (1, 4), (3, 4)} <= pairs


def test_complete_linkage_does_not_chain_two_events():
    # b is compatible with a and with c, but a and c (same article) are two events.
    a = mention("x", KIRKUK)
    c = mention("x", KIRKUK, start=40, end=50, sub_event_type="Suicide bomb")
    b = mention("y", KIRKUK)
    clusters = cluster_mentions([a, b, c], parents=PARENTS)
    assert len(clusters) == 2


def test_geodataframe_has_every_contract_column_and_round_trips_points():
    gdf = to_geodataframe(merged([mention("a", KIRKUK), mention("b", QARAQOSH)]))
    assert set(CONTRACT_COLUMNS) <= set(gdf.columns)
    assert str(gdf.crs) == "EPSG:4326"
    for _, row in gdf.iterrows():
        assert row.geometry.x == row["longitude"] and row.geometry.y == row["latitude"]
    again = to_geodataframe(merged([mention("b", QARAQOSH), mention("a", KIRKUK)]))
    assert_geodataframe_equal(gdf, again)


def test_same_city_same_day_attacks_on_different_kinds_of_target_stay_apart():
    market = mention(
        "a", KIRKUK, evidence=(Evidence("location", "a", 0, 5, "A car bomb hit the market."),)
    )
    checkpoint = mention(
        "b", KIRKUK, evidence=(Evidence("location", "b", 0, 5, "Gunmen fired on a checkpoint."),)
    )
    assert len(merged([market, checkpoint])) == 2


def test_a_raid_on_state_buildings_is_one_event_whichever_building_a_report_names():
    police = mention(
        "a",
        KIRKUK,
        evidence=(Evidence("location", "a", 0, 5, "They stormed the police headquarters."),),
    )
    offices = mention(
        "b",
        KIRKUK,
        evidence=(Evidence("location", "b", 0, 5, "Government buildings were attacked."),),
    )
    assert len(merged([police, offices])) == 1


def test_an_undated_report_at_a_busy_place_is_not_merged_at_random():
    busy = [mention(f"d{i}", KIRKUK, day=FRI - dt.timedelta(days=7 * i)) for i in range(50)]
    undated = mention("u", KIRKUK, day=None, weekday=4)
    incidents = merged([*busy, undated])
    assert any(i.article_ids == ("u",) for i in incidents)
    assert len(incidents) == 51


def test_pair_scores_over_arrays_equal_the_scalar_rule_bit_for_bit():
    rng = random.Random(7)
    places = [KIRKUK, DOMIZ, NORTH_OF_KIRKUK, DIBIS_PS, QARAQOSH]
    days = [None, FRI, FRI + dt.timedelta(days=1), FRI + dt.timedelta(days=3)]
    mentions = [
        mention(
            rng.choice("abcdef"),
            rng.choice(places),
            day=rng.choice(days),
            weekday=rng.choice([None, 4]),
            actor1=rng.choice([None, "Islamic State (Iraq)", "Police Forces of Iraq (2014-)"]),
            event_type=rng.choice(["Battles", "Explosions/Remote violence"]),
            target=rng.choice([None, "a power station", "a police checkpoint", "a market"]),
        )
        for _ in range(60)
    ]
    items = [
        _Item(i, m, m.location.lat, m.location.lon, *_range(m), _facility_kinds(m))
        for i, m in enumerate(mentions)
    ]
    pairs = [(i, j) for i in range(len(items)) for j in range(i + 1, len(items))]
    first, second = np.array(pairs).T
    scores = _pair_scores(items, first, second, PARENTS)
    for (i, j), score in zip(pairs, scores.tolist(), strict=True):
        expected = _pair_score(items[i], items[j], PARENTS)
        assert (math.isnan(score) and expected is None) or score == expected
    assert not np.isnan(scores).all() and np.isnan(scores).any()


def test_no_mentions_no_pairs():
    empty = np.array([], dtype=np.int64)
    assert len(_pair_scores([], empty, empty, PARENTS)) == 0
    assert cluster_mentions([], parents=PARENTS) == []


@pytest.mark.parametrize(
    "text",
    [
        "A POWER Station",
        "the Mosque",
        "BAZAARS",
        "Air Base",
        "govErnor's office",
        "in town",
        "\u017fhrine",
        "x",
    ],
)
def test_target_search_on_lowered_ascii_is_the_case_insensitive_one(text):
    assert _names_target(text) == bool(_ANY_TARGET.search(text))


def test_two_events_of_one_article_at_one_place_and_day_keep_distinct_ids():
    first = mention("a", KIRKUK, start=0, end=40)
    second = mention("a", KIRKUK, start=200, end=240)
    ids = [i.incident_id for i in merged([first, second], merge=False)]
    assert len(ids) == 2 and len(set(ids)) == 2
    again = [i.incident_id for i in merged([second, first], merge=False)]
    assert sorted(again) == sorted(ids)  # the same whatever the input order


def _busy_mentions(seed=11, n=200):
    """Dated mentions over related, unrelated and imprecise places, some at facilities."""
    rng = random.Random(seed)
    near_domiz = Location("Kirkuk", 35.47, 44.30, 2, 3, "p:kirkuk", "Kirkuk", "Kirkuk", "city")
    laylan = Location("Laylan", 35.42, 44.45, 1, 2, "p:laylan", "Kirkuk", "Kirkuk", "town")
    near_laylan = Location("Laylan", 35.40, 44.40, 2, 3, "p:laylan", "Kirkuk", "Kirkuk", "town")
    places = [KIRKUK, DOMIZ, NORTH_OF_KIRKUK, DIBIS_PS, QARAQOSH, near_domiz, laylan, near_laylan]
    mentions = [
        mention(
            f"a{rng.randrange(40)}",
            rng.choice(places),
            day=FRI + dt.timedelta(days=rng.randrange(6)),
            target=rng.choice([None, None, "a power station", "a police checkpoint", "a market"]),
            start=k,
        )
        for k in range(n)
    ]
    return mentions


def test_blocking_meets_every_mergeable_pair_of_dated_mentions():
    # the pairs that blocking leaves out must all be pairs that cannot merge
    mentions = _busy_mentions()
    items = [
        _Item(i, m, m.location.lat, m.location.lon, *_range(m), _facility_kinds(m))
        for i, m in enumerate(mentions)
    ]
    met = set(_candidate_pairs(items, PARENTS))
    mergeable = {
        (i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if _pair_score(items[i], items[j], PARENTS) is not None
    }
    assert mergeable and mergeable <= met
    assert len(met) < len(items) * (len(items) - 1) // 4  # and far from all pairs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clusters_are_those_of_complete_linkage_over_ranked_pairs(seed):
    # reference: take the pairs best first; join two clusters when every member of one
    # may merge with every member of the other
    mentions = _busy_mentions(seed, 120)
    ordered = sorted(mentions, key=lambda m: (m.article_id, m.start, m.end, m.event_type))
    items = [
        _Item(i, m, m.location.lat, m.location.lon, *_range(m), _facility_kinds(m))
        for i, m in enumerate(ordered)
    ]
    scored = [
        (-score, i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if (score := _pair_score(items[i], items[j], PARENTS)) is not None
    ]
    ok = {(i, j) for _, i, j in scored} | {(j, i) for _, i, j in scored}
    clusters = [{i} for i in range(len(items))]
    for _, i, j in sorted(scored):
        a = next(c for c in clusters if i in c)
        b = next(c for c in clusters if j in c)
        if a is not b and all((x, y) in ok for x in a for y in b):
            clusters.remove(b)
            a |= b
    index = {id(m): k for k, m in enumerate(ordered)}
    got = [[index[id(m)] for m in c] for c in cluster_mentions(mentions, parents=PARENTS)]
    assert got == sorted(sorted(c) for c in clusters)  # in order of their first member
    assert any(len(c) > 2 for c in got)
