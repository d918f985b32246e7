"""When an event happened, from what the text says and when it was published.

Explicit dates ("21 October 2016", "Oct. 21", "on Feb 10", "22.10.2016", "2016-10-21")
are read as they are; a day and month without a year take the year that puts the date
closest before the publication date. Relative words are resolved against the
publication date: "today", "this morning", "tonight" (that day); "yesterday",
"overnight", "last night" (the day before); a weekday ("on Friday", "Wednesday night")
is the most recent such day on or before publication; "two days ago" and "three days
earlier" count back from publication; "last week" and "a few days ago" are week-long
ranges; "earlier this month" a month. Without a publication date relative words cannot
be resolved, and nothing is invented: the result is None.

``time_precision`` follows ACLED: 1 the day is known, 2 the week, 3 the month.

Examples
--------
>>> import datetime as dt
>>> pub = dt.date(2016, 10, 22)
>>> read_date("Militants attacked the city on Friday.", published=pub).day
datetime.date(2016, 10, 21)
>>> read_date("It happened on 3 March 2017.", published=None).day
datetime.date(2017, 3, 3)
>>> read_date("on Wednesday", published=None) is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mapper.extract._triggers import FoldedPattern, contains_any, fold

__all__ = ["DateReading", "published_from_text", "read_date", "statement_day"]


@dataclass(frozen=True, slots=True)
class DateReading:
    """A date read from text: the best day, the range, ACLED precision, the span."""

    day: dt.date | None
    start: dt.date | None
    end: dt.date | None
    precision: int
    span_start: int
    span_end: int
    relative: bool = False


_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_MONTH_RE = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_MONTH = FoldedPattern(
    rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
)
_MONTH_DAY = FoldedPattern(
    rf"\b{_MONTH_RE}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:km|kilomet|mile|%))"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?"
)
# "in August 2014": a month, no day
_IN_MONTH_YEAR = FoldedPattern(
    rf"\b(?:in|during)\s+(?:(?:early|late|mid)[-\s]?)?{_MONTH_RE}\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b"
)
# "In April, the body of ...": a month of the last twelve, no year
_IN_MONTH = FoldedPattern(
    rf"\b(?:in|during|last|earlier\s+in)\s+(?:(?:early|late|mid)[-\s]?)?{_MONTH_RE}\b"
    r"(?![\s,]+(?:of\s+)?(?:19|20)\d\d|\s+[0-3]?\d\b)"
)
_NUMERIC = re.compile(
    r"\b(?:(?P<y1>(?:19|20)\d\d)(?P<s1>[-/.])(?P<m1>[01]?\d)(?P=s1)(?P<d1>[0-3]?\d)|"
    r"(?P<d2>[0-3]?\d)(?P<s2>[-./])(?P<m2>[01]?\d)(?P=s2)(?P<y2>(?:19|20)\d\d))\b"
)
# "on the 14th", "on the 14th of this month": a day of this month or the last
_ON_THE_DAY = FoldedPattern(
    r"\bon\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?:\s+of\s+(?:this|the)\s+month\b)?"
    rf"(?!\s+(?:of\s+)?(?:{_MONTH_RE}|[a-z]*(?:division|brigade|regiment|battalion|army|corps|"
    r"floor|anniversary|century|day|round|time|birthday)))",
    needles=("st", "nd", "rd", "th"),
)
_WEEKDAY = FoldedPattern(
    r"\b(?:(?P<last>last|this|on|late\s+on|early\s+on|before\s+dawn\s+on)\s+)?"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"(?:\s+(?P<part>night|evening|morning|afternoon))?\b"
)
_RELATIVE = FoldedPattern(
    r"\b(?P<w>today|this\s+morning|this\s+afternoon|this\s+evening|tonight|earlier\s+today|"
    r"early\s+(?:this|today)|the\s+day\s+before\s+yesterday|yesterday|last\s+night|overnight|"
    r"the\s+day\s+before|"
    r"on\s+the\s+eve(?!\s+of\b)|last\s+week|this\s+week|earlier\s+this\s+week|past\s+week|"
    r"earlier\s+this\s+month|this\s+month|last\s+month|"
    r"(?:two|three|four|five|a\s+few)\s+days\s+(?:ago|earlier|before)|"
    r"a\s+day\s+earlier|the\s+previous\s+day|in\s+the\s+early\s+hours|before\s+dawn|"
    r"at\s+dawn|at\s+dusk)\b"
)


_HAS_DIGIT = re.compile(r"\d")
#: Every numeric date has a digit, a separator and a digit in a row.
_DIGIT_SEPARATOR = re.compile(r"\d[-./]\d")
#: Every month name starts with one of these (the first pass of _DAY_MONTH and _MONTH_DAY).
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")  # fmt: skip
_WEEKDAY_NAMES = tuple(_WEEKDAYS)


def _year_for(month: int, day: int, published: dt.date | None) -> int | None:
    if published is None:
        return None
    best: int | None = None
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if cand <= published + dt.timedelta(days=2) and (
            best is None or cand > dt.date(best, month, day)
        ):
            best = year
    return best


def _safe_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _explicit(text: str, published: dt.date | None) -> list[DateReading]:
    out: list[DateReading] = []
    folded = fold(text)
    named = folded is None or contains_any(folded, _MONTH_STEMS)
    if named and published is not None:
        for m in _IN_MONTH.finditer(text, folded):
            month = _MONTHS[m.group("mon").lower().rstrip(".")]
            recent = published.year if month <= published.month else published.year - 1
            first = dt.date(recent, month, 1)
            last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
            out.append(DateReading(None, first, last, 3, m.start(), m.end()))
    if not _HAS_DIGIT.search(text):
        return out
    for rx in (_DAY_MONTH, _MONTH_DAY) if named else ():
        for m in rx.finditer(text, folded):
            month = _MONTHS[m.group("mon").lower().rstrip(".")]
            day = int(m.group("d"))
            if not 1 <= day <= 31:
                continue
            if m.group("mon").lower() == "may" and rx is _MONTH_DAY and not m.group("y"):
                # "may 2 ..." is too often the verb
                if not re.match(r"May\b", m.group(0)):
                    continue
            year = int(m.group("y")) if m.group("y") else _year_for(month, day, published)
            date = _safe_date(year, month, day)
            if date is not None:
                out.append(DateReading(date, date, date, 1, m.start(), m.end()))
    for m in _IN_MONTH_YEAR.finditer(text, folded) if named else ():
        month = _MONTHS[m.group("mon").lower().rstrip(".")]
        first = dt.date(int(m.group("y")), month, 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        out.append(DateReading(None, first, last, 3, m.start(), m.end()))
    for m in _ON_THE_DAY.finditer(text, folded) if published is not None else ():
        day = int(m.group("d"))
        if published is None or not 1 <= day <= 31:
            continue
        month_start = published.replace(day=1)
        if day > published.day:  # the last month's
            month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
        date = _safe_date(month_start.year, month_start.month, day)
        if date is not None:
            out.append(DateReading(date, date, date, 1, m.start(), m.end()))
    for m in _NUMERIC.finditer(text) if _DIGIT_SEPARATOR.search(text) else ():
        if m.group("y1"):
            y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
        else:
            y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        date = _safe_date(y, mo, d) if 1 <= mo <= 12 else None
        if date is not None:
            out.append(DateReading(date, date, date, 1, m.start(), m.end()))
    return out


_RELATIVE_STEMS = ("day", "night", "week", "month", "tonight", "overnight", "morning",
                   "afternoon", "evening", "hours", "dawn", "dusk", "ago", "eve")  # fmt: skip


def _relative(text: str, published: dt.date) -> list[DateReading]:
    out: list[DateReading] = []
    folded = fold(text)
    lower = text.lower() if folded is None else folded
    if not contains_any(lower, _RELATIVE_STEMS):
        return out
    weekday = folded is None or contains_any(folded, _WEEKDAY_NAMES)
    for m in _WEEKDAY.finditer(text, folded) if weekday else ():
        target = _WEEKDAYS[m.group("wd").lower()]
        back = (published.weekday() - target) % 7
        if (m.group("last") or "").lower() == "last" and back == 0:
            back = 7
        day = published - dt.timedelta(days=back)
        out.append(DateReading(day, day, day, 1, m.start(), m.end(), True))
    hours: list[DateReading] = []
    for m in _RELATIVE.finditer(text, folded):
        w = re.sub(r"\s+", " ", m.group("w").lower())
        if w == "today" and _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "(Baghdad Today)", "USA Today": an outlet's name
        if w in _HOURS_ONLY:  # "at dawn": the day is told elsewhere, or it is today
            hours.append(DateReading(published, published, published, 1, m.start(), m.end(), True))
        elif w == "the day before yesterday":
            day = published - dt.timedelta(days=2)
            out.append(DateReading(day, day, day, 1, m.start(), m.end(), True))
        elif w in {"yesterday", "last night", "overnight", "the day before", "a day earlier",
                 "the previous day", "on the eve"}:  # fmt: skip
            day = published - dt.timedelta(days=1)
            end = published if w == "overnight" else day
            out.append(DateReading(day, day, end, 1, m.start(), m.end(), True))
        elif w in {"last week", "past week", "this week", "earlier this week"}:
            start = published - dt.timedelta(days=7)
            out.append(DateReading(None, start, published, 2, m.start(), m.end(), True))
        elif w in {"earlier this month", "this month"}:
            start = published.replace(day=1)
            out.append(DateReading(None, start, published, 3, m.start(), m.end(), True))
        elif w == "last month":
            end = published.replace(day=1) - dt.timedelta(days=1)
            out.append(DateReading(None, end.replace(day=1), end, 3, m.start(), m.end(), True))
        elif w.startswith("a few days"):  # some day of the past week, not a day
            start, end = published - dt.timedelta(days=7), published - dt.timedelta(days=1)
            out.append(DateReading(None, start, end, 2, m.start(), m.end(), True))
        elif " days " in w:  # "two days ago", "three days earlier"
            n = {"two": 2, "three": 3, "four": 4, "five": 5}[w.split()[0]]
            day = published - dt.timedelta(days=n)
            out.append(DateReading(day, day, day, 1, m.start(), m.end(), True))
        else:  # today, this morning, tonight
            out.append(DateReading(published, published, published, 1, m.start(), m.end(), True))
    # "at dawn on Friday", "before dawn yesterday": the hour of a day told beside it
    return out or hours


_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")
_HOURS_ONLY = frozenset({"before dawn", "at dawn", "at dusk", "in the early hours"})


def read_date(text: str, *, published: dt.date | None) -> DateReading | None:
    """Read the date of the event a sentence describes.

    Parameters
    ----------
    text : str
        One sentence (or the sentences about one event).
    published : datetime.date, optional
        The article's publication date, to resolve relative words and missing years.

    Returns
    -------
    DateReading or None
        The first usable date in the text (explicit beats relative); None when the
        text says nothing about the day, or only says it relative to an unknown date.
    """
    if not text:
        return None
    found = [r for r in _explicit(text, published) if not _is_background(text, r)]
    if published is not None:
        found.extend(r for r in _relative(text, published) if not _is_background(text, r))
    if not found:
        return None
    explicit = [r for r in found if not r.relative and r.day is not None]
    if explicit:
        return min(explicit, key=lambda r: r.span_start)
    days = [r for r in found if r.day is not None]
    if days:
        return min(days, key=lambda r: r.span_start)
    return min(found, key=lambda r: r.span_start)


_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|declared|revealed|"
    r"published|posted|tweeted|claimed|denied|warned|noted)[,\s]+(?:(?!that\b)\w+[,\s]+){0,3}?"
    r"(?:on\s+)?$",
    re.IGNORECASE,
)


_SINCE_BEGAN = re.compile(
    r"\bsince\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}?(?:began|started|was\s+launched|"
    r"erupted|kicked\s+off)\s+(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)


_BEGAN = re.compile(
    r"\b(?:offensive|operation|campaign|battle|war|siege)\b[^;]{0,60}?\b(?:began|begun|started|"
    r"kicked\s+off|got\s+under\s?way)\s+(?:late\s+|early\s+)?(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)


def statement_day(text: str, *, published: dt.date | None) -> dt.date | None:
    """Return the day a statement in ``text`` was made ("a source said on Monday that ...").

    Not the event's day, but the last day it can have been, when nothing else says.

    Examples
    --------
    >>> statement_day("A source stated, on Monday, that two guards were killed.",
    ...               published=dt.date(2018, 7, 25))
    datetime.date(2018, 7, 23)
    """
    if not text:
        return None
    found = [*_explicit(text, published), *(_relative(text, published) if published else [])]
    for r in sorted(found, key=lambda r: r.span_start):
        before = text[max(0, r.span_start - 40) : r.span_start]
        if r.day is not None and _REPORTING.search(before):
            return r.day
    return None


def _is_background(text: str, reading: DateReading) -> bool:
    before = text[max(0, reading.span_start - 40) : reading.span_start]
    if re.search(r"\b(?:since|until|till|by|before|after)\s+(?:the\s+)?$", before.lower()):
        return True
    if _SINCE_BEGAN.search(text[max(0, reading.span_start - 80) : reading.span_start]):
        return True  # "since the offensive began on October 17": when a period started
    if _BEGAN.search(text[max(0, reading.span_start - 100) : reading.span_start]):
        return True  # "The offensive, backed by air strikes, began on Oct. 17": the same
    if _TOLD_AFTER.match(text, reading.span_end):
        return True  # "Police on Thursday said they had arrested ...", "Mourners on
        # Thursday buried five fighters who were killed on Tuesday"
    if _FUNERAL_BEFORE.search(text[max(0, reading.span_start - 40) : reading.span_start]):
        return True  # "a funeral was held on Friday for two fighters killed on Wednesday"
    # "the general said on Saturday": the day of the statement, not of the event
    return bool(_REPORTING.search(before))


#: a statement or a funeral that the day just read belongs to
_TOLD_AFTER = re.compile(
    r"[,\s]+(?:said|says|announced|reported|stated|told|confirmed|declared|revealed|buried|"
    r"mourned|laid\s+to\s+rest|bade\s+farewell|bid\s+farewell|held\s+(?:a\s+)?funerals?|"
    r"issued)\b",
    re.IGNORECASE,
)
_FUNERAL_BEFORE = re.compile(
    r"\b(?:buried|laid\s+to\s+rest|funerals?\s+(?:was|were)\s+held|held\s+(?:a\s+)?funerals?)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:on\s+)?$",
    re.IGNORECASE,
)


def published_from_text(text: str) -> dt.date | None:
    r"""Find a publication date an article states about itself in its first lines.

    Examples
    --------
    >>> published_from_text("Headline | DW | 22.10.2016\nBody")
    datetime.date(2016, 10, 22)
    >>> published_from_text("October 21, 2016 at 1:04 pm\\n")
    datetime.date(2016, 10, 21)
    >>> published_from_text("no date here") is None
    True
    """
    head = text[:600]
    for r in _explicit(head, None):
        if r.day is not None:
            return r.day
    return None
