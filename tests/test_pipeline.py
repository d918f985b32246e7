"""End to end on the five reference seeds (read from ../shared; skipped without it)."""

import datetime as dt
import random

import pytest
from geopy.distance import geodesic

import mapper
from conftest import SEEDS
from mapper.schema import CONTRACT_COLUMNS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")

KIRKUK = (35.468, 44.392)
DIBIS = (35.64, 44.07)  # the power station lies near the town, north-west of the city
MOSUL = (36.34, 43.13)
QARAQOSH = (36.27, 43.38)
# Places the seeds name that are not where anything happened (EXPECTED.md).
MENTION_ONLY = {
    "London": (51.51, -0.13),
    "Washington": (38.9, -77.04),
    "Doha": (25.29, 51.53),
    "Erbil": (36.19, 44.01),
    "Baghdad": (33.31, 44.37),
    "Ankara": (39.93, 32.86),
}


def km(row, point):
    return geodesic((row["latitude"], row["longitude"]), point).km


def seed_paths():
    return sorted(str(p) for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def seeds_gdf():
    return mapper.extract_incidents(seed_paths())


def article_ids(row):
    return {a.split("_")[0] for a in row["article_ids"]}


def test_schema_columns_and_crs(seeds_gdf):
    assert set(CONTRACT_COLUMNS) <= set(seeds_gdf.columns)
    assert str(seeds_gdf.crs) == "EPSG:4326"
    assert 1 <= len(seeds_gdf) <= 12


def test_k1_kirkuk_attack_is_one_incident_from_several_outlets(seeds_gdf):
    rows = [
        r for _, r in seeds_gdf.iterrows() if km(r, KIRKUK) < 15 and r["event_date"] == "2016-10-21"
    ]
    assert rows, "no incident in Kirkuk on 2016-10-21"
    k1 = max(rows, key=lambda r: r["source_count"])
    assert len(article_ids(k1) & {"000", "001", "002", "003"}) >= 3
    assert k1["fatalities_low"] <= k1["fatalities_high"]
    assert k1["fatalities_high"] > k1["fatalities_low"]  # the sources disagree
    assert k1["layer"] == "kirkuk-attacks"


def test_k2_dibis_power_station_from_both_reports(seeds_gdf):
    rows = [r for _, r in seeds_gdf.iterrows() if km(r, DIBIS) < 15]
    assert rows, "no incident at the Dibis power station"
    k2 = rows[0]
    assert {"000", "003"} <= article_ids(k2)
    assert k2["event_date"] == "2016-10-21"


def test_m1_mass_killing_near_mosul_is_unconfirmed(seeds_gdf):
    rows = [r for _, r in seeds_gdf.iterrows() if r["fatalities"] == 284]
    assert len(rows) == 1
    m1 = rows[0]
    assert km(m1, MOSUL) < 30
    assert m1["claim_status"] == "unconfirmed"


def test_m2_qaraqosh_on_the_mosul_front(seeds_gdf):
    rows = [r for _, r in seeds_gdf.iterrows() if km(r, QARAQOSH) < 5]
    assert rows
    assert rows[0]["event_date"] == "2016-10-22"
    assert rows[0]["layer"] == "mosul-front"


def test_s1_ambush_south_of_kirkuk_is_its_own_undated_incident(seeds_gdf):
    rows = [r for _, r in seeds_gdf.iterrows() if "004" in article_ids(r)]
    assert len(rows) == 1
    s1 = rows[0]
    assert article_ids(s1) == {"004"}
    assert s1["fatalities"] == 2
    assert not (s1["event_date"] or "").startswith("2016")
    assert km(s1, KIRKUK) < 40
    assert s1["latitude"] < KIRKUK[0]  # south of the city


@pytest.mark.parametrize("name", sorted(MENTION_ONLY))
def test_no_incident_at_places_only_mentioned(seeds_gdf, name):
    point = MENTION_ONLY[name]
    assert all(km(r, point) > 10 for _, r in seeds_gdf.iterrows()), name


def test_every_incident_lies_in_iraq(seeds_gdf):
    gaz = mapper.Gazetteer.default()
    for _, r in seeds_gdf.iterrows():
        assert gaz.contains(lat=r["latitude"], lon=r["longitude"])


def test_evidence_quotes_come_from_the_articles(seeds_gdf):
    texts = {}
    for _, r in seeds_gdf.iterrows():
        assert r["evidence"], r["incident_id"]
        for ev in r["evidence"]:
            assert ev["article_id"] in r["article_ids"]
            texts.setdefault(ev["article_id"], ev["quote"])
            assert ev["start"] < ev["end"]


def test_order_independent_ids(seeds_gdf):
    paths = seed_paths()
    random.Random(3).shuffle(paths)
    again = mapper.extract_incidents(paths)
    assert list(again["incident_id"]) == list(seeds_gdf["incident_id"])


def test_no_merge_names_exactly_one_article_per_row():
    gdf = mapper.extract_incidents(seed_paths(), merge=False)
    assert all(len(ids) == 1 for ids in gdf["article_ids"])


def test_dicts_work_like_files():
    text = (SEEDS / "001_9c877701e389a2a7.txt").read_text(encoding="utf-8")
    gdf = mapper.extract_incidents([{"id": "x", "text": text, "published": "2016-10-22"}])
    assert len(gdf) >= 1
    assert all(ids == ["x"] for ids in gdf["article_ids"])
    assert dt.date.fromisoformat(gdf["event_date"].dropna().min()) <= dt.date(2016, 10, 22)


def test_sub_locations_are_parts_of_the_incident_place(seeds_gdf):
    geocoder = mapper.IraqGazetteer()
    for _, r in seeds_gdf.iterrows():
        for name in r["sub_locations"]:
            found = geocoder.geocode(name)
            if found is not None:
                assert km(r, (found.latitude, found.longitude)) < 20, (r["location"], name)
