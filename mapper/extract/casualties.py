"""Killed and wounded, per group, from one sentence of news text.

The reader links *number phrases* ("at least 46", "two", "dozens of", "a", "284") to
*casualty words* ("killed", "dead", "wounded", "injured") in both directions:

* after the verb: "killing 13 workers", "wounded another", "killed him";
* before the verb: "Three civilians were killed", "more than ten dead fighters".

A number phrase only counts when it heads a word for people ("civilians", "soldiers",
"militants", "others"), so "two IEDs killed a man" counts one man, and participants
("up to 100 militants were involved") never count. Vague quantities follow ACLED's
conventions: "dozens" is 12, "hundreds" 100, "a number of", "several", "many" or an
"unknown number" 10. "no casualties" states zero. Bodies found in mass graves are
not new deaths.

Examples
--------
>>> c = read_casualties("Two soldiers were killed and five others wounded.")
>>> (c.killed, c.wounded, c.deaths_a)
(2, 5, 2)
>>> read_casualties("Militants killed 13 workers, including four Iranians.").killed
13
>>> read_casualties("Up to 100 militants were involved.").stated
False
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from mapper.extract._memo import per_article
from mapper.extract._triggers import FoldedPattern, TriggerIndex, by_first_letter, fold
from mapper.models import Casualties

__all__ = [
    "CasualtyFigure",
    "casualties_of",
    "merge_casualties",
    "read_casualties",
    "read_figures",
]


@dataclass(frozen=True, slots=True)
class CasualtyFigure:
    """One number linked to one casualty word: ``kind`` is ``killed`` or ``wounded``."""

    kind: str
    value: int
    high: int | None
    group: str  # "a" state forces, "b" non-state armed, "civilians", "unknown"
    start: int
    end: int
    vague: bool = False


_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "another": 1, "single": 1, "both": 2,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# ACLED's conventions for counts a report does not give
_VAGUE = {
    "dozens": 12, "a dozen": 12, "scores": 20, "tens": 10, "hundreds": 100,
    "thousands": 1000, "several": 10, "many": 10, "a number": 10, "numerous": 10,
    "an unknown number": 10, "an unspecified number": 10, "unspecified number": 10,
    "a couple": 2, "a few": 3, "few": 3, "some": 10, "multiple": 10,
}  # fmt: skip

# Word lists go through by_first_letter: the same matches, found several times faster.
_UNIT_WORDS = r"one|two|three|four|five|six|seven|eight|nine"
_WORDNUM_WORDS = (
    by_first_letter(r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
    + rf"(?:[- ]{by_first_letter(_UNIT_WORDS)})?|{_UNIT_WORDS}|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_WORDNUM = by_first_letter(_WORDNUM_WORDS)
_VAGUE_RE = (
    r"dozens|a\s+dozen|scores|tens|hundreds|thousands|several|many|numerous|multiple|"
    r"an?\s+(?:unknown|unspecified|undisclosed|undetermined)\s+number|"
    r"unspecified\s+number|a\s+number|a\s+couple|a\s+few"
)
_QUANT = (
    "(?:"
    + by_first_letter(
        r"at\s+least|more\s+than|over|nearly|almost|about|around|approximately|some|"
        r"up\s+to|as\s+many\s+as|no\s+fewer\s+than|not\s+less\s+than|a\s+total\s+of|"
        r"an\s+estimated|the\s+bodies\s+of|all"
    )
    + r"\s+)?"
)
_NUMBER = (
    "(?P<num>"
    + by_first_letter(
        rf"\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDNUM_WORDS}|{_VAGUE_RE}|another|an?|one|single|both"
    )
    + rf")(?:\s+(?:to|or|-|–)\s+(?P<num2>\d+|{_WORDNUM}))?"
)
_NUMBER_PHRASE = FoldedPattern(rf"\b{_QUANT}{_NUMBER}\b(?P<of>\s+of\b)?")
_BETWEEN_RANGE = FoldedPattern(
    rf"\bbetween\s+(?P<a>\d+|{_WORDNUM})\s+and\s+(?P<b>\d+|{_WORDNUM})\b",
    needles=("between",),
)
_DET_PHRASE = FoldedPattern(r"\b(?:the|his|her|their|its|[\w-]+['’]s)\s+(?!\d)")
_ALL_BEFORE = re.compile(r"\ball\s+(?:of\s+)?$", re.IGNORECASE)
_BARE_NUMBER = FoldedPattern(
    rf"\s+{_QUANT}(?P<num>\d+|{_WORDNUM}|dozens|scores|hundreds|several|many)\b(?=\s*(?:[,.;:)]|"
    r"and\b|in\b|on\b|at\b|during\b|while\b|when\b|after\b|near\b|$))"
)
# "a number of deaths", "several injuries", "12 fatalities"
_COUNT_NOUN = FoldedPattern(
    rf"\b{_QUANT}(?P<num>\d+|{_WORDNUM}|{_VAGUE_RE})\s+(?:of\s+)?(?:(?P<kill>deaths|fatalities)|"
    r"(?P<wound>injuries))\b",
    needles=("death", "fatalit", "injur"),
)
_THOSE = FoldedPattern(
    r"\s+(?:all\s+)?(?:those|everyone|everybody|all\s+(?:the\s+)?(?:occupants|passengers|"
    r"people))\b"
)
# words for people, with the group they usually belong to (ordered: first match wins)
_GROUP_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"militants?|terrorists?|jihadists?|jihadis?|insurgents?|extremists?|operatives?|"
        r"suicide\s+bombers?|bombers?|attackers?|assailants?|gunm[ae]n|snipers?|elements?|"
        r"emirs?|amirs?|walis?|daesh|isis|isil|is",
        "b",
    ),
    (
        r"soldiers?|troops|servicem[ae]n|policem[ae]n|police(?:\s+officers?|\s+members?)?|"
        r"officers?|peshmerga|personnel|guards?|conscripts?|recruits?|commandos?|"
        r"security\s+(?:forces|members?|men)|army|pmf|pmu|hashd|militiam[ae]n|"
        r"(?:popular|tribal)\s+mobili[sz]ation(?:\s+(?:forces?|fighters?|members?))?|"
        r"forces",
        "a",
    ),
    (
        r"civilians?|farmers?|shepherds?|children|child|boys?|girls?|wom[ae]n|m[ae]n|"
        r"workers?|contractors?|engineers?|employees?|residents?|villagers?|students?|"
        r"teachers?|doctors?|journalists?|reporters?|pilgrims?|worshippers?|mourners?|"
        r"protesters?|demonstrators?|famil(?:y|ies)(?:\s+members?)?|relatives?|brothers?|"
        r"sons?|daughters?|wife|wives|husbands?|fathers?|mothers?|infants?|elderly|"
        r"mukhtars?|mokhtars?|sheikhs?|clerics?|imams?|candidates?|officials?|"
        r"iranians?|yazidis?|shiites?|sunnis?|christians?|kurds?|turkmens?|passengers?|"
        r"drivers?|vendors?|owners?|youths?|teenagers?|persons?|victims?|lawyers?|judges?|"
        r"investigators?|photographers?|cameram[ae]n|experts?|spies|spy|informants?|"
        r"nurses?|patients?|prisoners?|detainees?|hostages?|labou?rers?|traders?|"
        r"merchants?|shopkeepers?|babies|baby|toddlers?|girls?|lad(?:y|ies)|sisters?|"
        r"nephews?|cousins?|grandsons?|citizens?|locals?|tribesm[ae]n|herders?|"
        r"fishermen|fisherman|truckers?|nomads?|yezidis?|humans?|diplomats?|bystanders?|"
        r"passers?-?by|passersby|neighbou?rs?|customers?|diners?|shoppers?|guests?|activists?|mayors?|"
        r"lawmakers?|mps?|councill?ors?|athletes?|footballers?|singers?|bloggers?|physicians?|"
        r"hunters?|elders?|pickers?|gatherers?|travell?ers?|commuters?",
        "civilians",
    ),
    (
        r"people|others?|individuals?|members?|fighters?|occupants?|bodies|leaders?|"
        r"commanders?|aides?|cadres?|persons?|casualties|ones?|associates?|companions?|"
        r"bodyguards?|escorts?|colleagues?|comrades?|suspects?|chiefs?|heads?|"
        r"deputy|deputies|those|defenders?|financiers?|recruiters?|couriers?|smugglers?",
        "unknown",
    ),
)
_PEOPLE = by_first_letter("|".join(w for w, _ in _GROUP_WORDS))  # every word for people
_HEAD = FoldedPattern(r"\s*(?:[\w'’./-]+\s+){0,4}?\b(" + _PEOPLE + r")\b")
_HEAD_WORD = FoldedPattern(r"\b" + _PEOPLE + r"\b")
_HEAD_MORE = FoldedPattern(r"(?:['’]s)?[\s/]+(?:[\w-]+\s+){0,2}?(" + _PEOPLE + r")\b")
_GROUP_RES = tuple((FoldedPattern(rf"^(?:{w})$"), g) for w, g in _GROUP_WORDS)
_PLURAL_ONLY_HEADS = re.compile(r"^(?:people|others|troops|forces|personnel)$", re.IGNORECASE)
_CASE_SENSITIVE_HEADS = frozenset({"IS"})
# words that end the noun phrase before a head is found
_NP_STOP = FoldedPattern(
    r"\b"
    + by_first_letter(
        r"was|were|is|are|had|has|have|been|killed|wounded|injured|in|at|on|by|"
        r"after|when|while|and|or|near|with|from|during|who|which|that"
    )
    + r"\b|[,;:()]"
)

_KILL = (
    r"killed|killing|kills?|dead|died|dies|slain|shot\s+dead|gunned\s+down|executed|"
    r"executing|beheaded|assassinated|assassinating|murdered|murdering|massacred|"
    r"lost\s+(?:their|his|her)\s+lives|(?:claimed|took|cost)\s+(?:the\s+)?lives\s+of|deaths?|fatalities|martyred|martyrdom|martyrs|perished|lifeless"
)
_WOUND = r"wounded|wounding|wounds|injured|injuring|injuries|injury|hurt|maimed"
_INACTIVE = frozenset(
    {"dead", "died", "dies", "deaths", "death", "perished", "martyrs", "martyrdom", "injury"}
)
_NOUN_OF = frozenset({"death", "deaths", "martyrdom", "injury", "injuries"})
_OF_AFTER = re.compile(r"\s+of\b")
_OF_WORD = re.compile(r"\bof\b")
_VERB = FoldedPattern(
    rf"\b(?:(?P<kill>{by_first_letter(_KILL)})|(?P<wound>{by_first_letter(_WOUND)}))\b"
)
_BOTH = FoldedPattern(
    r"\b(?:kill(?:ed|ing)|killed)\s+(?:and|or)\s+(?:wound(?:ed|ing)|injur(?:ed|ing))\b",
    needles=("wound", "injur"),
)
_AFTER_GAP = FoldedPattern(
    r"\s*(?:(?:of|off|to|at|the|his|her|their|reached|rose\s+to|climbed\s+to|stood\s+at|stands\s+at|"
    r"toll\s+(?:of|to|at|rose\s+to|reached|climbed\s+to))\s+)?"
)
_PRONOUN_ONE = FoldedPattern(
    r"\s+(?:him|her|himself|herself|(?:the|its|his|her|their)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:driver|owner|leader|commander|son|brother|wife|husband|"
    r"father|mother|mukhtar|mokhtar|guard|officer|soldier|policeman|member|fighter|"
    r"civilian|man|woman|child|boy|girl|official|sheikh|emir|head|chief|employee))\b"
)
_BEFORE_GAP = re.compile(
    r"^[\s,]*(?:(?:who|that|were|was|are|is|have|has|had|been|being|got|reportedly|also|all|later|"
    r"both|each|allegedly|subsequently|then|immediately|instantly|severely|seriously|"
    r"critically|slightly|lightly|fatally|mortally|badly|left|found|initially|"
    r"confirmed|reported)\s+)*$",
    re.IGNORECASE,
)
_NO_CASUALTIES = FoldedPattern(
    r"\b(?:no|without\s+(?:causing\s+)?any|without|zero)\s+(?:human\s+)?"
    r"(?:casualties|injuries|fatalities|deaths|losses|victims)\b|"
    r"\bno\s+(?:one|body|-one)\s+(?:was|were)\s+(?:hurt|killed|injured|wounded)\b|"
    r"\bno\s+(?:reports?\s+of\s+)?casualties\b",
    needles=("casualties", "injuries", "fatalities", "deaths", "losses", "victims", "hurt",
             "killed", "injured", "wounded"),
)  # fmt: skip
_OLD_REMAINS = FoldedPattern(
    r"\bmass\s+graves?\b|\bremains\s+of\b|\bdate\s+of\s+(?:the\s+)?killings?\s+unknown\b|"
    r"\b(?:exhumed|decomposed|skeletal)\b",
    needles=("mass", "remains", "date", "exhumed", "decomposed", "skeletal"),
)
_NEGATED = FoldedPattern(
    r"\b(?:(?:no|not|nobody|none|never|without)\s+(?:\w+\s+){0,2}|(?:attempt(?:ed|ing|s)?|"
    r"tried|trying|tries|failed|plot(?:ted|ting)?|plann?(?:ed|ing)?|threat(?:en(?:ed|ing)?)?|"
    r"intend(?:ed|ing)?|aim(?:ed|ing)?|sought|seeking|wanted)\s+to\s+)$"
)


_SPACES = re.compile(r"\s+")
_HYPHEN_OR_SPACE = re.compile(r"[- ]")


def _word_value(word: str) -> int | None:
    w = word.lower().replace("–", "-")
    if w.replace(",", "").isdigit():
        return int(w.replace(",", ""))
    w = _SPACES.sub(" ", w)
    if w in _UNITS:
        return _UNITS[w]
    if w in _VAGUE:
        return _VAGUE[w]
    parts = _HYPHEN_OR_SPACE.split(w)
    if parts and parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int
    end: int  # end of the head noun
    value: int
    high: int | None
    group: str
    vague: bool
    head: str
    determiner: bool = False  # "his son", "the driver": one person, no number


_PLURAL_HEADS = re.compile(
    r"^(?:people|police|personnel|troops|forces|children|m[e]n|wom[e]n|militiamen|gunmen|"
    r"policemen|tribesmen|servicemen|fishermen|cameramen|elderly|bodies|families|casualties|"
    r"deputies|babies|spies|ladies)$|s$",
    re.IGNORECASE,
)
_NOT_A_COUNT = FoldedPattern(r"\b(?:how|so|too|as|that)\s+$")
_SINGULAR_S = frozenset({"isis", "daesh", "is", "boss", "hostess", "witness"})


_NON_STATE_WORDS = re.compile(
    r"\b(?:is|isis|isil|daesh|islamic\s+state|militants?|terrorists?|jihadists?|pkk)\b"
)
_NOT_NON_STATE_WORDS = re.compile(r"\b(?:civilian|police|soldier)")
_STATE_WORDS = re.compile(
    r"\b(?:pmf|pmu|tmf|hashd|mobili[sz]ation|peshmerga|police|army|security|military|"
    r"tribal\s+fighters?|iraqi\s+forces)\b"
)


def _group_of(head: str, modifiers: str) -> str:
    text = modifiers.lower()
    if _NON_STATE_WORDS.search(text) and not _NOT_NON_STATE_WORDS.search(text):
        return "b"
    if _STATE_WORDS.search(text):
        return "a"
    folded = fold(head)
    for rx, group in _GROUP_RES:
        if rx.test(head, folded):
            return group
    return "unknown"


def _is_plural(head: str) -> bool:
    return bool(_PLURAL_HEADS.search(head)) and head.lower() not in _SINGULAR_S


def _noun_phrase(sentence: str, folded: str | None, pos: int) -> tuple[int, str, str] | None:
    """Find the head word for people right after ``pos``: (head end, head, modifiers)."""
    h = _HEAD.fast_match(sentence, folded, pos)
    if h is None:
        return None
    between = sentence[pos : h.start(1)]
    if _NP_STOP.test(between, _part(folded, pos, h.start(1))):
        return None
    head = sentence[h.start(1) : h.end(1)]
    if head.lower() == "is" and head != "IS":
        return None
    end = h.end(1)
    modifiers = between + head
    while (more := _HEAD_MORE.fast_match(sentence, folded, end)) is not None:
        word = sentence[more.start(1) : more.end(1)]
        if word.lower() == "is" and word != "IS":
            break
        if _NP_STOP.test(sentence[end : more.start(1)], _part(folded, end, more.start(1))):
            break
        modifiers += sentence[end : more.end(1)]
        head = word
        end = more.end(1)
    return end, head, modifiers


def _part(folded: str | None, start: int, end: int) -> str | None:
    """Return the folded text of ``sentence[start:end]`` (None stays None)."""
    return None if folded is None else folded[start:end]


def _not_a_count(sentence: str, folded: str | None, pos: int) -> bool:
    """Whether "how", "so", "too", "as" or "that" makes the words at ``pos`` no count.

    "so many", "that many", "as many as": no count. But "said that three soldiers
    were killed" and "as many as 200 people" give one.
    """
    word_end = len(sentence[:pos].rstrip())
    if word_end == pos:
        return False  # the pattern needs white space before the number
    # a match starts in the word before the spaces: search only its last 4 characters
    if not _NOT_A_COUNT.test(sentence, folded, max(0, word_end - 4), pos):
        return False
    before = sentence[max(0, word_end - 4) : word_end].lower()
    vague = sentence[pos : pos + 5].lower().startswith(("many", "much", "few"))
    if before.endswith("that"):
        return vague  # "that many", not "said that three soldiers ..."
    if before.endswith("as") and not vague:
        return not _AS_MANY_AS.search(sentence, max(0, word_end - 12), word_end)
    return True


_AS_MANY_AS = re.compile(r"\bas\s+(?:many|much)\s+as$", re.IGNORECASE)


_FOUR_DIGITS = re.compile(r"\d{4}")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s+$", re.IGNORECASE)
#: a figure in brackets, as official statements write them: "killing (23) terrorists"
_BRACKETED = re.compile(r"\((\d{1,4})\)")
_ONE_WORD = re.compile(r"an?|one|single|another", re.IGNORECASE)
_OTHERS = re.compile(r"\b(?:other|others|another)\b", re.IGNORECASE)


_OF_THEM = re.compile(r"\s+(?:them|those|whom)\b", re.IGNORECASE)


def _phrases(
    sentence: str, folded: str | None, windows: list[tuple[int, int]] | None = None
) -> list[_Phrase]:
    """Return the number phrases for people (only those starting inside ``windows``)."""
    out: list[_Phrase] = []
    taken: list[tuple[int, int]] = []
    heads = _HEAD_WORD.starts(sentence, folded)

    def outside(pos: int, *, need_head: bool = True) -> bool:
        if windows is not None and not any(a <= pos < b for a, b in windows):
            return True
        if not need_head:
            return False
        i = bisect.bisect_left(heads, pos)
        return i == len(heads) or heads[i] - pos > 60  # no word for people close after it

    # number words are read case-insensitively: the lower-cased matches will do
    for m in _BETWEEN_RANGE.fast_finditer(sentence, folded):
        low, top = _word_value(m.group("a")), _word_value(m.group("b"))
        np = _noun_phrase(sentence, folded, m.end())
        if low is None or top is None or np is None:
            continue
        end, head, modifiers = np
        out.append(_Phrase(m.start(), end, low, top, _group_of(head, modifiers), False, head))
        taken.append((m.start(), end))
    for m in _NUMBER_PHRASE.fast_finditer(sentence, folded):
        them = (
            _OF_THEM.match(sentence, m.end())
            if m.group("of") and m.group("num").lower() not in _VAGUE
            else None
        )  # "three of them" (not "some of them": a part of a toll told already)
        bare = m.group("num").lower() == "another" or them is not None
        if outside(m.start(), need_head=not bare) or any(a <= m.start() < b for a, b in taken):
            continue
        raw = m.group("num")
        if _not_a_count(sentence, folded, m.start()):
            continue
        value = _word_value(raw)
        if value is None:
            continue
        if _FOUR_DIGITS.fullmatch(raw) and 1900 < int(raw) < 2100:
            continue  # a year
        if raw.isdigit() and (
            _MONTH_AFTER.match(sentence, m.end("num"))
            or _MONTH_BEFORE.search(sentence, max(0, m.start() - 11), m.start())
        ):
            continue  # a day: "On 17 March two children were killed", "on March 17"
        np = _noun_phrase(sentence, folded, m.end())
        if np is None and them is not None:  # "wounding three of them": people told before
            out.append(_Phrase(m.start(), them.end(), value, None, "unknown", False, "them"))
            taken.append((m.start(), them.end()))
            continue
        if np is None:
            if raw.lower() == "another":  # "one was killed and another wounded"
                out.append(_Phrase(m.start(), m.end("num"), 1, None, "others", False, "another"))
                taken.append((m.start(), m.end("num")))
            continue
        end, head, modifiers = np
        first = _HEAD.fast_match(sentence, folded, m.end())
        own = head
        if first is not None and _OF_WORD.search(sentence, first.end(1), end):
            own = sentence[first.start(1) : first.end(1)]  # "a member of the Peshmerga forces"
        if _ONE_WORD.fullmatch(raw) and not m.group("of") and _is_plural(own):
            continue
        high = _word_value(m.group("num2")) if m.group("num2") else None
        vague = raw.lower().replace("  ", " ") in _VAGUE or raw.lower().startswith(
            ("a number", "an unknown", "an unspecified", "an undisclosed", "an undetermined")
        )
        group = _group_of(head, modifiers)
        if group == "unknown" and _OTHERS.search(raw + modifiers):
            group = "others"
        out.append(_Phrase(m.start(), end, value, high, group, vague, head.lower()))
        taken.append((m.start(), end))
    for m in _DET_PHRASE.fast_finditer(sentence, folded):
        if outside(m.start()) or any(a <= m.start() < b for a, b in taken):
            continue
        np = _noun_phrase(sentence, folded, m.end())
        if np is None:
            continue
        end, head, modifiers = np
        if any(m.start() <= a < end for a, _ in taken):
            continue
        every = _ALL_BEFORE.search(sentence, max(m.start() - 8, 0), m.start())
        if _is_plural(head):
            if every is None:
                continue
            # "all the security personnel inside": a count nobody gave (ACLED: 10)
            out.append(
                _Phrase(every.start(), end, _VAGUE["several"], None, _group_of(head, modifiers),
                        True, head.lower())
            )  # fmt: skip
            continue
        out.append(
            _Phrase(m.start(), end, 1, None, _group_of(head, modifiers), False, head.lower(), True)
        )
    out.sort(key=lambda p: p.start)
    return out


def read_figures(sentence: str) -> list[CasualtyFigure]:
    """Return every (number, casualty word) link in one sentence.

    Parameters
    ----------
    sentence : str
        One sentence.

    Returns
    -------
    list of CasualtyFigure
        Offsets are relative to ``sentence``.
    """
    return list(_figures(sentence))


_TRIGGER_STEMS = ("kill", "dead", "die", "slain", "gunned", "execut", "behead", "assassin",
                  "murder", "massacr", "lives", "death", "fatalit", "martyr", "perish",
                  "lifeless", "wound", "injur", "hurt", "maim")  # fmt: skip
_TRIGGERS = TriggerIndex(
    {"verb": _TRIGGER_STEMS, "bodies": ("bodies", "corpses"), "body": ("body", "corpse")}
)


@per_article
def _figures(sentence: str) -> tuple[CasualtyFigure, ...]:
    if "(" in sentence:  # (the same length: offsets stay)
        sentence = _BRACKETED.sub(lambda m: f" {m.group(1)} ", sentence)
    families = _TRIGGERS.families(sentence)
    folded = fold(sentence)
    if "bodies" in families and not _OLD_REMAINS.test(sentence, folded):
        found = _BODIES.fast_search(sentence, folded)
        if found is not None:
            grp = next(g for g in ("num", "num2", "num3", "num4") if found.group(g))
            value = _word_value(found.group(grp))
            if value is not None:
                a, z = found.start(grp), found.end(grp)
                return (CasualtyFigure("killed", value, None, "unknown", a, z),)
    if "body" in families and (one := _ONE_BODY.search(sentence)) is not None:
        if not _OLD_REMAINS.test(sentence, folded):  # "a body bearing gunshot wounds was found"
            return (CasualtyFigure("killed", 1, None, "unknown", one.start(), one.end()),)
    if not sentence or "verb" not in families:
        return ()
    counted = [
        CasualtyFigure(
            "killed" if c.group("kill") else "wounded",
            value,
            None,
            "unknown",
            c.start("num"),
            c.end("num"),
            c.group("num").lower() in _VAGUE,
        )
        for c in _COUNT_NOUN.fast_finditer(sentence, folded)
        if (value := _word_value(c.group("num"))) is not None
    ]
    if counted:  # "12 fatalities and 30 injuries"
        return tuple(counted)
    verbs = list(_VERB.fast_finditer(sentence, folded))  # verbs are compared lower-cased
    if not verbs:
        return ()
    windows = [(max(v.start() - 160, 0), v.end() + 60) for v in verbs]
    phrases = _phrases(sentence, folded, windows)
    used: set[int] = set()
    out: list[CasualtyFigure] = []
    toll = _TOLL.fast_search(sentence, folded)
    if toll is not None:
        value = _word_value(toll.group("num"))
        if value is not None:
            a, z = toll.start("num"), toll.end("num")
            out.append(CasualtyFigure("killed", value, None, "unknown", a, z))
            # "... rose to 12 killed and 30 injured": the wounded told after the toll
            verbs = [v for v in verbs if v.group("wound") and v.start() > z]
            phrases = [p for p in phrases if p.start >= z]
    both_spans = _BOTH.spans(sentence, folded)
    for v in verbs:
        if any(a < v.start() < b for a, b in both_spans):
            continue
        kinds: tuple[str, ...] = ("killed",) if v.group("kill") else ("wounded",)
        verb_end = v.end()
        for a, b in both_spans:
            if v.start() == a:
                kinds = ("killed", "wounded")
                verb_end = b
        before = max(0, v.start() - 40)
        if _NEGATED.test(sentence[before : v.start()], _part(folded, before, v.start())):
            continue
        if _PROTESTED.search(sentence, max(0, v.start() - 90), v.start()):
            continue  # "protested against the killing of an activist": an earlier death
        if (
            (" after " in sentence or " before " in sentence)
            and (early := _EARLIER_BEFORE.search(sentence, max(0, v.start() - 80), v.start()))
            and any(u.start() < early.start() for u in verbs)
        ):
            continue  # "killing six, a day after gunmen shot dead a shopkeeper": another deed
        word = v.group(0).lower()
        # "the death of a child", "the martyrdom of two soldiers": the victims follow
        active = word not in _INACTIVE or (
            word in _NOUN_OF and _OF_AFTER.match(sentence, v.end()) is not None
        )
        linked = _link_after(sentence, folded, verb_end, phrases, used) if active else []
        if not linked:
            linked = _link_before(sentence, v.start(), phrases, used)
        if not linked and active:
            linked = _link_bare(sentence, folded, verb_end, phrases, used)
        if not linked:
            bare = _BARE_BEFORE.fast_search(sentence, folded, 0, v.start())
            grp = "num" if bare is not None and bare.group("num") else "num2"
            value = _word_value(bare.group(grp)) if bare is not None else None
            if bare is not None and value is not None and not 1900 < value < 2100:
                a, z = bare.start(grp), bare.end(grp)
                linked = [_Phrase(a, z, value, None, "unknown", False, "")]
            elif (he := _HE_BEFORE.search(sentence, 0, v.start())) is not None:
                # "He died instantly", "She was shot dead": one person told before
                linked = [_Phrase(he.start(1), he.end(1), 1, None, "unknown", False, "")]
            elif v.group("kill") and (who := _named_victim(sentence, v, active)) is not None:
                # "Gunmen shot dead Ihab al-Wazni", "Fahim al-Taie was shot dead": one man
                linked = [_Phrase(who[0], who[1], 1, None, "unknown", False, "")]
        for ph in linked:
            for kind in kinds:
                out.append(
                    CasualtyFigure(kind, ph.value, ph.high, ph.group, ph.start, ph.end, ph.vague)
                )
    return tuple(out)


def _link_bare(
    sentence: str, folded: str | None, verb_end: int, phrases: list[_Phrase], used: set[int]
) -> list[_Phrase]:
    p = _PRONOUN_ONE.fast_match(sentence, folded, verb_end)
    if p is not None:
        out = [_Phrase(p.start(), p.end(), 1, None, "unknown", False, "")]
        link = _LIST_LINK.match(sentence, p.end())
        if link is not None:  # "killing him and his two sons"
            for i, ph in enumerate(phrases):
                if i not in used and p.end() < ph.start <= link.end():
                    used.add(i)
                    out.append(ph)
                    break
        return out
    b = _BARE_NUMBER.fast_match(sentence, folded, verb_end)
    if b is not None:
        value = _word_value(b.group("num"))
        vague = b.group("num").lower() in _VAGUE
        if value is not None and not (1900 < value < 2100):
            return [_Phrase(b.start("num"), b.end(), value, None, "unknown", vague, "")]
    t = _THOSE.fast_match(sentence, folded, verb_end)
    if t is not None:
        return [_Phrase(t.start(), t.end(), _VAGUE["several"], None, "unknown", True, "")]
    return []


_BARE_BEFORE = FoldedPattern(
    rf"(?:(?:^|[,;]\s*|\band\s+|\bleft\s+|\bleaving\s+){_QUANT}(?P<num>\d+|{_WORDNUM})\s+"
    rf"(?:(?:were|was|had\s+been|have\s+been|are)\s+)?|(?<![\w,.-]){_QUANT}(?P<num2>\d+|"
    rf"{_WORDNUM})\s+(?:were|was|had\s+been|have\s+been|are)\s+)(?:\w+ly\s+)?$"
)
#: a person's name: two to four capitalised words, with their particles ("Ihab al-Wazni")
_NAME = (
    r"[A-Z][a-z'’]+(?:(?:\s+|-)(?:(?:al|el|bin|ibn|abu|Abu|Al|El|Bin|Ibn)[-\s])?[A-Z][a-z'’]+)"
    r"{1,3}"
)
_NAMED_AFTER = re.compile(
    r"\s+(?:(?:the\s+|a\s+)?(?:prominent\s+|well-known\s+|local\s+|civil\s+|senior\s+)?"
    r"(?:activist|journalist|lawyer|doctor|cleric|sheikh|candidate|official|businessman|"
    r"writer|poet|academic|professor|researcher|blogger|judge|engineer|mukhtar)\s+)?"
    rf"(?P<name>{_NAME})(?!\s+(?:[A-Z]|militants?|fighters?|members?|forces|troops|residents|"
    r"soldiers|police|villagers|civilians))"
)
_NAMED_BEFORE = re.compile(
    rf"(?:^|[,;]\s*|\band\s+)(?:[a-z]+\s+){{0,3}}?(?P<name>{_NAME})(?:,[^,;]{{1,60}},)?\s+"
    r"(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?$"
)
#: capitalised words that make a name a group, a force or a place, not a person
_NOT_A_PERSON = frozenset(
    {"islamic", "state", "iraqi", "kurdish", "turkish", "iranian", "american", "army", "police",
     "forces", "daesh", "peshmerga", "popular", "mobilization", "mobilisation", "units",
     "security", "federal", "counter", "special", "coalition", "united", "states", "brigade",
     "division", "hashd", "shaabi", "workers", "party", "ministry", "command", "operations",
     "province", "city", "district", "village", "mount", "mountains", "lake", "river", "camp",
     "base", "airport", "street", "square", "bridge", "market", "hospital", "university"}
)  # fmt: skip


def _named_victim(sentence: str, verb: re.Match[str], active: bool) -> tuple[int, int] | None:
    """Return the span of one named person killed by ``verb``, if the sentence names one."""
    m = _NAMED_AFTER.match(sentence, verb.end()) if active else None
    if m is None:
        m = _NAMED_BEFORE.search(sentence, 0, verb.start())
    if m is None:
        return None
    words = re.split(r"[-\s]+", m.group("name").lower())
    if any(w in _NOT_A_PERSON for w in words):
        return None
    return m.start("name"), m.end("name")


#: "a day after ...", "two weeks before ...": a clause about another deed (not "a day after
#: the attack", which is this one)
EARLIER_DEED = (
    r"\b(?:a|one|two|three|four|five|six|several|\d+)\s+(?:days?|weeks?|hours?)\s+(?:after|before)"
    r"\s+(?!(?:it|the\s+(?:attack|bombing|blast|explosion))\b)"
)
_EARLIER_BEFORE = re.compile(EARLIER_DEED + r"[^.;,]*$", re.IGNORECASE)
_PROTESTED = re.compile(
    r"\b(?:protest(?:ed|ing|s)?|demonstrat(?:ed|ing)|rall(?:ied|ying))\b(?:[^.;]{0,50}?\b(?:against|"
    r"over))?\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_HE_BEFORE = re.compile(
    r"(?:^|[,;]\s*|\band\s+)(he|she)\s+(?:(?:was|had\s+been|has\s+been|later|also|"
    r"reportedly|then|subsequently)\s+)*(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_ONE_BODY = re.compile(
    r"\b(?:an?|the|one)\s+(?:[\w-]+\s+){0,2}?(?:body|corpse)\b(?!\s+(?:armou?r|guards?|of\s+water))"
    r"(?=[^.;]{0,80}?\b(?:was|had\s+been)\s+(?:\w+\s+)?(?:found|discovered|recovered|dumped|"
    r"retrieved)\b)|\b(?:found|discovered|recovered|retrieved)\s+(?:the\s+|an?\s+)(?:[\w-]+\s+)"
    r"{0,2}?(?:body|corpse)\b(?!\s+(?:armou?r|of\s+water|parts))",
    re.IGNORECASE,
)
_BODIES = FoldedPattern(
    rf"(?:\b(?:the\s+)?bodies\s+of\s+{_QUANT}(?P<num>\d+|{_WORDNUM})\b|"
    rf"\b{_QUANT}(?P<num2>\d+|{_WORDNUM}|two|three)\s+(?:\w+\s+)?(?:bodies|corpses)\b)"
    r"(?=[^.;]{0,80}?\b(?:found|discovered|recovered|dumped|retrieved)\b)|"
    # the verb first: "found the bodies of two men", "recovered three bodies"
    rf"\b(?:found|discovered|recovered|retrieved)\s+(?:the\s+)?(?:bodies\s+of\s+{_QUANT}"
    rf"(?P<num3>\d+|{_WORDNUM})\b|{_QUANT}(?P<num4>\d+|{_WORDNUM})\s+(?:\w+\s+)?"
    r"(?:bodies|corpses)\b)"
)
_TOLL = FoldedPattern(
    rf"\b(?:(?:death|casualty|the)\s+toll|(?:raising|bringing|pushing|taking)\s+the\s+toll)\b"
    rf"(?:[^.;]{{0,40}}?\b(?:stood|stands|is|was|of|at|to|hit)|"
    rf"[^.;]{{0,160}}?\b(?:rose|climbed|reached|jumped|increased|risen|rises|climbs))\s+"
    rf"(?:to\s+|at\s+)?{_QUANT}(?P<num>\d+|{_WORDNUM})\b",
    needles=("toll",),
)
_LIST_LINK = re.compile(
    r"\s*(?:,\s*(?:and\s+|including\s+)?|and\s+|as\s+well\s+as\s+)(?:(?:his|her|their)\s+)?"
)


def _link_after(
    sentence: str, folded: str | None, verb_end: int, phrases: list[_Phrase], used: set[int]
) -> list[_Phrase]:
    positions = {verb_end + len(sentence[verb_end:]) - len(sentence[verb_end:].lstrip())}
    gap = _AFTER_GAP.fast_match(sentence, folded, verb_end)
    if gap is not None:
        positions.add(gap.end())
    out: list[_Phrase] = []
    for i, ph in enumerate(phrases):
        if i in used or ph.start not in positions:
            continue
        used.add(i)
        out.append(ph)
        # "an IS commander and two of his aides"
        for j in range(i + 1, len(phrases)):
            nxt = phrases[j]
            link = sentence[ph.end : nxt.start]
            if j in used or not _LIST_LINK.fullmatch(link):
                break
            if _SPEAKER_AFTER.match(sentence, nxt.end):
                break  # "..., a police officer said": who tells it, not one more victim
            used.add(j)
            if "including" not in link:
                out.append(nxt)
            ph = nxt
        break
    return out


_SPEAKER_AFTER = re.compile(
    r"\s+(?:(?:\w+\s+){0,3}?(?:said|says|told|reported|added|stated|confirmed|explained)\b)",
    re.IGNORECASE,
)
_BEFORE_POSTMOD = re.compile(
    r"^\s*(?:(?:of|from|in|at|with|working|serving|for|inside|on|[a-z]+ing)\s+"
    r"(?:[\w/'’-]+\s+){0,5}?(?=(?:were|was|had|have|has)\b))?",
    re.IGNORECASE,
)
#: the rest of a counted phrase whose last word for people was not its head ("Two members
#: of a Yezidi armed group were killed", "Seven soldiers and tribal fighters were killed")
_PHRASE_REST = re.compile(
    rf"^\s*(?:and\s+)?(?:(?!(?:{_UNIT_WORDS}|ten|other|others|another|the|an?)\b)"
    r"[a-z][\w'’-]*\s+){1,2}(?=(?:were|was)\b)"
)
#: ... and before a verb that needs no "were": "Two members of the PKK died"
_BEFORE_POSTMOD_DIED = re.compile(
    r"^\s*(?:(?:of|from|in|at|with|working|serving|for|inside|on)\s+(?:[\w/'’-]+\s+){0,5}?$)?",
    re.IGNORECASE,
)
_DIED = ("died", "perished")
_PASSIVE = re.compile(r"\b(?:were|was|been|being|got|left)\b", re.IGNORECASE)
#: an aside in brackets, mostly a group's acronym: "(YBS)", "(PMF)"
_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")


def _link_before(
    sentence: str, verb_start: int, phrases: list[_Phrase], used: set[int]
) -> list[_Phrase]:
    out: list[_Phrase] = []
    for i in range(len(phrases) - 1, -1, -1):
        ph = phrases[i]
        if ph.end > verb_start:
            continue
        if i in used:
            break
        gap = sentence[ph.end : verb_start]
        if "(" in gap:  # "Two fighters of the Sinjar Resistance Units (YBS) were killed"
            gap = _ASIDE.sub("", gap)
        post = (
            _BEFORE_POSTMOD_DIED if sentence.startswith(_DIED, verb_start) else _BEFORE_POSTMOD
        ).match(gap)
        rest = gap[post.end() :] if post else gap
        if rest and not ph.determiner and (more := _PHRASE_REST.match(rest)) is not None:
            rest = rest[more.end() :]
        if not _BEFORE_GAP.match(rest):
            break
        if ph.determiner and not _PASSIVE.search(gap) and not out:
            break
        used.add(i)
        out.append(ph)
        # walk back over a list: "Two policemen and three militants were killed"
        cur = ph
        for j in range(i - 1, -1, -1):
            prev = phrases[j]
            link = sentence[prev.end : cur.start]
            if j in used or not _LIST_LINK.fullmatch(link):
                break
            used.add(j)
            if "including" in link:
                out.remove(cur)  # "five civilians, including two children": five in all
            out.append(prev)
            cur = prev
        break
    return out


_DEAD_WORD = re.compile(r"\b(?:dead|slain|lifeless)\b", re.IGNORECASE)


def _dead_inside(sentence: str, phrases: list[_Phrase]) -> list[_Phrase]:
    out = []
    for ph in phrases:
        if _DEAD_WORD.search(sentence[ph.start : ph.end]):
            out.append(ph)
    return out


@dataclass(frozen=True, slots=True)
class _SentenceCount:
    killed: dict[str, int]
    high: dict[str, int]
    wounded: int | None
    stated: bool


@per_article
def _count(sentence: str) -> _SentenceCount:
    figures = _figures(sentence)
    folded = fold(sentence)
    lower = sentence.lower() if folded is None else folded
    dead = not figures and ("dead" in lower or "slain" in lower or "lifeless" in lower)
    if not figures and not dead:  # the common case: only "no casualties" states a figure
        none_stated = _NO_CASUALTIES.test(sentence, folded)
        return _SentenceCount({}, {}, 0 if none_stated else None, none_stated)
    old = _OLD_REMAINS.test(sentence, folded)
    dead_np = _dead_inside(sentence, _phrases(sentence, folded)) if dead else []
    killed: dict[str, int] = {}
    high: dict[str, int] = {}
    wounded = 0
    any_wounded = False
    exact = {(f.kind, f.group) for f in figures if not f.vague}
    for f in figures:
        if f.vague and (f.kind, f.group) in exact:
            continue  # "killed 17 militants ... left all the militants dead": the same ones
        if f.kind == "killed":
            if old:
                continue
            killed[f.group] = killed.get(f.group, 0) + f.value
            high[f.group] = high.get(f.group, 0) + (f.high or f.value)
        else:
            wounded += f.value
            any_wounded = True
    for ph in dead_np:
        if not old:
            killed[ph.group] = killed.get(ph.group, 0) + ph.value
            high[ph.group] = high.get(ph.group, 0) + (ph.high or ph.value)
    none_stated = _NO_CASUALTIES.test(sentence, folded)
    return _SentenceCount(
        killed,
        high,
        wounded if any_wounded else (0 if none_stated else None),
        bool(killed) or any_wounded or none_stated,
    )


_UNSTATED = Casualties()


def casualties_of(sentences: list[str]) -> Casualties:
    """Read killed and wounded from all the sentences about one event.

    Within a sentence the figures add up ("two soldiers and three militants were
    killed": 5). Across sentences the same group repeated is one figure (the
    largest), groups add up, and "others" add to what was said before ("48 militants
    ... at least 46 other people": 94); a total for "people" that is at least the
    sum of the groups is taken to include them ("more than 40 people died ... ten dead
    fighters": 40).

    Examples
    --------
    >>> casualties_of(["Troops killed 48 militants.", "At least 46 other people died."]).killed
    94
    >>> casualties_of(["More than 40 people died.", "Ten dead fighters lay on the road."]).killed
    40
    >>> casualties_of([]).stated
    False
    """
    counts = [c for c in (_count(s) for s in sentences) if c.stated]
    if not counts:
        return _UNSTATED
    groups = ("a", "b", "civilians", "others")
    per = {g: max(c.killed.get(g, 0) for c in counts) for g in groups}
    per_high = {g: max(c.high.get(g, 0) for c in counts) for g in groups}
    total = max(max(sum(c.killed.values()) for c in counts), sum(per.values()))
    high = max(max(sum(c.high.values()) for c in counts), sum(per_high.values()), total)
    wounds = [c.wounded for c in counts if c.wounded is not None]
    a, b, civ = per["a"], per["b"], per["civilians"]
    return Casualties(
        killed=total,
        killed_high=high if high > total else None,
        wounded=max(wounds) if wounds else None,
        deaths_a=a,
        deaths_b=b,
        deaths_civilians=civ,
        deaths_unknown=max(total - a - b - civ, 0),
        stated=True,
    )


@per_article
def read_casualties(sentence: str) -> Casualties:
    """Read killed and wounded from one sentence.

    Parameters
    ----------
    sentence : str
        One sentence.

    Returns
    -------
    Casualties
        ``stated`` is True when the sentence gives a figure (zero included).
    """
    return casualties_of([sentence])


def merge_casualties(parts: list[Casualties]) -> Casualties:
    """Combine the figures of several sentences about the same event.

    The same group reported twice is one figure (the largest, since later sentences
    usually restate or update it); different groups add up.

    Examples
    --------
    >>> a = Casualties(killed=48, deaths_b=48, stated=True)
    >>> b = Casualties(killed=46, deaths_unknown=46, wounded=100, stated=True)
    >>> merge_casualties([a, b, a]).killed
    94
    >>> merge_casualties([]).stated
    False
    """
    stated = [p for p in parts if p.stated]
    if not stated:
        return Casualties()
    a = max(p.deaths_a for p in stated)
    b = max(p.deaths_b for p in stated)
    c = max(p.deaths_civilians for p in stated)
    u = max(p.deaths_unknown for p in stated)
    total = a + b + c + u
    highs = [p.killed_high for p in stated if p.killed_high is not None]
    high = max([total, *highs, *(p.killed for p in stated)])
    wounds = [p.wounded for p in stated if p.wounded is not None]
    return Casualties(
        killed=total,
        killed_high=high if high > total else None,
        wounded=max(wounds) if wounds else None,
        deaths_a=a,
        deaths_b=b,
        deaths_civilians=c,
        deaths_unknown=u,
        stated=True,
    )
