"""Tests of the bundled Mosul-offensive timeline and the front lines (mapper.front)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import sample_incidents
from mapper import front
from mapper.incidents import to_geodataframe


def test_timeline_is_sorted_and_spans_the_offensive():
    rows = front.timeline()
    assert rows == tuple(sorted(rows, key=lambda p: (p.date, p.force, p.place)))
    assert rows[0].date == dt.date(2016, 10, 17)
    assert rows[-1].date == dt.date(2017, 7, 10)
    assert len(rows) >= 15


@pytest.mark.parametrize(
    ("place", "day"),
    [
        ("Bartella", "2016-10-20"),
        ("Qaraqosh (Bakhdida)", "2016-10-22"),
        ("Bashiqa", None),
        ("Hamam al-Alil", None),
        ("Gogjali", "2016-11-01"),
        ("East Mosul (left bank)", "2017-01-24"),
        ("Albu Saif", "2017-02-19"),
        ("Mosul airport", None),
        ("Mosul Old City", "2017-07-10"),
    ],
)
def test_timeline_has_the_milestones(place, day):
    matches = [p for p in front.timeline() if p.place == place]
    assert matches, place
    if day is not None:
        assert matches[0].date.isoformat() == day


def test_every_entry_is_sourced_and_near_mosul():
    for p in front.timeline():
        assert p.source and p.force and p.event
        km = front.haversine_km(lat1=p.lat, lon1=p.lon, lat2=front.MOSUL.lat, lon2=front.MOSUL.lon)
        assert km < 80, (p.place, km)


def test_front_lines_one_row_per_date():
    lines = front.front_lines()
    assert str(lines.crs) == "EPSG:4326"
    assert list(lines.columns[:4]) == ["date", "force", "places", "sources"]
    assert list(lines["date"]) == sorted({p.date.isoformat() for p in front.timeline()})
    assert set(lines.geometry.geom_type) == {"LineString"}
    assert lines["distance_kirkuk_km"].between(80, 200).all()
    # the front closes in on Mosul: the last line is near the city
    last = lines.iloc[-1]
    assert "Mosul Old City" in last["places"]
    assert "Khazir front" not in last["places"]


def test_overtaken_positions_drop_out():
    lines = front.front_lines().set_index("date")
    assert "Qayyarah" in lines.loc["2016-10-17", "places"]
    # once Hamam al-Alil is taken, Qayyarah (same southern sector, farther) is behind the front
    assert "Qayyarah;" not in lines.loc["2016-11-07", "places"] + ";"


def test_territorial_incidents_are_merged():
    base = sample_incidents()[3]  # "Government regains territory" at Qaraqosh
    gained = dataclasses.replace(
        base,
        incident_id="IRQ-T1",
        location="Karamles",
        lat=36.30,
        lon=43.41,
        event_date=dt.date(2016, 10, 24),
        actor1="Test Brigade",
    )
    far = dataclasses.replace(gained, incident_id="IRQ-T2", location="Basra", lat=30.5, lon=47.8)
    clash = dataclasses.replace(
        gained, incident_id="IRQ-T3", location="Nowhere", sub_event_type="Armed clash"
    )
    undated = dataclasses.replace(gained, incident_id="IRQ-T4", location="Undated", event_date=None)
    gdf = to_geodataframe([gained, far, clash, undated])
    lines = front.front_lines(gdf).set_index("date")
    assert "2016-10-24" in lines.index
    assert "Karamles" in lines.loc["2016-10-24", "places"]
    assert "Test Brigade" in lines.loc["2016-10-24", "force"]
    assert "IRQ-T1" in lines.loc["2016-10-24", "sources"]
    everything = " ".join(lines["places"])
    assert "Basra" not in everything and "Nowhere" not in everything
    assert "Undated" not in everything


def test_front_lines_ignore_bad_input_tables():
    assert len(front.front_lines(to_geodataframe([]))) == len(front.front_lines())


def test_axes_of_advance():
    axes = front.axes_of_advance().set_index("force")
    cts = axes.loc["Counter Terrorism Service"]
    assert cts["places"].startswith("Khazir front; Bartella; Gogjali")
    assert cts["places"].endswith("Mosul Old City")
    assert cts.geometry.geom_type == "LineString"
    assert (cts["date_start"], cts["date_end"]) == ("2016-10-17", "2017-07-10")


def test_haversine():
    assert front.haversine_km(lat1=0, lon1=0, lat2=0, lon2=1) == pytest.approx(111.2, abs=0.1)
    assert front.haversine_km(lat1=35, lon1=44, lat2=35, lon2=44) == 0
