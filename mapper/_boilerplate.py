"""Known news outlets, their aliases and web domains; finding an article's publisher.

An article names its own publisher in its boilerplate: a title suffix (``| DW |``,
``- BBC News``), a ``Source: ARA News`` credit, a dateline ``ERBIL (Kurdistan 24) -``,
a contact footer (``Email us at ...@<domain>``, ``a story for The Sun Online news
team``), or a sentence where the outlet speaks about itself (``MEMO could not
independently verify``). Outlets the article merely quotes (``according to Rudaw``,
``quoted by CNN``) are not its publisher. Each cue has a strength; the strongest wins.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["OUTLETS", "canonical_outlet", "detect_outlet", "outlet_from_url"]

# canonical name -> (aliases as written in text, web domains)
OUTLETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "AFP": (("AFP", "Agence France-Presse", "Agence France Presse"), ("afp.com",)),
    "AP": (("AP", "Associated Press", "The Associated Press"), ("apnews.com", "ap.org")),
    "ARA News": (("ARA News", "ARANews"), ("aranews.net", "aranews.org")),
    "Al Arabiya": (("Al Arabiya", "Al-Arabiya", "Alarabiya"), ("alarabiya.net",)),
    "Al Jazeera": (("Al Jazeera", "Al-Jazeera", "Aljazeera"), ("aljazeera.com", "aljazeera.net")),
    "Al-Monitor": (("Al-Monitor", "Al Monitor"), ("al-monitor.com",)),
    "Alsumaria": (("Alsumaria", "Alsumaria News", "Al Sumaria", "Al-Sumaria"), ("alsumaria.tv",)),
    "Anadolu": (("Anadolu", "Anadolu Agency", "Anadolu Ajansi"), ("aa.com.tr",)),
    "Asharq Al-Awsat": (
        ("Asharq Al-Awsat", "Asharq al-Awsat", "Asharq Alawsat", "Al-Sharq al-Awsat"),
        ("aawsat.com",),
    ),
    "BBC": (("BBC", "BBC News", "BBC Arabic"), ("bbc.co.uk", "bbc.com")),
    "Basnews": (("Basnews", "BasNews"), ("basnews.com",)),
    "CNN": (("CNN",), ("cnn.com",)),
    "DW": (("DW", "Deutsche Welle", "DW News"), ("dw.com", "dw.de")),
    "Daily Mail": (("Daily Mail", "MailOnline", "Mail Online"), ("dailymail.co.uk",)),
    "France 24": (("France 24", "FRANCE 24", "France24"), ("france24.com",)),
    "Iraqi News": (("Iraqi News", "IraqiNews"), ("iraqinews.com",)),
    "Kurdistan 24": (("Kurdistan 24", "Kurdistan24", "K24"), ("kurdistan24.net",)),
    "MEMO": (("MEMO", "Middle East Monitor", "MiddleEastMonitor"), ("middleeastmonitor.com",)),
    "Middle East Eye": (("Middle East Eye", "MEE"), ("middleeasteye.net",)),
    "INA": (("INA", "Iraqi News Agency"), ("ina.iq",)),
    "NINA": (("NINA", "National Iraqi News Agency"), ("ninanews.com",)),
    "NRT": (("NRT", "NRT TV", "NRT News"), ("nrttv.com",)),
    "Press TV": (("Press TV", "PressTV"), ("presstv.ir", "presstv.com")),
    "RFE/RL": (
        ("RFE/RL", "Radio Free Europe/Radio Liberty", "Radio Free Europe", "Radio Farda"),
        ("rferl.org",),
    ),
    "Reuters": (("Reuters", "Thomson Reuters"), ("reuters.com",)),
    "Rudaw": (("Rudaw",), ("rudaw.net",)),
    "Shafaq News": (("Shafaq News", "Shafaq"), ("shafaq.com",)),
    "Sky News": (("Sky News",), ("news.sky.com", "skynews.com")),
    "Sputnik": (("Sputnik", "Sputnik News"), ("sputniknews.com",)),
    "The Baghdad Post": (("The Baghdad Post", "Baghdad Post"), ("thebaghdadpost.com",)),
    "The Guardian": (("The Guardian", "Guardian"), ("theguardian.com",)),
    "The Independent": (("The Independent",), ("independent.co.uk",)),
    "The National": (("The National",), ("thenationalnews.com", "thenational.ae")),
    "The New Arab": (("The New Arab", "Al-Araby Al-Jadeed", "Al-Araby"), ("alaraby.co.uk",)),
    "The New York Times": (("The New York Times", "New York Times", "NYT"), ("nytimes.com",)),
    "The Sun": (("The Sun", "The Sun Online", "Sun Online"), ("thesun.co.uk", "thesun.ie")),
    "The Washington Post": (("The Washington Post", "Washington Post"), ("washingtonpost.com",)),
    "VOA": (("VOA", "Voice of America", "VOA News"), ("voanews.com",)),
    "Xinhua": (("Xinhua", "Xinhua News Agency"), ("xinhuanet.com", "news.cn")),
}

_ALIAS_TO_NAME: dict[str, str] = {}
for _name, (_aliases, _domains) in OUTLETS.items():
    _ALIAS_TO_NAME[_name.casefold()] = _name
    for _alias in _aliases:
        _ALIAS_TO_NAME[_alias.casefold()] = _name
_DOMAIN_TO_NAME = {d: n for n, (_a, ds) in OUTLETS.items() for d in ds}

# Longest alias first so "BBC News" wins over "BBC"; case-sensitive as written.
_ALIASES_SORTED = sorted(
    {a for _n, (aliases, _d) in OUTLETS.items() for a in (*aliases, _n)},
    key=lambda a: (-len(a), a),
)
_ALT = "|".join(re.escape(a) for a in _ALIASES_SORTED)


def _outlet(n: int = 0) -> str:
    """Return a regex group ``outlet<n>`` matching any alias as a whole word."""
    return rf"(?=[A-Z])(?<![\w@.])(?P<outlet{n}>{_ALT})(?![\w-])"


OUTLET_RE = re.compile(_outlet())
_AUTOMATON: Any = None
_MAX_MENTIONS = 500


def _automaton() -> Any:
    """Build (once) an Aho-Corasick automaton of every alias, for a fast first pass."""
    global _AUTOMATON
    if _AUTOMATON is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for alias in _ALIASES_SORTED:
            automaton.add_word(alias, alias)
        automaton.make_automaton()
        _AUTOMATON = automaton
    return _AUTOMATON


def _outlet_mentions(lines: list[str]) -> dict[int, list[tuple[int, int, str]]]:
    """Map line index -> (start, end, alias) of whole-word outlet names in that line.

    One Aho-Corasick pass over the text; overlapping hits keep the longest name.
    """
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    text = "\n".join(lines)
    hits: list[tuple[int, int, str]] = []
    for last, alias in _automaton().iter(text):
        start, end = last - len(alias) + 1, last + 1
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@."):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] in "_-"):
            continue
        hits.append((start, end, alias))
    hits.sort(key=lambda h: (h[0], -h[1]))
    found: dict[int, list[tuple[int, int, str]]] = {}
    reach = -1
    for start, end, alias in hits:
        if end <= reach:
            continue  # inside a longer name already taken
        reach = end
        index = bisect.bisect_right(starts, start) - 1
        found.setdefault(index, []).append((start - starts[index], end - starts[index], alias))
    return found


# Cue patterns, each with a strength (lower is stronger).
_CONTACT = re.compile(
    r"(?i)\b(?:e-?mail us|contact us|write to us|call us|tip(?:s|-off)? to|"
    r"we pay for your stories|news team|newsdesk|news desk|all rights reserved|"
    r"copyright|follow us|newsletter|subscribe)\b|©"
)
# Context just before / after an outlet's name that makes it a cue.
_BEFORE_CREDIT = re.compile(r"\b(?:Source|Sources|Via|Courtesy(?: of)?)\s*:\s*$")
_BEFORE_SELF = re.compile(
    r"(?i)\b(?:told|speaking to|spoke to|in an interview with|analysts)\s+(?:the\s+)?$"
)
_AFTER_SELF = re.compile(
    r"^(?:(?:'s|’s)?\s+(?:sources|correspondent|reporter|crew|team)\b|\s+spoke\b|"
    r"\s+(?:could not|couldn't|cannot|can't|was unable to|is unable to|has not been able "
    r"to|has been unable to|did not|does not)\s+(?:independently\s+)?(?:verify|confirm))"
)
_BEFORE_QUOTED = re.compile(
    r"\b(?:[Aa]ccording to|quoted by|cited by|reported by|via|citing|quoting|cites|"
    r"told by|broadcaster|channel|agency)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}$"
)
_AFTER_QUOTED = re.compile(
    r"^\s+(?:(?:news agency|TV|television|broadcaster|network|website)\s+)?"
    r"(?:reported|said|quoted|cited|reports|says|added|claimed|aired|published|showed)\b"
)
_DOMAIN = re.compile(r"(?i)(?:@|//|www\.|\b)((?:[a-z0-9-]+\.)+[a-z]{2,})\b")


def canonical_outlet(name: str) -> str:
    """Return the canonical outlet name for ``name``, or ``name`` stripped if unknown.

    Examples
    --------
    >>> canonical_outlet("Deutsche Welle")
    'DW'
    >>> canonical_outlet(" Middle East Monitor ")
    'MEMO'
    >>> canonical_outlet("Some Local Paper")
    'Some Local Paper'
    """
    stripped = " ".join(name.split())
    return _ALIAS_TO_NAME.get(stripped.casefold(), stripped)


def known_outlet(text: str) -> str | None:
    """Return the canonical outlet if ``text`` is exactly a known outlet name or alias."""
    stripped = " ".join(text.strip(" \t-–—|:•·").split())
    return _ALIAS_TO_NAME.get(stripped.casefold()) if stripped else None


def outlet_from_domain(text: str) -> str | None:
    """Return the outlet whose web domain occurs in ``text`` (an address or a URL)."""
    for match in _DOMAIN.finditer(text):
        host = match.group(1).lower()
        parts = host.split(".")
        for i in range(len(parts) - 1):
            name = _DOMAIN_TO_NAME.get(".".join(parts[i:]))
            if name is not None:
                return name
    return None


def outlet_from_url(url: str | None) -> str | None:
    """Return the outlet a URL belongs to, or None.

    Examples
    --------
    >>> outlet_from_url("https://www.dw.com/en/some-story/a-1")
    'DW'
    >>> outlet_from_url(None) is None
    True
    """
    return outlet_from_domain(url) if url else None


_HEADER_CREDIT = re.compile(
    r"^(?:Source|Publisher|Outlet|Published by)\s*:\s*([A-Z][\w.&'’ -]{1,60}?)\s*$"
)


_DATELINE_OUTLET = re.compile(r"[A-Z][\w&.'’-]*(?:\s[A-Z0-9][\w&.'’-]*){0,3}")
#: parenthesised words after a dateline's place that are places, not outlets
_NOT_OUTLETS = frozenset(
    {"iraq", "kurdistan", "kurdistan region", "krg", "syria", "iran", "turkey", "updated"}
)


def detect_outlet(
    *,
    title_segments: Iterable[str],
    dateline_outlet: str | None,
    header_lines: Iterable[str],
    lines: Iterable[str],
) -> str | None:
    """Find the outlet an article names as its own publisher.

    Parameters
    ----------
    title_segments : iterable of str
        Parts of the title line after the headline (``| Middle East | DW | date``).
    dateline_outlet : str or None
        The parenthesised name in the dateline (``ERBIL (Kurdistan 24) -``).
    header_lines : iterable of str
        Lines before the first paragraph (a standalone outlet name there is a byline).
    lines : iterable of str
        Every line of the article, boilerplate included.

    Returns
    -------
    str or None
        The canonical outlet name, or None when the article does not say.
    """
    cues: list[tuple[int, int, str]] = []  # (strength, order, name)
    order = 0

    def add(strength: int, name: str | None) -> None:
        nonlocal order
        if name is not None:
            cues.append((strength, order, name))
            order += 1

    for segment in title_segments:
        add(0, known_outlet(segment))
    if dateline_outlet:
        known = known_outlet(dateline_outlet)
        add(2, known)
        if known is None and _DATELINE_OUTLET.fullmatch(dateline_outlet.strip()):
            # "KIRKUK, Nov 20 (Rafidain Wire) -": by wire convention, the outlet
            if dateline_outlet.strip().casefold() not in _NOT_OUTLETS:
                add(1, dateline_outlet.strip())
    for line in header_lines:
        add(2, known_outlet(line))
        credit = _HEADER_CREDIT.match(line.strip())
        if credit:  # "Source: Tigris Wire" above the story names its publisher
            add(1, known_outlet(credit.group(1)) or credit.group(1).strip())
    quoted: set[str] = set()
    self_named: list[str] = []
    # Cues sit in short lines or ordinary paragraphs: very long lines are not searched,
    # and at most _MAX_MENTIONS names are looked at, so hostile input stays fast.
    all_lines = [line for line in lines if len(line) <= 5000]
    mentions = _outlet_mentions(all_lines)
    joined = "\n".join(all_lines)
    addressed = any(mark in joined for mark in ("@", "www.", "//"))
    budget = _MAX_MENTIONS
    for index, line in enumerate(all_lines):
        matches = mentions.get(index, [])
        has_address = addressed and ("@" in line or "www." in line or "//" in line)
        if not matches and not has_address:
            continue
        if budget <= 0:
            break
        matches = matches[:budget]
        budget -= len(matches) + 1
        contact = len(line) < 600 and bool(_CONTACT.search(line))
        if contact and has_address:
            add(3, outlet_from_domain(line))
        for start, end, alias in matches:
            name = _ALIAS_TO_NAME[alias.casefold()]
            before = line[max(0, start - 80) : start]
            after = line[end : end + 80]
            if _BEFORE_CREDIT.search(before):
                add(1, name)
            if contact:
                add(3, name)
            if _BEFORE_QUOTED.search(before) or _AFTER_QUOTED.match(after):
                quoted.add(name)
            elif _BEFORE_SELF.search(before) or _AFTER_SELF.match(after):
                self_named.append(name)
    for name in self_named:
        if name not in quoted:
            add(4, name)
    if not cues:
        return None
    best = min(strength for strength, _o, _n in cues)
    top = [(o, n) for s, o, n in cues if s == best]
    counts: dict[str, int] = {}
    for _o, name in top:
        counts[name] = counts.get(name, 0) + 1
    return max(top, key=lambda item: (counts[item[1]], -item[0]))[1]


# --------------------------------------------------------------------------------------
# Dates: publication stamps
# --------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_FORMS = (
    r"(?P<y1>(?:19|20)\d{2})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    r"(?P<y2>(?:19|20)\d{2})/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})",
    r"(?P<d3>\d{1,2})[./](?P<m3>\d{1,2})[./](?P<y3>(?:19|20)\d{2})",
    rf"{_WEEKDAY}(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.replace('mon', 'mon4')},?\s+{_YEAR.replace('year', 'y4')}",  # noqa: E501
    rf"{_WEEKDAY}{_MONTH.replace('mon', 'mon5')}\s+(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR.replace('year', 'y5')}",  # noqa: E501
)
_DATE_RE = re.compile("(?:" + "|".join(f"(?:{form})" for form in _DATE_FORMS) + ")", re.I)
_STAMP_PREFIX = re.compile(
    r"(?i)^(?:(?:first\s+)?(?:published|posted|updated|last\s+updated|modified|date|"
    r"dated|released|created)(?:\s+(?:on|at))?\s*[:\-–]?\s*)?"
)
_TIME = (
    r"(?:(?:at|,|-|–|—|\||/|@)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:GMT|UTC|AST|CET|CEST|EST|EDT|BST|[A-Z]{3})(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?)"
)
_STAMP_TAIL = re.compile(
    rf"(?i)^\s*[.,]?\s*{_TIME}?\s*"
    r"(?:(?:\||-|–|—|·)\s*(?:updated.*|\d+\s*min(?:ute)?s?\s+read))?"
    r"(?:\s*(?:by|-|\|)\s+[\w.\-' ]{1,40})?\s*$"
)


def parse_date(text: str) -> dt.date | None:
    """Parse one date written in a common format, or return None.

    Day-first for ``dd.mm.yyyy`` / ``dd/mm/yyyy`` unless the first number cannot be a
    day-of-month-before-month reading (``10/21/2016`` is read month-first).

    Examples
    --------
    >>> parse_date("22.10.2016")
    datetime.date(2016, 10, 22)
    >>> parse_date("October 21, 2016 at 1:04 pm")
    datetime.date(2016, 10, 21)
    >>> parse_date("2016-10-21T13:04:00Z")
    datetime.date(2016, 10, 21)
    >>> parse_date("yesterday") is None
    True
    """
    match = _DATE_RE.search(text)
    return _date_from_match(match) if match else None


def _date_from_match(match: re.Match[str]) -> dt.date | None:
    g = match.groupdict()
    try:
        if g["y1"]:
            return dt.date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if g["y2"]:
            return dt.date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
        if g["y3"]:
            day, month = int(g["d3"]), int(g["m3"])
            if month > 12 >= day:
                day, month = month, day
            return dt.date(int(g["y3"]), month, day)
        if g["y4"]:
            return dt.date(int(g["y4"]), _MONTHS[g["mon4"].lower().rstrip(".")], int(g["d4"]))
        if g["y5"]:
            return dt.date(int(g["y5"]), _MONTHS[g["mon5"].lower().rstrip(".")], int(g["d5"]))
    except (ValueError, KeyError):
        return None
    return None


def stamp_date(line: str) -> dt.date | None:
    """Return the date if ``line`` is nothing but a publication stamp, else None.

    Examples
    --------
    >>> stamp_date("October 21, 2016 at 1:04 pm")
    datetime.date(2016, 10, 21)
    >>> stamp_date("Published: Saturday 22 October 2016 | 13:04 GMT")
    datetime.date(2016, 10, 22)
    >>> stamp_date("The attack on 21 October 2016 killed two.") is None
    True
    """
    # every date form holds a year written "19.." or "20..": most lines lack both
    if len(line) > 120 or ("20" not in line and "19" not in line):
        return None
    rest = line[_STAMP_PREFIX.match(line).end() :]  # type: ignore[union-attr]
    match = _DATE_RE.match(rest)
    if match is None or not _STAMP_TAIL.match(rest[match.end() :]):
        return None
    return _date_from_match(match)


# --------------------------------------------------------------------------------------
# Boilerplate lines
# --------------------------------------------------------------------------------------

CUT = "cut"  # this line and everything after it is a comment form / footer
DROP = "drop"  # this line alone is boilerplate

_CUT_SOURCE = (
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|"
    r"\d+\s+comments?|comments?(?:\s*\(\d+\))?|show comments|view comments|"
    r"comments are closed\.?|your email address will not be published.*|"
    r"fill in your details below.*|you must be logged in to post a comment.*|"
    r"join the conversation|have your say)\s*:?$"
)
_CUT_WORDS = re.compile(_CUT_SOURCE)  # on the lower-cased line, as _DROP_START_WORDS
_CUT_RE = re.compile(_CUT_SOURCE, re.IGNORECASE)
# Boilerplate recognised from how a line starts (anchored matches). The words are
# written in lower case and matched on the lower-cased line: several times faster than
# re.IGNORECASE on a long alternation, with the same result (see _drops_by_start).
# Two forms may start with any word; they cost more than all the others together, so
# they are tried apart, only on lines holding the word or sign they need.
_RECOMMENDS_SOURCE = r"[\w\- ]{1,20} recommends\b"  # "Our editors recommends"
_CAPTCHA_SOURCE = r"\s*\w{1,12}\s*[+\-×x*÷/]\s*\w{1,12}\s*=\s*[?.\w]{0,4}\s*$"  # "20 + seventeen ="
_DROP_START_SOURCE = (
    # "Read more", "Read More: <headline>", "See also", related lists
    r"(?:read (?:more|also|next|the full story)|see also|also read|more on this|more from|"
    r"click here|continue reading|full story|related(?: articles?| news| stories| posts| "
    r"items| coverage| content| topics)?|you may (?:also )?like|recommended(?: for you| "
    r"stories)?|most (?:read|popular|viewed)|trending(?: now)?|"
    r"audios and videos on the topic|more (?:stories|videos)|latest (?:news|stories|videos))\b"
    # photo credits and captions
    r"|(?:photo|photograph|image|picture|pic|photo credit|credit|file)\s*:\s*\S"
    r"|(?:image|photo)\s+(?:copyright|source|caption)\b"
    # video widgets and their timestamps
    r"|(?:watch|play)\s+(?:the\s+)?(?:video|now|live)\b"
    r"|(?:now live|live now|video|videos|audio|listen|loading\.*)$"
    r"|\d{1,2}:\d{2}(?::\d{2})?\s*(?:mins?|minutes?|min\.?)?\.?$"
    r"|(?:video|duration)\s*:?\s*\d{1,2}:\d{2}"
    # newsletter / follow / subscribe / share buttons
    r"|for the latest news\b|follow us\b|join (?:us|our)\b.*\b(?:newsletter|channel|telegram|"
    r"facebook|twitter)|sign up\b|subscribe\b|like us on\b|get (?:our|the) .*newsletter|"
    r"newsletter\b|share (?:this|on|via|the article)\b|share\s*:?$|tweet$|print$|e-?mail$|"
    r"whatsapp$|facebook$|twitter$|linkedin$|telegram$|reddit$|pinterest$|copy link$|"
    r"google\+?$|messenger$"
    # credit lines
    r"|\(?(?:reporting|writing|editing|additional reporting|compiled|translated|written|"
    r"edited)(?: and \w+)? by\b.{0,200}$"
    r"|(?:source|sources)\s*:\s*.{1,80}$"
    # tag and topic lists ("Tags: Turkey, PKK, Duhok, air strikes")
    r"|(?:tags?|tagged(?: with)?|topics?|keywords?|filed under|categories|category)\s*:\s*.{1,200}$"
    # copyright, cookies, page chrome
    r"|(?:©|\(c\)|copyright)\s"
    r"|(?:all rights reserved|we use cookies|this website uses cookies|accept(?: all)? "
    r"cookies|advertisement|sponsored|skip to (?:main )?content|toggle navigation|main menu|"
    r"menu|search|close|clear|home|back to top|next article|previous article|next|previous|"
    r"more|login|log in|sign in|register|english|العربية|kurdî|کوردی)\.?$"
)
_DROP_START_WORDS = re.compile(_DROP_START_SOURCE)
_RECOMMENDS = re.compile(_RECOMMENDS_SOURCE)
_CAPTCHA = re.compile(_CAPTCHA_SOURCE)
_DROP_START_ANY_CASE = re.compile(
    f"{_DROP_START_SOURCE}|{_RECOMMENDS_SOURCE}|{_CAPTCHA_SOURCE}", re.IGNORECASE
)
_DROP_START_CASED = re.compile(
    # author initials with agencies ("ab/cd (Reuters, AFP)"), a byline
    r"[a-z]{1,4}(?:/[a-z]{1,4})+\s*(?:\([^)]*\))?\s*$"
    r"|[Bb][Yy]\s+[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,4}\s*$"
)
# a tagline ("Independent news since 2003"), tried only on lines with "since "
_TAGLINE = re.compile(r"[A-Z][\w ,'&\-]{2,60}\bsince (?:18|19|20)\d{2}\.?$")
#: The letters on which re.IGNORECASE and str.lower disagree (as in mapper.extract).
_FOLD_TRAPS = frozenset("\u0130\u0131\u017f")
# Boilerplate recognised from how a line ends (searched in the last 120 characters).
_DROP_END = re.compile(
    r"(?i:\((?:photo|photograph|image|picture|pic|file|archive)(?:\s*credit)?\s*:[^)]*\)"
    r"|(?:^|[.:]\s*)(?:file|archive|stock)\s+(?:photo|picture|image)\.?\)?"
    r"|\b(?:getty images|afp via getty|epa-efe|ap photo|reuters/)\S*\s*\)?)\s*$"
    r"|\([A-Z][\w .\-]{1,30}/[A-Z][\w .\-]{0,30}\)\s*$"  # (Agency/Photographer)
)
# Contact footers: keywords found with str.find over the lower-cased text (far faster
# than a regex scan), then confirmed on their line.
_CONTACT_WORDS = (
    "email us", "e-mail us", "contact us", "write to us", "call us", "text us",
    "whatsapp us", "we pay for your stories", "send us your", "tip-off", "tipoff",
    "[email", "@",
)  # fmt: skip
_PHONE_WORDS = ("call", "phone", "tel", "whatsapp", "ring", "contact", "hotline")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\[email\s*protected\]")
_PHONE = re.compile(
    r"(?<![\d/.-])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?(?:[\s.-]\d{2,5}){2,4}(?![\d/.-])"
)
_PHONE_CUE = re.compile(r"\b(?:call|phone|tel|telephone|whatsapp|ring|contact|hotline)\b")
_END_CUES = ("photo", "photo.", "picture", "picture.", "image", "image.", "images", ")")
_NUMBERED_NAV = re.compile(r"^\d{1,2}[.)]\s+(\S.{0,40})$")
_SENTENCE_END = re.compile(r"[.!?…\"”’':;]$")


def line_kind(line: str) -> str | None:
    """Classify one stripped line: :data:`CUT`, :data:`DROP`, or None to keep it.

    Examples
    --------
    >>> line_kind("Leave a Reply")
    'cut'
    >>> line_kind("Read More: Another story about something")
    'drop'
    >>> line_kind("Call us on 0123 456 7890")
    'drop'
    >>> line_kind("Gunmen attacked a checkpoint near the town on Monday.") is None
    True
    """
    return classify_lines([line])[0]


def _drops_by_start(line: str, low: str | None) -> bool:
    """Whether the start of ``line`` marks it as boilerplate (a credit, a widget ...).

    ``low`` is ``line.lower()``, or None when the line holds one of ``_FOLD_TRAPS``
    (then the case-insensitive pattern is run on ``line`` itself).
    """
    if low is not None:
        words = bool(
            _DROP_START_WORDS.match(low)
            or ("recommends" in low and _RECOMMENDS.match(low))
            or ("=" in low and _CAPTCHA.match(low))
        )
    else:
        words = _DROP_START_ANY_CASE.match(line) is not None
    return bool(
        words or _DROP_START_CASED.match(line) or ("since " in line and _TAGLINE.match(line))
    )


_CRUMB_SPLIT = re.compile(r"\s+(?:[|›»>/]|::)\s+")


def _is_breadcrumb(line: str) -> bool:
    """Whether ``line`` is a site's breadcrumb trail ("Home | World | Middle East").

    Three or more short parts (three words at most, no full stop or comma) between
    separators, the first of them the site's home.
    """
    parts = _CRUMB_SPLIT.split(line)
    if len(parts) < 3 or parts[0].strip().lower() not in _HOMES:
        return False
    return all(0 < len(p.split()) <= 3 and not any(c in p for c in ".,;:!?") for p in parts)


_HOMES = frozenset({"home", "homepage", "start", "main", "news", "الرئيسية"})


def _start_end_kind(line: str) -> str | None:
    size = len(line)
    if not size or size > 600:
        return None
    if size <= 250:
        low = line.lower() if line.isascii() or not _FOLD_TRAPS.intersection(line) else None
        if size <= 200 and (_CUT_RE.match(line) if low is None else _CUT_WORDS.match(low)):
            return CUT
        if _drops_by_start(line, low):
            return DROP
        if size <= 120 and _is_breadcrumb(line):
            return DROP
    if size <= 400:
        if line[-8:].lower().endswith(_END_CUES) and _DROP_END.search(line, max(0, size - 120)):
            return DROP
    return None


def classify_lines(lines: list[str]) -> list[str | None]:
    """Classify stripped lines: :data:`CUT`, :data:`DROP` or None (keep), one per line.

    Line starts and ends are matched per line; contact footers (e-mail addresses,
    "email us", phone numbers next to "call" / "tel") in one pass over the text.
    """
    kinds = [_start_end_kind(line) for line in lines]
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    low = "\n".join(lines).lower()

    def hits(needles: tuple[str, ...]) -> set[int]:
        found: set[int] = set()
        for needle in needles:
            at = low.find(needle)
            while at != -1:
                index = bisect.bisect_right(starts, at) - 1
                found.add(index)
                at = low.find(needle, starts[index] + len(lines[index]) + 1)
        return found

    flagged: set[int] = set()
    for index in hits(_CONTACT_WORDS):
        line = low[starts[index] : starts[index] + len(lines[index])]
        if "@" not in line and "[email" not in line:
            flagged.add(index)  # one of the "email us" phrases
        elif _EMAIL.search(line) or any(w in line for w in _CONTACT_WORDS[:-2]):
            flagged.add(index)
    for index in hits(_PHONE_WORDS) - flagged:
        line = low[starts[index] : starts[index] + len(lines[index])]
        if _PHONE_CUE.search(line) and _PHONE.search(line):
            flagged.add(index)
    for index in flagged:
        if kinds[index] is None and len(lines[index]) <= 600:
            kinds[index] = DROP
    return kinds


def words(line: str) -> int:
    """Count words of a whitespace-normalised line."""
    return line.count(" ") + 1 if line else 0


def is_paragraph(line: str) -> bool:
    """Whether a line reads as running text (a sentence of some length)."""
    return line.count(" ") >= 11 and (
        "." in line or "!" in line or "?" in line or '"' in line or "”" in line
    )


def nav_runs(lines: list[str]) -> set[int]:
    """Return the indices of lines that belong to navigation menus.

    A menu is a run of at least three numbered short items (``1. Home``, ``2. News``),
    or, outside the article's running text (before its first paragraph or after its
    last), a run of at least four consecutive very short lines without punctuation.
    """
    drop: set[int] = set()
    n = len(lines)
    i = 0
    while i < n:
        j = i
        expected = None
        if not lines[i][:1].isdigit():
            i += 1
            continue
        while j < n:
            m = _NUMBERED_NAV.match(lines[j])
            number = int(lines[j].split(maxsplit=1)[0].rstrip(".)")) if m else None
            if m is None or words(m.group(1)) > 5 or (expected is not None and number != expected):
                break
            expected = (number or 0) + 1
            j += 1
        if j - i >= 3:
            drop.update(range(i, j))
            i = j
        else:
            i += 1
    paragraphs = [k for k, line in enumerate(lines) if is_paragraph(line)]
    first = paragraphs[0] if paragraphs else n
    last = paragraphs[-1] if paragraphs else -1
    i = 0
    while i < n:
        j = i
        while (
            j < n
            and (j < first or j > last)
            and lines[j]
            and words(lines[j]) <= 3
            and not _SENTENCE_END.search(lines[j])
        ):
            j += 1
        if j - i >= 4:
            drop.update(range(i, j))
        i = max(j, i + 1)
    return drop
