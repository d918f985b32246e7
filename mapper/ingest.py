r"""Ingest: files, folders, JSONL and dicts in; clean :class:`~mapper.models.Article` out.

What ingest does to each article:

* **Reading.** Encodings are detected (UTF-8 with or without BOM, UTF-16, cp1256
  Arabic, cp1252 / Latin-1, see :mod:`mapper._encoding`). Empty, binary and
  undecodable files, and malformed JSONL lines, are *skipped*: each is reported as a
  :class:`Skipped` with a one-line reason saying what to do, and the good input still
  comes through. With ``strict=True`` the first problem raises
  :class:`~mapper.errors.InputError` instead.
* **Bounded memory.** JSONL is read one line at a time. A single article is capped at
  :data:`MAX_ARTICLE_BYTES` (5 MiB; real news reports are a few KB): longer files are
  truncated there and reported. A JSONL line longer than :data:`MAX_LINE_BYTES` is
  skipped and reported.
* **HTML.** When the text looks like HTML, tags are stripped; ``<script>``,
  ``<style>``, ``<nav>``, ``<footer>``, ``<aside>``, ``<form>`` and similar are dropped
  with their content; entities are unescaped.
* **Headline and body.** The title given as metadata is the headline; otherwise the
  first line that is not boilerplate. A title line such as ``Headline | Section | DW |
  22.10.2016`` gives the headline (first part), the outlet and the date.
  ``Article.text`` is ``headline + "\n\n" + body`` and ``Article.body_start`` is where
  the body begins, so ``text[body_start:]`` is exactly the cleaned body.
* **Boilerplate** lines are removed: navigation menus, comment forms (``Leave a
  Reply`` and everything after it), newsletter / follow-us / share lines, contact
  footers with e-mail addresses or phone numbers, ``Read more`` lines, photo captions
  and credits, video widgets, captchas, "related" lists, taglines, repeated headlines.
* **Dateline.** ``ERBIL (Kurdistan 24) -``, ``Erbil -``, ``BAGHDAD, Oct 21 (Reuters) -``,
  ``BASRA, Iraq, July 15, 2018 -``
  at the start of the first paragraphs: the place (as written, title-cased when all
  capitals) goes to ``Article.dateline`` and the dateline text is **removed from the
  body**, so no later stage can mistake the reporting place for the incident place.
* **Publication date.** Metadata ``published`` wins; else a date the article states as
  its own stamp (the title line, a line that is nothing but a date such as
  ``October 21, 2016 at 1:04 pm``, or the date of a wire dateline such as
  ``BAGHDAD, Sept 3, 2018 -``); else None. Dates inside sentences are never used.
* **Outlet.** Metadata ``source`` wins (aliases normalised: ``Deutsche Welle`` -> ``DW``);
  else the outlet of ``url``; else the outlet the article names as its own publisher
  (see :func:`mapper._boilerplate.detect_outlet`); else None.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import json
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mapper import _boilerplate as bp
from mapper._encoding import decode_bytes, read_limited
from mapper.errors import InputError
from mapper.models import Article

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_LINE_BYTES",
    "Skipped",
    "article_from_text",
    "iter_articles",
    "parse_published",
    "read_text_file",
]

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Largest article read from a text/HTML file; the rest is dropped and reported."""
MAX_LINE_BYTES = 8 * 1024 * 1024
"""Longest JSONL line accepted; longer lines are skipped and reported."""
MAX_ARTICLE_CHARS = MAX_ARTICLE_BYTES
"""Largest ``text`` taken from a JSONL record or dict; the rest is dropped and reported."""

MAX_ID_CHARS = 200
"""Longest article id kept as given; longer ids are shortened (with a hash) and reported."""

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class Skipped:
    """One input item that was skipped (or altered), and what to do about it.

    Attributes
    ----------
    path : str
        The file (or ``<item N>`` for a dict input) the problem is in.
    line : int or None
        The 1-based line number, for JSONL input.
    reason : str
        One line saying what is wrong and what to do.
    kept : bool
        True when the item was still read, with a change the reason names (a field
        ignored, an id renamed, a text cut short); False when it was left out.
    """

    path: str
    line: int | None
    reason: str
    kept: bool = False


# --------------------------------------------------------------------------------------
# Text normalisation and HTML
# --------------------------------------------------------------------------------------

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ODD = re.compile(r"[\ud800-\udfff\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_HTML_HINT = re.compile(
    r"(?i)<(?:!doctype\s+html|html|head|body|p|div|br|span|a\s|h[1-6]|article|section|"
    r"script|style|table|ul|ol|li|img|meta|title|iframe|strong|em|b|i)\b[^<>]{0,2000}>"
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def _clean_meta(value: str | None) -> str | None:
    """Make a metadata string safe to pass on: no surrogates, controls or line breaks."""
    if value is None:
        return None
    cleaned = " ".join(_CONTROLS.sub(" ", _SURROGATES.sub("", value)).split())
    return cleaned or None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is (mostly) HTML markup rather than plain text.

    Examples
    --------
    >>> looks_like_html("<p>Gunmen attacked a <b>checkpoint</b>.</p>")
    True
    >>> looks_like_html("Casualties: 3 < 5 and 7 > 2")
    False
    """
    head = text[:200_000]
    hits = 0
    for _ in _HTML_HINT.finditer(head):
        hits += 1
        if hits >= 2:
            return True
    return False


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML page; drop scripts, styles and page chrome."""

    SKIP = frozenset(
        {
            "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
            "embed", "canvas", "nav", "footer", "aside", "form", "button", "select",
            "textarea", "head", "figure", "figcaption", "menu", "dialog",
        }
    )  # fmt: skip
    BLOCK = frozenset(
        {
            "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
            "table", "section", "article", "header", "main", "blockquote", "pre", "hr",
            "dd", "dt", "dl", "address", "title", "td", "th",
        }
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and self._skip in ([], ["head"]):
            self._in_title = True
            return
        if tag in self.SKIP:
            self._skip.append(tag)
        elif tag in self.BLOCK and not self._skip:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCK and not self._skip:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in self.SKIP and tag in self._skip:
            while self._skip:
                if self._skip.pop() == tag:
                    break
        elif tag in self.BLOCK and not self._skip:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    r"""Return the visible text of an HTML document and its ``<title>``.

    Examples
    --------
    >>> html_to_text("<p>Hi <script>alert(1)</script>there &amp; all</p>")
    ('\nHi there & all\n', '')
    """
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient
        pass
    return "".join(parser.parts), " ".join("".join(parser.title).split())


def _normalise(raw: str) -> tuple[list[str], str]:
    """Clean characters, strip HTML; return stripped lines and an HTML title ('' if none)."""
    odd = _ODD.search(raw) is not None
    text = _SURROGATES.sub("", raw) if odd else raw
    html_title = ""
    if looks_like_html(text):
        text, html_title = html_to_text(text)
        odd = True  # markup and entities may decode to any character: look again
    elif _ENTITY.search(text):
        text = html.unescape(text)
        odd = True
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    if odd and _ODD.search(text):
        text = _CONTROLS.sub(" ", _INVISIBLE.sub("", text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return lines, html_title


# --------------------------------------------------------------------------------------
# Headline, dateline, publication date
# --------------------------------------------------------------------------------------

_TITLE_SPLIT = re.compile(r"\s+[|｜]\s*|\s*[|｜]\s+|\s*[|｜]\s*$")
_TITLE_DASH = re.compile(r"\s+[-–—:]\s+([^-–—:]{2,40})$")
_FOLD = str.maketrans({"′": "'", "’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "″": '"'})

_PLACE = r"[A-Z][A-Za-z'’\-]+(?:\s+(?:al-|Al-|el-)?[A-Z][A-Za-z'’\-]+){0,2}"
_EXTRA = r"[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}"
# The date a wire dateline may carry: "Sept 3, 2018", "3 September 2018", "Oct 21".
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_LINE_DATE = (
    rf"(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+\d{{4}})?)"
)
_DATELINE_PAREN = re.compile(
    rf"^(?P<place>{_PLACE})(?:,\s*(?P<extra>[A-Za-z][\w.]*(?:\s+[\w.]+){{0,2}}))?"
    rf"(?:,\s*(?P<date>{_LINE_DATE}))?"
    rf"\s*\((?P<outlet>[^()]{{2,40}})\)\s*(?:[-–—:]+|\.)\s*"
    rf"(?:(?P<after>{_LINE_DATE})\s*(?:[-–—:]+\s*|$))?"
)
_DATELINE_SLASH = re.compile(
    rf"^(?P<place>{_PLACE})\s*/\s*(?P<outlet>[A-Z][\w ]{{1,30}}?)\s*(?:[-–—:]+)\s*"
)
_DATELINE_DASH = re.compile(
    rf"^(?P<place>{_PLACE})(?:,\s*(?P<extra>{_EXTRA}))?(?:,\s*(?P<date>{_LINE_DATE}))?"
    r"\s*(?:\s[-–]{1,2}\s|—\s?|\s?—)\s*"
    rf"(?:(?P<after>{_LINE_DATE})\s*(?:[-–—:]+\s*|$)|(?=[A-Z0-9\"“'‘]))"
)
# Capitalised words that open sentences, not datelines ("Islamic State - ...").
_NOT_PLACES = frozenset(
    {
        "a", "an", "the", "this", "that", "islamic", "isis", "isil", "is", "daesh", "iraqi",
        "us", "u.s.", "kurdish", "turkish", "iranian", "american", "prime", "president",
        "police", "security", "militants", "gunmen", "officials", "sources", "army", "update",
        "breaking", "exclusive", "analysis", "opinion", "watch", "video", "photos", "live",
    }
)  # fmt: skip
_OUTLET_OPENING = re.compile(r"^(?P<outlet>[A-Z][\w\- ]{1,30}?)\s*(?:/|[-–—]{1,2})\s+(?=[A-Z])")
_DATELINE_CAPS = re.compile(r"^(?P<place>[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,2})\s*:\s+")


def _fold(text: str) -> str:
    return " ".join(text.translate(_FOLD).casefold().split())


def _split_title(line: str) -> tuple[str, list[str]]:
    """Split a title line into the headline and the site's suffix segments."""
    segments = [s.strip() for s in _TITLE_SPLIT.split(line) if s and s.strip()]
    if len(segments) > 1:
        head_index = next((i for i, s in enumerate(segments) if bp.words(s) >= 3), 0)
        head = segments[head_index]
        return head, [s for i, s in enumerate(segments) if i != head_index]
    match = _TITLE_DASH.search(line)
    if match and (bp.known_outlet(match.group(1)) or bp.stamp_date(match.group(1))):
        return line[: match.start()].strip(), [match.group(1)]
    return line, []


def _dateline_place(name: str) -> str:
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


def _find_dateline(line: str, *, first: bool) -> tuple[str, str | None, int, dt.date | None] | None:
    """Return (place, outlet-in-parentheses, length, date) for a paragraph's dateline.

    ``PLACE (Outlet) -`` is recognised in the first paragraphs; the bare ``Place -``
    and ``PLACE:`` forms only at the start of the first one (``first``). A wire
    dateline's date (``BAGHDAD, Sept 3, 2018 -``, ``ERBIL (Outlet) - June 14, 2019``)
    is the report's own stamp; it is None when absent or without a year.
    """
    match = _DATELINE_PAREN.match(line) or _DATELINE_SLASH.match(line)
    if match:
        place = _dateline_place(match.group("place"))
        return place, match.group("outlet"), match.end(), _dateline_date(match)
    match = _OUTLET_OPENING.match(line)
    if match and bp.known_outlet(match.group("outlet")):
        # "Shafaq News / ..." : the outlet's credit, no place
        return "", match.group("outlet"), match.end(), None
    if not first:
        return None
    match = _DATELINE_DASH.match(line)
    if bp.words(line) < 6 and not (match and match.group("after") and match.end() == len(line)):
        return None  # a short line is a dateline only as "PLACE, Country - March 3, 2019"
    match = match or _DATELINE_CAPS.match(line)
    if (
        match
        and bp.words(match.group("place")) <= 3
        and match.group("place").split()[0].casefold() not in _NOT_PLACES
    ):
        place = match.group("place")
        # "Islamic State - ..." is not a dateline; accept a place-like capitalised name
        # only when no lower-case connecting word is inside it.
        return _dateline_place(place), None, match.end(), _dateline_date(match)
    return None


def _dateline_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    text = groups.get("date") or groups.get("after")
    return bp.stamp_date(text) if text else None


def parse_published(value: object) -> dt.date | None:
    """Turn a metadata ``published`` value into a date.

    Accepts a :class:`datetime.date` / :class:`datetime.datetime`, an ISO string
    (``2016-10-21``, ``2016-10-21T13:04:00Z``), or a common written form
    (``21 October 2016``, ``October 21, 2016``, ``21.10.2016``).

    Raises
    ------
    InputError
        The value is present but is not a date.

    Examples
    --------
    >>> parse_published("2016-10-21T13:04:00+03:00")
    datetime.date(2016, 10, 21)
    >>> parse_published(None) is None
    True
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
        date = bp.stamp_date(text) or bp.parse_date(text)
        if date is not None:
            return date
    raise InputError(f"'published' value {str(value)[:40]!r} is not a date: use YYYY-MM-DD")


# --------------------------------------------------------------------------------------
# article_from_text
# --------------------------------------------------------------------------------------


def article_from_text(
    article_id: str,
    raw: str,
    *,
    title: str | None = None,
    published: str | dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    path: str | None = None,
) -> Article:
    r"""Build a clean :class:`~mapper.models.Article` from the raw text of one report.

    Parameters
    ----------
    article_id : str
        The article's id.
    raw : str
        Its text: plain text (first non-boilerplate line = headline) or HTML.
    title : str, optional
        The headline, when known from metadata; then all of ``raw`` is body.
    published : str or datetime.date, optional
        Publication date from metadata; wins over any date found in the text.
        An unparseable value is ignored here (:func:`iter_articles` reports it).
    source : str, optional
        The outlet from metadata; wins over detection.
    url : str, optional
        The article's address (also used to recognise the outlet).
    path : str, optional
        The file it came from.

    Returns
    -------
    Article
        ``text`` = headline, a blank line, the cleaned body; ``body_start`` indexes the
        body. The dateline is removed from the body and kept in ``dateline``.

    Examples
    --------
    >>> a = article_from_text("x", "Blast hits market\nMOSUL (Reuters) - A bomb went off.")
    >>> a.title, a.dateline, a.source, a.text[a.body_start:]
    ('Blast hits market', 'Mosul', 'Reuters', 'A bomb went off.')
    >>> article_from_text("e", "").text
    '\n\n'
    """
    title, source, url = _clean_meta(title), _clean_meta(source), _clean_meta(url)
    lines, html_title = _normalise(raw)
    all_lines = [line for line in lines if line]
    title_segments: list[str] = []
    stamp: dt.date | None = None

    # 1. the headline
    head_line: str | None = title if title is not None else (html_title or None)
    start = 0
    nav_all = bp.nav_runs(lines)
    if title is None:
        nav = nav_all
        for index, line in enumerate(lines):
            if not line or index in nav:
                continue
            if bp.line_kind(line) is not None or (len(line) < 50 and bp.known_outlet(line)):
                continue
            line_stamp = bp.stamp_date(line)
            if line_stamp is not None:
                stamp = stamp or line_stamp
                continue
            if head_line is None:
                head_line = line
                start = index + 1
            break
    headline = ""
    if head_line is not None:
        headline, title_segments = _split_title(" ".join(head_line.split()))
        for segment in title_segments:
            stamp = stamp or bp.stamp_date(segment)
    body_lines = lines[start:]
    dateline: str | None = None
    dateline_outlet: str | None = None
    if title is None and bp.is_paragraph(headline):
        # no real headline: the first line is the opening paragraph, maybe with a dateline
        found = _find_dateline(headline, first=True)
        if found is not None:
            place, dateline_outlet, length, dateline_day = found
            dateline = place or None
            stamp = stamp or dateline_day
            headline = headline[length:].lstrip()

    # 2. boilerplate
    nav = {i - start for i in nav_all if i >= start}
    paragraphs = [i for i, line in enumerate(body_lines) if bp.is_paragraph(line)]
    first_paragraph = paragraphs[0] if paragraphs else len(body_lines)
    header_lines: list[str] = []
    kept: list[str] = []
    folded_headline = _fold(headline)
    kinds = bp.classify_lines(body_lines)
    title_given = title is not None
    skipping_related = False
    for index, line in enumerate(body_lines):
        if not line:
            kept.append("")
            continue
        if index < first_paragraph:
            header_lines.append(line)
        if index in nav:
            continue
        kind = kinds[index]
        if kind == bp.CUT:
            if any(bp.is_paragraph(k) for k in kept):
                break
            continue  # a comment form above the article: drop the line, keep reading
        if kind == bp.DROP:
            skipping_related = skipping_related or bool(_RELATED.match(line))
            continue
        if skipping_related:
            if bp.words(line) < 15:
                continue
            skipping_related = False
        line_stamp = bp.stamp_date(line) if len(line) <= 120 else None
        if line_stamp is not None:
            stamp = stamp or line_stamp
            continue
        if index < first_paragraph and "|" in line and len(line) <= 200:
            # "By Jane Doe | 21 October 2016 | Updated ..." in the header region
            parts = [p.strip() for p in line.split("|") if p.strip()]
            stamps = [d for d in map(bp.stamp_date, parts) if d is not None]
            if stamps and all(bp.words(p) <= 6 for p in parts):
                stamp = stamp or stamps[0]
                continue
        if len(line) < 50 and bp.known_outlet(line):
            continue
        if (
            folded_headline
            and abs(len(line) - len(headline)) <= 4
            and _fold(line) == folded_headline
        ):
            # a repeated headline, and the section label just above it
            if kept and kept[-1] == "" and len(kept) >= 2 and bp.words(kept[-2]) <= 3:
                kept.pop()
                kept.pop()
            elif kept and kept[-1] and bp.words(kept[-1]) <= 3:
                kept.pop()
            if not title_given:
                headline = line  # the body's copy is often the cleaner spelling
            continue
        kept.append(line)

    # 3. dateline: in the first paragraphs of running text
    checked = 0
    for index, line in enumerate([] if dateline else kept):
        if not line:
            continue
        found = _find_dateline(line, first=checked == 0)
        if found is not None:
            place, dateline_outlet, length, dateline_day = found
            dateline = place or None
            stamp = stamp or dateline_day
            kept[index] = line[length:].lstrip()
            break
        if bp.is_paragraph(line):
            checked += 1
            if checked >= 2:
                break

    body = _join(kept)

    # 4. publication date and outlet
    published_date: dt.date | None
    try:
        published_date = parse_published(published)
    except InputError:
        published_date = None
    if published_date is None:
        published_date = stamp
    outlet: str | None = bp.canonical_outlet(source) if source and source.strip() else None
    if outlet is None:
        outlet = bp.outlet_from_url(url)
    if outlet is None:
        outlet = bp.detect_outlet(
            title_segments=title_segments,
            dateline_outlet=dateline_outlet,
            header_lines=header_lines,
            lines=all_lines,
        )

    text = f"{headline}\n\n{body}"
    return Article(
        id=article_id,
        text=text,
        title=headline,
        body_start=len(headline) + 2,
        published=published_date,
        source=outlet,
        url=url,
        dateline=dateline,
        path=path,
    )


_RELATED = re.compile(
    r"(?i)^(?:related\b|you may (?:also )?like|recommended|most (?:read|popular|viewed)|"
    r"trending|[\w\- ]{1,20} recommends|more from|more (?:stories|videos)|latest (?:news|"
    r"stories|videos)|audios and videos on the topic|(?:watch|play)\s+(?:the\s+)?video)"
)


def _join(lines: list[str]) -> str:
    """Join kept lines: single newlines inside paragraphs, one blank line between."""
    out: list[str] = []
    blank = False
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if blank:
            out.append("")
            blank = False
        out.append(line)
    return "\n".join(out)


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


def read_text_file(path: str | os.PathLike[str], *, limit: int | None = None) -> str:
    """Read a text file whatever its encoding.

    Parameters
    ----------
    path : path-like
        The file.
    limit : int, optional
        Read at most this many bytes (an incomplete character at the cut is dropped).

    Returns
    -------
    str
        The decoded text.

    Raises
    ------
    InputError
        The file is missing, unreadable, binary, or in no detectable encoding.
    """
    text, _longer = _read_text(str(path), limit=limit)
    return text


def _read_text(path: str, *, limit: int | None) -> tuple[str, bool]:
    try:
        if limit is None:
            data, longer = Path(path).read_bytes(), False
        else:
            data, longer = read_limited(path, limit=limit)
    except FileNotFoundError:
        raise InputError("no such file: check the path", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise InputError(
            f"cannot read file ({exc.strerror or exc}): check its permissions", path=path
        ) from None
    return decode_bytes(data, path=path, truncated=longer), longer


class _Reporter:
    """Send problems to ``on_skip`` (or the log), or raise them in strict mode."""

    def __init__(self, *, strict: bool, on_skip: Callable[[Skipped], None] | None) -> None:
        self.strict = strict
        self.on_skip = on_skip

    def __call__(self, path: str, line: int | None, reason: str, *, kept: bool = False) -> None:
        if self.strict:
            raise InputError(reason, path=path, line=line)
        item = Skipped(path=path, line=line, reason=reason, kept=kept)
        if self.on_skip is not None:
            self.on_skip(item)
        else:
            log.warning("%s: %s", path, reason)


def _article_from_file(path: Path, report: _Reporter) -> Article | None:
    name = str(path)
    try:
        text, longer = _read_text(name, limit=MAX_ARTICLE_BYTES)
    except InputError as exc:
        report(name, None, exc.reason)
        return None
    if not text.strip():
        report(name, None, "empty file: nothing to map")
        return None
    if longer:
        report(
            name,
            None,
            f"longer than {MAX_ARTICLE_BYTES // (1024 * 1024)} MiB: only the first "
            f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MiB were read; split the file to map all",
            kept=True,
        )
    article = article_from_text(path.stem, text, path=name)
    if not article.title and not article.text[article.body_start :]:
        report(name, None, "no article text after removing boilerplate: nothing to map")
        return None
    return article


def _iter_jsonl(path: Path, report: _Reporter) -> Iterator[Article]:
    name = str(path)
    stem = path.stem  # for the default ids "<stem>-<line>"
    try:
        handle = open(path, "rb")
    except OSError as exc:
        reason = (
            "no such file: check the path"
            if isinstance(exc, FileNotFoundError)
            else (f"cannot read file ({exc.strerror or exc}): check its permissions")
        )
        report(name, None, reason)
        return
    try:
        number = 0
        good = 0
        while True:
            line = handle.readline(MAX_LINE_BYTES + 1)
            if not line:
                break
            number += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                while True:  # skip the rest of the overlong line
                    rest = handle.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
                report(
                    name,
                    number,
                    f"line {number}: longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB: "
                    "split the article or remove the line",
                )
                continue
            last = not line.endswith(b"\n")
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            article = _jsonl_line(
                line, name=name, stem=stem, number=number, last=last, report=report
            )
            if article is not None:
                good += 1
                yield article
        if number == 0:
            report(name, None, "empty file: nothing to map")
        elif good == 0:
            report(name, None, "no usable line in this JSONL file: nothing to map")
    finally:
        handle.close()


def _jsonl_line(
    line: bytes, *, name: str, stem: str, number: int, last: bool, report: _Reporter
) -> Article | None:
    where = f"line {number}"
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        report(name, number, f"{where}: not valid UTF-8: re-save the file as UTF-8")
        return None
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        if last:
            report(
                name,
                number,
                f"{where}: incomplete last line ({exc.msg}); was the file cut off? "
                "fix or remove the line",
            )
        else:
            report(
                name,
                number,
                f"{where}: not valid JSON ({exc.msg} at column {exc.colno}): "
                "fix or remove the line",
            )
        return None
    except RecursionError:
        report(name, number, f"{where}: JSON nested too deeply: fix or remove the line")
        return None
    except ValueError as exc:  # e.g. an integer with too many digits
        report(name, number, f"{where}: unreadable JSON value ({exc}): fix or remove the line")
        return None
    if not isinstance(record, dict):
        report(
            name,
            number,
            f"{where}: not a JSON object (got {type(record).__name__}): "
            "each line must be one {...} article",
        )
        return None
    return _article_from_record(
        record, name=name, line=number, default_id=f"{stem}-{number}", report=report
    )


def _article_from_record(
    record: Mapping[str, object],
    *,
    name: str,
    line: int | None,
    default_id: str | None,
    report: _Reporter,
) -> Article | None:
    where = f"line {line}: " if line is not None else ""
    text = record.get("text")
    if text is None:
        report(name, line, f"{where}missing 'text': add the article text or remove the item")
        return None
    if not isinstance(text, str):
        report(name, line, f"{where}'text' must be a string, not {type(text).__name__}")
        return None
    if not text.strip():
        report(name, line, f"{where}empty 'text': nothing to map")
        return None
    meta: dict[str, str | None] = {}
    for key in ("title", "source", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            report(name, line, f"{where}'{key}' must be a string: ignored", kept=True)
            value = None
        meta[key] = value
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
        if raw_id is not None and raw_id != "":
            report(
                name,
                line,
                f"{where}'id' must be a string or integer: using a derived id",
                kept=True,
            )
        article_id = (
            default_id or "a-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:12]
        )
    else:
        article_id = _clean_meta(str(raw_id)) or "_"
        if len(article_id) > MAX_ID_CHARS:
            report(
                name,
                line,
                f"{where}'id' longer than {MAX_ID_CHARS} characters: shortened",
                kept=True,
            )
            digest = hashlib.sha1(article_id.encode("utf-8", "replace")).hexdigest()[:12]
            article_id = f"{article_id[: MAX_ID_CHARS - 13]}-{digest}"
    if len(text) > MAX_ARTICLE_CHARS:
        report(
            name,
            line,
            f"{where}'text' longer than {MAX_ARTICLE_CHARS} characters: truncated; "
            "split the article to map all",
            kept=True,
        )
        text = text[:MAX_ARTICLE_CHARS]
    published = record.get("published")
    published_value: str | dt.date | None = None
    try:
        published_value = parse_published(published)
    except InputError as exc:
        report(
            name,
            line,
            f"{where}{exc.reason}; the date is looked for in the text instead",
            kept=True,
        )
    url = meta["url"]
    if url is not None and not re.match(r"(?i)^https?://", url.strip()):
        report(name, line, f"{where}'url' is not an http(s) address: ignored", kept=True)
        url = None
    article = article_from_text(
        article_id,
        text,
        title=meta["title"],
        published=published_value,
        source=meta["source"],
        url=url,
        path=name,
    )
    if not article.title and not article.text[article.body_start :]:
        report(name, line, f"{where}no article text after removing boilerplate: nothing to map")
        return None
    return article


def _walk(folder: Path) -> Iterator[Path]:
    """Input files under ``folder`` in sorted order; hidden entries are ignored."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)
        elif entry.is_file() and entry.suffix.lower() in FOLDER_SUFFIXES:
            yield entry


def _iter_path(path: Path, report: _Reporter) -> Iterator[Article]:
    name = str(path)
    if path.is_dir():
        found = False
        for entry in _walk(path):
            found = True
            yield from _iter_path(entry, report)
        if not found:
            report(
                name,
                None,
                "folder has no .txt, .html or .jsonl files: nothing to map",
            )
        return
    if not path.exists():
        report(name, None, "no such file or folder: check the path")
        return
    if not path.is_file():
        report(name, None, "not a regular file (device, pipe or socket): pass a text file")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _iter_jsonl(path, report)
        return
    article = _article_from_file(path, report)
    if article is not None:
        yield article


def iter_articles(
    inputs: Iterable[str | os.PathLike[str] | Mapping[str, object]],
    *,
    strict: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[Article]:
    """Stream clean articles from files, folders, JSONL files and dicts.

    Parameters
    ----------
    inputs : iterable
        Paths (``.txt`` / ``.text`` / ``.html`` files, ``.jsonl`` files, folders searched
        recursively in sorted order) and/or dicts with the JSONL keys ``id``, ``text``,
        and optionally ``title``, ``published``, ``source``, ``url``. Other file
        types inside folders are ignored; a file named explicitly is read as text.
    strict : bool
        Raise :class:`~mapper.errors.InputError` on the first bad item instead of
        skipping it.
    on_skip : callable, optional
        Called with a :class:`Skipped` for every skipped or altered item (truncated,
        renamed duplicate id, ignored field). Without it, problems are logged.

    Yields
    ------
    Article
        One per good item, lazily: a JSONL file is read one line at a time. Duplicate
        ids are made unique (``id``, ``id-2``, ``id-3`` ...) in input order and reported.

    Raises
    ------
    InputError
        Only with ``strict=True``.
    """
    report = _Reporter(strict=strict, on_skip=on_skip)
    if isinstance(inputs, (str, os.PathLike, Mapping)):
        inputs = [inputs]  # one path or one dict given on its own
    seen: dict[str, str] = {}
    for index, item in enumerate(inputs, start=1):
        if isinstance(item, Article):
            articles: Iterable[Article] = [item]
        elif isinstance(item, Mapping):
            raw_id = item.get("id")
            name = f"<item {index}>" if raw_id is None else f"<item {index}: id {raw_id!s:.60}>"
            digest = hashlib.sha1(str(item.get("text", "")).encode("utf-8", "replace"))
            one = _article_from_record(
                item,
                name=name,
                line=None,
                default_id=f"a-{digest.hexdigest()[:12]}",
                report=report,
            )
            articles = [] if one is None else [one]
        elif isinstance(item, (str, os.PathLike)):
            articles = _iter_path(Path(item), report)
        else:
            report(
                f"<item {index}>",
                None,
                f"unsupported input of type {type(item).__name__}: pass a path or a dict",
            )
            continue
        for article in articles:
            yield _unique(article, seen, report)


def _unique(article: Article, seen: dict[str, str], report: _Reporter) -> Article:
    where = article.path or "<input>"
    if article.id not in seen:
        seen[article.id] = where
        return article
    n = 2
    while f"{article.id}-{n}" in seen:
        n += 1
    new_id = f"{article.id}-{n}"
    report(
        where,
        None,
        f"duplicate id {article.id!r} (first in {seen[article.id]}): renamed to "
        f"{new_id!r}; give each article a unique id",
        kept=True,
    )
    seen[new_id] = where
    return dataclasses.replace(article, id=new_id)
