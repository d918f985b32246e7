"""Mention → Location: choose the gazetteer record and the point, or abstain.

A toponym comes with its candidate records ranked by the gazetteer. The resolver
re-ranks them with the mention's context: a candidate whose name is the surface form
itself beats a fuzzy one; a candidate in the same governorate as the other places the
sentence names wins, and so, to a lesser degree, does one near any of them; the
relation decides the level ("Kirkuk province" is the governorate, "Kirkuk" alone the
city); population breaks ties.

The point follows from the relation, with ACLED's ``geo_precision`` (1 the place,
2 near / part of it, 3 a region's centroid) and UCDP's ``where_prec`` (1-7):

* ``in``: the place itself (1; 3 when the place is a district or governorate);
* ``near``: the place (2);
* ``outskirts``: a short step out of the place toward the stated side (2);
* ``direction``: the stated distance along the bearing, or :data:`BARE_OFFSET_KM`
  when only a side is given (2). A stated distance that lands on another named town
  is taken as a description of that town ("the city 170 km southeast of Mosul");
* ``between``: the midpoint of two places close to each other, else the first (2);
* ``region``: the governorate's point (3).

Points that fall outside Iraq are not used; a mention with no usable place gives None.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from geopy.distance import geodesic

from mapper.extract.toponyms import is_name_tail
from mapper.models import Location, Mention, Place, Toponym
from mapper.normalize import normalize

if TYPE_CHECKING:
    from mapper.gazetteer import Gazetteer

__all__ = [
    "BARE_OFFSET_KM",
    "BETWEEN_MIDPOINT_KM",
    "OUTSKIRTS_OFFSET_KM",
    "resolve_mention",
    "resolve_mentions",
]

#: How far from a place "north of X" puts the point when no distance is given.
BARE_OFFSET_KM = 0.0
#: Cities at least this populous get :data:`BIG_CITY_OFFSET_KM` for a bare direction.
BIG_CITY_POPULATION = 1_000_000
#: "north of Baghdad": villages around a big city lie well outside it.
BIG_CITY_OFFSET_KM = 10.0
#: "between X and Y" takes the midpoint when X and Y are at most this far apart, else X.
BETWEEN_MIDPOINT_KM = 0.0
#: How far from a place's centre "the outskirts of X" puts the point.
OUTSKIRTS_OFFSET_KM = 3.0
_SETTLEMENT = frozenset({"city", "town", "village", "neighbourhood", "facility", "road"})
_AREA = frozenset({"district", "subdistrict", "governorate", "region"})
_LEVEL_PREF = {
    "city": 0.0,
    "town": 0.05,
    "village": 0.1,
    "neighbourhood": 0.1,
    "facility": 0.1,
    "road": 0.3,
    "subdistrict": 0.45,
    "district": 0.5,
    "governorate": 0.6,
    "region": 0.7,
}


def _get(gazetteer: Gazetteer, place_id: str) -> Place | None:
    try:
        return gazetteer.get(place_id)
    except (KeyError, LookupError, ValueError):
        return None


@functools.lru_cache(maxsize=4096)
def _names(place: Place) -> frozenset[str]:
    return frozenset(k for k in (normalize(n) for n in (place.name, *place.alt_names)) if k)


@functools.lru_cache(maxsize=8192)
def _plain(name: str) -> str:
    """Lower-case, accents and marks off, article and punctuation off: "Dāqūq" -> "daquq"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’‘`ʿʾ]", "", text)
    text = re.sub(r"^(?:al|el|an|ar|as|ash|at|ad|az)[-\s]+", "", text)
    return re.sub(r"[^a-z0-9]+", "", text)


@functools.lru_cache(maxsize=4096)
def _plain_names(place: Place) -> frozenset[str]:
    return frozenset(k for k in (_plain(n) for n in (place.name, *place.alt_names)) if k)


#: The seat of each governorate (facts): a province-level report is placed there.
_CAPITALS = {
    "anbar": "Ramadi", "babylon": "Hillah", "baghdad": "Baghdad", "basrah": "Basrah",
    "dahuk": "Dahuk", "diyala": "Baqubah", "erbil": "Erbil", "halabja": "Halabja",
    "kerbala": "Karbala", "kirkuk": "Kirkuk", "missan": "Amarah", "muthanna": "Samawah",
    "najaf": "Najaf", "ninewa": "Mosul", "qadissiya": "Diwaniyah", "sala al-din": "Tikrit",
    "sulaymaniyah": "Sulaymaniyah", "thi-qar": "Nasiriyah", "wassit": "Kut",
}  # fmt: skip


def _capital(governorate: Place, gazetteer: Gazetteer) -> Place | None:
    name = _CAPITALS.get((governorate.admin1 or governorate.name).lower())
    if name is None:
        return None
    for cand in gazetteer.candidates(name, limit=10):
        p = cand.place
        if p.feature_type in _SETTLEMENT and p.admin1 == governorate.admin1:
            return p
    return None


def _context(
    mention: Mention, gazetteer: Gazetteer, toponym: Toponym
) -> tuple[dict[str, int], list[Place]]:
    """Return the governorates of the sentence's other places, and those places."""
    admins: dict[str, int] = {}
    places: list[Place] = []
    text = mention.sentence
    for m in gazetteer.scan(text):
        if m.surface == toponym.surface:
            continue
        for pid in m.place_ids[:1]:
            p = _get(gazetteer, pid)
            if p is not None:
                places.append(p)
                if p.admin1:
                    admins[p.admin1] = admins.get(p.admin1, 0) + 1
    return admins, places


#: A candidate this close to a place the sentence names for sure is the one meant,
#: even across a governorate border (a town just over the provincial line).
_CONTEXT_KM = 50.0
#: What such nearness adds to a candidate's score (less than a shared governorate).
_CONTEXT_NEAR_BONUS = 1.0


def _near_context(place: Place, context: list[Place]) -> bool:
    if place.feature_type in {"governorate", "region"}:
        return False  # an area's point is only its middle: nearness to it says nothing
    for other in context:
        if other.id == place.id or other.feature_type in {"governorate", "region"}:
            continue
        if place.km_to(other) <= _CONTEXT_KM:
            return True
    return False


def _rank(toponym: Toponym, mention: Mention, gazetteer: Gazetteer) -> list[tuple[float, Place]]:
    key = normalize(toponym.surface)
    plain = _plain(toponym.surface)
    district = _followed_by_district(toponym, mention)
    admins, context = _context(mention, gazetteer, toponym)
    scored: list[tuple[float, Place]] = []
    n = len(toponym.candidates)
    ambiguous = n > 1 and bool(context)
    for i, pid in enumerate(toponym.candidates):
        place = _get(gazetteer, pid)
        if place is None:
            continue
        score = 1.0 - i / max(n, 1) * 0.5
        if key and key in _names(place):
            score += 1.0
        if plain and plain in _plain_names(place):
            score += 1.0
        if place.admin1 and admins.get(place.admin1):
            score += 1.5
        if ambiguous and _near_context(place, context):
            score += _CONTEXT_NEAR_BONUS
        if toponym.relation == "region":
            score += 1.0 if place.feature_type == "governorate" else 0.0
        elif place.feature_type in _LEVEL_PREF:
            score -= _LEVEL_PREF[place.feature_type]
            if district and place.feature_type in _AREA:
                score -= 0.3
        score += min(math.log10(place.population + 1), 7.0) * 0.02
        scored.append((score, place))
    scored.sort(key=lambda t: (-t[0], t[1].id))
    return scored


def _offset(lat: float, lon: float, *, km: float, bearing: float) -> tuple[float, float]:
    dest = geodesic(kilometers=km).destination((lat, lon), bearing)
    return float(dest.latitude), float(dest.longitude)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(geodesic(a, b).kilometers)


def _location(
    place: Place,
    gazetteer: Gazetteer,
    *,
    lat: float | None = None,
    lon: float | None = None,
    geo_precision: int,
    where_prec: int,
) -> Location | None:
    # a record's own point is inside Iraq (the build checks every record); an offset
    # point may leave the country, and then the record's point stands instead
    la = place.lat if lat is None else lat
    lo = place.lon if lon is None else lon
    if lat is not None and not gazetteer.contains(lat=la, lon=lo):
        la, lo = place.lat, place.lon
    admin1, admin2 = place.admin1, place.admin2
    if lat is not None:
        a1, a2 = gazetteer.admin_units(lat=la, lon=lo)
        admin1, admin2 = a1 or admin1, a2 or admin2
    return Location(
        name=place.name,
        lat=round(la, 4),
        lon=round(lo, 4),
        geo_precision=geo_precision,
        where_prec=where_prec,
        place_id=place.id,
        admin1=admin1,
        admin2=admin2,
        feature_type=place.feature_type,
    )


def _point_for(
    toponym: Toponym, place: Place, mention: Mention, gazetteer: Gazetteer
) -> Location | None:
    area = place.feature_type in _AREA
    rel = toponym.relation
    if rel == "region" or place.feature_type == "governorate":
        seat = _capital(place, gazetteer) if place.feature_type == "governorate" else None
        return _location(seat or place, gazetteer, geo_precision=3, where_prec=4)
    if (
        place.feature_type in _SETTLEMENT
        and place.feature_type != "neighbourhood"  # "the Dora district of Baghdad": a quarter
        and _followed_by_district(toponym, mention)
    ):
        return _location(place, gazetteer, geo_precision=2, where_prec=3)
    if place.feature_type in {"district", "subdistrict"} and rel in {"in", "near"}:
        seat = _seat(place, gazetteer)
        if seat is not None:  # ACLED places "X district" at the town of X
            if seat.feature_type == "neighbourhood":  # a city's quarter: the place itself
                return _location(seat, gazetteer, geo_precision=1, where_prec=1)
            return _location(seat, gazetteer, geo_precision=2, where_prec=3)
    if rel == "in":
        if area:
            level = 2 if place.feature_type == "subdistrict" or place.is_small_region else 3
            return _location(place, gazetteer, geo_precision=level, where_prec=3)
        if place.feature_type == "road":  # somewhere along it: a stretch, not a spot
            return _location(place, gazetteer, geo_precision=2, where_prec=2)
        return _location(place, gazetteer, geo_precision=1, where_prec=1)
    if rel == "near":
        return _location(place, gazetteer, geo_precision=2, where_prec=2)
    if rel == "outskirts":
        if toponym.bearing_deg is None:
            return _location(place, gazetteer, geo_precision=2, where_prec=2)
        la, lo = _offset(place.lat, place.lon, km=OUTSKIRTS_OFFSET_KM, bearing=toponym.bearing_deg)
        return _location(place, gazetteer, lat=la, lon=lo, geo_precision=2, where_prec=2)
    if rel == "direction" and toponym.distance_km is None and _part_of_town(toponym, mention):
        if not area:  # "in west Mosul", "in southern Baghdad": a part of the city
            return _location(place, gazetteer, geo_precision=2, where_prec=2)
    if rel == "direction" and toponym.bearing_deg is not None:
        km = toponym.distance_km if toponym.distance_km is not None else _bare_offset(place)
        if area and toponym.distance_km is None:
            # "northern Diyala": a part of a region; its centroid is the honest answer
            return _location(place, gazetteer, geo_precision=3, where_prec=4)
        la, lo = _offset(place.lat, place.lon, km=km, bearing=toponym.bearing_deg)
        if toponym.distance_km is not None and toponym.distance_km >= 20:
            named = _described_town(la, lo, toponym.distance_km, place, gazetteer)
            if named is not None:
                return _location(named, gazetteer, geo_precision=1, where_prec=1)
        return _location(place, gazetteer, lat=la, lon=lo, geo_precision=2, where_prec=2)
    if rel == "between" and toponym.other is not None and BETWEEN_MIDPOINT_KM > 0:
        other = _best(toponym.other, mention, gazetteer)
        if other is not None and other.id != place.id:
            d = _km((place.lat, place.lon), (other.lat, other.lon))
            if d <= BETWEEN_MIDPOINT_KM:
                la = (place.lat + other.lat) / 2
                lo = (place.lon + other.lon) / 2
                return _location(place, gazetteer, lat=la, lon=lo, geo_precision=2, where_prec=2)
    if rel == "between":
        return _location(place, gazetteer, geo_precision=2, where_prec=2)
    return _location(place, gazetteer, geo_precision=2, where_prec=2)


_PART_OF = re.compile(
    r"\b(?:in|inside|within|across)\s+(?:the\s+)?(?:(?:north|south)(?:[-\s]?(?:east|west))?|east|west)"
    r"(?:ern)?\s+(?:part\s+of\s+|side\s+of\s+|neighbou?rhoods?\s+of\s+|districts?\s+of\s+)?",
    re.IGNORECASE,
)


def _part_of_town(toponym: Toponym, mention: Mention) -> bool:
    """Whether "in west Mosul" / "in the southern part of Baghdad" names a part of the town."""
    sentence = mention.sentence
    surface = toponym.surface.casefold()
    return any(
        sentence[m.end() : m.end() + len(surface)].casefold() == surface
        for m in _PART_OF.finditer(sentence)
    )


def _bare_offset(place: Place) -> float:
    """Offset for "north of X" with no distance: beyond the built-up area of big cities."""
    if place.population >= BIG_CITY_POPULATION:
        return BIG_CITY_OFFSET_KM
    return BARE_OFFSET_KM


# what a report calls a site -> words in the names of gazetteer facilities of that kind
_FACILITY_WORDS: dict[str, tuple[str, ...]] = {
    "power": ("power station", "power plant"),
    "refinery": ("refinery",),
    "airport": ("airport", "air base", "airfield", "airbase"),
    "air base": ("air base", "airfield", "airbase", "airport"),
    "dam": ("dam",),
    "prison": ("prison",),
    "oil field": ("oil field",),
    "university": ("university",),
    "camp": ("camp",),
}
_FACILITY_IN_TEXT = re.compile(
    r"\b(power\s+(?:station|plant)|refinery|airport|air\s*base|airfield|dam|prison|"
    r"oil\s*field|university|camp)\b",
    re.IGNORECASE,
)


def _facility_near(
    mention: Mention, place: Place, toponym: Toponym, gazetteer: Gazetteer
) -> Place | None:
    """Return the known site of the kind the report names, on the stated side of ``place``.

    "A power plant north of Kirkuk" is the gazetteer's power station within reach of
    Kirkuk on its northern side, when there is one.
    """
    text = mention.target or ""
    m = _FACILITY_IN_TEXT.search(text) or _FACILITY_IN_TEXT.search(mention.sentence)
    if m is None:
        return None
    said = re.sub(r"\s+", " ", m.group(1).lower())
    key = next((k for k in _FACILITY_WORDS if said.startswith(k.split()[0])), None)
    if key is None:
        return None
    words = _FACILITY_WORDS[key]
    reach = 60.0 if toponym.distance_km is None else toponym.distance_km * 1.5 + 10.0
    best: tuple[float, Place] | None = None
    for site in _facilities(gazetteer):
        name = site.name.lower()
        if not any(w in name for w in words):
            continue
        d = _km((place.lat, place.lon), (site.lat, site.lon))
        if d > reach:
            continue
        if toponym.bearing_deg is not None:
            bearing = place.bearing_to(site)
            diff = abs((bearing - toponym.bearing_deg + 180.0) % 360.0 - 180.0)
            if diff > 60.0:
                continue
        if best is None or d < best[0]:
            best = (d, site)
    return best[1] if best else None


_FACILITY_CACHE: dict[int, tuple[Place, ...]] = {}


def _facilities(gazetteer: Gazetteer) -> tuple[Place, ...]:
    key = id(gazetteer) ^ len(gazetteer)
    found = _FACILITY_CACHE.get(key)
    if found is None:
        found = tuple(p for p in gazetteer if p.feature_type == "facility")
        _FACILITY_CACHE.clear()
        _FACILITY_CACHE[key] = found
    return found


def _seat(district: Place, gazetteer: Gazetteer) -> Place | None:
    """Return the town a district is named after (its seat), if the gazetteer has it."""
    key = _plain(district.name)
    names = _plain_names(district)
    best: Place | None = None
    for p in _towns(gazetteer):
        if p.admin1 != district.admin1 or not (names & _plain_names(p) or key in _plain_names(p)):
            continue
        if abs(p.lat - district.lat) > 0.4 or abs(p.lon - district.lon) > 0.5:
            continue
        if _km((p.lat, p.lon), (district.lat, district.lon)) > 40.0:
            continue
        if best is None or p.population > best.population:
            best = p
    if best is None:  # a district of a city ("Sadr City district"): its namesake quarter
        for name in (district.name, *district.alt_names):
            for c in gazetteer.candidates(name, limit=5):
                q = c.place
                if q.feature_type == "neighbourhood" and q.admin1 == district.admin1:
                    if _km((q.lat, q.lon), (district.lat, district.lon)) <= _QUARTER_SEAT_KM:
                        return q
    return best


_QUARTER_SEAT_KM = 10.0


def _described_town(
    lat: float, lon: float, distance_km: float, origin: Place, gazetteer: Gazetteer
) -> Place | None:
    """Return the largest town a "N km <side> of X" claim lands on (within 20 %), if any.

    Reports often place a known town by its distance from a better-known one ("the
    oil city 170 km south-east of Mosul"); the claim then describes that town.
    """
    reach = max(10.0, 0.2 * distance_km)
    box = reach / 100.0 + 0.05
    best: Place | None = None
    for p in _towns(gazetteer):
        if abs(p.lat - lat) > box or abs(p.lon - lon) > box * 1.3 or p.id == origin.id:
            continue
        if _km((lat, lon), (p.lat, p.lon)) <= reach and (
            best is None or p.population > best.population
        ):
            best = p
    return best


_TOWN_CACHE: dict[int, tuple[Place, ...]] = {}


def _towns(gazetteer: Gazetteer) -> tuple[Place, ...]:
    key = id(gazetteer) ^ len(gazetteer)
    found = _TOWN_CACHE.get(key)
    if found is None:
        found = tuple(p for p in gazetteer if p.feature_type in {"city", "town"})
        _TOWN_CACHE.clear()
        _TOWN_CACHE[key] = found
    return found


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:in\s+)?")


def _namesake_fallback(
    ranked: list[tuple[float, Place]], toponym: Toponym, mention: Mention, gazetteer: Gazetteer
) -> Place | None:
    """Return the story's place when the toponym looks like a far-away namesake.

    When every other place the sentence names lies in one governorate and no candidate
    of the toponym does, and the toponym's best candidate is not a large city, a
    record spelt like the toponym near those places is the better guess, and failing
    that the sentence's other place (e.g. the town whose council the victim sat on).
    """
    if not ranked or toponym.relation not in {"in", "near"}:
        return None
    best = ranked[0][1]
    if best.population >= 300_000 or best.feature_type in _AREA:
        return None
    others: list[Place] = []
    at = mention.sentence.find(toponym.surface)
    for m in gazetteer.scan(mention.sentence):
        if m.surface == toponym.surface or not m.place_ids:
            continue
        if is_name_tail(mention.sentence, m.start):
            continue  # "the village of Abu Karma": not the town of Karma
        a, b = sorted((at, m.start))
        gap = mention.sentence[a + (len(toponym.surface) if a == at else len(m.surface)) : b]
        if at >= 0 and _LIST_GAP.fullmatch(gap):
            continue  # "in Halabja and Ranya": another place of the same kind, not its area
        p = _get(gazetteer, m.place_ids[0])
        if p is not None:
            others.append(p)
    admins = {p.admin1 for p in others if p.admin1}
    if len(admins) != 1 or any(pl.admin1 in admins for _s, pl in ranked):
        return None
    settlements = [p for p in others if p.feature_type in _SETTLEMENT]
    if not settlements:
        return None
    near = min(_km((best.lat, best.lon), (p.lat, p.lon)) for p in settlements)
    if near <= 100.0:
        return None
    if at >= 0 and _distance_agrees(mention.sentence[at + len(toponym.surface) :], best, others):
        return None  # "Samarra, 120 km north of Baghdad": the writer placed it, and rightly
    return _respelt_near(toponym.surface, settlements, gazetteer) or settlements[0]


_STATED_KM = re.compile(
    r"^[^.;]{0,40}?\b(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>km|kms|kilometres|kilometers|miles)\b",
    re.IGNORECASE,
)


def _distance_agrees(after: str, place: Place, others: list[Place]) -> bool:
    """Whether "X, N km <direction> of Y" after the toponym fits where ``place`` lies.

    The stated distance must match, within a margin, the distance from ``place`` to one
    of the other places the sentence names.
    """
    m = _STATED_KM.match(after)
    if m is None:
        d = _STATED_DIRECTION.match(after)
        if d is None:
            return False
        # "Samarra, north of Baghdad": the direction fits where Samarra lies
        want = _COMPASS.get(((d.group("ns") or "") + (d.group("ew") or "")).lower())
        if want is None:
            return False
        return any(
            abs((o.bearing_to(place) - want + 180.0) % 360.0 - 180.0) <= 50.0 for o in others
        )
    stated = float(m.group("n")) * (1.609 if m.group("unit").lower() == "miles" else 1.0)
    return any(
        abs(_km((place.lat, place.lon), (o.lat, o.lon)) - stated) <= max(25.0, 0.35 * stated)
        for o in others
    )


_STATED_DIRECTION = re.compile(
    r"^,?\s*(?:(?:a|the)\s+(?:\w+\s+){0,2}?)?(?P<ns>north|south)?[\s-]?(?P<ew>east|west)?\s+of\b",
    re.IGNORECASE,
)
_COMPASS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}  # fmt: skip


#: How near the story's places a record spelt like the toponym must lie to be taken.
_RESPELT_KM = 60.0


def _respelt_near(surface: str, places: list[Place], gazetteer: Gazetteer) -> Place | None:
    """Return a record spelt like ``surface`` that lies near one of ``places``, if any.

    "Baidar, south of Baghdad", when the only known Baidar is a Mosul neighbourhood
    and a Badair lies just south of Baghdad: the writer meant Badair.
    """
    for cand in gazetteer.respellings(surface, limit=10):
        p = cand.place
        if p.feature_type not in _SETTLEMENT and p.feature_type not in {"district", "subdistrict"}:
            continue
        if any(_km((p.lat, p.lon), (o.lat, o.lon)) <= _RESPELT_KM for o in places):
            return p
    return None


def _followed_by_district(toponym: Toponym, mention: Mention) -> bool:
    if re.search(r"\s(?:district|qada|sub-?district|nahiya)$", toponym.surface, re.IGNORECASE):
        return True
    # the sentence that names the place, at the name (the mention's first sentence may be
    # a headline with the bare name)
    text, idx = mention.sentence, mention.sentence.find(toponym.surface)
    for e in mention.evidence:
        if e.field == "location" and e.start <= toponym.start < e.end:
            text, idx = e.quote, toponym.start - e.start
            break
    if idx == -1:
        return False
    tail = text[idx + len(toponym.surface) : idx + len(toponym.surface) + 14]
    head = text[max(0, idx - 14) : idx]
    return bool(
        re.match(r"\s+(?:district|qada|sub-?district|nahiya)\b", tail, re.IGNORECASE)
        or re.search(r"\b(?:district|qada)\s+of\s+(?:the\s+)?$", head, re.IGNORECASE)
    )


def _best(toponym: Toponym, mention: Mention, gazetteer: Gazetteer) -> Place | None:
    ranked = _rank(toponym, mention, gazetteer)
    return ranked[0][1] if ranked else None


def resolve_mention(mention: Mention, *, gazetteer: Gazetteer) -> Mention | None:
    """Fill in ``mention.location``; None when no place in Iraq can be resolved.

    Parameters
    ----------
    mention : Mention
        A mention from :func:`mapper.extract.extract_mentions`.
    gazetteer : Gazetteer
        The records the toponym's candidate ids refer to.

    Returns
    -------
    Mention or None
        A copy with ``location`` set, or None (the resolver abstains).
    """
    toponym = mention.toponym
    if toponym is None or not toponym.candidates:
        return None
    ranked = _rank(toponym, mention, gazetteer)
    if ranked and toponym.relation in {"direction", "near", "outskirts"}:
        site = _facility_near(mention, ranked[0][1], toponym, gazetteer)
        if site is not None:
            location = _location(site, gazetteer, geo_precision=2, where_prec=2)
            if location is not None:
                return dataclasses.replace(mention, location=location)
    namesake = _namesake_fallback(ranked, toponym, mention, gazetteer)
    if namesake is not None:
        location = _location(namesake, gazetteer, geo_precision=2, where_prec=2)
        if location is not None:
            return dataclasses.replace(mention, location=location)
    for _score, place in ranked[:3]:
        location = _point_for(toponym, place, mention, gazetteer)
        if location is not None:
            return dataclasses.replace(mention, location=location)
    return None


def resolve_mentions(mentions: Iterable[Mention], *, gazetteer: Gazetteer) -> list[Mention]:
    """Resolve each mention; the ones that cannot be placed are left out."""
    out: list[Mention] = []
    for mention in mentions:
        resolved = resolve_mention(mention, gazetteer=gazetteer)
        if resolved is not None:
            out.append(resolved)
    return out
