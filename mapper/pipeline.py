"""The whole flow, wired: articles → mentions → resolved mentions → incidents.

This is what :func:`mapper.extract_incidents` and ``mapper map`` run. Each stage lives
in its own module; this one only connects them, in one direction.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import geopandas as gpd

from mapper.extract import extract_mentions
from mapper.extract.hints import with_date_hints
from mapper.gazetteer import Gazetteer
from mapper.incidents import merge_mentions, to_geodataframe
from mapper.ingest import Skipped, iter_articles
from mapper.layers import Theme, default_themes
from mapper.models import Article, Incident, Mention
from mapper.resolve import resolve_mention

__all__ = ["ArticleInput", "RunStats", "extract_incidents", "mentions_of", "run"]

#: What callers may pass as one article: a path, or a dict with the JSONL keys.
ArticleInput = str | os.PathLike[str] | Mapping[str, object]


@dataclass(slots=True)
class RunStats:
    """Counts of one run, for the CLI's summary line."""

    articles: int = 0
    mentions: int = 0
    unresolved: int = 0
    incidents: int = 0
    #: Every input problem reported: items left out, and (``kept``) items read with a change.
    skipped: list[Skipped] = field(default_factory=list)


#: The mentions kept so far live until the merge is done. Every this many articles they
#: are moved out of the cyclic collector's reach (``gc.freeze``), which otherwise rescans
#: all of them again and again as they grow (a sixth of the run at 10k articles). No
#: output changes; ``gc.unfreeze`` hands everything back at the end.
_FREEZE_EVERY = 1000


def mentions_of(article: Article, *, gazetteer: Gazetteer) -> tuple[list[Mention], int]:
    """Extract and resolve the mentions of one article.

    Returns
    -------
    (list of Mention, int)
        The mentions that resolved to a place in Iraq, and how many did not.
    """
    resolved: list[Mention] = []
    lost = 0
    for mention in extract_mentions(article, gazetteer=gazetteer):
        placed = resolve_mention(with_date_hints(article, mention), gazetteer=gazetteer)
        if placed is None or placed.location is None:
            lost += 1
        else:
            resolved.append(placed)
    return resolved, lost


def _progress(items: Iterable[Article], *, enabled: bool | None) -> Iterator[Article]:
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc="articles", unit="art", file=sys.stderr, leave=False)


def run(
    articles: Iterable[ArticleInput],
    *,
    merge: bool = True,
    themes: Sequence[Theme] | None = None,
    gazetteer: Gazetteer | None = None,
    strict: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
    progress: bool | None = False,
) -> tuple[list[Incident], RunStats]:
    """Run ingest → extract → resolve → merge and return incidents with run counts."""
    gaz = gazetteer or Gazetteer.default()
    chosen = tuple(themes) if themes is not None else default_themes()
    stats = RunStats()

    def skip(item: Skipped) -> None:
        stats.skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    mentions: list[Mention] = []
    try:
        for article in _progress(
            iter_articles(articles, strict=strict, on_skip=skip), enabled=progress
        ):
            stats.articles += 1
            found, lost = mentions_of(article, gazetteer=gaz)
            mentions.extend(found)
            stats.unresolved += lost
            if stats.articles % _FREEZE_EVERY == 0:
                gc.freeze()
        stats.mentions = len(mentions)
        parents = {place.id: place.parent for place in gaz}
        gc.freeze()
        incidents = merge_mentions(mentions, themes=chosen, parents=parents, merge=merge)
    finally:
        gc.unfreeze()
    stats.incidents = len(incidents)
    return incidents, stats


def extract_incidents(
    articles: Iterable[ArticleInput],
    *,
    merge: bool = True,
    themes: Sequence[Theme] | None = None,
    gazetteer: Gazetteer | None = None,
    strict: bool = False,
) -> gpd.GeoDataFrame:
    """Extract the incidents of news articles as a GeoDataFrame.

    Parameters
    ----------
    articles : iterable
        Dicts with the JSONL keys (``id``, ``text``, optional ``title``,
        ``published``, ``source``, ``url``), or paths of ``.txt``/``.jsonl`` files
        and folders.
    merge : bool
        Merge reports of the same event across articles. With ``False`` every row
        comes from exactly one article.
    themes : sequence of Theme, optional
        Map layers; the project's default themes when omitted.
    gazetteer : Gazetteer, optional
        The bundled Iraq gazetteer when omitted.
    strict : bool
        Raise :class:`~mapper.errors.InputError` on bad input instead of skipping it.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per incident, the columns of ``SCHEMA.md``, EPSG:4326.

    Examples
    --------
    >>> gdf = extract_incidents([])
    >>> len(gdf), str(gdf.crs)
    (0, 'EPSG:4326')
    """
    incidents, _ = run(articles, merge=merge, themes=themes, gazetteer=gazetteer, strict=strict)
    return to_geodataframe(incidents)
