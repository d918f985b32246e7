"""Map themes: which incident goes into which layer.

A theme is a named filter (governorates, bounding box, date range, event types) with
a title and a colour. Themes are read from a small TOML file; the default file of
this project (``mapper/data/themes.toml``) puts violent incidents in Kirkuk in
October 2016 in ``kirkuk-attacks``, the Mosul offensive in ``mosul-front``, and the
rest in ``other``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mapper.errors import ThemeError

__all__ = ["OTHER", "Theme", "assign_layer", "default_themes", "load_themes", "parse_themes"]

OTHER = "other"


@dataclass(frozen=True, slots=True)
class Theme:
    """One map layer and the filter that selects its incidents."""

    name: str
    title: str
    colour: str
    admin1: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()

    def matches(
        self,
        *,
        admin1: str | None,
        lat: float,
        lon: float,
        event_date: dt.date | None,
        event_type: str,
        sub_event_type: str,
    ) -> bool:
        """Return whether an incident with these values belongs to this theme."""
        if self.admin1 and admin1 not in self.admin1:
            return False
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
                return False
        if self.date_from is not None or self.date_to is not None:
            if event_date is None:
                return False
            if self.date_from is not None and event_date < self.date_from:
                return False
            if self.date_to is not None and event_date > self.date_to:
                return False
        if self.event_types and event_type not in self.event_types:
            return False
        return not (self.sub_event_types and sub_event_type not in self.sub_event_types)


def _date(value: object, *, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ThemeError(f"{where}: expected a date like 2016-10-21, got {value!r}")


def _strings(value: object, *, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ThemeError(f"{where}: expected a list of strings, got {value!r}")


def _theme(raw: object, *, index: int) -> Theme:
    where = f"theme #{index + 1}"
    if not isinstance(raw, dict):
        raise ThemeError(f"{where}: expected a table, got {raw!r}")
    known = {
        "name",
        "title",
        "colour",
        "color",
        "admin1",
        "bbox",
        "date_from",
        "date_to",
        "event_types",
        "sub_event_types",
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ThemeError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {sorted(known)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(f"{where}: every theme needs a name")
    where = f"theme {name!r}"
    bbox = raw.get("bbox")
    box: tuple[float, float, float, float] | None = None
    if bbox is not None:
        if not (
            isinstance(bbox, list)
            and len(bbox) == 4
            and all(isinstance(v, int | float) for v in bbox)
        ):
            raise ThemeError(f"{where}: bbox must be [min_lon, min_lat, max_lon, max_lat]")
        box = (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3]))
        if box[0] > box[2] or box[1] > box[3]:
            raise ThemeError(f"{where}: bbox minimum is larger than its maximum: {bbox}")
    colour = raw.get("colour", raw.get("color", "#444444"))
    return Theme(
        name=name.strip(),
        title=str(raw.get("title", name)),
        colour=str(colour),
        admin1=_strings(raw.get("admin1"), where=where),
        bbox=box,
        date_from=_date(raw.get("date_from"), where=where),
        date_to=_date(raw.get("date_to"), where=where),
        event_types=_strings(raw.get("event_types"), where=where),
        sub_event_types=_strings(raw.get("sub_event_types"), where=where),
    )


def parse_themes(text: str, *, source: str = "<themes>") -> tuple[Theme, ...]:
    """Parse a theme file's text; the ``[other]`` table styles the fallback layer."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{source}: not valid TOML ({exc})") from exc
    raw_themes = data.get("theme", [])
    if not isinstance(raw_themes, list):
        raise ThemeError(f"{source}: use [[theme]] tables, one per layer")
    themes = [_theme(raw, index=i) for i, raw in enumerate(raw_themes)]
    names = [t.name for t in themes]
    if OTHER in names or len(set(names)) != len(names):
        raise ThemeError(f"{source}: theme names must be unique and not {OTHER!r}: {names}")
    other = data.get("other", {})
    if not isinstance(other, dict):
        raise ThemeError(f"{source}: [other] must be a table")
    themes.append(
        Theme(
            name=OTHER,
            title=str(other.get("title", "Other incidents")),
            colour=str(other.get("colour", other.get("color", "#6b6b6b"))),
        )
    )
    return tuple(themes)


def load_themes(path: str | Path) -> tuple[Theme, ...]:
    """Read a theme TOML file; the last theme returned is always ``other``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ThemeError(f"{path}: cannot read the theme file ({exc.strerror})") from exc
    return parse_themes(text, source=str(path))


def default_themes() -> tuple[Theme, ...]:
    """Return the project's default themes (Kirkuk attacks, Mosul front, other)."""
    text = resources.files("mapper").joinpath("data/themes.toml").read_text(encoding="utf-8")
    return parse_themes(text, source="mapper/data/themes.toml")


def assign_layer(
    themes: Sequence[Theme],
    *,
    admin1: str | None,
    lat: float,
    lon: float,
    event_date: dt.date | None,
    event_type: str,
    sub_event_type: str,
) -> str:
    """Return the name of the first theme an incident matches, else ``"other"``."""
    for theme in themes:
        if theme.name == OTHER:
            continue
        if theme.matches(
            admin1=admin1,
            lat=lat,
            lon=lon,
            event_date=event_date,
            event_type=event_type,
            sub_event_type=sub_event_type,
        ):
            return theme.name
    return OTHER
