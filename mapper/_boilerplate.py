"""Known news outlets, their aliases and web domains; finding an article's publisher.

An article names its own publisher in its boilerplate: a title suffix (``| DW |``,
``- BBC News``), a ``Source: ARA News`` credit, a dateline ``ERBIL (Kurdistan 24) -``,
a contact footer (``Email us at ...@<domain>``, ``a story for The Sun Online news
team``), or a sentence where the outlet speaks about itself (``MEMO could not
independently verify``). Outlets the article merely quotes (``according to Rudaw``,
``quoted by CNN``) are not its publisher. Each cue has a strength; the strongest wins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

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
    return rf"(?<![\w@.])(?P<outlet{n}>{_ALT})(?![\w-])"


OUTLET_RE = re.compile(_outlet())

# Cue patterns, each with a strength (lower is stronger).
_SOURCE_CREDIT = re.compile(rf"\b(?:Source|Sources|Via|Courtesy(?: of)?)\s*:\s*{_outlet()}")
_CONTACT = re.compile(
    r"(?i)\b(?:e-?mail us|contact us|write to us|call us|tip(?:s|-off)? to|"
    r"we pay for your stories|news team|newsdesk|news desk|all rights reserved|"
    r"copyright|©|follow us|newsletter|subscribe)\b"
)
_SELF = re.compile(
    rf"{_outlet(1)}\s+(?:could not|couldn't|cannot|can't|was unable to|is unable to|"
    r"has not been able to|has been unable to|did not|does not)\s+"
    r"(?:independently\s+)?(?:verify|confirm|be able to)"
    rf"|{_outlet(2)}(?:'s|’s)?\s+(?:sources|correspondent|reporter|crew|team)\b"
    rf"|\banalysts\s+{_outlet(3)}\s+spoke\b"
    rf"|\b(?:told|speaking to|spoke to|in an interview with)\s+{_outlet(4)}"
)
_QUOTED = re.compile(
    rf"\b(?:according to|quoted by|cited by|reported by|via|citing|quoting|cites|"
    rf"told by|broadcaster|channel|agency)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){{0,3}}{_outlet(5)}"
    rf"|{_outlet(6)}\s+(?:news agency|TV|television|broadcaster|network)?\s*"
    r"(?:reported|said|quoted|cited|reports|says|added|claimed|aired|published)\b"
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


def _names(pattern: re.Pattern[str], line: str) -> list[str]:
    found: list[str] = []
    for match in pattern.finditer(line):
        for key, value in match.groupdict().items():
            if key.startswith("outlet") and value:
                found.append(_ALIAS_TO_NAME[value.casefold()])
    return found


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
    add(2, known_outlet(dateline_outlet) if dateline_outlet else None)
    for line in header_lines:
        add(2, known_outlet(line))
    quoted: set[str] = set()
    self_named: list[str] = []
    for line in lines:
        for name in _names(_SOURCE_CREDIT, line):
            add(1, name)
        if _CONTACT.search(line) and len(line) < 600:
            add(3, outlet_from_domain(line))
            for name in _names(OUTLET_RE, line):
                add(3, name)
        self_named.extend(_names(_SELF, line))
        quoted.update(_names(_QUOTED, line))
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
    rf"(?P<y1>(?:19|20)\d{{2}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?",  # noqa: E501
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
    rf"(?i)^\s*[.,]?\s*{_TIME}?\s*(?:(?:\||-|–|—|·)\s*(?:updated.*|\d+\s*min(?:ute)?s?\s+read))?(?:\s*(?:by|-|\|)\s+[\w.\-' ]{1,40})?\s*$"
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
    if len(line) > 120:
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

_CUT_RE = re.compile(
    r"(?i)^(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|"
    r"\d+\s+comments?|comments?(?:\s*\(\d+\))?|show comments|view comments|"
    r"comments are closed\.?|your email address will not be published.*|"
    r"fill in your details below.*|you must be logged in to post a comment.*|"
    r"join the conversation|have your say|discussion)\s*:?$"
)
_DROP_RES = (
    # "Read more", "Read More: <headline>", "See also", "Also read"
    re.compile(
        r"(?i)^(?:read (?:more|also|next|the full story)|see also|also read|more on this|"
        r"more from|click here|continue reading|full story|related(?: articles?| news| "
        r"stories| posts| items| coverage| content| topics)?|you may (?:also )?like|"
        r"recommended(?: for you| stories)?|most (?:read|popular|viewed)|trending(?: now)?|"
        r"[\w\- ]{1,20} recommends|audios and videos on the topic|more (?:stories|videos)|"
        r"latest (?:news|stories|videos))\b"
    ),
    # photo captions and credits
    re.compile(r"(?i)\((?:photo|photograph|image|picture|pic|file|archive)(?:\s*credit)?\s*:[^)]*\)\s*$"),
    re.compile(r"(?i)^(?:photo|photograph|image|picture|pic|photo credit|credit|file)\s*:\s*\S"),
    re.compile(r"(?i)(?:^|[.:]\s*)(?:file|archive|stock)\s+(?:photo|picture|image)\.?\)?\s*$"),
    re.compile(r"(?i)^(?:image|photo)\s+(?:copyright|source|caption)\b"),
    re.compile(r"\([A-Z][\w .\-]{1,30}/[A-Z][\w .\-]{0,30}\)\s*$"),  # (Reuters/A. Name)
    re.compile(r"(?i)\b(?:getty images|afp via getty|epa-efe|ap photo|reuters/)\S*\s*\)?$"),
    # video widgets and timestamps
    re.compile(r"(?i)^(?:watch|play)\s+(?:the\s+)?(?:video|now|live)\b"),
    re.compile(r"(?i)^(?:now live|live now|video|videos|audio|listen|loading\.*)$"),
    re.compile(r"(?i)^\d{1,2}:\d{2}(?::\d{2})?\s*(?:mins?|minutes?|min\.?)?\.?$"),
    re.compile(r"(?i)^(?:video|duration)\s*:?\s*\d{1,2}:\d{2}"),
    # captcha ("20 + seventeen =")
    re.compile(r"(?i)^\s*[\w]{1,12}\s*[+\-×x*÷/]\s*[\w]{1,12}\s*=\s*[?.\w]{0,4}\s*$"),
    # newsletter / follow / subscribe / share
    re.compile(
        r"(?i)^(?:for the latest news\b|follow us\b|join (?:us|our)\b.*\b(?:newsletter|"
        r"channel|telegram|facebook|twitter)|sign up\b|subscribe\b|like us on\b|"
        r"get (?:our|the) .*newsletter|newsletter\b|share (?:this|on|via|the article)\b|"
        r"share\s*:?$|tweet$|print$|e-?mail$|whatsapp$|facebook$|twitter$|linkedin$|"
        r"telegram$|reddit$|pinterest$|copy link$|google\+?$|messenger$|share this"
        r"(?: article| story)?:?$)"
    ),
    # credit lines: author initials + agencies, "Reporting by", "Source: X"
    re.compile(r"^[a-z]{1,4}(?:/[a-z]{1,4})+\s*(?:\([^)]*\))?\s*$"),
    re.compile(
        r"(?i)^\(?(?:reporting|writing|editing|additional reporting|compiled|translated|"
        r"written|edited)(?: and \w+)? by\b.{0,200}$"
    ),
    re.compile(r"(?i)^(?:source|sources)\s*:\s*.{1,80}$"),
    re.compile(r"(?i)^by\s+[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,4}\s*$"),
    # copyright / cookie / UI
    re.compile(r"(?i)^(?:©|\(c\)|copyright)\s"),
    re.compile(r"(?i)^(?:all rights reserved|we use cookies|this website uses cookies|"
               r"accept(?: all)? cookies|advertisement|sponsored|skip to (?:main )?content|"
               r"toggle navigation|main menu|menu|search|close|clear|home|back to top|"
               r"next article|previous article|next|previous|more|login|log in|sign in|"
               r"register|english|العربية|kurdî|کوردی)\.?$"),
    # a tagline: "Creating new perspectives since 2009"
    re.compile(r"^[A-Z][\w ,'&\-]{2,60}\bsince (?:18|19|20)\d{2}\.?$"),
)
_CONTACT_LINE = re.compile(
    r"(?i)(?:\b(?:e-?mail us|contact us|write to us|call us|text us|whatsapp us|"
    r"we pay for your stories|send us your|tip-?off)\b|\[email\s*protected\]|"
    r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b)"
)
_PHONE = re.compile(r"(?<![\d/.-])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?(?:[\s.-]\d{2,5}){2,4}(?![\d/.-])")
_PHONE_CUE = re.compile(r"(?i)\b(?:call|phone|tel|telephone|whatsapp|ring|contact|hotline)\b")
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
    >>> line_kind("Gunmen attacked a checkpoint near the town on Monday.") is None
    True
    """
    if not line:
        return None
    if len(line) <= 200 and _CUT_RE.match(line):
        return CUT
    if len(line) <= 400:
        for pattern in _DROP_RES:
            if pattern.search(line):
                return DROP
    if len(line) <= 600:
        if _CONTACT_LINE.search(line):
            return DROP
        if _PHONE_CUE.search(line) and _PHONE.search(line):
            return DROP
    return None


def words(line: str) -> int:
    """Count whitespace-separated words."""
    return len(line.split())


def is_paragraph(line: str) -> bool:
    """Whether a line reads as running text (a sentence of some length)."""
    return words(line) >= 12 and bool(re.search(r"[.!?\"”]", line))


def nav_runs(lines: list[str]) -> set[int]:
    """Indices of lines that belong to navigation menus.

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
            and lines[j]
            and words(lines[j]) <= 3
            and not _SENTENCE_END.search(lines[j])
            and (j < first or j > last)
        ):
            j += 1
        if j - i >= 4:
            drop.update(range(i, j))
        i = max(j, i + 1)
    return drop
