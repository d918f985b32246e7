"""mapper: offline geospatial incident mapper for news about armed conflict in Iraq."""

__version__ = "0.1.0"
