"""Mentions → merged incidents → the incidents GeoDataFrame.

This module is the only place where a ``(lat, lon)`` pair becomes a shapely
``Point(lon, lat)`` (:func:`to_geodataframe`, with ``shapely.points(lon, lat)``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from mapper.layers import Theme, assign_layer
from mapper.models import Incident, Location, Mention
from mapper.schema import COLUMNS, INT_COLUMNS

__all__ = [
    "CRS",
    "build_incident",
    "cluster_mentions",
    "incident_row",
    "merge_mentions",
    "to_geodataframe",
]

CRS = "EPSG:4326"


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def incident_row(incident: Incident) -> dict[str, object]:
    """Return the schema columns of one incident as a plain dict (no geometry).

    Examples
    --------
    >>> row = incident_row(Incident(incident_id="IRQ-1", event_type="Battles",
    ...     sub_event_type="Armed clash", location="Kirkuk", lat=35.468, lon=44.392,
    ...     geo_precision=1, where_prec=2))
    >>> row["latitude"], row["longitude"], row["event_date"]
    (35.468, 44.392, None)
    """
    return {
        "incident_id": incident.incident_id,
        "event_date": _iso(incident.event_date),
        "date_start": _iso(incident.date_start),
        "date_end": _iso(incident.date_end),
        "time_precision": incident.time_precision,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1,
        "actor2": incident.actor2,
        "country": incident.country,
        "admin1": incident.admin1,
        "admin2": incident.admin2,
        "location": incident.location,
        "latitude": round(incident.lat, 4),
        "longitude": round(incident.lon, 4),
        "geo_precision": incident.geo_precision,
        "where_prec": incident.where_prec,
        "fatalities": incident.fatalities,
        "fatalities_low": incident.fatalities_low,
        "fatalities_best": incident.fatalities_best,
        "fatalities_high": incident.fatalities_high,
        "wounded": incident.wounded,
        "sources": list(incident.sources),
        "article_ids": list(incident.article_ids),
        "source_count": incident.source_count,
        "claim_status": incident.claim_status,
        "layer": incident.layer,
        "notes": incident.notes,
        "evidence": [e.to_dict() for e in incident.evidence],
        "deaths_a": incident.deaths_a,
        "deaths_b": incident.deaths_b,
        "deaths_civilians": incident.deaths_civilians,
        "deaths_unknown": incident.deaths_unknown,
        "date_inferred": incident.date_inferred,
        "sub_locations": list(incident.sub_locations),
    }


def to_geodataframe(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Build the incidents GeoDataFrame (EPSG:4326, every schema column).

    Rows keep the order given; integer columns use pandas' nullable ``Int64``;
    list columns hold Python lists; dates are ISO strings or ``None``.

    Examples
    --------
    >>> gdf = to_geodataframe([])
    >>> len(gdf), str(gdf.crs), list(gdf.columns)[:2]
    (0, 'EPSG:4326', ['incident_id', 'event_date'])
    """
    values: dict[str, list[object]] = {c: [] for c in COLUMNS}
    for incident in incidents:  # column by column: no second copy of the rows
        for column, value in incident_row(incident).items():
            values[column].append(value)
    # Text columns stay plain ``object`` with ``None`` for missing values, whatever the
    # rows hold, so that the dtypes (and null values) never depend on the content.
    frame = pd.DataFrame(
        {c: pd.Series(values.pop(c), dtype=object) for c in COLUMNS},
        columns=list(COLUMNS),
    )
    for column in INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    frame["latitude"] = frame["latitude"].astype("float64")
    frame["longitude"] = frame["longitude"].astype("float64")
    frame["date_inferred"] = frame["date_inferred"].astype("bool")
    # the one (lat, lon) -> Point(lon, lat) conversion, for all rows at once
    geometry = shapely.points(frame["longitude"].to_numpy(), frame["latitude"].to_numpy())
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)


# --------------------------------------------------------------------------- merging

#: Distance (km) within which two mentions of compatible places may be one event.
NEAR_KM = 30.0
#: Slack (days) on date ranges: "overnight" and time zones blur a day.
DATE_SLACK = dt.timedelta(days=1)
#: An undated mention is merged only when its place has at most this many mentions.
UNDATED_MAX_CANDIDATES = 40
#: Spatial blocking cell (degrees, at least NEAR_KM across); loose pairs come from neighbours.
CELL_DEG = 0.35

#: Tie-break between event types reported for one event: the more specific first.
TYPE_PRIORITY = (
    "Explosions/Remote violence",
    "Violence against civilians",
    "Battles",
    "Riots",
    "Protests",
    "Strategic developments",
)


@dataclass(slots=True)
class _Item:
    """A resolved mention with what merging needs precomputed."""

    index: int
    mention: Mention
    lat: float
    lon: float
    start: dt.date | None
    end: dt.date | None
    kinds: frozenset[str] = frozenset()
    #: latitude and longitude in radians and the cosine of the latitude, for ``_km``
    phi: float = 0.0
    lam: float = 0.0
    cos_phi: float = 1.0
    #: ``start`` and ``end`` as day numbers when both are known (a dated mention)
    first: int | None = None
    last: int | None = None

    def __post_init__(self) -> None:
        self.phi = math.radians(self.lat)
        self.lam = math.radians(self.lon)
        self.cos_phi = math.cos(self.phi)
        if self.start is not None and self.end is not None:
            self.first, self.last = self.start.toordinal(), self.end.toordinal()


def _range(m: Mention) -> tuple[dt.date | None, dt.date | None]:
    start = m.date_start or m.event_date
    end = m.date_end or m.event_date or start
    return start, end


def _dates_compatible(a: _Item, b: _Item) -> bool:
    if a.start is not None and b.start is not None:
        assert a.end is not None and b.end is not None
        return a.start - DATE_SLACK <= b.end and b.start - DATE_SLACK <= a.end
    if a.start is None and b.start is None:
        wa, wb = a.mention.weekday, b.mention.weekday
        return wa is None or wb is None or wa == wb
    undated, dated = (a, b) if a.start is None else (b, a)
    assert dated.start is not None and dated.end is not None
    bound = undated.mention.not_before
    if bound is not None and dated.end < bound:
        return False
    weekday = undated.mention.weekday
    if weekday is None:
        return True
    day = dated.start - DATE_SLACK
    while day <= dated.end + DATE_SLACK:
        if day.weekday() == weekday:
            return True
        day += dt.timedelta(days=1)
    return False


def _km(a: _Item, b: _Item) -> float:
    """Great-circle distance in km (haversine: ample for a 30 km threshold, and fast)."""
    if a.lat == b.lat and a.lon == b.lon:
        return 0.0  # what the formula gives; most pairs share their place
    h = (
        math.sin((b.phi - a.phi) / 2) ** 2
        + a.cos_phi * b.cos_phi * math.sin((b.lam - a.lam) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


_EARTH_RADIUS_KM = 6371.0088


_TARGET_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(r"\b(?:" + pattern + r")", re.IGNORECASE))
    for kind, pattern in (
        ("power", r"power (?:station|plant|line)s?|electricity|substation"),
        ("oil", r"refiner(?:y|ies)|oil (?:field|well|facilit)|pipelines?|gas (?:field|plant)"),
        (
            # Police, army and government buildings: raids on a city hit them together.
            "state",
            r"police (?:station|headquarters|hq|post|building)s?|checkpoints?|barracks"
            r"|(?:army|military|security) (?:post|position|base|headquarters|building)s?"
            r"|(?:air ?)?bases?\b|outposts?"
            r"|government (?:building|office|compound|headquarters)s?|council"
            r"|governor'?s? (?:office|building)|ministry|town hall|municipality",
        ),
        ("religious", r"mosques?|church(?:es)?|shrines?"),
        ("market", r"markets?|bazaars?"),
    )
)


#: Matches where any of ``_TARGET_KINDS`` does: one search rules most phrases out.
_ANY_TARGET = re.compile("|".join(p.pattern for _, p in _TARGET_KINDS), re.IGNORECASE)
#: The same, case-sensitive: its pattern is all lower case (see ``_names_target``).
_ANY_TARGET_LOWER = re.compile(_ANY_TARGET.pattern)


def _names_target(text: str) -> bool:
    """Return whether ``_ANY_TARGET`` matches ``text``.

    On ASCII text, matching regardless of case is matching the lower-cased text with
    the lower-case pattern, which runs twice as fast (Unicode text takes the
    case-insensitive pattern: some of its letters fold onto ASCII ones).

    Examples
    --------
    >>> _names_target("Gunmen stormed the Police Station"), _names_target("in the city")
    (True, False)
    """
    if text.isascii():
        return _ANY_TARGET_LOWER.search(text.lower()) is not None
    return _ANY_TARGET.search(text) is not None


def _target_kinds(text: str | None) -> frozenset[str]:
    """Return the kinds of facility a phrase names (a raid may hit several).

    Examples
    --------
    >>> sorted(_target_kinds("gunmen raided a police station and then a power plant"))
    ['power', 'state']
    >>> _target_kinds("security forces said") == frozenset()
    True
    """
    if not text or not _names_target(text):
        return frozenset()
    return frozenset(kind for kind, pattern in _TARGET_KINDS if pattern.search(text))


def _facility_kinds(m: Mention) -> frozenset[str]:
    """Return the kinds of facility a mention's event hit.

    Read from the stated target, the sentences the mention's evidence quotes, and a
    facility place it resolved to; empty when nothing names a facility.
    """
    quotes = {e.quote for e in m.evidence}
    kinds = _target_kinds(m.target).union(*(_target_kinds(q) for q in sorted(quotes)))
    if not kinds and m.location is not None and m.location.feature_type == "facility":
        kinds = _target_kinds(m.location.name)
    return kinds


def _place_related(a: Mention, b: Mention, parents: Mapping[str, str | None]) -> bool:
    la, lb = a.location, b.location
    assert la is not None and lb is not None
    if la.place_id is not None and la.place_id == lb.place_id:
        return True
    if la.place_id and lb.place_id:
        return parents.get(la.place_id) == lb.place_id or parents.get(lb.place_id) == la.place_id
    return False


def _pair_score(a: _Item, b: _Item, parents: Mapping[str, str | None]) -> float | None:
    """How alike two mentions are (higher is more alike); None when they cannot merge."""
    ma, mb = a.mention, b.mention
    if ma.article_id == mb.article_id:
        return None  # an article's extractor already split what it reports
    if a.first is not None and b.first is not None:
        assert a.last is not None and b.last is not None
        slack = DATE_SLACK.days  # _dates_compatible of two dated mentions, in day numbers
        if a.first - slack > b.last or b.first - slack > a.last:
            return None
    elif not _dates_compatible(a, b):
        return None
    la, lb = ma.location, mb.location
    assert la is not None and lb is not None
    km = _km(a, b)
    related = _place_related(ma, mb, parents)
    kinds_a, kinds_b = a.kinds, b.kinds
    same_kind = bool(kinds_a & kinds_b)
    if kinds_a and kinds_b and not same_kind:
        return None  # an attack on a power plant is not the raid on a police station
    if not related:
        if km > NEAR_KM:
            return None
        # Two distinct named places (both precision 1) are two events ...
        if la.geo_precision == 1 and lb.geo_precision == 1:
            # ... unless both stand for one facility of the same kind.
            if not same_kind:
                return None
        # A point near a place merges with another place only at the same kind of target.
        elif not same_kind and km > NEAR_KM / 3:
            return None
    score = 1.0 - min(km, NEAR_KM) / NEAR_KM
    score += 1.0 if related else 0.0
    score += 1.0 if same_kind else 0.0
    score += 0.5 if ma.event_type == mb.event_type else 0.0
    score += 0.25 if ma.actor1 == mb.actor1 and ma.actor1 is not None else 0.0
    if a.first is not None and a.first == b.first:
        score += 0.5
    return score


def _codes(values: Iterable[object], table: dict[object, int]) -> np.ndarray:
    """Return an integer code per value (equal values, equal codes; None is -1)."""
    return np.array(
        [-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=np.int64
    )


def _pair_scores(
    items: Sequence[_Item],
    first: np.ndarray,
    second: np.ndarray,
    parents: Mapping[str, str | None],
) -> np.ndarray:
    """Return :func:`_pair_score` of many pairs at once (NaN where it is None).

    Each test of ``_pair_score`` becomes a mask over all pairs, computed on per-mention
    arrays (text as integer codes, facility kinds as bits), and the score is the same
    sum of the same float terms in the same order, so that every score is bit-identical
    to the scalar one. Two parts stay in Python, on the few pairs that need them: the
    date test of a pair with an undated mention, and the distance between two
    different points (``_km``; zero at one point).
    """
    a, b = first, second
    mentions = [item.mention for item in items]
    locations = [m.location for m in mentions]
    assert all(loc is not None for loc in locations)
    texts: dict[object, int] = {}
    article = _codes((m.article_id for m in mentions), texts)
    event_type = _codes((m.event_type for m in mentions), texts)
    actor1 = _codes((m.actor1 for m in mentions), texts)
    place_ids = [loc.place_id for loc in locations if loc is not None]
    place = _codes(place_ids, texts)
    named = np.array([bool(p) for p in place_ids], dtype=bool)
    parent = _codes((parents.get(p) if p else None for p in place_ids), texts)
    precise = np.array(
        [loc is not None and loc.geo_precision == 1 for loc in locations], dtype=bool
    )
    bits = {kind: 1 << k for k, (kind, _) in enumerate(_TARGET_KINDS)}
    kinds = np.array([sum(bits[k] for k in item.kinds) for item in items], dtype=np.int64)
    dated = np.array([item.first is not None for item in items], dtype=bool)
    day1 = np.array([item.first or 0 for item in items], dtype=np.int64)
    day2 = np.array([item.last or 0 for item in items], dtype=np.int64)
    lat = np.array([item.lat for item in items], dtype=np.float64)
    lon = np.array([item.lon for item in items], dtype=np.float64)

    ok = article[a] != article[b]
    both_dated = dated[a] & dated[b]
    slack = DATE_SLACK.days
    ok &= ~(both_dated & ((day1[a] - slack > day2[b]) | (day1[b] - slack > day2[a])))
    for k in np.flatnonzero(ok & ~both_dated).tolist():
        ok[k] = _dates_compatible(items[a[k]], items[b[k]])
    same_kind = (kinds[a] & kinds[b]) != 0
    ok &= (kinds[a] == 0) | (kinds[b] == 0) | same_kind
    km = np.zeros(len(a), dtype=np.float64)
    apart = np.flatnonzero(ok & ((lat[a] != lat[b]) | (lon[a] != lon[b])))
    km[apart] = _km_many(items, a[apart], b[apart])
    related = ((place[a] != -1) & (place[a] == place[b])) | (
        named[a] & named[b] & ((parent[a] == place[b]) | (parent[b] == place[a]))
    )
    both_precise = precise[a] & precise[b]
    ok &= related | ~(
        (km > NEAR_KM)
        | (both_precise & ~same_kind)
        | (~both_precise & ~same_kind & (km > NEAR_KM / 3))
    )
    score = 1.0 - np.minimum(km, NEAR_KM) / NEAR_KM
    score = score + np.where(related, 1.0, 0.0)
    score = score + np.where(same_kind, 1.0, 0.0)
    score = score + np.where(event_type[a] == event_type[b], 0.5, 0.0)
    score = score + np.where((actor1[a] == actor1[b]) & (actor1[a] != -1), 0.25, 0.0)
    score = score + np.where(both_dated & (day1[a] == day1[b]), 0.5, 0.0)
    score[~ok] = np.nan
    return score


def _km_many(items: Sequence[_Item], first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Return ``_km`` of many pairs, bit for bit.

    The arithmetic runs on numpy arrays (IEEE operations, in the order ``_km`` does
    them); sine, power, square root and arc sine are Python's own ``math``
    functions and ``**``, mapped over the arrays, since numpy's may differ from them
    in the last bit.
    """

    def each(function: Any, values: np.ndarray, *args: Any) -> np.ndarray:
        return np.fromiter(map(function, values.tolist(), *args), np.float64, len(values))

    phi = np.array([item.phi for item in items], dtype=np.float64)
    lam = np.array([item.lam for item in items], dtype=np.float64)
    cos_phi = np.array([item.cos_phi for item in items], dtype=np.float64)
    a, b = first, second
    sin_phi = each(math.sin, (phi[b] - phi[a]) / 2)
    sin_lam = each(math.sin, (lam[b] - lam[a]) / 2)
    squared = itertools.repeat(2)  # x ** 2, as pow(x, 2)
    h = each(pow, sin_phi, squared) + cos_phi[a] * cos_phi[b] * each(pow, sin_lam, squared)
    return 2 * _EARTH_RADIUS_KM * each(math.asin, np.minimum(1.0, each(math.sqrt, h)))


def _neighbours(count: int, first: np.ndarray, second: np.ndarray) -> list[set[int]]:
    """Return, for each of ``count`` mentions, the set of those it pairs with (both ways)."""
    ends = np.concatenate([first, second])
    others = np.concatenate([second, first])
    order = np.argsort(ends, kind="stable")
    bounds = np.searchsorted(ends[order], np.arange(count + 1)).tolist()
    linked = others[order].tolist()
    return [set(linked[bounds[k] : bounds[k + 1]]) for k in range(count)]


def _cells(item: _Item) -> tuple[int, int]:
    return math.floor(item.lat / CELL_DEG), math.floor(item.lon / CELL_DEG)


def _place_keys(item: _Item, parents: Mapping[str, str | None]) -> set[str]:
    loc = item.mention.location
    assert loc is not None
    own = loc.place_id or f"{loc.lat:.3f},{loc.lon:.3f}"
    parent = parents.get(own)
    return {own, parent} if parent else {own}


def _loose(item: _Item) -> bool:
    """Return whether a mention may merge beyond its own place (see ``_pair_score``)."""
    loc = item.mention.location
    return bool(item.kinds) or (loc is not None and loc.geo_precision > 1)


def _candidate_pairs(
    items: Sequence[_Item], parents: Mapping[str, str | None] | None = None
) -> Iterator[tuple[int, int]]:
    """Yield index pairs worth scoring: blocking by place and time, never all pairs.

    The blocks follow the merge rule of ``_pair_score``. Every mention meets the
    mentions of its own place (or the place's parent or child) on nearby days; an
    undated one meets them on any day, when they are few enough to tell apart
    (``UNDATED_MAX_CANDIDATES``). Only a "loose" mention (a point near a place,
    or one that names a kind of facility) can merge with another place, so only those
    also meet the mentions of the neighbouring spatial cells on nearby days.
    """
    parents = parents or {}
    by_place_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_place: dict[str, list[int]] = defaultdict(list)
    by_cell_day: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    keys_of = [sorted(_place_keys(item, parents)) for item in items]
    for item in items:
        keys = keys_of[item.index]
        for key in keys:
            by_place[key].append(item.index)
        if item.start is not None and item.end is not None:
            first = item.start.toordinal()
            for day in range(first, min(item.end.toordinal(), first + _MAX_SPAN_DAYS) + 1):
                by_cell_day[(*_cells(item), day)].append(item.index)
                for key in keys:
                    by_place_day[(key, day)].append(item.index)
    # Each pair is yielded once, by the first of its two mentions whose query meets the
    # other: meeting is symmetric at a shared place on nearby days, between two loose
    # mentions in neighbouring cells, and between two undated mentions with few
    # candidates each; an undated mention is met only through its own query.
    dated = [item.start is not None and item.end is not None for item in items]
    loose = [_loose(item) for item in items]
    pool_size = [sum(len(by_place[key]) for key in keys) for keys in keys_of]
    for item in items:
        i = item.index
        keys = keys_of[i]
        met = {i}
        if not dated[i]:
            # With many reports at its place, which one an undated report matches is a
            # guess: it stays an incident of its own rather than being merged at random.
            if pool_size[i] > UNDATED_MAX_CANDIDATES:
                continue
            for j in (j for key in keys for j in by_place[key]):
                if j not in met:
                    met.add(j)
                    if j > i or dated[j] or pool_size[j] > UNDATED_MAX_CANDIDATES:
                        yield (i, j) if i < j else (j, i)
            continue
        assert item.start is not None and item.end is not None
        first = item.start.toordinal() - DATE_SLACK.days
        last = min(item.end.toordinal(), item.start.toordinal() + _MAX_SPAN_DAYS)
        days = range(first, last + DATE_SLACK.days + 1)
        # (the order of the pairs does not matter: they are ranked by score and index)
        met.update(*(by_place_day.get((key, day), ()) for key in keys for day in days))
        yield from ((i, j) for j in met if j > i)
        if loose[i]:
            row, col = _cells(item)
            cells = itertools.product((row - 1, row, row + 1), (col - 1, col, col + 1), days)
            near = set().union(*(by_cell_day.get(cell, ()) for cell in cells))
            near -= met
            yield from ((i, j) if i < j else (j, i) for j in near if j > i or not loose[j])


#: Longest date range (days) of a mention that blocking indexes day by day.
_MAX_SPAN_DAYS = 31


def cluster_mentions(
    mentions: Sequence[Mention], *, parents: Mapping[str, str | None]
) -> list[list[Mention]]:
    """Group resolved mentions that report the same event.

    Clusters grow by the most alike pairs first (complete linkage: every pair in a
    cluster must be mergeable), so one vague report cannot chain two distinct events
    together. The result does not depend on the input order.

    Parameters
    ----------
    mentions : sequence of Mention
        Resolved mentions (``location`` set); others are ignored.
    parents : mapping
        Place id → parent place id, to know that a neighbourhood is part of a city.
    """
    ordered = sorted(
        (m for m in mentions if m.location is not None),
        key=attrgetter("article_id", "start", "end", "event_type", "sub_event_type"),
    )
    items = []
    for i, m in enumerate(ordered):
        assert m.location is not None
        start, end = _range(m)
        items.append(_Item(i, m, m.location.lat, m.location.lon, start, end, _facility_kinds(m)))
    pairs = np.fromiter(
        itertools.chain.from_iterable(_candidate_pairs(items, parents)), dtype=np.int64
    ).reshape(-1, 2)
    scores = _pair_scores(items, pairs[:, 0], pairs[:, 1], parents)
    mergeable = ~np.isnan(scores)
    firsts, seconds, scores = pairs[mergeable, 0], pairs[mergeable, 1], scores[mergeable]
    compatible = _neighbours(len(items), firsts, seconds)
    # the most alike pairs first, ties by index (lexsort: the last key sorts first)
    order = np.lexsort((seconds, firsts, -scores))
    ranked = zip(firsts[order].tolist(), seconds[order].tolist(), strict=True)
    del pairs, scores, firsts, seconds, order
    cluster_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    for i, j in ranked:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        # every member of one cluster must be compatible with all of the other's
        # (a symmetric test: loop over the smaller cluster, most often a single mention)
        small, large = members[ci], members[cj]
        if len(small) > len(large):
            small, large = large, small
        if (
            compatible[small[0]].issuperset(large)
            if len(small) == 1
            else all(compatible[a].issuperset(large) for a in small)
        ):
            keep, drop = min(ci, cj), max(ci, cj)
            for k in members[drop]:
                cluster_of[k] = keep
            members[keep].extend(members.pop(drop))
    return [[items[k].mention for k in sorted(ks)] for _, ks in sorted(members.items())]


def _most_common(values: Iterable[str | None], *, priority: Sequence[str] = ()) -> str | None:
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    if len(counts) < 2:
        return next(iter(counts), None)

    def rank(value: str) -> tuple[int, int, str]:
        order = priority.index(value) if value in priority else len(priority)
        return (-counts[value], order, value)

    return min(counts, key=rank)


def _claim_status(cluster: Sequence[Mention]) -> str:
    statuses = [m.claim_status for m in cluster]
    if len({m.article_id for m in cluster}) == 1:
        return statuses[0]
    if all(s == "claimed" for s in statuses):
        return "claimed"
    # An unconfirmed claim stands confirmed once a second, independent report has it.
    return "reported"


def _incident_id(cluster: Sequence[Mention], *, location: Location, day: dt.date | None) -> str:
    key = "|".join(
        [
            # each mention is one sentence of one article: two events an article tells
            # at the same place on the same day keep apart
            ",".join(sorted({f"{m.article_id}@{m.start}" for m in cluster})),
            location.place_id or location.name,
            f"{location.lat:.4f},{location.lon:.4f}",
            day.isoformat() if day else "",
            ",".join(sorted({m.event_type for m in cluster})),
        ]
    )
    return "IRQ-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12].upper()


def build_incident(cluster: Sequence[Mention], *, themes: Sequence[Theme]) -> Incident:
    """Combine the mentions of one event into an :class:`~mapper.models.Incident`.

    The most precise location wins; the date is the dated reports' (undated ones take
    it, ``date_inferred``); fatalities are ACLED's lowest credible total with the
    range across sources kept; sources, article ids and evidence are all kept.
    """
    if not cluster:
        raise ValueError("an incident needs at least one mention")
    located = [m for m in cluster if m.location is not None]
    if not located:
        raise ValueError("an incident needs a resolved mention")
    place_votes = Counter(m.location.place_id or m.location.name for m in located if m.location)
    best = min(
        located,
        key=lambda m: (
            m.location.geo_precision if m.location else 9,
            -place_votes[(m.location.place_id or m.location.name) if m.location else ""],
            m.article_id,
            m.start,
        ),
    )
    location = best.location
    assert location is not None

    dated = [m for m in cluster if (m.event_date or m.date_start) is not None]
    event_date = date_start = date_end = None
    time_precision = None
    if dated:
        precise = min(m.time_precision or 3 for m in dated)
        days = sorted(
            m.event_date or m.date_start for m in dated if (m.time_precision or 3) == precise
        )  # type: ignore[type-var]
        event_date = days[0]
        date_start = min(_range(m)[0] for m in dated)  # type: ignore[type-var]
        date_end = max(_range(m)[1] for m in dated)  # type: ignore[type-var]
        time_precision = precise
    date_inferred = bool(dated) and len(dated) < len(cluster)

    stated = [m.casualties for m in cluster if m.casualties.stated]
    fatalities = 0
    low = best_count = high = None
    deaths: tuple[int | None, int | None, int | None, int | None] = (None, None, None, None)
    if stated:
        killed = sorted(c.killed for c in stated)
        fatalities = low = killed[0]
        high = max(max(c.killed_high or c.killed, c.killed) for c in stated)
        best_count = killed[(len(killed) - 1) // 2]
        detailed = max(stated, key=lambda c: (c.killed, c.deaths_a, c.deaths_b))
        deaths = (
            detailed.deaths_a,
            detailed.deaths_b,
            detailed.deaths_civilians,
            detailed.deaths_unknown,
        )
    wounded_values = [m.casualties.wounded for m in cluster if m.casualties.wounded is not None]
    wounded = min(wounded_values) if wounded_values else None

    event_type = _most_common((m.event_type for m in cluster), priority=TYPE_PRIORITY)
    assert event_type is not None
    sub_event_type = _most_common(m.sub_event_type for m in cluster if m.event_type == event_type)
    sub_locations = sorted(
        {s for m in cluster for s in m.sub_locations}
        | {m.location.name for m in located if m.location and m.location.name != location.name}
    )
    layer = assign_layer(
        themes,
        admin1=location.admin1,
        lat=location.lat,
        lon=location.lon,
        event_date=event_date,
        event_type=event_type,
        sub_event_type=sub_event_type or "",
    )
    evidence = tuple(
        sorted(
            (e for m in cluster for e in m.evidence),
            key=attrgetter("article_id", "start", "end", "field"),
        )
    )
    return Incident(
        incident_id=_incident_id(cluster, location=location, day=event_date),
        event_type=event_type,
        sub_event_type=sub_event_type or "",
        location=location.name,
        lat=location.lat,
        lon=location.lon,
        geo_precision=location.geo_precision,
        where_prec=location.where_prec,
        admin1=location.admin1,
        admin2=location.admin2,
        event_date=event_date,
        date_start=date_start,
        date_end=date_end,
        time_precision=time_precision,
        date_inferred=date_inferred,
        actor1=_most_common(m.actor1 for m in cluster),
        actor2=_most_common(m.actor2 for m in cluster),
        fatalities=fatalities,
        fatalities_low=low,
        fatalities_best=best_count,
        fatalities_high=high,
        deaths_a=deaths[0],
        deaths_b=deaths[1],
        deaths_civilians=deaths[2],
        deaths_unknown=deaths[3],
        wounded=wounded,
        sources=tuple(sorted({m.source for m in cluster if m.source})),
        article_ids=tuple(sorted({m.article_id for m in cluster})),
        source_count=len({m.article_id for m in cluster}),
        claim_status=_claim_status(cluster),
        layer=layer,
        notes=best.notes,
        sub_locations=tuple(sub_locations),
        evidence=evidence,
    )


def merge_mentions(
    mentions: Iterable[Mention],
    *,
    themes: Sequence[Theme],
    parents: Mapping[str, str | None] | None = None,
    merge: bool = True,
) -> list[Incident]:
    """Turn resolved mentions into incidents, merged across articles when ``merge``.

    The incidents come sorted by date (undated last), place and id, so that the
    output is the same whatever the order of the input.
    """
    located = [m for m in mentions if m.location is not None]
    if merge:
        clusters = cluster_mentions(located, parents=parents or {})
    else:
        clusters = [[m] for m in located]
    incidents = [build_incident(c, themes=themes) for c in clusters]
    return sorted(
        incidents,
        key=lambda i: (
            i.event_date is None,
            i.event_date or dt.date.min,
            i.location,
            i.incident_id,
        ),
    )
