"""Article → mentions: what happened, where, when, to whom, and how sure.

:func:`extract_mentions` reads one article sentence by sentence. A sentence with
event words ("attacked", "IED", "clashes", "killed") is an *event sentence*; its
place is the place the words tie to the event (see :mod:`.toponyms`). Event sentences
at the same place form one event; a sentence without a place belongs to the event
before it (it usually continues the story: "Two soldiers were killed."). Each event
becomes a :class:`~mapper.models.Mention` with its type (:mod:`.events`), actors
(:mod:`.actors`), casualties aggregated over its sentences (:mod:`.casualties`), date
(:mod:`.dates`) and claim status (:mod:`.claims`); every field read from the text
keeps its :class:`~mapper.models.Evidence`.

The modules are pure functions over strings with precompiled patterns, so extraction
is fast and deterministic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mapper.extract._memo import forget
from mapper.extract._triggers import FoldedPattern, contains_any, fold
from mapper.extract.actors import (
    ISLAMIC_STATE,
    UNIDENTIFIED,
    ActorMention,
    assign_actors,
    claimant,
    find_actors,
    names_culprit,
)
from mapper.extract.casualties import casualties_of, read_casualties, read_figures
from mapper.extract.claims import claim_span
from mapper.extract.dates import DateReading, read_date, statement_day
from mapper.extract.events import (
    HISTORY_YEAR,
    QUOTES,
    Cue,
    classify,
    event_strength,
    find_cues,
    has_weak_cue,
    is_roundup,
    is_tally,
    recalls_earlier,
    victims_are_civilians,
)
from mapper.extract.sentences import Sentence, split_sentences
from mapper.extract.toponyms import PlaceUse, dateline_end, find_places, is_tellers_place
from mapper.models import Article, Casualties, Evidence, Mention, Place

if TYPE_CHECKING:
    from mapper.gazetteer import Gazetteer

__all__ = ["extract_mentions"]

_SPECIFICITY = {
    "facility": 0,
    "neighbourhood": 0,
    "road": 4,
    "village": 1,
    "town": 2,
    "subdistrict": 3,
    "city": 3,
    "district": 3,
    "governorate": 5,
    "region": 6,
}
_TARGET = FoldedPattern(
    r"\b(?P<t>(?:main\s+)?police\s+(?:headquarters|station|checkpoint|post|patrol)|"
    r"security\s+headquarters|power\s+(?:plant|station)|(?:army|military)\s+(?:post|base|"
    r"position|barracks|convoy|patrol|checkpoint|vehicle)|checkpoint|government\s+buildings?|"
    r"oil\s+(?:field|well|refinery|pipeline)|refinery|pipeline|market(?:place)?|mosque|"
    r"church|school|hospital|cafe|restaurant|hotel|bridge|prison|camp|convoy|patrol|"
    r"outpost|headquarters|polling\s+station|house|home|shop|vehicle|bus|motorcade|"
    r"funeral|wedding)\b"
)
_NAMED_AREA = re.compile(
    r"\b(?:village|area|neighbou?rhood|district|region|town|quarter|basin|mountains?)\s+of\s+"
    r"(?P<n>(?:al-|Al-|el-)?[A-Z][\w'’-]+(?:\s+(?:al-|Al-)?[A-Z][\w'’-]+){0,2})|"
    r"\b(?:in|at)\s+(?:the\s+)?(?P<m>(?:al-|Al-)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+"
    r"(?:area|neighbou?rhood|village|district|quarter)\b"
)
_IS_NAMED = re.compile(
    r"\b(?:Islamic\s+State|ISIS|ISIL|IS|Daesh|Da'esh|A'?a?maq|jihadists?)\b|\bdaesh\b",
    re.IGNORECASE,
)
_AREA_WORDS = ("village", "area", "neighbo", "district", "region", "town", "quarter", "basin",
               "mountain")  # fmt: skip
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class _Event:
    place: PlaceUse | None
    sentences: list[Sentence] = field(default_factory=list)
    places: list[PlaceUse] = field(default_factory=list)
    strength: int = 0
    recalled: bool = False  # another time's event told in passing, with no place of its own
    roundup: bool = False  # a sum of several events ("attacks across Iraq killed 30")

    def take(self, sent: Sentence, uses: list[PlaceUse], strength: int) -> None:
        """Add one more sentence about this event, with the places it names."""
        self.sentences.append(sent)
        self.places.extend(uses)
        self.strength += strength


def _record(use: PlaceUse, gazetteer: Gazetteer) -> Place | None:
    """Return the gazetteer record of a place use's first candidate, None when absent."""
    try:
        return gazetteer.get(use.place_ids[0])
    except (KeyError, LookupError, ValueError, IndexError):
        return None


def _specificity(use: PlaceUse, gazetteer: Gazetteer) -> int:
    place = _record(use, gazetteer)
    if place is None:
        return 9
    if place.is_small_region:
        return 4
    return _SPECIFICITY.get(place.feature_type, 5)


def _dateline_regions(article: Article) -> list[tuple[int, int]]:
    text = article.text
    regions: list[tuple[int, int]] = []
    limit = min(len(text), article.body_start + 2500)
    starts = [article.body_start]  # the body's first paragraph, then every later one
    starts += [m.end() for m in _PARAGRAPH.finditer(text, article.body_start, limit)]
    for start in starts:
        end = dateline_end(text, start=start, dateline=article.dateline)
        if end > start:
            regions.append((start, end))
    # Ingest removes a recognised dateline from the text (keeping Article.dateline), so
    # a later "Erbil" in the body is a real mention, not the dateline.
    return regions


def _same_place(a: PlaceUse, b: PlaceUse) -> bool:
    if not set(a.place_ids) & set(b.place_ids) and a.toponym.surface != b.toponym.surface:
        return False
    ra, rb = a.toponym.relation, b.toponym.relation
    if "direction" in (ra, rb) or "between" in (ra, rb):
        if ra != rb:
            return False
        return a.toponym.bearing_deg == b.toponym.bearing_deg
    return True


def _part_of(part: PlaceUse, whole: PlaceUse, gazetteer: Gazetteer) -> bool:
    """Whether ``part`` is a neighbourhood or building inside the town ``whole`` names."""
    if part.toponym.relation not in {"in", "near"} or not (
        whole.toponym.relation in {"in", "near"}
        or (whole.toponym.relation == "direction" and whole.toponym.distance_km is None)
    ):
        return False  # ("the eastern districts of Mosul" holds Mosul's eastern quarters)
    p, w = _record(part, gazetteer), _record(whole, gazetteer)
    if p is None or w is None:
        return False
    towns = {"city", "town", "village"}
    if p.feature_type not in {"neighbourhood", "facility"} or w.feature_type not in towns:
        return False
    if p.parent == w.id:
        return True
    near = abs(p.lat - w.lat) < 0.1 and abs(p.lon - w.lon) < 0.12
    return near and p.admin2 is not None and p.admin2 == w.admin2


#: words that open the report of another event ("Elsewhere in Diyala province, ...")
_NEW_EVENT = re.compile(
    r"\b(?:elsewhere|separately|meanwhile|also|another|in\s+a\s+separate|earlier|later)\b",
    re.IGNORECASE,
)


#: words that say outright that another event follows ("In a separate incident, ...")
_SEPARATE = re.compile(
    r"\b(?:elsewhere|separately|in\s+a\s+separate|in\s+another|another\s+(?:attack|incident|"
    r"bomb|blast|explosion))\b",
    re.IGNORECASE,
)


#: a sentence that goes on about the event just told ("The attackers stormed ...")
_ANAPHOR = re.compile(
    r"^(?:[\"“‘']\s*)?(?:(?P<noun>(?:the|these|those)\s+(?:\w+\s+)?(?:attackers?|gunmen|"
    r"assailants?|militants|bombers?|kidnappers|abductors|blast|explosion|bombing|attack|ambush|"
    r"strikes?|airstrikes?|raid|bomb|shells|rockets|checkpoint|convoy|patrol|drones?|device|"
    r"fighting|clash(?:es)?|battle|firefight|gunfight|shooting))|they|"
    r"he)\b",
    re.IGNORECASE,
)
#: "The targets were PKK positions": whom the strike just told was aimed at
_TARGETS = re.compile(
    r"^(?:the|its|their)\s+(?:intended\s+)?targets?\s+(?:were|was|included|are|is)\b", re.IGNORECASE
)
_RESTATE_KM = 35.0
#: how far apart two places may lie when one toll for one kind of event ties them
_SAME_TOLL_KM = 60.0
#: how far "north of X" may reach for a town a later sentence names
_DIRECTION_KM = 150.0


def _restates(sent: Sentence, best: PlaceUse, told: PlaceUse, gazetteer: Gazetteer) -> bool:
    """Whether ``sent`` tells the event at ``told`` again, placing it more closely at ``best``.

    "Gunmen killed a village head near Khanaqin. The attackers stormed his house in the
    village of X": X is where it happened, a few km from the town the lead named.
    """
    anaphor = _ANAPHOR.match(sent.text)
    if anaphor is None or _NEW_EVENT.search(sent.text):
        return False
    b, t = _record(best, gazetteer), _record(told, gazetteer)
    if b is None or t is None:
        return False
    if b.id == t.id:  # "The attack took place 15 km east of X": X, more exactly
        return told.toponym.distance_km is None
    more, less = _specificity(best, gazetteer), _specificity(told, gazetteer)
    if more == less:
        # "... in Sinjar. The drone hit a car near the town of X": the strike's own town,
        # as exact as the one the lead named, and near it
        return anaphor.group("noun") is not None and more > 0 and b.km_to(t) <= _RESTATE_KM
    if more > less:
        return False
    if b.km_to(t) <= _RESTATE_KM:
        return True
    rel = told.toponym
    if rel.relation == "direction" and rel.distance_km is None and rel.bearing_deg is not None:
        # "a shrine north of Baghdad ... The attack targeted the shrine in the town of
        # Balad": a town that lies that way
        off = abs((t.bearing_to(b) - rel.bearing_deg + 180.0) % 360.0 - 180.0)
        if off <= 50.0 and b.km_to(t) <= _DIRECTION_KM:
            return True
    # "... in northern Salahuddin province. The attack targeted a checkpoint near X"
    if t.feature_type == "district":
        return t.admin2 is not None and b.admin2 == t.admin2
    return t.feature_type == "governorate" and b.admin1 == t.admin1


def _same_toll(sent: Sentence, event: _Event) -> bool:
    """Whether ``sent`` gives the same toll for the same kind of event as ``event``'s lead.

    "Two soldiers were killed and three wounded when a bomb hit their vehicle on the
    road ... 'A bomb exploded near the village of X, killing two soldiers and wounding
    three,' the source said": one blast told twice, the second time more exactly.
    """
    if not event.sentences:
        return False
    told = read_casualties(sent.text)
    if not told.stated or not told.killed:
        return False
    lead = event.sentences[0].text
    first = read_casualties(lead)
    if told.killed != first.killed:
        return False
    if told.wounded is not None and first.wounded is not None:
        if told.wounded != first.wounded:
            return False
    elif sent.text[:1] not in QUOTES:
        return False  # "A bomb killed two soldiers near X. A bomb killed two farmers near Y."
    if victims_are_civilians(sent.text) != victims_are_civilians(lead):
        return False
    kinds = {c.kind for c in find_cues(sent.text)}
    return bool(kinds & {c.kind for c in find_cues(lead)})


def _details(sent: Sentence, best: PlaceUse, event: _Event, dates: _Dates) -> bool:
    """Whether ``sent`` tells where in the governorate the event just told happened.

    "A cleric was shot dead in Basra province, police said. Sheikh X was killed late
    Thursday in Abu al-Khasib by gunmen ...": the same killing, placed in a town of the
    province the lead named; not when the sentence opens another event ("also", "in a
    separate attack") or tells of another kind of event or a larger toll.
    """
    if event.place is None or not event.sentences or _NEW_EVENT.search(sent.text):
        return False
    if _OTHER_TIME.search(sent.text):
        return False
    gazetteer = dates.gazetteer
    told, here = _record(event.place, gazetteer), _record(best, gazetteer)
    if told is None or here is None or here.id == told.id:
        return False
    if told.feature_type == "governorate" or event.place.toponym.relation == "region":
        if here.admin1 is None or here.admin1 != told.admin1:  # "in Basra province"
            return False
    elif told.feature_type == "district":
        if here.admin2 is None or here.admin2 != told.admin2:  # "in the Zakho district"
            return False
    elif told.feature_type != "region" or here.km_to(told) > told.precision_km:
        return False
    lead = event.sentences[0].text
    if not {c.kind for c in find_cues(sent.text)} & {c.kind for c in find_cues(lead)}:
        return False
    now, first = read_casualties(sent.text), read_casualties(lead)
    if now.stated and first.stated and (now.killed or 0) > (first.killed or 0):
        return False
    when = dates.of(sent)
    said = next((r for s in event.sentences if (r := dates.of(s)) is not None), None)
    if when is None or when.start is None or when.end is None:
        return True
    if said is None or said.start is None or said.end is None:
        return not (dates.published and when.end < dates.published - _RECALLED_GAP)
    # (the lead's day may be the day it was told: the deed may come a few days before)
    return said.start - _RECALLED_GAP <= when.end and when.start <= said.end + _DAY


#: an event the report dates this long before its own date is history it recalls
_HISTORY_AGE = dt.timedelta(days=92)


def _tells_again(sent: Sentence, event: _Event, dates: _Dates) -> bool:
    """Whether ``sent`` goes on about the event just told ("The attackers ...", a claim)."""
    if _NEW_EVENT.search(sent.text) or _other_time(sent, event, dates):
        return False
    m = _ANAPHOR.match(sent.text)
    if m is not None and m.group("noun") is not None:
        # (but "The raid came two days after a rocket attack near X ...": another event)
        return not _CAME_AFTER.match(sent.text, m.end())
    if _DAYS_DEED.search(sent.text):
        return True  # "93 people were wounded in Thursday's attack": the attack just told
    return claim_span(sent.text) is not None and not read_casualties(sent.text).stated


_DAYS_DEED = re.compile(
    r"\b(?:in|during|from|of|since)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday)['’]s\s+(?:[\w-]+\s+)?(?:attack|bombing|blast|assault|ambush|explosion|strike|"
    r"shooting|massacre|attacks|bombings|blasts)\b",
    re.IGNORECASE,
)


_CAME_AFTER = re.compile(r"\s+(?:came|comes|followed|follows)\b", re.IGNORECASE)


def _near(a: PlaceUse, b: PlaceUse, gazetteer: Gazetteer) -> bool:
    """Whether the places of two uses lie within ``_SAME_TOLL_KM`` of each other."""
    ra, rb = _record(a, gazetteer), _record(b, gazetteer)
    return ra is not None and rb is not None and ra.km_to(rb) <= _SAME_TOLL_KM


def _closer(best: PlaceUse, told: PlaceUse, gazetteer: Gazetteer) -> bool:
    """Whether ``best`` places an event told at ``told`` more exactly."""
    if _record(best, gazetteer) == _record(told, gazetteer):
        return best.toponym.distance_km is not None  # "15 km east of X" after "near X"
    return True


#: a sentence that updates the toll of an event told before ("the toll rose to 38")
_TOLL_UPDATE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|victims|casualties|those\s+killed))\b"
    r"[^.;]{0,160}?\b(?:rose|risen|rises|climbed|increased|reached|jumped|mounted)\b|"
    r"\b(?:raising|bringing|pushing|taking)\s+the\s+(?:death\s+)?toll\b|"
    r"\bdied\s+(?:later\s+)?(?:of|from)\s+(?:his|her|their)\s+(?:wounds|injuries)\b",
    re.IGNORECASE,
)

#: the kinds of event an armed group claims ("IS claimed the attack")
_CLAIMABLE = frozenset(
    {
        "Suicide bomb", "Remote explosive/landmine/IED", "Attack", "Armed clash", "Grenade",
        "Shelling/artillery/missile attack", "Abduction/forced disappearance",
    }
)  # fmt: skip

#: how firmly a sentence with no event words must tie a place to lend it to the event
#: just told that has none
_PLACING_TIE = 2.0
_LIST_GAP = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:in\s+)?(?:the\s+(?:(?:city|town|village)\s+of\s+)?)?"
)
_TOWNS = frozenset({"city", "town", "village", "subdistrict"})


def _listable(place: Place) -> bool:
    """Whether a place may be one of a list of event places: a town, or a mountain area."""
    return place.is_small_region or place.feature_type in _TOWNS


def _listed_towns(
    sent: Sentence, uses: list[PlaceUse], best: PlaceUse, gazetteer: Gazetteer
) -> list[PlaceUse]:
    """Return the towns of a list the event is tied to ("in Halabja and Ranya"), in order.

    Only when the sentence gives no toll: a toll for the whole list cannot be split.
    """
    if best.toponym.relation not in {"in", "outskirts"}:
        return []
    chain = [best]
    i = uses.index(best)
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(uses):
            a, b = (uses[j + step], uses[j]) if step < 0 else (uses[j], uses[j + step])
            gap = sent.text[a.toponym.end - sent.start : b.toponym.start - sent.start]
            if not _LIST_GAP.fullmatch(gap):
                break
            j += step
            chain.append(uses[j])
    if len(chain) < 2:
        return []
    records = [_record(u, gazetteer) for u in chain]
    if any(r is None or not _listable(r) for r in records):
        return []
    if read_casualties(sent.text).stated:
        return []
    return sorted(chain, key=lambda u: u.toponym.start)


#: words that set a sentence at another time than the event just told
_OTHER_TIME = re.compile(
    r"\b(?:last|previous)\s+(?:week|month|year)\b|\b(?:\w+\s+)(?:days|weeks|months|years)\s+"
    r"(?:ago|earlier|before)\b|\bearlier\s+this\s+(?:month|year)\b|\bin\s+a\s+similar\b",
    re.IGNORECASE,
)


def _answers_protest(sent: Sentence, event: _Event) -> bool:
    """Whether ``sent`` tells how the protest just told was met ("fired tear gas")."""
    kinds = {c.kind for c in find_cues(sent.text)}
    if "intervention" not in kinds:
        return False
    return any(c.kind == "protest" for s in event.sentences for c in find_cues(s.text))


class _Dates:
    """The date each sentence of one article tells, read once per sentence."""

    def __init__(self, published: dt.date | None, gazetteer: Gazetteer) -> None:
        self.published = published
        self.gazetteer = gazetteer
        self._seen: dict[int, DateReading | None] = {}

    def of(self, sent: Sentence) -> DateReading | None:
        if sent.start not in self._seen:
            self._seen[sent.start] = read_date(sent.text, published=self.published)
        return self._seen[sent.start]


def _other_time(sent: Sentence, event: _Event, dates: _Dates) -> bool:
    """Whether ``sent`` tells of another time than ``event``'s sentences do.

    "Last month, ...", "In December 2018, ...", or a toll on a day two days from the
    event's own.
    """
    lower = sent.text.lower()
    m = _OTHER_TIME.search(sent.text) if contains_any(lower, _OTHER_TIME_STEMS) else None
    if m is not None:
        return not any(m.group(0).lower() in s.text.lower() for s in event.sentences)
    stated = read_casualties(sent.text).stated
    if not stated and not _OLD_DATE_HINT.search(sent.text):
        return False  # no toll, and no year or month that could make it history
    when = dates.of(sent)
    published = dates.published
    if when is None and published is not None and (year := HISTORY_YEAR.search(sent.text)):
        return int(year.group("year")) < published.year  # "In 2018, several hunters were killed"
    if when is None or when.start is None or when.end is None:
        return False
    if published is not None and when.end < published - _HISTORY_AGE:
        return True  # history the report recalls
    if not stated or _TOLL_UPDATE.search(sent.text):
        return False  # (only a toll of another day must be kept apart, not a later count)
    told = next((r for s in event.sentences if (r := dates.of(s)) is not None), None)
    if told is None or told.start is None or told.end is None:
        # the event is the report's news: a toll from a month before is another one's
        return published is not None and when.end < published - _MONTH
    return when.end < told.start - _DAY or when.start > told.end + _DAY


#: the event's own sentence puts it in another country
_ABROAD = re.compile(
    r"\b(?:inside|in|into|across\s+the\s+border\s+in)\s+(?:neighbou?ring\s+|(?:north|south)?"
    r"(?:east|west)?(?:ern)?\s+)?(?:Syria|Turkey|Iran|Jordan|Saudi\s+Arabia|Kuwait)\b(?!['’])"
)
_ABROAD_OPENING = re.compile(
    r"^(?:In|Inside|Across\s+the\s+border\s+in)\s+(?:neighbou?ring\s+)?(?:Syria|Turkey|Iran)\b"
)


def _same_deed(sent: Sentence, event: _Event) -> bool:
    """Whether ``sent`` tells a deed of the kind the event's first sentence tells."""
    mine = {c.kind for c in find_cues(sent.text)} & _DEEDS
    return bool(mine & {c.kind for c in find_cues(event.sentences[0].text)})


def _dated_apart(sent: Sentence, event: _Event, dates: _Dates) -> bool:
    """Whether ``sent`` dates itself days away from ``event``.

    "... began air strikes in August", told after a clash on a Sunday in October.
    """
    if not _OLD_DATE_HINT.search(sent.text):
        return False  # (no month, year or figure date: nothing to set it apart; cheap)
    when = dates.of(sent)
    if when is None or when.start is None or when.end is None or _TOLL_UPDATE.search(sent.text):
        return False  # (a later count of the dead is this event's)
    told = next((r for s in event.sentences if (r := dates.of(s)) is not None), None)
    if told is not None and told.start is not None and told.end is not None:
        return when.end < told.start - _RECALLED_GAP or when.start > told.end + _RECALLED_GAP
    published = dates.published
    return published is not None and when.end < published - 2 * _RECALLED_GAP


#: kinds of event told apart: a bombing and a shooting are two deeds
_DEEDS = frozenset({"suicide", "air", "shelling", "ied", "grenade", "onesided", "abduction",
                    "arrest", "protest", "riot", "regain", "overtake", "disrupted"})  # fmt: skip


def _another_deed(sent: Sentence, event: _Event, dates: _Dates) -> bool:
    """Whether ``sent`` tells another kind of deed on another day at the event's place.

    "A bomb killed six mourners in Muqdadiya on Friday. On Thursday, gunmen shot dead a
    shopkeeper in Muqdadiya": two events in one town.
    """
    when = dates.of(sent)
    if when is None or when.day is None:
        return False
    told = next(
        (r for s in event.sentences if (r := dates.of(s)) is not None and r.day is not None), None
    )
    if told is None or told.day == when.day:
        return False
    mine = {c.kind for c in find_cues(sent.text)} & _DEEDS
    theirs = {c.kind for s in event.sentences for c in find_cues(s.text)} & _DEEDS
    return bool(mine) and bool(theirs) and not mine & theirs


_OTHER_TIME_STEMS = ("last", "previous", "ago", "earlier", "before", "similar")
_OLD_DATE_HINT = re.compile(
    r"\b(?:19|20)\d\d\b|\d[./-]\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_DAY = dt.timedelta(days=1)
_MONTH = dt.timedelta(days=31)


def _contains(whole: PlaceUse, part: PlaceUse, gazetteer: Gazetteer) -> bool:
    """Whether ``whole`` names the governorate or district that holds ``part``'s place."""
    if whole.toponym.relation not in {"in", "near", "region"}:
        return False
    w, p = _record(whole, gazetteer), _record(part, gazetteer)
    if w is None or p is None or w.id == p.id or p.admin1 is None or p.admin1 != w.admin1:
        return False
    if w.feature_type == "governorate":
        return True
    if w.feature_type == "region":  # "on Sinjar mountain": the range around the town told
        return p.km_to(w) <= w.precision_km
    return w.feature_type == "district" and w.admin2 is not None and p.admin2 == w.admin2


def _pick_place(uses: list[PlaceUse], gazetteer: Gazetteer) -> PlaceUse | None:
    event_uses = [u for u in uses if u.tie >= 0.9 and u.role in {"event", "origin"}]
    if not event_uses:
        return None
    best = max(u.tie for u in event_uses)
    close = [u for u in event_uses if u.tie >= best - 0.6]
    # "near Batifa, in Zakho district": a place inside the district named beside it
    close += [
        u
        for u in event_uses
        if u not in close
        and u.tie >= 2.0
        and (r := _record(u, gazetteer)) is not None
        and r.feature_type in _TOWNS
        and any(_contains(c, u, gazetteer) for c in close)
    ]
    return min(
        close,
        key=lambda u: (_specificity(u, gazetteer), -u.tie, u.toponym.start),
    )


def _group(
    article: Article,
    sentences: list[Sentence],
    places: list[PlaceUse],
    gazetteer: Gazetteer,
    *,
    weak: bool,
) -> list[_Event]:
    """Group event sentences into events by the place each is tied to."""
    dates = _Dates(article.published, gazetteer)
    events: list[_Event] = []
    current: _Event | None = None
    pi = 0
    for sent in sentences:
        uses: list[PlaceUse] = []
        while pi < len(places) and places[pi].toponym.start < sent.start:
            pi += 1
        j = pi
        while j < len(places) and places[j].toponym.start < sent.end:
            uses.append(places[j])
            j += 1
        strength = event_strength(sent.text)
        if weak and strength == 0 and has_weak_cue(sent.text):
            strength = 1  # (strong words judged background, a pattern or a fear stay out)
        if strength == 0:
            stated = (
                read_casualties(sent.text).stated
                and not is_tally(sent.text)
                and not recalls_earlier(sent.text)
                and not is_roundup(sent.text)
            )
            if (
                current is not None
                and (
                    stated
                    or claim_span(sent.text)
                    or names_culprit(sent.text)
                    or _answers_protest(sent, current)
                    or _TARGETS.match(sent.text)
                )
                and not (stated and _other_time(sent, current, dates))
            ):  # (not "In December 2018, a strike killed four people in the camp")
                current.sentences.append(sent)
            elif (
                current is not None
                and current.place is not None
                and uses
                and (where := _pick_place(uses, gazetteer)) is not None
                and _restates(sent, where, current.place, gazetteer)
                and _closer(where, current.place, gazetteer)
            ):
                # "... attacked a town in Anbar province. The militants entered Rutba ..."
                current.place = where
                current.take(sent, uses, 0)
            elif current is not None and current.place is None and uses:
                # "US jets struck five sites. Three of them were near the town of X."
                where = _pick_place(uses, gazetteer)
                if (
                    where is not None
                    and where.tie >= _PLACING_TIE
                    and _specificity(where, gazetteer) > 0  # a town, not one of its quarters
                    and not is_tellers_place(article.text, where.toponym.start, where.toponym.end)
                ):
                    current.place = where
                    current.take(sent, uses, 0)
            continue
        best = _pick_place(uses, gazetteer)
        listed = _listed_towns(sent, uses, best, gazetteer) if best is not None else []
        if (
            len(listed) <= 1
            and (best is None or _specificity(best, gazetteer) >= _CITY)
            and is_roundup(sent.text)
        ):
            # "A string of bombings across Iraq killed 30": a sum of the events told
            # apart, if any; the next sentence starts afresh
            events.append(_Event(place=best, roundup=True))
            events[-1].take(sent, uses, strength)
            current = None
            continue
        if len(listed) > 1:
            # "protests were held in Halabja and Ranya": one event in each town
            for use in listed:
                target = next(
                    (e for e in events if e.place is not None and _same_place(e.place, use)), None
                )
                if target is None:
                    target = _Event(place=use)
                    events.append(target)
                target.take(sent, [use], strength)
                current = target
            continue
        if best is None:
            if (
                current is None
                or _other_time(sent, current, dates)
                or _dated_apart(sent, current, dates)
                or _ABROAD_OPENING.match(sent.text)  # "In Syria, the YPG said 20 ... were killed"
            ):
                # ("In December 2018, a strike killed four people in the camp": not this one)
                current = _Event(place=None, recalled=current is not None)
                events.append(current)
            current.take(sent, uses, strength)
            continue
        target = next(
            (
                e
                for e in events
                if e.place is not None and not e.roundup and _same_place(e.place, best)
            ),
            None,
        )
        if target is not None and (
            _other_time(sent, target, dates) or _another_deed(sent, target, dates)
        ):
            target = None  # "Last month, four soldiers were killed in a similar ambush there"
        if target is None:
            target = next(
                (
                    e
                    for e in events
                    if e.place is not None
                    and not e.roundup
                    and _part_of(best, e.place, gazetteer)
                    and not _other_time(sent, e, dates)
                    and not _SEPARATE.search(sent.text)
                ),
                None,
            )
            if (
                target is not None
                and target is current
                and target.place is not None
                and (
                    target.place.toponym.relation == "direction"
                    or (sent.text[:1] in QUOTES and _same_deed(sent, target))
                )
            ):
                # "... in eastern Baghdad. The device exploded outside his house in the
                # Baladiyat district": the quarter of the town just told
                target.place = best
            if (
                target is None
                and current is not None
                and current.place is not None
                and not _other_time(sent, current, dates)
            ):
                if _contains(best, current.place, gazetteer) and not _NEW_EVENT.search(sent.text):
                    # "... near the Salahuddin governorate building": the province of the
                    # event just told, not a new event there
                    target = current
                elif _restates(sent, best, current.place, gazetteer):
                    if _closer(best, current.place, gazetteer):
                        current.place = best  # the same event, placed more precisely
                    target = current
                elif (
                    not _NEW_EVENT.search(sent.text)
                    and _near(best, current.place, gazetteer)
                    and _same_toll(sent, current)
                ):
                    if _specificity(best, gazetteer) < _specificity(current.place, gazetteer):
                        current.place = best  # the same event, placed more precisely
                    target = current
            if target is None and current is not None:
                # the town of the province the lead named; or of the district an event
                # told in the same sentence as the last one named
                told = [current] + [
                    e
                    for e in events
                    if e is not current
                    and e.sentences
                    and current.sentences
                    and e.sentences[-1].whole is not None
                    and e.sentences[-1].whole is current.sentences[0].whole
                ]
                target = next((e for e in told if _details(sent, best, e, dates)), None)
                if target is not None:
                    target.place = best
            if target is not None:  # a neighbourhood or building of the event's town
                target.take(sent, uses, strength)
                current = target
                continue
        if (
            target is None
            and current is not None
            and current.place is None
            and not current.recalled  # (a past event told in passing lends nothing)
            and not _NEW_EVENT.search(sent.text)
        ):
            target = current
            target.place = best
        elif target is None and current is not None and _tells_again(sent, current, dates):
            # "The attacker detonated his explosives at the checkpoint on the road to X",
            # "IS claimed the Baghdad bombing": the attack just told, whatever other place
            # the sentence names
            target = current
        if target is None:
            target = _Event(place=best)
            events.append(target)
        elif (
            target.place is not None
            and target.place.toponym.start < article.body_start <= best.toponym.start
        ):
            target.place = best  # the body says it more precisely than the headline
        target.take(sent, uses, strength)
        current = target
    return events


def _add_headline(
    events: list[_Event],
    head: list[Sentence],
    places: list[PlaceUse],
    gazetteer: Gazetteer,
) -> None:
    """Attach headline sentences to the body's events at the same place (never new events).

    A headline that names several events ("bomb in X, mortar shells hit Y") is split
    into its parts, so that each part goes only to its own event.
    """
    for sent in (part for whole in head for part in _headline_parts(whole, places)):
        if event_strength(sent.text) == 0 or is_roundup(sent.text):
            continue  # (nor "Wave of bombings across Iraq kills 30": not one event's toll)
        uses = [u for u in places if sent.start <= u.toponym.start < sent.end]
        best = _pick_place(uses, gazetteer)
        if best is None:
            continue
        kinds = {c.kind for c in find_cues(sent.text)}
        for i, ev in enumerate(events):
            if ev.place is not None and (
                _same_place(ev.place, best) or _part_of(best, ev.place, gazetteer)
            ):
                if i > 0 and not kinds & {c.kind for s in ev.sentences for c in find_cues(s.text)}:
                    continue  # a later event of another kind: the headline tells the lead story
                ev.sentences.insert(0, sent)  # the headline sums the event up
                ev.places.extend(uses)
                break


_HEADLINE_BREAK = re.compile(r"\s*(?:[;:|]|,(?=\s)|\s[-–—]\s)\s*")


def _headline_parts(sent: Sentence, places: list[PlaceUse]) -> list[Sentence]:
    """Split a headline at its commas, colons and dashes when the parts name other places."""
    starts = [u.toponym.start for u in places if sent.start <= u.toponym.start < sent.end]
    if len(starts) < 2:
        return [sent]
    parts: list[Sentence] = []
    a = 0
    for m in [*_HEADLINE_BREAK.finditer(sent.text), None]:
        b, c = (m.start(), m.end()) if m is not None else (len(sent.text), len(sent.text))
        if b > a:
            parts.append(Sentence(sent.start + a, sent.start + b, sent.text[a:b]))
        a = c
    placed = [p for p in parts if any(p.start <= x < p.end for x in starts)]
    if len(placed) < 2:
        return [sent]
    # a part without a place ("..., police say") stays with the part before it
    merged: list[Sentence] = []
    for part in parts:
        if merged and not any(part.start <= x < part.end for x in starts):
            last = merged[-1]
            merged[-1] = Sentence(
                last.start, part.end, sent.text[last.start - sent.start : part.end - sent.start]
            )
        else:
            merged.append(part)
    return merged


def extract_mentions(article: Article, *, gazetteer: Gazetteer) -> list[Mention]:
    """Return one mention per distinct event the article reports, most prominent first.

    Parameters
    ----------
    article : Article
        A cleaned article (see :mod:`mapper.ingest`).
    gazetteer : Gazetteer
        Finds the place names.

    Returns
    -------
    list of Mention
        Unresolved mentions (``location`` is None; :func:`mapper.resolve.resolve_mention`
        fills it). Empty when the article reports no event.
    """
    text = article.text
    if not text or not text.strip():
        return []
    skip = _dateline_regions(article)
    sentences = _split_deeds(split_sentences(text), gazetteer)
    forget()  # what the readers remember of the last article
    # only sentences with event words can hold an event's place: read names there
    told = [bool(find_cues(s.text) or read_casualties(s.text).stated) for s in sentences]
    # ... and the sentence after one, which may say where it happened
    spans = [
        (s.start, s.end) for i, s in enumerate(sentences) if told[i] or (i > 0 and told[i - 1])
    ]
    places = find_places(text, gazetteer=gazetteer, skip=skip, spans=spans)
    places = _drop_stray_quarters(article, places, gazetteer)
    head = [s for s in sentences if s.start < article.body_start]
    body = [s for s in sentences if s.start >= article.body_start]
    # the body tells the story; a headline only adds to events the body reports
    events = _group(article, body, places, gazetteer, weak=False) if head and body else []
    if events:
        _add_headline(events, head, places, gazetteer)
    else:
        events = _group(article, sentences, places, gazetteer, weak=False)
    weak = not events
    if weak:
        # no attack, clash or arrest: a movement, a base, damage to property still counts
        events = _group(article, sentences, places, gazetteer, weak=True)
    mentions = _mentions(article, events, gazetteer, skip)
    if not mentions and not weak:
        # the event sentences told no event after all ("No casualties."): look again
        mentions = _mentions(
            article, _group(article, sentences, places, gazetteer, weak=True), gazetteer, skip
        )
    return mentions


#: where a sentence moves on to the next deed of a series ("A second car bomb in Shaab
#: killed five, and a third in Bayaa killed four")
_NEXT_DEED = re.compile(
    r",?\s+(?:and|while)\s+(?=(?:a|an|another|the)\s+(?:second|third|fourth|fifth|sixth|further)\b)",
    re.IGNORECASE,
)

_NEXT_WORDS = ("second", "third", "fourth", "fifth", "sixth", "further")

#: where a sentence moves on to another kind of deed somewhere else ("A car bomb killed
#: five in Sadr City, while a roadside bomb wounded three in Dora")
_OTHER_DEED = re.compile(
    r"(?:,?\s*(?:and|while)|;\s*(?:and\s+)?)\s+"
    r"(?=(?:a|an|another|two|three|four|five|\d+)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:(?:car|truck|roadside|sticky|suicide)\s+bomb(?:er|s)?|bomb(?:er|s)?|ied|"
    r"explosive|mortar|rocket|gunm[ae]n|sniper|drone|air\s*strike|suicide)\b)",
    re.IGNORECASE,
)

_OTHER_WORDS = ("bomb", "IED", "explosive", "mortar", "rocket", "gunm", "sniper", "drone", "strike")


def _split_deeds(sentences: list[Sentence], gazetteer: Gazetteer) -> list[Sentence]:
    """Split sentences that tell two deeds one after the other.

    Two deeds of a series ("a second ... and a third ...") are cut wherever each half
    has its toll; two deeds of different kinds ("a car bomb ... while a roadside bomb
    ...") only where each half also names a place of its own.
    """
    out: list[Sentence] = []
    for sent in sentences:
        cut = (
            _NEXT_DEED.search(sent.text)
            if contains_any(sent.text, _NEXT_WORDS)
            and (" and " in sent.text or " while " in sent.text)
            else None
        )
        apart = cut is None
        if cut is None and contains_any(sent.text, _OTHER_WORDS):
            cut = _OTHER_DEED.search(sent.text)
        if cut is None or not read_casualties(sent.text[: cut.start()]).stated:
            out.append(sent)
            continue
        head, tail = sent.text[: cut.start()], sent.text[cut.end() :]
        if not find_cues(tail) or not read_casualties(tail).stated:
            out.append(sent)
            continue
        if apart and not _own_places(head, tail, gazetteer):
            out.append(sent)
            continue
        out.append(Sentence(sent.start, sent.start + cut.start(), head, sent))
        out.append(Sentence(sent.start + cut.end(), sent.end, tail, sent))
    return out


#: a deed of a series whose noun is left out ("and a third in Bayaa killed four")
_ELIDED = re.compile(
    r"(?:a|an|the|another)\s+(?:second|third|fourth|fifth|sixth|further)\s+(?:one\s+)?"
    r"(?:in|at|near|on|outside|inside|killed|wounded|injured|exploded|went|hit|struck)\b",
    re.IGNORECASE,
)


def _elided_cues(sent: Sentence) -> list[Cue]:
    """Return the deed a part of a sentence leaves unnamed: the one named before it."""
    if sent.whole is None or sent.start == sent.whole.start or not _ELIDED.match(sent.text):
        return []
    head = sent.whole.text[: sent.start - sent.whole.start]
    return [Cue(c.kind, 0, 0, c.text) for c in find_cues(head) if c.kind != "clash"]


def _own_places(head: str, tail: str, gazetteer: Gazetteer) -> bool:
    """Whether both halves of a sentence name a place and the tail's is not the head's."""
    first = {m.surface for m in gazetteer.scan(head)}
    second = {m.surface for m in gazetteer.scan(tail)}
    return bool(first) and bool(second - first) and find_cues(head) != []


def _drop_stray_quarters(
    article: Article, places: list[PlaceUse], gazetteer: Gazetteer
) -> list[PlaceUse]:
    """Leave out quarters of a city in a governorate the article never names.

    Quarter names are often common words ("Tayaran", airport; "Zuhur", flowers) that
    many cities share: "Tayaran Square" in a report that only names Baghdad is not
    Mosul's Tayaran quarter, the only one the gazetteer knows.
    """
    quarters = []
    for use in places:
        records = [gazetteer.get(pid) for pid in use.place_ids if pid in gazetteer]
        if records and all(r.feature_type == "neighbourhood" for r in records):
            quarters.append((use, {r.admin1 for r in records}))
    if not quarters:
        return places
    told = {
        (use.toponym.surface, r.admin1)
        for use in places
        if (r := _record(use, gazetteer)) is not None and r.admin1
    }
    if all(
        any(n != use.toponym.surface and a in admins for n, a in told) for use, admins in quarters
    ):
        return places  # each quarter's governorate is named by another place told already
    text = article.text if not article.dateline else article.dateline + "\n" + article.text
    named: dict[str, set[str]] = {}  # name -> the governorates it is found in
    for m in gazetteer.scan(text):
        record = gazetteer.get(m.place_ids[0]) if m.place_ids else None
        if record is not None and record.admin1:
            named.setdefault(m.surface, set()).add(record.admin1)
    stray = set()
    for use, admins in quarters:
        elsewhere = set().union(*(a for n, a in named.items() if n != use.toponym.surface))
        if not elsewhere or admins & elsewhere:
            continue
        sent = _sentence_at(article.text, use.toponym.start)
        if not any(
            other is not use and sent.start <= other.toponym.start < sent.end for other in places
        ):  # (with another place beside it, the resolver looks for a namesake near that)
            stray.add(id(use))
    return [use for use in places if id(use) not in stray]


def _mentions(
    article: Article, events: list[_Event], gazetteer: Gazetteer, skip: list[tuple[int, int]]
) -> list[Mention]:
    """Turn grouped events into mentions, placing those without a place of their own."""
    if not events:
        return []
    text = article.text
    fallback: PlaceUse | None = None
    if any(ev.place is None for ev in events):
        fallback = _main_place(find_places(text, gazetteer=gazetteer, skip=skip), gazetteer)
        if fallback is not None and fallback.role == "affiliation":
            # "the Baghdad Operations Command found IEDs": somewhere in the command's
            # area, not in the city itself
            area = dataclasses.replace(fallback.toponym, relation="region")
            fallback = dataclasses.replace(fallback, toponym=area)
    militants = ISLAMIC_STATE if _names_islamic_state(text) else UNIDENTIFIED
    mentions: list[Mention] = []
    first_date: DateReading | None = None
    if any(not ev.roundup for ev in events):
        # the events one by one, not their sum ("... killed 30 across Iraq. In the
        # deadliest, a car bomb ..."); the sum's day is still theirs
        first_date = next(
            (
                r
                for ev in events
                if ev.roundup
                for s in ev.sentences
                if (r := read_date(s.text, published=article.published)) is not None
            ),
            None,
        )
        events = [ev for ev in events if not ev.roundup]
    previous: DateReading | None = None
    for ev in events:
        if ev.place is None and ev.recalled:
            continue  # where it happened is not told: the story's place would be a guess
        if ev.place is None:
            ev.place = fallback
        mention, reading = _mention(article, ev, gazetteer, first_date, militants, previous)
        if mention is None:
            continue
        if first_date is None and reading is not None:
            first_date = reading
        if reading is not None:
            previous = reading
        if (
            mention.actor1 is None
            and mentions
            and mention.sub_event_type == "Air/drone strike"
            and mentions[-1].sub_event_type == "Air/drone strike"
            and mentions[-1].actor1 is not None
        ):
            # "Coalition forces conducted nine strikes: near X, three strikes destroyed ...;
            # near Y, ...": the list goes on with the same air force
            told = tuple(e for e in mentions[-1].evidence if e.field == "actor1")
            mention = dataclasses.replace(
                mention, actor1=mentions[-1].actor1, evidence=mention.evidence + told
            )
        mentions.append(mention)
    return _drop_recalled(mentions)


_CITY = _SPECIFICITY["city"]
_DAY_BEFORE = re.compile(r"(?:the|a)\s+day\s+(?:before|earlier)|the\s+previous\s+day", re.I)

#: a later event dated this long before the lead is one the report recalls ("Last month,
#: a strike near X killed 11"), already news when it happened
_RECALLED_GAP = dt.timedelta(days=3)


def _drop_recalled(mentions: list[Mention]) -> list[Mention]:
    """Leave out the events after the lead that the report dates well before it."""
    if len(mentions) < 2:
        return mentions
    lead = mentions[0].date_start
    if lead is None:
        return mentions
    return [mentions[0]] + [
        m
        for m in mentions[1:]
        if m.date_inferred or m.date_end is None or m.date_end >= lead - _RECALLED_GAP
    ]


_IS_STEMS = ("islamic state", "isis", "isil", "daesh", "da'esh", "amaq", "jihad")


def _names_islamic_state(text: str) -> bool:
    lower = text.lower()
    if any(stem in lower for stem in _IS_STEMS):
        return True
    return " IS " in text or bool(_IS_NAMED.search(text)) if "IS" in text else False


def _main_place(places: list[PlaceUse], gazetteer: Gazetteer) -> PlaceUse | None:
    counts: dict[str, int] = {}
    best: dict[str, PlaceUse] = {}
    for u in places:
        if u.tie < 0.5 or u.role not in {"event", "origin", "affiliation"}:
            continue
        key = u.place_ids[0]
        counts[key] = counts.get(key, 0) + 1
        best.setdefault(key, u)
    if not counts:
        return None
    key = max(counts, key=lambda k: (counts[k], -best[k].toponym.start))
    return best[key]


def _mention(
    article: Article,
    ev: _Event,
    gazetteer: Gazetteer,
    first_date: DateReading | None,
    militants: str,
    previous: DateReading | None = None,
) -> tuple[Mention | None, DateReading | None]:
    sents = ev.sentences
    joined, offsets = _joined(sents[:4])
    parts: list[Casualties] = []
    evidence: list[Evidence] = []
    aid = article.id

    def cite(fieldname: str, sent: Sentence) -> None:
        evidence.append(Evidence(fieldname, aid, sent.start, sent.end, sent.text))

    cas_sents: list[Sentence] = []
    for s in sents:
        c = read_casualties(s.text)
        if c.stated:
            parts.append(c)
            cas_sents.append(s)
    casualties = casualties_of([s.text for s in cas_sents])
    cues = _elided_cues(sents[0]) + [
        Cue(c.kind, c.start + off, c.end + off, c.text)
        for s, off in zip(sents[:4], offsets, strict=True)
        for c in find_cues(s.text)
    ]
    figures = [f for s in sents[:4] for f in read_figures(s.text)]
    groups = {f.group for f in figures}
    etype, sub = classify(
        joined,
        killed=casualties.killed,
        cues=cues,
        killing=any(f.kind == "killed" for f in figures),
        civilians_hit=victims_are_civilians(joined, groups=groups),
    )
    if etype is None or sub is None:
        return None, None
    cas_groups = {f.group for s in cas_sents for f in read_figures(s.text)}
    victim = (
        "civilians"
        if cas_groups == {"civilians"} or cas_groups == {"civilians", "unknown"}
        else None
    )
    found = [
        ActorMention(a.name, a.start + off, a.end + off, a.text)
        for s, off in zip(sents[:4], offsets, strict=True)
        for a in find_actors(s.text)
    ]
    actor1, actor2, m1, m2 = assign_actors(
        joined, sub_event_type=sub, victim_group=victim, militants=militants, found=found
    )
    main = sents[0]
    if ev.place is not None:
        loc_sent = next((s for s in sents if s.start <= ev.place.toponym.start < s.end), None)
        if loc_sent is None:
            loc_sent = _sentence_at(article.text, ev.place.toponym.start)
        cite("location", loc_sent)
    cue_sent = next((s for s in sents if find_cues(s.text)), main)
    if _ABROAD.search(cue_sent.text) and (
        ev.place is None
        or not cue_sent.start <= ev.place.toponym.start < cue_sent.end
        or is_tellers_place(article.text, ev.place.toponym.start, ev.place.toponym.end)
    ):
        # "Iraqi jets struck a command centre inside Syria": not in Iraq; what the event's
        # other sentences tell in Iraq ("On Saturday, IS attacked a post near Qaim") stays
        rest = [s for s in sents if s is not cue_sent]
        if (
            ev.place is None
            or not any(find_cues(s.text) for s in rest)
            or not any(s.start <= ev.place.toponym.start < s.end for s in rest)
        ):
            return None, None
        ev = _Event(place=ev.place, sentences=rest, places=ev.places)
        return _mention(article, ev, gazetteer, first_date, militants, previous)
    cite("event_type", cue_sent)
    if actor1 is not None and m1 is not None:
        cite("actor1", _sentence_of(sents[:4], offsets, m1.start))
    if actor2 is not None and m2 is not None:
        cite("actor2", _sentence_of(sents[:4], offsets, m2.start))
    # date
    reading: DateReading | None = None
    date_sent: Sentence | None = None
    counting = False
    # the body's day before a headline's ("Sept 25: Car bomb kills nine" over "late on
    # Wednesday"): a headline's date is often the day of the briefing
    dated = [s for s in sents if s.start >= article.body_start] + [
        s for s in sents if s.start < article.body_start
    ]
    for s in dated:
        reading = read_date(s.text, published=article.published)
        if reading is not None:
            date_sent = s
            update = _TOLL_UPDATE.search(s.text)
            # "The toll rose to 18 on Friday": the day of the count; a later sentence may
            # say the day of the attack (not "the toll of Friday's attack rose to 18")
            counting = update is not None and reading.span_start >= update.end() - 12
            if not counting:
                break
    if reading is None:
        # a part of a sentence that told two deeds: the sentence's day is both deeds'
        for s in sents:
            if s.whole is not None and (r := read_date(s.whole.text, published=article.published)):
                reading, date_sent = r, s.whole
                break
    if date_sent is not None and reading is not None and counting:
        counted = reading
        for s in dated[dated.index(date_sent) + 1 :]:
            later = read_date(s.text, published=article.published)
            if (
                later is not None
                and not _TOLL_UPDATE.search(s.text)
                and (later.end is None or counted.start is None or later.end <= counted.start)
            ):  # (the attack came before the count, not a resignation after it)
                reading, date_sent = later, s
                break
    if (
        reading is not None
        and reading.end is not None
        and article.published is not None
        and reading.end < article.published - _HISTORY_AGE
    ):
        return None, None  # "In August 2014, the militants killed ...": history, not news
    if (
        reading is not None
        and date_sent is not None
        and previous is not None
        and previous.day is not None
        and _DAY_BEFORE.fullmatch(date_sent.text, reading.span_start, reading.span_end)
    ):
        # "The day before, jets bombed X": the day before the event just told
        day = previous.day - _DAY
        reading = dataclasses.replace(reading, day=day, start=day, end=day)
    inferred = False
    if reading is None and first_date is not None:
        reading, inferred = first_date, True
    event_date = date_start = date_end = None
    precision: int | None = None
    if reading is not None:
        event_date, date_start, date_end, precision = (
            reading.day,
            reading.start,
            reading.end,
            reading.precision,
        )
        if date_sent is not None:
            cite("event_date", date_sent)
    elif (said := _said_on(sents, article.published)) is not None:
        # "A source stated on Monday that ...": nothing says when it happened, but it
        # happened by the day it was told
        event_date, date_start, date_end = said, said - dt.timedelta(days=1), said
        precision, inferred = 2, True
    elif article.published is not None:
        event_date = article.published
        date_start = article.published - dt.timedelta(days=1)
        date_end = article.published
        precision, inferred = 2, True
    if casualties.stated:
        for s in cas_sents:
            c = read_casualties(s.text)
            if c.killed or not c.wounded:
                cite("fatalities", s)
            if c.wounded:
                cite("wounded", s)
    status = "reported"
    for i, s in enumerate(sents):
        claim = claim_span(s.text)
        if claim is None:
            continue
        if i > 0 and claim[0] == "unconfirmed" and not read_casualties(s.text).stated:
            own = classify(s.text)[1]
            if own is not None and own != sub:
                continue  # "... airstrikes hit them, but this could not be confirmed": a side claim
        if claim is not None:
            status = claim[0]
            cite("claim_status", s)
            break
    if actor1 in {None, UNIDENTIFIED} and sub in _CLAIMABLE:
        # "The Islamic State group claimed the attack": who did it, in the group's words
        for s in sents:
            who = claimant(s.text, militants=militants) if claim_span(s.text) else None
            if who is not None and who.name != UNIDENTIFIED:
                actor1 = who.name
                actor2 = None if actor2 == who.name else actor2
                cite("actor1", s)
                break
    target = _TARGET.fast_search(joined, fold(joined))  # the group in lower case
    sub_locations = _sub_locations(ev, joined, gazetteer)
    mention = Mention(
        article_id=aid,
        event_type=etype,
        sub_event_type=sub,
        sentence=main.text,
        start=main.start,
        end=main.end,
        toponym=ev.place.toponym if ev.place is not None else None,
        actor1=actor1,
        actor2=actor2,
        event_date=event_date,
        date_start=date_start,
        date_end=date_end,
        time_precision=precision,
        casualties=casualties,
        claim_status=status,
        source=article.source,
        notes=_note(main.text),
        evidence=tuple(evidence),
        sub_locations=sub_locations,
        target=target.group("t").lower() if target else None,
        date_inferred=inferred,
    )
    return mention, (reading if not inferred else None)


def _said_on(sents: list[Sentence], published: dt.date | None) -> dt.date | None:
    """Return the day one of the event's sentences was told on, if a sentence says it."""
    for s in sents:
        day = statement_day(s.text, published=published)
        if day is not None:
            return day
    return None


def _joined(sents: list[Sentence]) -> tuple[str, list[int]]:
    """Join sentences into one text, and where each starts in it.

    A headline without a full stop gets one, so that "..., police say" still ends its
    sentence for the readers that look for a sentence's end.
    """
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for s in sents:
        text = s.text if not s.text or s.text[-1] in _SENTENCE_END else s.text + "."
        offsets.append(pos)
        parts.append(text)
        pos += len(text) + 1
    return " ".join(parts), offsets


_SENTENCE_END = frozenset(".!?\"'”’)")


def _sentence_of(sents: list[Sentence], offsets: list[int], pos: int) -> Sentence:
    idx = 0
    for i, off in enumerate(offsets):
        if off <= pos:
            idx = i
    return sents[idx]


def _sentence_at(text: str, pos: int) -> Sentence:
    for s in split_sentences(text, start=max(0, text.rfind("\n", 0, pos))):
        if s.start <= pos < s.end:
            return s
    return Sentence(pos, pos, "")


#: A place farther than this from the event's own place is not one of its parts.
_SUB_LOCATION_KM = 15.0


def _within(use: PlaceUse, main: PlaceUse | None, gazetteer: Gazetteer, *, km: float) -> bool:
    """Return whether ``use`` lies within ``km`` of the event's place ``main``."""
    if main is None:
        return True
    a, b = _record(use, gazetteer), _record(main, gazetteer)
    if a is None or b is None:
        return False
    return a.km_to(b) <= km


def _sub_locations(ev: _Event, joined: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Return the other places of the event: its neighbourhoods, buildings, villages."""
    names: list[str] = []
    main_ids = set(ev.place.place_ids) if ev.place is not None else set()
    for u in ev.places:
        if u.role == "event" and u.tie >= 0.9 and not (set(u.place_ids) & main_ids):
            near = _within(u, ev.place, gazetteer, km=_SUB_LOCATION_KM)
            if near and u.toponym.surface not in names:
                names.append(u.toponym.surface)
    lower = joined.lower()
    named = any(w in lower for w in _AREA_WORDS)
    for m in _NAMED_AREA.finditer(joined) if named else ():
        name = m.group("n") or m.group("m")
        if name and name not in names and (ev.place is None or name != ev.place.toponym.surface):
            names.append(name)
    return tuple(names[:8])


_SPACES = re.compile(r"\s+")


def _note(sentence: str) -> str:
    clean = _SPACES.sub(" ", sentence).strip()
    return clean if len(clean) <= 400 else clean[:397].rstrip() + "..."
