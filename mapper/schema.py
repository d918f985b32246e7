"""The incident columns of the public contract (``SCHEMA.md``), in output order.

One list, used by the GeoDataFrame builder, every exporter and the tests, so that a
column can neither be renamed nor dropped in one place only.
"""

from __future__ import annotations

__all__ = ["COLUMNS", "CONTRACT_COLUMNS", "EXTRA_COLUMNS", "INT_COLUMNS", "LIST_COLUMNS"]

#: Columns named by the schema contract, in the order they are written.
CONTRACT_COLUMNS: tuple[str, ...] = (
    "incident_id",
    "event_date",
    "date_start",
    "date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "where_prec",
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "wounded",
    "sources",
    "article_ids",
    "source_count",
    "claim_status",
    "layer",
    "notes",
    "evidence",
)

#: Our columns beyond the contract (UCDP per-side deaths, provenance of the date).
EXTRA_COLUMNS: tuple[str, ...] = (
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "date_inferred",
    "sub_locations",
)

COLUMNS: tuple[str, ...] = CONTRACT_COLUMNS + EXTRA_COLUMNS

#: Columns whose cells are lists (``;``-joined in flat exports).
LIST_COLUMNS: tuple[str, ...] = ("sources", "article_ids", "sub_locations", "evidence")

#: Integer columns that may be null (pandas nullable ``Int64``).
INT_COLUMNS: tuple[str, ...] = (
    "time_precision",
    "geo_precision",
    "where_prec",
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "wounded",
    "source_count",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
)
