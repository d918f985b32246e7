"""Offline JS/CSS for the map: found in packages installed at set-up, inlined at render time.

Nothing third-party is stored in this repository. Leaflet comes from the PyPI package
``XStatic-Leaflet``, the heat-map plugin from the ``folium`` package itself, and the
other Leaflet plugins from ``node_modules`` (``npm ci`` at the repository root, run by
``make setup``). ``$MAPPER_ASSETS_DIR`` may point at another ``node_modules`` folder.

CSS is made self-contained: relative ``url(...)`` references become ``data:`` URIs,
and every ``@import`` or ``url(...)`` that would reach the network is removed.
With ``offline=False`` the map links the same libraries from the CDN URLs folium uses.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import mimetypes
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mapper.errors import AssetError

__all__ = [
    "BUNDLES",
    "Asset",
    "asset_text",
    "assets_for",
    "bundle",
    "cdn_url",
    "find_node_modules",
    "inline_css",
    "script_safe",
]

Kind = Literal["js", "css"]
Origin = Literal["xstatic-leaflet", "folium", "npm"]

_SETUP_HINT = "run `make setup` (npm ci + pip install) or render with --cdn (offline=False)"


@dataclass(frozen=True, slots=True)
class Asset:
    """One JS or CSS file the map needs.

    Attributes
    ----------
    name : str
        Stable key (also the order key inside a bundle).
    kind : {"js", "css"}
        How it is inlined.
    origin : {"xstatic-leaflet", "folium", "npm"}
        Which installed package holds it.
    relpath : str
        Path inside that package (for npm: inside ``node_modules``).
    cdn_key : str
        folium's name for the same file; its CDN URL is used when the map links assets
        instead of inlining them (see :attr:`cdn`).
    """

    name: str
    kind: Kind
    origin: Origin
    relpath: str
    cdn_key: str

    @property
    def cdn(self) -> str:
        """The CDN URL folium uses for this file."""
        return _folium_cdn(self.cdn_key)


@functools.cache
def _folium_cdn(key: str) -> str:
    """Return the CDN URL folium itself uses for ``key`` (so we never type a host)."""
    import folium.folium
    import folium.plugins

    pairs: list[tuple[str, str]] = [
        *folium.folium._default_js,
        *folium.folium._default_css,
        *folium.plugins.MarkerCluster.default_js,
        *folium.plugins.MarkerCluster.default_css,
        *folium.plugins.HeatMap.default_js,
    ]
    return dict(pairs)[key]


@functools.cache
def _catalogue() -> dict[str, Asset]:
    assets = [
        Asset("leaflet.css", "css", "xstatic-leaflet", "leaflet.css", "leaflet_css"),
        Asset("leaflet.js", "js", "xstatic-leaflet", "leaflet.js", "leaflet"),
        Asset(
            "markercluster.css",
            "css",
            "npm",
            "leaflet.markercluster/dist/MarkerCluster.css",
            "markerclustercss",
        ),
        Asset(
            "markercluster.default.css",
            "css",
            "npm",
            "leaflet.markercluster/dist/MarkerCluster.Default.css",
            "markerclusterdefaultcss",
        ),
        Asset(
            "markercluster.js",
            "js",
            "npm",
            "leaflet.markercluster/dist/leaflet.markercluster.js",
            "markerclusterjs",
        ),
        Asset(
            "leaflet-heat.js",
            "js",
            "folium",
            "templates/leaflet_heat.min.js",
            "leaflet-heat.js",
        ),
    ]
    return {a.name: a for a in assets}


#: Named groups of assets, in load order.
BUNDLES: dict[str, tuple[str, ...]] = {
    "leaflet": ("leaflet.css", "leaflet.js"),
    "cluster": ("markercluster.css", "markercluster.default.css", "markercluster.js"),
    "heat": ("leaflet-heat.js",),
}


def bundle(name: str) -> tuple[Asset, ...]:
    """Return the assets of a named bundle (``leaflet``, ``cluster``, ``heat``).

    Examples
    --------
    >>> [a.name for a in bundle("heat")]
    ['leaflet-heat.js']
    """
    try:
        names = BUNDLES[name]
    except KeyError:
        raise AssetError(f"unknown asset bundle {name!r}; known: {sorted(BUNDLES)}") from None
    catalogue = _catalogue()
    return tuple(catalogue[n] for n in names)


def cdn_url(name: str) -> str:
    """Return the CDN URL of an asset (for ``offline=False``)."""
    return _catalogue()[name].cdn


def find_node_modules() -> Path | None:
    """Return the ``node_modules`` folder that holds the npm assets, or None.

    ``$MAPPER_ASSETS_DIR`` wins (either a ``node_modules`` folder or the folder that
    contains one); otherwise the repository root next to the package (editable install).
    """
    env = os.environ.get("MAPPER_ASSETS_DIR")
    candidates: list[Path] = []
    if env:
        base = Path(env)
        candidates += [base, base / "node_modules"]
    candidates.append(Path(__file__).resolve().parent.parent / "node_modules")
    for path in candidates:
        if (path / "leaflet.markercluster").is_dir():
            return path
    return None


def _package_dir(module: str, *, what: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise AssetError(f"{what} is not installed; {_SETUP_HINT}")
    return Path(next(iter(spec.submodule_search_locations)))


def _locate(asset: Asset) -> Path:
    if asset.origin == "xstatic-leaflet":
        path = _package_dir("xstatic.pkg.leaflet", what="XStatic-Leaflet") / "data"
    elif asset.origin == "folium":
        path = _package_dir("folium", what="folium")
    else:
        found = find_node_modules()
        if found is None:
            raise AssetError(
                f"{asset.name}: node_modules with Leaflet plugins not found "
                f"(set $MAPPER_ASSETS_DIR or {_SETUP_HINT})"
            )
        path = found
    file = path / asset.relpath
    if not file.is_file():
        raise AssetError(f"{asset.name}: {file} is missing; {_SETUP_HINT}")
    return file


_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""", re.IGNORECASE)
_IMPORT = re.compile(r"@import[^;]*;", re.IGNORECASE)


def inline_css(css: str, *, base: Path | None) -> str:
    """Make a stylesheet self-contained.

    Relative ``url()`` references to files under ``base`` become ``data:`` URIs;
    ``@import`` rules and every other ``url()`` that would load something from the
    network (``http:``, ``https:``, ``//``) or from a missing file are removed.

    Examples
    --------
    >>> inline_css("@import url(https://x.test/f.css);a{b:url(//x.test/i.png)}", base=None)
    'a{b:none}'
    >>> inline_css(".v{behavior:url(#default#VML)}", base=None)
    '.v{behavior:url(#default#VML)}'
    """
    css = _IMPORT.sub("", css)

    def replace(match: re.Match[str]) -> str:
        target = match.group(2).strip()
        if target.startswith(("data:", "#")):
            return match.group(0)
        if base is not None and not re.match(r"^[a-z][a-z0-9+.-]*:|^//", target, re.I):
            file = (base / target.split("?", 1)[0].split("#", 1)[0]).resolve()
            if file.is_file():
                mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                data = base64.b64encode(file.read_bytes()).decode("ascii")
                return f"url(data:{mime};base64,{data})"
        return "none"

    return _URL.sub(replace, css)


def script_safe(text: str) -> str:
    r"""Return JS/CSS text that cannot close the ``<script>``/``<style>`` element holding it.

    Examples
    --------
    >>> script_safe('x = "</script>";')
    'x = "<\\/script>";'
    """
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


@functools.cache
def _read(name: str) -> str:
    asset = _catalogue()[name]
    file = _locate(asset)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AssetError(f"{asset.name}: cannot read {file} ({exc}); {_SETUP_HINT}") from exc
    if asset.kind == "css":
        text = inline_css(text, base=file.parent)
    text = re.sub(r"^\s*//[#@] sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"/\*[#@] sourceMappingURL=.*?\*/", "", text)
    return script_safe(text)


def asset_text(name: str) -> str:
    """Return the text of an installed asset, ready to inline.

    Raises
    ------
    AssetError
        When the package that holds it is not installed.
    """
    if name not in _catalogue():
        raise AssetError(f"unknown asset {name!r}; known: {sorted(_catalogue())}")
    return _read(name)


def assets_for(bundles: Sequence[str]) -> tuple[Asset, ...]:
    """Return the assets of several bundles, de-duplicated, in load order."""
    seen: dict[str, Asset] = {}
    for name in bundles:
        for asset in bundle(name):
            seen.setdefault(asset.name, asset)
    return tuple(seen.values())
