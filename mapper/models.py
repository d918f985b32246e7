"""The records that flow between the stages.

``ingest`` makes :class:`Article`; ``extract`` makes :class:`Mention` (with
:class:`Toponym`, :class:`Casualties`, :class:`Evidence`); ``resolve`` fills in the
mention's :class:`Location`; ``incidents`` merges mentions into :class:`Incident`.
All records are frozen, slotted dataclasses; coordinates are always named ``lat`` and
``lon``, never a bare tuple.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Casualties",
    "Evidence",
    "Incident",
    "Location",
    "Mention",
    "Place",
    "Toponym",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One news report, cleaned and ready for extraction.

    Character offsets of every later record index into ``text``, which is the
    headline, a blank line, and the cleaned body (``body_start`` is where the body
    begins).
    """

    id: str
    text: str
    title: str = ""
    body_start: int = 0
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    path: str | None = None


#: the widest named area (a valley, a mountain's spur) that is "part of a region"
SMALL_REGION_KM = 25.0


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer record."""

    id: str
    name: str
    lat: float
    lon: float
    feature_type: str
    alt_names: tuple[str, ...] = ()
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    parent: str | None = None
    source: str = ""
    precision_km: float = 1.0

    def to_dict(self) -> dict[str, object]:
        """Return the record as a plain dict (the ``raw`` of a geopy Location)."""
        return {
            "id": self.id,
            "name": self.name,
            "alt_names": list(self.alt_names),
            "feature_type": self.feature_type,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "population": self.population,
            "parent": self.parent,
            "source": self.source,
            "precision_km": self.precision_km,
        }

    @property
    def is_small_region(self) -> bool:
        """Whether this is a named area at most ``SMALL_REGION_KM`` wide.

        A valley or a mountain's spur says more than the governorate it lies in.
        """
        return self.feature_type == "region" and self.precision_km <= SMALL_REGION_KM

    def km_to(self, other: Place) -> float:
        """Return the distance to ``other`` in km (flat-earth: exact enough within Iraq)."""
        dlat = math.radians(other.lat - self.lat)
        dlon = math.radians(other.lon - self.lon) * math.cos(
            math.radians((self.lat + other.lat) / 2)
        )
        return 6371.0 * math.hypot(dlat, dlon)

    def bearing_to(self, other: Place) -> float:
        """Return the compass bearing to ``other`` in degrees (0 north, 90 east; flat-earth)."""
        dlat = other.lat - self.lat
        dlon = (other.lon - self.lon) * math.cos(math.radians((self.lat + other.lat) / 2))
        return (math.degrees(math.atan2(dlon, dlat)) + 360.0) % 360.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in which article a field's value came from."""

    field: str
    article_id: str
    start: int
    end: int
    quote: str

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict."""
        return {
            "field": self.field,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
        }


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in an article, with how the event relates to it.

    ``relation`` is ``"in"`` (the place itself), ``"near"``, ``"outskirts"``,
    ``"direction"`` (``bearing_deg``/``distance_km`` set), ``"between"`` (``other``
    set), or ``"region"`` (``"X province"``).
    """

    surface: str
    start: int
    end: int
    candidates: tuple[str, ...]
    relation: str = "in"
    bearing_deg: float | None = None
    distance_km: float | None = None
    other: Toponym | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed and wounded as one report states them.

    ``killed`` is ACLED's conservative count (lowest credible); ``killed_high`` the
    highest figure the same report gives. Per-group fields follow UCDP: side a
    (state forces), side b (non-state), civilians, unknown.
    """

    killed: int = 0
    killed_high: int | None = None
    wounded: int | None = None
    deaths_a: int = 0
    deaths_b: int = 0
    deaths_civilians: int = 0
    deaths_unknown: int = 0
    stated: bool = False


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved point for a mention."""

    name: str
    lat: float
    lon: float
    geo_precision: int
    where_prec: int
    place_id: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_type: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as one article reports it (before merging).

    ``target`` names what was hit when the text says so (``"power station"``,
    ``"police station"``, ``"checkpoint"``); ``sub_locations`` are other places of
    the same event (neighbourhoods, buildings); ``notes`` is one sentence saying what
    happened, in the article's words.

    When the article gives no absolute date, ``weekday`` (0 = Monday) keeps a stated
    day of the week ("on Wednesday") and ``not_before`` the earliest day the article
    can describe (it refers to a later year in the past tense); merging uses both to
    keep an undated report away from events it cannot be.
    """

    article_id: str
    event_type: str
    sub_event_type: str
    sentence: str
    start: int
    end: int
    toponym: Toponym | None = None
    location: Location | None = None
    actor1: str | None = None
    actor2: str | None = None
    event_date: dt.date | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int | None = None
    casualties: Casualties = field(default_factory=Casualties)
    claim_status: str = "reported"
    source: str | None = None
    notes: str = ""
    evidence: tuple[Evidence, ...] = ()
    sub_locations: tuple[str, ...] = ()
    target: str | None = None
    date_inferred: bool = False
    weekday: int | None = None
    not_before: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    """One event, merged from every report of it: one row of the GeoDataFrame."""

    incident_id: str
    event_type: str
    sub_event_type: str
    location: str
    lat: float
    lon: float
    geo_precision: int
    where_prec: int
    country: str = "Iraq"
    admin1: str | None = None
    admin2: str | None = None
    event_date: dt.date | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int | None = None
    date_inferred: bool = False
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    deaths_a: int | None = None
    deaths_b: int | None = None
    deaths_civilians: int | None = None
    deaths_unknown: int | None = None
    wounded: int | None = None
    sources: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    source_count: int = 0
    claim_status: str = "reported"
    layer: str = "other"
    notes: str = ""
    sub_locations: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
