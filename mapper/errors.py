"""The exception tree of mapper.

Every error mapper raises on purpose derives from :class:`MapperError`. Errors about
bad input also derive from :class:`ValueError`, as geopy's ``GeocoderQueryError``
does, so callers can catch either the project's base class or the builtin.
"""

from __future__ import annotations

__all__ = [
    "AssetError",
    "ExportError",
    "GazetteerError",
    "InputError",
    "MapperError",
    "ThemeError",
]


class MapperError(Exception):
    """Base class of every error mapper raises on purpose."""


class InputError(MapperError, ValueError):
    """An input file or record cannot be read as an article.

    Attributes
    ----------
    path : str or None
        The file the problem is in.
    line : int or None
        The 1-based line number, for JSONL input.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        where = path or ""
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = message


class GazetteerError(MapperError):
    """The gazetteer data is missing, corrupt, or a query cannot be answered."""


class ThemeError(MapperError, ValueError):
    """A theme file is malformed."""


class AssetError(MapperError):
    """An offline JS/CSS asset for the map is not installed."""


class ExportError(MapperError):
    """An output file could not be written."""
