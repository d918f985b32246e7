"""mapper: offline geospatial incident mapper for news about armed conflict in Iraq.

The public API::

    import mapper
    gdf = mapper.extract_incidents([{"id": "a1", "text": "..."}])   # GeoDataFrame
    mapper.IraqGazetteer().geocode("Kerkuk")                         # geopy Location

Heavy modules (geopandas, folium) load on first use, so ``import mapper`` and
``mapper --version`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Evidence",
    "Gazetteer",
    "Incident",
    "InputError",
    "IraqGazetteer",
    "MapperError",
    "Mention",
    "Place",
    "__version__",
    "extract_incidents",
    "to_geodataframe",
]

_LAZY = {
    "extract_incidents": "mapper.pipeline",
    "to_geodataframe": "mapper.incidents",
    "Gazetteer": "mapper.gazetteer",
    "IraqGazetteer": "mapper.gazetteer",
    "Article": "mapper.models",
    "Evidence": "mapper.models",
    "Incident": "mapper.models",
    "Mention": "mapper.models",
    "Place": "mapper.models",
    "MapperError": "mapper.errors",
    "InputError": "mapper.errors",
}

if TYPE_CHECKING:
    from mapper.errors import InputError, MapperError
    from mapper.gazetteer import Gazetteer, IraqGazetteer
    from mapper.incidents import to_geodataframe
    from mapper.models import Article, Evidence, Incident, Mention, Place
    from mapper.pipeline import extract_incidents


def __getattr__(name: str) -> Any:
    """Import the public names on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'mapper' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
