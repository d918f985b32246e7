"""Shared fixtures: a small incidents GeoDataFrame built through the real builder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import pytest

from mapper.incidents import to_geodataframe
from mapper.models import Evidence, Incident

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
DEV_CSV = SHARED / "eval" / "dev" / "acled_iraq_2018_dev.csv"


def _ev(field: str, article: str, quote: str) -> Evidence:
    return Evidence(field=field, article_id=article, start=0, end=len(quote), quote=quote)


def sample_incidents() -> list[Incident]:
    """Six incidents written for tests (facts only; the wording is ours)."""
    day = dt.date(2016, 10, 21)
    return [
        Incident(
            incident_id="IRQ-0001",
            event_type="Battles",
            sub_event_type="Armed clash",
            location="Kirkuk",
            lat=35.4681,
            lon=44.3922,
            geo_precision=1,
            where_prec=2,
            admin1="Kirkuk",
            admin2="Kirkuk",
            event_date=day,
            date_start=day,
            date_end=day,
            time_precision=1,
            actor1="Islamic State (Iraq)",
            actor2="Police Forces of Iraq (2014-)",
            fatalities=48,
            fatalities_low=48,
            fatalities_best=70,
            fatalities_high=94,
            deaths_b=48,
            wounded=100,
            sources=("DW", "The Sun"),
            article_ids=("a1", "a2"),
            source_count=2,
            layer="kirkuk-attacks",
            notes="Gunmen stormed government buildings in the city before dawn.",
            sub_locations=("Aruba", "Domiz"),
            evidence=(_ev("location", "a1", "Gunmen stormed buildings in Kirkuk."),),
        ),
        Incident(
            incident_id="IRQ-0002",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            location="Dibis power station",
            lat=35.6455,
            lon=44.0737,
            geo_precision=1,
            where_prec=1,
            admin1="Kirkuk",
            admin2="Dibis",
            event_date=day,
            date_start=day,
            date_end=day,
            time_precision=1,
            actor1="Islamic State (Iraq)",
            actor2="Civilians (Iraq)",
            fatalities=13,
            fatalities_low=13,
            fatalities_best=13,
            fatalities_high=13,
            deaths_civilians=13,
            sources=("The Sun",),
            article_ids=("a2",),
            source_count=1,
            claim_status="claimed",
            layer="kirkuk-attacks",
            notes="Workers were killed at a power station.",
        ),
        Incident(
            incident_id="IRQ-0003",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            location="Mosul",
            lat=36.34,
            lon=43.13,
            geo_precision=2,
            where_prec=2,
            admin1="Ninewa",
            admin2="Mosul",
            event_date=dt.date(2016, 10, 20),
            date_start=dt.date(2016, 10, 20),
            date_end=dt.date(2016, 10, 21),
            time_precision=2,
            actor1="Islamic State (Iraq)",
            actor2="Civilians (Iraq)",
            fatalities=284,
            fatalities_low=284,
            fatalities_best=284,
            fatalities_high=284,
            sources=("DW",),
            article_ids=("a1",),
            source_count=1,
            claim_status="unconfirmed",
            layer="mosul-front",
            notes="A broadcaster's unnamed source said hundreds were shot outside the city.",
        ),
        Incident(
            incident_id="IRQ-0004",
            event_type="Battles",
            sub_event_type="Government regains territory",
            location="Qaraqosh",
            lat=36.2692,
            lon=43.3775,
            geo_precision=1,
            where_prec=2,
            admin1="Ninewa",
            admin2="Al-Hamdaniya",
            event_date=dt.date(2016, 10, 22),
            date_start=dt.date(2016, 10, 22),
            date_end=dt.date(2016, 10, 22),
            time_precision=1,
            actor1="Military Forces of Iraq (2014-)",
            actor2="Islamic State (Iraq)",
            sources=("DW",),
            article_ids=("a1",),
            source_count=1,
            layer="mosul-front",
            notes="Soldiers entered the town.",
        ),
        Incident(
            incident_id="IRQ-0005",
            event_type="Battles",
            sub_event_type="Armed clash",
            location="Kirkuk",
            lat=35.38,
            lon=44.40,
            geo_precision=2,
            where_prec=3,
            admin1="Kirkuk",
            admin2="Kirkuk",
            actor1="Islamic State (Iraq)",
            actor2="Military Forces of Iraq (2014-)",
            fatalities=2,
            fatalities_low=2,
            fatalities_best=2,
            fatalities_high=2,
            deaths_a=2,
            sources=("Kurdistan 24",),
            article_ids=("a5",),
            source_count=1,
            layer="other",
            notes="An army post south of the city was ambushed <b>at night</b>.",
        ),
        Incident(
            incident_id="IRQ-0006",
            event_type="Explosions/Remote violence",
            sub_event_type="Remote explosive/landmine/IED",
            location="Anbar",
            lat=33.2,
            lon=42.5,
            geo_precision=3,
            where_prec=4,
            admin1="Anbar",
            event_date=dt.date(2018, 1, 3),
            date_start=dt.date(2018, 1, 3),
            date_end=dt.date(2018, 1, 3),
            time_precision=1,
            actor1="Unidentified Armed Group (Iraq)",
            actor2="Civilians (Iraq)",
            fatalities=1,
            fatalities_low=1,
            fatalities_best=1,
            fatalities_high=1,
            sources=("Example Wire",),
            article_ids=("a6",),
            source_count=1,
            layer="other",
            notes="A roadside bomb went off in the province.",
        ),
    ]


@pytest.fixture
def incidents_gdf() -> gpd.GeoDataFrame:
    """The six sample incidents as the real GeoDataFrame."""
    return to_geodataframe(sample_incidents())
