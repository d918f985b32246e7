"""Place names in context: which gazetteer matches are places, and how an event relates.

The gazetteer finds every capitalised name it knows (:meth:`Gazetteer.scan`). This
module decides, from the words around each match, whether it is used as a place at
all and how strongly it is tied to an event:

* **not a place**: part of an organisation or outlet ("Washington Institute",
  "Brookings Doha", "Kurdistan 24", "Baghdad Operations Command"), part of a person's
  name ("Abu Bakr al-Baghdadi", "Governor Najm al-Din Karim"), inside an e-mail
  address or a web address, or the article's dateline ("ERBIL (Kurdistan 24) –");
* **background**: a list of three or more provinces ("in Nineveh, Anbar, Salahuddin,
  Diyala and Kirkuk provinces"), a title ("the governor of Kirkuk"), a quoted
  opinion;
* **relation** to the event: ``in`` ("in", "at", "the village of"), ``near`` ("near",
  "outside", "close to"), ``outskirts`` ("on the southern outskirts of"),
  ``direction`` ("40 km south of", "north of", "north Ramadi"; bearing and distance
  kept), ``between`` ("on the road between X and Y"; ``other`` is Y), ``region`` ("X
  province", "the province of X").

Each :class:`PlaceUse` carries a ``tie`` score: how strongly the words bind the
place to an event (prepositions of location score high; "from", "to" and titles low).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.models import Toponym

if TYPE_CHECKING:
    from mapper.gazetteer import Gazetteer
    from mapper.models import Place

__all__ = ["PlaceUse", "dateline_end", "find_places"]

_BEARINGS = {
    "north": 0.0, "northeast": 45.0, "north-east": 45.0, "east": 90.0, "southeast": 135.0,
    "south-east": 135.0, "south": 180.0, "southwest": 225.0, "south-west": 225.0,
    "west": 270.0, "northwest": 315.0, "north-west": 315.0, "northeastern": 45.0,
    "northwestern": 315.0, "southeastern": 135.0, "southwestern": 225.0,
}  # fmt: skip
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a few": 5, "several": 10, "few": 5,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlaceUse:
    """One gazetteer match read in context.

    ``tie`` is how strongly the words bind the place to an event (higher is
    stronger; <= 0 means background). ``toponym`` has offsets into the article.
    """

    toponym: Toponym
    tie: float
    role: str  # "event", "background", "title", "origin", "list"
    place_ids: tuple[str, ...]


_DIR = (
    r"(?P<dir>north(?:[-\s]?(?:east|west))?|south(?:[-\s]?(?:east|west))?|east|west)"
    r"(?P<adj>ern|erly|ward|wards)?"
)
_FILLER = r"(?:(?:the\s+)?(?:city|town|village|district|area|province|governorate|region)\s+of\s+|"
_FILLER += r"(?:[\w-]+-(?:held|controlled)\s+)|(?:the\s+)?(?:provincial\s+capital|capital)\s+|"
_FILLER += r"(?:the\s+)?(?:iraqi\s+)?(?:city|town|village|capital)\s+of\s+|the\s+)*"
_DESCRIPTIVE = re.compile(
    r"\b(?:the\s+)?(?:(?:north|south)(?:[-\s]?(?:east|west))?|east|west)ern\s+(?:[\w-]+\s+)?"
    r"(?P<kind>city|town|village|province|governorate|region|district|capital|port\s+city)\s+"
    r"(?:of\s+)?$",
    re.IGNORECASE,
)
_DISTANCE_DIR = re.compile(
    rf"(?P<n>\d+(?:[.,]\d+)?|{'|'.join(_NUMBER_WORDS)})\s*(?:-\s*)?(?P<unit>km|kms|kilomet(?:er|re)s?|"
    rf"miles?|mi)\s+(?:to\s+the\s+)?{_DIR}\s+(?:of\s+)?{_FILLER}$",
    re.IGNORECASE,
)
_OUTSKIRTS = re.compile(
    rf"(?:(?:on|in|at)\s+)?(?:the\s+)?(?:{_DIR}\s+)?(?:outskirts|edges?|periphery|fringes?)\s+"
    rf"(?:of\s+)?{_FILLER}$",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    rf"(?:(?:in|on|to)\s+(?:the\s+)?)?(?:far\s+)?{_DIR}\s+(?:(?:part|parts|side|areas?|region|"
    rf"countryside|desert|villages?|districts?|suburbs?|neighbou?rhoods?|edge)\s+)?"
    rf"(?:of\s+)?{_FILLER}$",
    re.IGNORECASE,
)
_NEAR = re.compile(
    r"(?:near(?:by)?|close\s+to|outside(?:\s+of)?|around|vicinity\s+of|not\s+far\s+from|"
    r"next\s+to|adjacent\s+to|surroundings\s+of|surrounding|environs\s+of|beyond|"
    r"on\s+the\s+road\s+(?:to|from|near)|road\s+to|(?:in|at)\s+the\s+entrance\s+(?:to|of)|"
    r"entrance\s+(?:to|of)|approaches\s+to|(?:on\s+)?(?:the\s+)?border\s+(?:with|of))\s+"
    + _FILLER
    + r"$",
    re.IGNORECASE,
)
_IN = re.compile(
    r"(?:\b(?:in|at|inside|into|within|across|throughout|on|of|hit|struck|attacked|"
    r"targeted|stormed|entered|raided|shelled|bombed|captured|recaptured|liberated)\s+"
    r"(?:central\s+|downtown\s+|the\s+)?" + _FILLER + r"|\b(?:city|town|village|district|"
    r"subdistrict|area|neighbou?rhood|region|province|governorate|villages|areas|towns)\s+"
    r"of\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:(?:villages?|towns?|cities|areas?|districts?|provinces?)\s+of\s+)?$",
    re.IGNORECASE,
)
_LINK_ROAD = re.compile(
    r"\b(?:road|highway|route)\s+(?:linking|connecting|between|from)\s+(?:the\s+)?"
    r"(?:(?:city|town)\s+of\s+)?$",
    re.IGNORECASE,
)
_AND = re.compile(r"^\s*(?:and|to|with|&|-|–)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?")
_ORIGIN = re.compile(
    r"\b(?:from|to|towards|toward|for|via|visit(?:ed|ing)?|arrived\s+in|flew\s+to|"
    r"travel(?:l?ed)?\s+to|fled\s+(?:to|from)|displaced\s+(?:to|from)|returned\s+to|"
    r"headed\s+to|moved\s+to|sent\s+to|transferred\s+to|reached)\s+(?:the\s+)?"
    r"(?:(?:holy\s+|shrine\s+|nearby\s+|northern\s+|southern\s+)?(?:cities|towns|shrines)\s+"
    r"of\s+)?$",
    re.IGNORECASE,
)
#: a name listed just before this one ("Najaf and ", "Najaf, ")
_LISTED_BEFORE = re.compile(
    r"\b[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)$"
)


def _origin_listed(before: str) -> bool:
    """Whether the name before this one, in a list, is where people came from or went."""
    m = _LISTED_BEFORE.search(before, max(0, len(before) - 60))
    if m is None:
        return False
    return _ORIGIN.search(before, max(0, m.start() - _TAIL), m.start()) is not None


# "abducted two men from X": where they were taken, the place of the event
_TAKEN_FROM = re.compile(
    r"\b(?:abduct\w*|kidnap\w*|snatch\w*)\b[^.;]{0,40}\bfrom\s+(?:the\s+)?$", re.IGNORECASE
)
_FIRED_FROM = re.compile(
    r"\b(?:fired|launched|lobbed|shot)\s+from\b[^.;,]{0,50}$|\bcame\s+from\s+(?:the\s+)?"
    r"direction\s+of\s+(?:the\s+)?$|\bfled\s+(?:the\s+)?(?:fighting|violence|clashes|battle|"
    r"war)\s+(?:in|around|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CARE_BEFORE = re.compile(
    r"\b(?:hospital|medical|health|morgue)\s+(?:staff|officials?|sources?|workers?|director|"
    r"authorities|department|officers?)\s+in\s+(?:the\s+)?$|\b(?:taken|rushed|brought|"
    r"transferred|admitted|evacuated)\s+to\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:hospitals?|"
    r"morgue|clinic)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEAKER_IN = re.compile(
    r"\b(?:officers?|officials?|sources?|spokesm[ae]n|spokeswoman|commanders?|witness(?:es)?|"
    r"correspondents?|reporters?|doctors?|medics?)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SAID_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s*,?\s+(?:said|says|told|reported|added|confirmed)\b", re.IGNORECASE
)
_TITLE_BEFORE = re.compile(
    r"\b(?:governor|mayor|chief|head|commander|council|minister|president|spokesman|wali|emir|"
    r"amir|operations|command|"
    r"spokesperson|police\s+chief|member|members|mp|representative|director|deputy|"
    r"residents|people|leaders?|officials?|authorities|government|administration|mps)\s+"
    r"(?:of\s+|for\s+)(?:the\s+)?$",
    re.IGNORECASE,
)
_PERSON_TITLE = re.compile(
    r"\b(?:mr|mrs|ms|dr|gen|general|brig|brigadier|col|colonel|lt|maj|major|capt|captain|"
    r"sheikh|shaikh|imam|sayyid|abu|umm|bin|ibn|president|minister|governor|mayor|prince|"
    r"king|sultan|ayatollah|mullah|emir|commander|spokesman|professor|prof|judge|"
    r"journalist|analyst|researcher|fellow|reporter)\.?\s+(?:[A-Z][\w'’-]*\s+){0,2}$"
)
_FUNCTION_WORDS = frozenset(
    """
    in at near on the from to of and outside around inside across between along into by
    for with west east north south northern southern eastern western central upper lower
    new old greater downtown mount jabal jebel lake wadi camp tal tel tall qaryat nahiyat
    qada markaz when while as after before during if but or a an this that these those
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec both also then where there here its his her their our meanwhile
    elsewhere residents attacks attack islamic state is isis daesh iraq iraqi kurdish
    kurdistan province governorate district city town village sub-district subdistrict
    road highway street bridge dam airport base camp prison hospital university
    al el ad ar as ash at az an ath adh turkish syrian iranian american british arab
    sunni shiite shia yazidi christian turkmen kurds arabs federal local provincial
    """.split()
)
_AFFILIATION_AFTER = re.compile(
    r"^\s+(?:police|operations?\s+command|provincial\s+council|municipal\s+council|"
    r"governorate\s+council|council|governorate|health\s+directorate|directorate)\b",
    re.IGNORECASE,
)
# "outside the Basra provincial council building": the institution's seat is a site
_SEAT_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){1,3}?(?:building|headquarters|offices?|compound|premises)\b",
    re.IGNORECASE,
)
_SITE_BEFORE = re.compile(
    r"\b(?:in|at|outside|near|inside|into|in\s+front\s+of|stormed|attacked|targeted|"
    r"hit|struck|around|besieged|torched|burned|set\s+fire\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ABROAD_AFTER = re.compile(
    r"^,?\s+(?:(?:area|region|mountains?|district|province|town|village|city|camp|border\s+area)"
    r"\s+)?(?:of|in)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?\s+)?"
    r"(?:Syria|Turkey|Iran|Jordan|Saudi\s+Arabia|Kuwait|Lebanon)\b"
)
_SITE_MISSION = re.compile(
    r"\b(?:in|at|outside|near|inside|into|hit|struck|targeted|attacked|stormed|besieged|"
    r"around|torched|burned|burnt|to|on)\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}(?:embassy|consulate|"
    r"bureau)\s+in\s+$",
    re.IGNORECASE,
)
# "Nineveh's Baaj district", "Baghdad's heavily fortified Green Zone"
_POSSESSIVE_PLACE_BEFORE = re.compile(r"\b[A-Z][\w'’-]*['’]s\s+(?:[a-z][\w-]*\s+){0,2}$")
_POSSESSIVE_AFTER = re.compile(
    r"^['’]s\s+(?:[a-z][\w-]*\s+){0,2}(?:[A-Z]|district|province|city)|^['’]s\s+[\w-]+\s+[A-Z]"
)
_ORG_AFTER = re.compile(
    r"^(?:\s+|[-\s]+)(?:institute|university|college|school\s+of|center|centre|council|"
    r"provincial\s+council|operations?\s+command|command|police\s+(?:directorate|command)|"
    r"directorate|news|tv|television|times|post|herald|tribune|journal|radio|channel|"
    r"agency|press|today|24|chronicle|media|network|foundation|company|corporation|"
    r"bank|club|fc|group\s+for|office\s+for|forum|initiative|declaration|agreement|"
    r"accord|conference|summit|process|talks|protocol|convention|pact|communiqu[eé]|"
    r"cup|festival|fair|governorate\s+council|awakening|brigades?|battalions?|"
    r"liberation\s+(?:operations?|front)|front\b|operations?\b|offensive\b|campaign\b|"
    r"battle\b|security\s+media\s+cell|(?:resistance|protection|defen[cs]e)\s+units|units\b)\b",
    re.IGNORECASE,
)
_ORG_BEFORE = re.compile(
    r"(?:\b(?:brookings|carnegie|rand|chatham|wilson|hudson|atlantic|council\s+on|"
    r"institute\s+(?:of|for)|university\s+of|embassy\s+in|consulate\s+in|bureau\s+in|"
    r"correspondent\s+in|reporting\s+from|dateline|based\s+in|headquartered\s+in)\s+$)",
    re.IGNORECASE,
)
_EVENT_OFFENSIVE = re.compile(
    r"^\s+(?:offensive|operation|campaign|battle|front|liberation)\b", re.IGNORECASE
)
_REGION_SURFACE = re.compile(r"\s(?:province|governorate)$", re.IGNORECASE)
_DISTRICT_SURFACE = re.compile(r"\s(?:district|sub-?district|qada|nahiya)$", re.IGNORECASE)
_ALIAS_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\s*\($")
_REGION_AFTER = re.compile(
    r"^\s+(?i:province|governorate|region)\b|"
    # "in Kirkuk and Salahuddin provinces": Kirkuk the province too
    r"^\s*(?:,\s*|\s+and\s+)(?:[A-Z][\w'’-]+\s+){1,2}(?i:provinces|governorates)\b"
)
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|sub-?district|qada|nahiya|county)\b", re.I)
_REGION_BEFORE = re.compile(r"\b(?:province|governorate)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_AFTER = re.compile(
    r"^\s+(?:city|town|village|neighbou?rhood|area|district|airport|dam|base|camp|prison|"
    r"refinery|power\s+(?:plant|station)|bridge|checkpoint|road|highway|market|square)\b",
    re.IGNORECASE,
)
_EMAILISH = re.compile(r"[@/]|www\.|\.(?:com|org|net|co\.uk)\b", re.IGNORECASE)
_QUOTE_CHARS = '"“”'
_DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+){0,2})\s*(?:,\s*[A-Z][a-z]+\s*)?"
    r"(?:\([^)\n]{1,40}\)\s*)?[–—-]{1,2}\s"
)
# names for the whole country or its largest parts: never the place of one event
_COUNTRY_LEVEL = frozenset(
    {"iraq", "kurdistan", "iraqi kurdistan", "kurdistan region", "mesopotamia", "levant"}
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“])")
_LIST_SEP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)$")


def dateline_end(text: str, *, start: int = 0, dateline: str | None = None) -> int:
    """Return where a dateline ("ERBIL (Kurdistan 24) –") ends at a paragraph start.

    Returns ``start`` when the paragraph does not open with a dateline.

    Examples
    --------
    >>> dateline_end("ERBIL (Kurdistan 24) – Militants attacked.")
    23
    >>> dateline_end("Erbil – Militants attacked.")
    8
    >>> dateline_end("Militants attacked Erbil – again.")
    0
    """
    head = text[start : start + 80]
    if dateline:
        idx = head.find(dateline)
        if idx != -1 and idx < 5:
            m = re.match(
                r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:[–—-]{1,2}|:)?\s*", head[idx + len(dateline) :]
            )
            return start + idx + len(dateline) + (m.end() if m else 0)
    m = _DATELINE.match(head)
    if m is None:
        return start
    return start + m.end()


_TAIL = 72  # the words that bind a name to an event sit just before it
_TITLE_AFTER = re.compile(
    r"^['’]s\s+(?:governor|mayor|police\s+chief|chief|council|provincial)|"
    # "..., the Sidakan subdistrict director said": whose official spoke, not where
    r"^\s+(?:sub-?district\s+|district\s+|provincial\s+|city\s+|town\s+)?(?:director|mayor|"
    r"governor|administrator|qaimaqam|police\s+chief|chief|head|official|council\s+member|"
    r"commander)s?"
    r"\s+(?:[\w-]+\s+){0,3}?(?:said|says|told|stated|added)\b",
    re.IGNORECASE,
)
_ORG_BEFORE_WORDS = (
    "brookings", "carnegie", "rand", "chatham", "wilson", "hudson", "atlantic", "council",
    "institute", "university", "embassy", "consulate", "bureau", "correspondent", "reporting",
    "dateline", "based", "headquartered",
)  # fmt: skip
_NEAR_WORDS = (
    "near", "close", "outside", "around", "vicinity", "far", "next", "adjacent", "surround",
    "environ", "beyond", "road", "entrance", "approach", "border",
)  # fmt: skip
_ORIGIN_WORDS = ("from", "to", "for", "via", "visit", "arriv", "flew", "travel", "fled",
                 "displaced", "return", "head", "moved", "sent", "transfer", "reach")  # fmt: skip


#: A later name of a list that "in the areas of" opens ("in the villages of A, B and").
_LATER_IN_LIST = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?:areas|villages|towns|neighbou?rhoods|districts|regions)\s+of\s+"
    r"(?:(?:al-|el-)?[A-Z][\w'’-]*\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+))+$"
)


def _relation(
    before: str, after: str, surface: str = ""
) -> tuple[str, float | None, float | None, float]:
    """Return (relation, bearing, distance_km, tie) from the words around a match."""
    tail = max(len(before) - _TAIL, 0)
    lower = before[tail:].lower()
    directed = "north" in lower or "south" in lower or "east" in lower or "west" in lower
    m = _DESCRIPTIVE.search(before, tail) if directed else None
    if m is not None:  # "the northern city of Kirkuk" describes Kirkuk
        if m.group("kind").lower() in {"province", "governorate", "region"}:
            return "region", None, None, 2.0 if _IN.search(before[: m.start()] + " ") else 1.5
        return "in", None, None, 3.0 if _IN.search(before[: m.start()] + "in ") else 2.0
    measured = "km" in lower or "kilomet" in lower or "mile" in lower
    m = _DISTANCE_DIR.search(before, tail) if directed and measured else None
    if m is not None:
        raw = m.group("n").lower().replace(",", ".")
        dist = float(raw) if raw[0].isdigit() else float(_NUMBER_WORDS.get(raw, 10))
        if m.group("unit").lower().startswith("mi"):
            dist *= 1.609
        return "direction", _bearing(m.group("dir")), dist, 3.0
    m = (
        _OUTSKIRTS.search(before, tail)
        if ("outskirt" in lower or "edge" in lower or "periph" in lower or "fringe" in lower)
        else None
    )
    if m is not None:
        bearing = _bearing(m.group("dir")) if m.group("dir") else None
        return "outskirts", bearing, None, 3.0
    m = _DIRECTION.search(before, tail) if directed else None
    if m is not None:
        return "direction", _bearing(m.group("dir")), None, 2.5
    if any(w in lower for w in _NEAR_WORDS) and _NEAR.search(before, tail):
        return "near", None, None, 2.5
    if (
        _REGION_AFTER.match(after)
        or _REGION_BEFORE.search(before, tail)
        or _REGION_SURFACE.search(surface)
    ):
        tie = 2.0 if _IN.search(before, tail) else 1.0
        return "region", None, None, tie
    if _IN.search(before, tail):
        return "in", None, None, 3.0
    if any(w in lower for w in _ORIGIN_WORDS) and _ORIGIN.search(before, tail):
        if _TAKEN_FROM.search(before, tail):
            return "in", None, None, 2.5  # "abducted two men from X": taken where they were
        return "in", None, None, 0.5
    if ("and" in lower or "," in lower) and _LATER_IN_LIST.search(before, tail):
        return "in", None, None, 2.5  # "in the areas of Umm Rasas and X": X too
    return "in", None, None, 1.0


def _bearing(word: str) -> float:
    w = word.lower().replace(" ", "")
    if w in _BEARINGS:
        return _BEARINGS[w]
    w = w.replace("-", "")
    return _BEARINGS.get(w, 0.0)


def _is_person(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60) : start]
    if _PERSON_TITLE.search(before, max(len(before) - _TAIL, 0)):
        return True
    surface = text[start:end]
    after = text[end : end + 20]
    speaks = re.match(
        r"^\s+(?:said|says|told|added|stated|explained|noted|argued|believes|claimed)\b", after
    )
    prev = re.search(r"([A-Z][\w'’]*)(?:[-\s]+(?:al|el|bin|ibn|abu|Al|El))?[-\s]+$", before)
    named = (
        prev is not None
        and not re.search(r"[.,;:!?\"“”()]\s*$", before)
        and prev.group(1).lower() not in _FUNCTION_WORDS
        and not re.search(r"['’]s$", prev.group(1))  # "Mosul's al-Zanjili": a place's quarter
    )
    if named and (speaks or re.search(r"[a-z]i$", surface)):
        return True  # "Ranj Talabani said", "Abu Bakr al-Baghdadi"
    if _SURNAME_AFTER.match(after) and not re.search(r"\b(?:in|at|near|of|from|to)\s+$", before):
        return True  # "the planning minister, Salman al-Jumaili": a first name
    return bool(speaks) and bool(re.search(r"\b(?:al|el)[-\s]$", before))


_SURNAME_AFTER = re.compile(
    r"^\s+(?:al|el|bin|ibn)-[A-Z][a-z]+\b(?!\s+(?:district|area|village|town))"
)
# (the short particles only hyphenated: "the Peshmerga at Altun Kupri" is no "at-Altun")
_LONGER_NAME = re.compile(
    r"([A-Z][\w'’]*)(?:[-\s]+(?:al|el|Al|El)|-(?:ad|ar|as|ash|at|az|an))?[-\s]+$"
)
_SENTENCE_OPEN = re.compile(r"[.!?\n]\s*$")


def _longer_name_start(before: str) -> int | None:
    """Where the capitalised name the match continues starts in ``before``, if it does.

    "Jisr Diyala", "Qasr al-Hawija": the match is the tail of a longer name.
    """
    cut = max(len(before) - 40, 0)
    m = _LONGER_NAME.search(before, cut)
    if m is None or re.search(r"[.,;:!?\"“”()\[\]]\s*$", before):
        return None
    word = m.group(1)
    if word.lower() in _FUNCTION_WORDS or word.isupper() or re.search(r"['’]s$", word):
        return None
    start = m.start(1)
    # a sentence's first word is capitalised anyway
    if start == 0 or _SENTENCE_OPEN.search(before, max(start - 4, 0), start):
        return None
    return start


def is_tellers_place(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` only says where a source spoke from.

    Examples
    --------
    >>> text = "A police officer in Basra said troops were sent to the town."
    >>> is_tellers_place(text, 20, 25)
    True
    >>> is_tellers_place("A bomb exploded in Basra on Monday.", 19, 24)
    False
    >>> is_tellers_place("Jets struck a base in Syria, the army said in Baghdad.", 46, 53)
    True
    """
    before = text[max(0, start - 40) : start]
    if _SAID_IN.search(before) and _TELLING_ENDS.match(text, end):
        return True  # "..., the military said in Baghdad."
    return bool(_SPEAKER_IN.search(before)) and bool(_SAID_AFTER.match(text, end))


_SAID_IN = re.compile(
    r"\b(?:said|says|announced|reported|told\s+(?:reporters|journalists))\s+(?:\w+\s+){0,2}?"
    r"(?:in|from)\s+$"
)
_TELLING_ENDS = re.compile(r"\s*(?:on\s+\w+\s*)?(?:[.;]|$)")


def is_name_tail(text: str, start: int) -> bool:
    """Whether the name starting at ``text[start]`` ends a longer capitalised name.

    Examples
    --------
    >>> is_name_tail("a house in the village of Abu Karma near the town", 30)
    True
    >>> is_name_tail("a house in Karma near the town", 11)
    False
    """
    return _longer_name_start(text[max(0, start - 90) : start]) is not None


#: Record types a longer name may be built on and still lie next to the record
#: ("Qasr al-Hawija" by the town of Hawija); a name built on a province or a
#: river ("Jisr Diyala") says nothing of where it lies.
_NAMESAKE_TYPES = frozenset({"city", "town", "village"})
#: How much less a name inside a longer one binds to the event than a name of its own.
_LONGER_NAME_PENALTY = 1.0


def find_places(
    text: str,
    *,
    gazetteer: Gazetteer,
    start: int = 0,
    end: int | None = None,
    skip: Sequence[tuple[int, int]] = (),
    spans: Sequence[tuple[int, int]] | None = None,
) -> list[PlaceUse]:
    """Read every gazetteer match in ``text[start:end]`` in its context.

    Parameters
    ----------
    text : str
        The article text (offsets of the results index into it).
    gazetteer : Gazetteer
        Gives the matches (:meth:`Gazetteer.scan`).
    start, end : int
        The region to read (e.g. the body without the headline region).
    skip : sequence of (start, end)
        Regions whose matches are not places of events (datelines, bylines).
    spans : sequence of (start, end), optional
        Read only the matches inside these regions (sorted, e.g. the sentences that
        report events); all of them when omitted.

    Returns
    -------
    list of PlaceUse
        In reading order, organisations, people and e-mail parts left out.
    """
    stop = len(text) if end is None else end
    region = text[start:stop]
    starts = [x for x, _ in spans] if spans is not None else []

    def wanted(a: int) -> bool:
        if any(x <= a < y for x, y in skip):
            return False
        if spans is None:
            return True
        k = bisect.bisect_right(starts, a) - 1
        return k >= 0 and a < spans[k][1]

    uses: list[PlaceUse] = []
    taken: list[tuple[int, int]] = []
    matches = gazetteer.scan(region)
    for match in matches:
        a, b = start + match.start, start + match.end
        taken.append((a, b))
        if not wanted(a) or not match.place_ids:
            continue
        use = _use_of(text, a, b, match.surface, tuple(match.place_ids), gazetteer)
        if use is not None:
            uses.append(use)
    named = [m.place_ids[0] for m in matches if m.place_ids]
    regions = (
        [(start, stop)] if spans is None else [(max(x, start), min(y, stop)) for x, y in spans]
    )
    for a, b, surface, ids in _slot_names(text, regions, taken, named, gazetteer):
        if wanted(a):
            use = _use_of(text, a, b, surface, ids, gazetteer)
            if use is not None:
                uses.append(use)
    uses.sort(key=lambda u: u.toponym.start)
    linked = _described_by_next(text, _link_pairs_and_lists(text, uses, gazetteer))
    return _within_next(text, linked, gazetteer)


#: A capitalised name the scan did not know, in a slot only a place fills ("the area
#: of X", "X village"): looked up with the gazetteer's looser matching.
_SLOT_NAME = r"(?:(?:al|el|Al|El)[-\s])?[A-Z][a-z'’]+(?:[-\s](?:(?:al|el)-)?[A-Z][a-z'’]+){0,2}"
_SLOT = re.compile(
    r"\b(?:village|villages|area|areas|town|district|subdistrict|region|neighbou?rhood|"
    rf"quarter|outskirts)\s+of\s+(?:the\s+)?(?P<a>{_SLOT_NAME})|"
    rf"\b(?:in|at|near|around)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?(?P<b>{_SLOT_NAME})\s+(?:area|village|"
    r"district|subdistrict|region|neighbou?rhood|quarter|basin)\b"
)
#: The least score of a loose match to count (a lone respelling scores 0.6 or more;
#: a spelling split between two records scores less).
_SLOT_MIN_SCORE = 0.55


def _slot_names(
    text: str,
    regions: Sequence[tuple[int, int]],
    taken: Sequence[tuple[int, int]],
    named: Sequence[str],
    gazetteer: Gazetteer,
) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Return (start, end, name, place ids) for unknown spellings in place slots.

    The scan knows a name only in a spelling of the gazetteer; reports spell villages
    in many ways ("Moshahda", "Mushahada"). A name in a slot that only a place fills is
    looked up with :meth:`Gazetteer.candidates` (respellings, consonant skeleton), and
    kept when one record takes most of the score. A match on the consonant skeleton
    alone is loose ("Umm Kasir" is not the port of Umm Qasr), so it is kept only when
    a place the text names for sure (``named``: record ids) lies within
    :data:`_SLOT_CONTEXT_KM` of it, or when the text names no other place at all (no
    other known name in a slot either) and one settlement takes the whole score.
    """
    found: list[tuple[int, int, str, tuple[str, ...]]] = []
    alone: list[tuple[int, int, str, tuple[str, ...]]] = []
    matches = (
        m
        for x, y in regions
        if x < y and any(w in text[x:y].lower() for w in _SLOT_WORDS)
        for m in _SLOT.finditer(text, x, y)
    )
    for m in matches:
        group = "a" if m.group("a") else "b"
        a, b = m.span(group)
        if any(x < b and a < y for x, y in taken):
            continue
        name = m.group(group)
        cands = gazetteer.candidates(name, limit=5)
        if not cands or cands[0].score < _SLOT_MIN_SCORE:
            continue
        if cands[0].place.feature_type == "governorate":
            continue
        entry = (a, b, name, tuple(c.place.id for c in cands))
        if cands[0].score >= _SLOT_SURE_SCORE or _near_any(cands[0].place, named, gazetteer):
            found.append(entry)
        elif (
            not named
            and cands[0].score >= _SLOT_ALONE_SCORE
            and cands[0].place.feature_type in _ALONE_TYPES
        ):
            alone.append(entry)
    if not found and len({name for _a, _b, name, _ids in alone}) == 1:
        return alone
    return found


#: Scores from here up come from a known spelling or a regular respelling.
_SLOT_SURE_SCORE = 0.7
#: How near a place the text names a loosely matched name must lie.
_SLOT_CONTEXT_KM = 60.0
#: A text that names no other place cannot place a loose match; one record that
#: takes the whole score of a regular respelling is then taken on its own.
_SLOT_ALONE_SCORE = 0.6
#: The kinds of record a lone loose match may be (a village respelt, not a building).
_ALONE_TYPES = frozenset({"town", "village", "neighbourhood"})


def _near_any(place: Place, ids: Sequence[str], gazetteer: Gazetteer) -> bool:
    for pid in ids:
        try:
            other = gazetteer.get(pid)
        except (KeyError, LookupError, ValueError):
            continue
        if other.id == place.id or other.feature_type in {"governorate", "region"}:
            continue
        if place.km_to(other) <= _SLOT_CONTEXT_KM:
            return True
    return False


_SLOT_WORDS = ("village", "area", "town", "district", "region", "neighbo", "quarter",
               "outskirts", "basin")  # fmt: skip


def _built_on_settlement(place_ids: tuple[str, ...], gazetteer: Gazetteer) -> bool:
    try:
        place = gazetteer.get(place_ids[0])
    except (KeyError, LookupError, ValueError, IndexError):
        return False
    return place.feature_type in _NAMESAKE_TYPES


#: a purpose clause: the place after it is what an act aimed at, not where it happened
_PURPOSE = re.compile(
    r"\b(?:meant|aimed|designed|intended)\s+(?:to|at)\b|\bin\s+(?:an?\s+)?(?:attempt|bid|"
    r"effort)\s+to\b|\bin\s+order\s+to\b|\bto\s+(?:draw|divert|distract|delay|relieve|ease)\b",
    re.IGNORECASE,
)


def _use_of(
    text: str,
    a: int,
    b: int,
    surface: str,
    place_ids: tuple[str, ...],
    gazetteer: Gazetteer | None = None,
) -> PlaceUse | None:
    """Read the name at ``text[a:b]`` in its context; None when it is not a place here.

    A name that ends a longer capitalised name ("Qasr al-Hawija") is kept as a place
    near it only when ``gazetteer`` says it names a settlement.
    """
    if surface.lower() in _COUNTRY_LEVEL:
        return None
    line_start = text.rfind("\n", 0, a) + 1
    before = text[max(line_start, a - 90) : a]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    if ends:
        before = before[ends[-1] :]
    after = text[b : b + 60]
    token = _token_around(text, a, b)
    if _EMAILISH.search(token):
        return None
    affiliation = bool(_AFFILIATION_AFTER.match(after))
    tail_lower = before[-_TAIL:].lower()
    org_before = any(w in tail_lower for w in _ORG_BEFORE_WORDS) and bool(
        _ORG_BEFORE.search(before, max(len(before) - _TAIL, 0))
    )
    if (affiliation or _ORG_AFTER.match(after)) and (
        _SEAT_AFTER.match(after) and _SITE_BEFORE.search(before)
    ):
        affiliation = False  # the place where the institution sits, a site of events
        role = "event"
    elif org_before and _SITE_MISSION.search(before):
        role = "event"  # "rockets landed near the US consulate in Basra": the city
    elif _ORG_AFTER.match(after) or org_before:
        if not (_EVENT_OFFENSIVE.match(after) or affiliation):
            return None
        role = "affiliation" if affiliation else "background"
    else:
        role = "event"
    if _is_person(text, a, b):
        return None
    if _ABROAD_AFTER.match(after):
        return None  # "the Karachok area of northeastern Syria": a namesake abroad
    outer = _longer_name_start(before)
    if outer is not None:
        if gazetteer is None or not _built_on_settlement(place_ids, gazetteer):
            return None
        before = before[:outer]
    relation, bearing, distance, tie = _relation(before, after, surface)
    if outer is not None:
        # the longer name is a place next to the town it is built on, not the town
        relation = "near" if relation == "in" else relation
        tie = min(tie, 3.0) - _LONGER_NAME_PENALTY
    if (
        _POSSESSIVE_PLACE_BEFORE.search(before, max(len(before) - _TAIL, 0))
        and relation == "in"
        and tie < 3.0
    ):
        tie = 3.0  # "Nineveh's Baaj district": Baaj, in Nineveh
    if _POSSESSIVE_AFTER.match(after):
        tie -= 1.5
    if role == "affiliation":
        tie = min(tie, 0.6)
    if _EVENT_OFFENSIVE.match(after):
        tie, role = 0.2, "background"
    ends_of = re.search(r"\b(?:of|for)\s+(?:the\s+)?$", tail_lower) is not None
    if (ends_of and _TITLE_BEFORE.search(before, max(len(before) - _TAIL, 0))) or (
        _TITLE_AFTER.match(after)
    ):
        tie, role = min(tie, 0.3), "title"
    elif (
        relation == "in"
        and any(w in tail_lower for w in _ORIGIN_WORDS)
        and (
            _ORIGIN.search(before, max(len(before) - _TAIL, 0))
            or _origin_listed(before)  # "on their way to Najaf and Karbala"
        )
        and not _TAKEN_FROM.search(before, max(len(before) - _TAIL, 0))
    ):
        tie, role = min(tie, 0.5), "origin"
    elif (
        relation == "in"
        and (
            "hospital" in tail_lower
            or "medic" in tail_lower
            or ("health" in tail_lower or "morgue" in tail_lower)
        )
        and _CARE_BEFORE.search(before, max(len(before) - _TAIL, 0))
    ):
        # "hospital staff in Mahmudiya said", "taken to a hospital in Kirkuk": where the
        # casualties were treated, not where they were hit
        tie, role = min(tie, 0.5), "origin"
    elif ("from" in tail_lower or "fled" in tail_lower) and _FIRED_FROM.search(
        before, max(len(before) - 80, 0)
    ):
        # "the rockets were launched from an orchard in the Dujail district", "men who
        # had fled the fighting in Hawija": where they came from, not where it happened
        tie, role = min(tie, 0.5), "origin"

    if role not in {"origin", "title"} and (
        _DISTRICT_AFTER.match(after) or _DISTRICT_SURFACE.search(surface)
    ):
        tie = max(tie + 0.2, 2.6)  # "..., Mandali district": a place named for the event
    if _ALIAS_BEFORE.search(before, max(len(before) - 40, 0)):
        tie = max(tie, 3.0)  # "in Al Toon Kobri (Altun Kupri) district": another spelling
    if _in_quote(text, a):
        tie -= 0.5
    if role == "event" and tie >= 0.9 and _PURPOSE.search(before):
        # "... the attack was meant to draw troops away from Mosul": the aim, not the
        # place; still there for an event that names no other
        tie = min(tie, 0.5)
    topo = Toponym(
        surface=surface,
        start=a,
        end=b,
        candidates=place_ids,
        relation=relation,
        bearing_deg=bearing,
        distance_km=distance,
    )
    return PlaceUse(topo, tie, role, place_ids)


_DESCRIBED = re.compile(
    r"^\s*,\s*(?:(?:some|about|around|approximately)\s+)?(?:\d+(?:\.\d+)?\s*(?:km|kms|kilomet(?:er|re)s?"
    r"|miles?)\s+)?(?:to\s+the\s+)?(?:(?:north|south)(?:[-\s]?(?:east|west))?|east|west)(?:ern)?\s+"
    r"(?:of\s+)?(?:the\s+)?(?:(?:city|town|province|district)\s+of\s+)?$",
    re.IGNORECASE,
)


def _described_by_next(text: str, uses: list[PlaceUse]) -> list[PlaceUse]:
    """Raise "X, south of Y": the place a direction phrase describes is the event's place."""
    out = list(uses)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.role != "event" or a.toponym.relation != "in" or a.tie >= 3.0:
            continue
        if _DESCRIBED.match(text[a.toponym.end : b.toponym.start]):
            out[i] = PlaceUse(a.toponym, 3.0, a.role, a.place_ids)
    return out


_KIND = (
    r"(?:city|town|village|area|neighbou?rhood|district|sub-?district|province|governorate|region)"
)
#: Words between two names that make the second the container or the landmark of the
#: first: "X in the city of Y", "X, area of Y", "X village in Y", "X east of Y".
_WITHIN = re.compile(
    rf"^\s*\)?\s*,?\s*(?:{_KIND}\s+)?(?:(?:in|of|within|inside)\s+)?(?:the\s+)?{_KIND}\s+of\s+"
    rf"(?:the\s+)?$|"
    rf"^\s+{_KIND}\s+(?:in|of)\s+(?:the\s+)?$|"
    rf"^\s*,?\s*(?:an?\s+(?:[\w-]+\s+){{0,3}}?{_KIND}\s+)?"  # "X, a mining town 70 km north of Y"
    r"(?:(?:some|about|around|approximately|roughly|nearly|just)\s+)?(?:\d+(?:\.\d+)?\s*(?:km|kms|"
    r"kilomet(?:er|re)s?|miles?)\s+)?(?:in\s+|to\s+)?(?:the\s+)?(?:(?:north|south)(?:[-\s]?(?:east|west))?"
    r"|east|west)(?:ern)?\s+(?:of\s+)?(?:the\s+)?(?:(?:provincial\s+)?(?:city|town|capital|"
    r"province|district)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: How much less the container or landmark binds to the event than the place it holds.
_CONTAINER_DROP = 1.0


#: The kinds of record X may be: a point, not an area whose centroid says less than Y.
_HELD_TYPES = frozenset({"city", "town", "village", "neighbourhood", "facility", "road"})
#: The kinds of record Y may be: a named district stays the event's district.
_HOLDER_TYPES = frozenset({"city", "town", "village", "neighbourhood", "governorate", "region"})
_AREA_OF = re.compile(r"^\s+(?:area|neighbou?rhood|quarter)\s+of\b", re.IGNORECASE)
_GAP_KM = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>km|kms|kilomet(?:er|re)s?|miles?)\b", re.IGNORECASE
)
#: How far apart X and Y may lie for the gazetteer to agree that Y holds X.
_WITHIN_KM = 40.0


def _within_next(text: str, uses: list[PlaceUse], gazetteer: Gazetteer) -> list[PlaceUse]:
    """Lower "Y" in "X in the city of Y", "X, area of Y", "X east of Y".

    The sentence places the event at X and names Y only to say where X is; without
    this, the record types alone decide, and a namesake neighbourhood called Y could
    win over the town X. Only when X is a point-like record near Y's record (a far
    X is a namesake; the resolver deals with it).
    """
    out = list(uses)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.role != "event" or b.role != "event" or a.tie < 2.5 or b.tie < a.tie - 1.0:
            continue
        gap = text[a.toponym.end : b.toponym.start]
        if len(gap) > 60 or not _WITHIN.match(gap):
            continue
        if (
            _DISTRICT_SURFACE.search(b.toponym.surface)
            or _DISTRICT_AFTER.match(text[b.toponym.end : b.toponym.end + 20])
        ) and not _AREA_OF.search(gap):
            continue  # (but "the X area of Y district": X, in Y's district)
        try:
            x = gazetteer.get(a.place_ids[0])
            y = gazetteer.get(b.place_ids[0])
        except (KeyError, LookupError, ValueError, IndexError):
            continue
        if y.feature_type not in _HOLDER_TYPES or not (
            x.feature_type in _HELD_TYPES or x.is_small_region
        ):  # ("Wadi al-Shay, southwest of Kirkuk": a valley says more than the city)
            continue
        way = b.toponym.bearing_deg
        if way is not None and b.toponym.relation == "direction" and x.km_to(y) > 5.0:
            if abs((y.bearing_to(x) - way + 180.0) % 360.0 - 180.0) > 60.0:
                continue  # "X, south of Y" where the gazetteer has X north of Y: a namesake
        stated = _GAP_KM.search(gap)
        if stated is not None:  # "X, 70 km north of Y": as far as the gazetteer has it
            km = float(stated.group("n")) * (1.609 if stated.group("unit")[0] in "mM" else 1.0)
            if abs(x.km_to(y) - km) > max(25.0, 0.35 * km):
                continue
        elif y.feature_type != "governorate" and x.km_to(y) > _WITHIN_KM:
            continue
        if y.feature_type == "governorate" and x.admin1 != y.admin1:
            continue
        out[i + 1] = PlaceUse(b.toponym, a.tie - _CONTAINER_DROP, b.role, b.place_ids)
    return out


def _token_around(text: str, a: int, b: int) -> str:
    left = a
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = b
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def _in_quote(text: str, pos: int) -> bool:
    line_start = max(text.rfind("\n", max(0, pos - 400), pos), pos - 400, 0)
    segment = text[line_start:pos]
    return sum(segment.count(q) for q in _QUOTE_CHARS) % 2 == 1


def _between_pair(use: PlaceUse, far: PlaceUse) -> tuple[PlaceUse, PlaceUse]:
    """Return "between ``use`` and ``far``" as one place, and ``far`` as a mere mention.

    The far end of a road or a stretch is not an event place of its own.
    """
    topo = dataclasses.replace(use.toponym, relation="between", other=far.toponym)
    return (
        PlaceUse(topo, max(use.tie - 1.0, 2.0), use.role, use.place_ids),
        PlaceUse(far.toponym, 0.1, "list", far.place_ids),
    )


def _all_governorates(uses: Sequence[PlaceUse], gazetteer: Gazetteer) -> bool:
    for use in uses:
        try:
            if gazetteer.get(use.place_ids[0]).feature_type != "governorate":
                return False
        except (KeyError, LookupError, ValueError, IndexError):
            return False
    return True


def _link_pairs_and_lists(text: str, uses: list[PlaceUse], gazetteer: Gazetteer) -> list[PlaceUse]:
    out: list[PlaceUse] = []
    i = 0
    n = len(uses)
    # lists of three or more names joined by commas/and: background unless a place of
    # an event names them one by one
    in_list: set[int] = set()
    j = 0
    while j < n:
        k = j
        while k + 1 < n and _LIST_SEP.match(text[uses[k].toponym.end : uses[k + 1].toponym.start]):
            k += 1
        if k - j + 1 >= 3:
            tail = text[uses[k].toponym.end : uses[k].toponym.end + 30]
            # "... provinces": a summary of where a group is active; "... regions" of
            # mountain areas may be the very targets of a strike
            plural = re.match(r"^\s+(provinces|governorates|regions)\b", tail)
            plural_region = plural is not None and (
                plural.group(1) != "regions" or _all_governorates(uses[j : k + 1], gazetteer)
            )
            for x in range(j, k + 1):
                in_list.add(x)
                if plural_region:
                    in_list.add(-1 - x)  # marker: background list of provinces
        j = k + 1
    while i < n:
        use = uses[i]
        before = text[max(0, use.toponym.start - 60) : use.toponym.start]
        if (
            i + 1 < n
            and (_BETWEEN.search(before) or _LINK_ROAD.search(before))
            and uses[i + 1].toponym.start - use.toponym.end < 40
            and _AND.match(text[use.toponym.end : uses[i + 1].toponym.start])
        ):
            out.extend(_between_pair(use, uses[i + 1]))
            i += 2
            continue
        hyphen_pair = (
            i + 1 < n
            and re.fullmatch(r"\s*[-–]\s*", text[use.toponym.end : uses[i + 1].toponym.start])
            and re.match(r"^\s*(?:road|highway)\b", text[uses[i + 1].toponym.end :])
        )
        if hyphen_pair:
            out.extend(_between_pair(use, uses[i + 1]))
            i += 2
            continue
        if -1 - i in in_list:
            out.append(PlaceUse(use.toponym, -1.0, "list", use.place_ids))
        elif i in in_list:
            out.append(PlaceUse(use.toponym, use.tie - 0.3, use.role, use.place_ids))
        elif out and (pair := _second_of_pair(text, out[-1], use, gazetteer)) is not None:
            out.append(pair)
        else:
            out.append(use)
        i += 1
    return out


_VILLAGES = frozenset({"town", "village"})


def _second_of_pair(
    text: str, first: PlaceUse, second: PlaceUse, gazetteer: Gazetteer
) -> PlaceUse | None:
    """Tie "Y" in "on the outskirts of X and Y" to the event as firmly as X.

    Only two villages or towns named side by side, the first firmly tied to the event.
    """
    if (
        first.role != "event"
        or first.tie < 2.5
        or second.tie >= first.tie - 0.5
        or first.toponym.relation not in {"in", "near", "outskirts"}
        or not re.fullmatch(r"\s+and\s+", text[first.toponym.end : second.toponym.start])
    ):
        return None
    try:
        a, b = gazetteer.get(first.place_ids[0]), gazetteer.get(second.place_ids[0])
    except (KeyError, LookupError, ValueError, IndexError):
        return None
    if a.feature_type not in _VILLAGES or b.feature_type not in _VILLAGES:
        return None
    topo = dataclasses.replace(
        second.toponym,
        relation=first.toponym.relation,
        bearing_deg=first.toponym.bearing_deg,
    )
    return PlaceUse(topo, first.tie - 0.5, first.role, second.place_ids)
