"""Date hints for mentions the article gives no absolute date for.

An undated report still narrows its date: a stated day of the week ("late on
Wednesday night") rules out events on other days, and an article that refers back
to a year ("victory was declared in 2017") cannot describe an event before that
year. Merging uses both hints to keep an undated report away from dated events it
cannot be (see :mod:`mapper.incidents`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from mapper.models import Article, Mention

__all__ = ["with_date_hints"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")s?\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def _weekday(text: str) -> int | None:
    """Return the only weekday named in ``text``, or None when none or several are.

    Examples
    --------
    >>> _weekday("Gunmen attacked late on Wednesday night.")
    2
    >>> _weekday("Fighting went on from Thursday to Saturday.") is None
    True
    """
    days = {m.group(1).lower() for m in _WEEKDAY_RE.finditer(text)}
    if len(days) != 1:
        return None
    return _WEEKDAYS.index(days.pop())


def with_date_hints(article: Article, mention: Mention) -> Mention:
    """Return ``mention`` with ``weekday`` and ``not_before`` set when it is undated.

    The weekday comes from the mention's sentence, else from the whole article when
    it names a single weekday; ``not_before`` is 1 January of the latest year the
    article names (an article is written after the years it refers to).

    Examples
    --------
    >>> art = Article(id="a", text="Raid. An army post was hit on Wednesday. "
    ...               "Victory was declared in 2017.")
    >>> m = Mention(article_id="a", event_type="Battles", sub_event_type="Armed clash",
    ...             sentence="An army post was hit on Wednesday.", start=6, end=40)
    >>> hinted = with_date_hints(art, m)
    >>> hinted.weekday, hinted.not_before
    (2, datetime.date(2017, 1, 1))
    """
    if mention.event_date is not None or mention.date_start is not None:
        return mention
    weekday = mention.weekday
    if weekday is None:
        weekday = _weekday(mention.sentence)
    if weekday is None:
        weekday = _weekday(article.text)
    not_before = mention.not_before
    if not_before is None:
        years = [int(y) for y in _YEAR_RE.findall(article.text)]
        if years:
            not_before = dt.date(max(years), 1, 1)
    if weekday == mention.weekday and not_before == mention.not_before:
        return mention
    return dataclasses.replace(mention, weekday=weekday, not_before=not_before)
