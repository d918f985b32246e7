"""Actors, normalised to ACLED-style names, and who did what to whom.

:func:`find_actors` finds every alias ("IS", "ISIS", "Daesh", "jihadists", "Iraqi
army", "ISF", "Hashd al-Shaabi", "the US-led coalition", "unknown gunmen", ...) and
maps it to ACLED's name for the actor. :func:`assign_actors` picks ``actor1`` (who
acted) and ``actor2`` (who was hit) for one event from the order of the words: the
subject of an active attack verb, or the agent after "by" in a passive clause, is
actor1; the object, or the casualties' group, is actor2.

Examples
--------
>>> [a.name for a in find_actors("Daesh fighters attacked an Iraqi army post.")]
['Islamic State (Iraq)', 'Military Forces of Iraq (2014-)']
>>> assign_actors("Daesh fighters attacked an Iraqi army post.")[:2]
('Islamic State (Iraq)', 'Military Forces of Iraq (2014-)')
>>> assign_actors("")
(None, None, None, None)
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from mapper.extract._memo import per_article
from mapper.extract._triggers import FoldedPattern, TriggerIndex, contains_any, fold
from mapper.extract.claims import CLAIMED_DEED, SAID_IT_DID
from mapper.extract.events import SUPPORT_BEFORE, TRIBAL_FIGHT

__all__ = [
    "CIVILIANS",
    "IRAQ_MILITARY",
    "IRAQ_POLICE",
    "ISLAMIC_STATE",
    "PROTESTERS",
    "UNIDENTIFIED",
    "ActorMention",
    "assign_actors",
    "claimant",
    "find_actors",
    "names_culprit",
]

ISLAMIC_STATE = "Islamic State (Iraq)"
IRAQ_MILITARY = "Military Forces of Iraq (2014-)"
IRAQ_POLICE = "Police Forces of Iraq (2014-)"
PMF = "Military Forces of Iraq (2014-) Popular Mobilization Forces"
CTS = "Military Forces of Iraq (2014-) Counter-Terrorism Service"
RRF = "Police Forces of Iraq (2014-) Rapid Reaction Force"
PESHMERGA = "Military Forces of Iraq (2014-) Peshmerga"
ASAYISH = "Police Forces of Iraq (2014-) Asayish"
TMF = "TMF: Tribal Mobilization Forces"
COALITION = "Global Coalition Against Daesh"
TURKEY = "Military Forces of Turkey (2016-)"
IRAN = "Military Forces of Iran (1989-)"
USA = "Military Forces of the United States (2017-2021)"
PKK = "PKK: Kurdistan Workers Party"
WHITE_FLAGS = "White Flags"
UNIDENTIFIED = "Unidentified Armed Group (Iraq)"
COMMUNAL = "Unidentified Communal Militia (Iraq)"
PROTESTERS = "Protesters (Iraq)"
RIOTERS = "Rioters (Iraq)"
CIVILIANS = "Civilians (Iraq)"
#: bare "militants": the armed group the article is about (see ``assign_actors``)
MILITANTS = "militants"


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor: ACLED-style ``name`` and where it is in the text."""

    name: str
    start: int
    end: int
    text: str


# (pattern, name); the first pattern to match a span wins, so specific before general
_ALIASES: tuple[tuple[str, str, int], ...] = (
    (r"\bpopular\s+mobili[sz]ation(?:\s+(?:forces?|units?|committee|fighters?))?\b", PMF, re.I),
    (
        r"\bhashd(?:\s+al[-\s]sha['’]?a?bi)?\b|\bhashed\s+al[-\s]sha['’]?a?bi\b|\bal[-\s]hashe?d\b",
        PMF,
        re.I,
    ),
    (r"\bPM[FU]s?\b", PMF, 0),
    (
        r"\bshi['’]?(?:ite|a)\s+(?:militias?|militiam[ae]n|paramilitar(?:y|ies)|fighters)\b",
        PMF,
        re.I,
    ),
    (r"\b(?:Badr|Kata'?ib\s+Hezbollah|Asa'?ib\s+Ahl\s+al[-\s]Haq|Saraya\s+al[-\s]Salam)\b", PMF, 0),
    (
        r"\btribal\s+(?:mobili[sz]ation(?:\s+forces?)?|fighters?|hashd|forces?|militias?)\b|"
        r"\btmf\b|\bsunni\s+tribal\s+fighters?\b",
        TMF,
        re.I,
    ),
    (
        r"\bcounter[-\s]?terrorism\s+(?:service|forces?|units?|apparatus)\b|\bcts\b|"
        r"(?<!us\s)(?<!u\.s\.\s)(?<!american\s)(?<!british\s)(?<!french\s)"
        r"\b(?:iraqi\s+|elite\s+)?special\s+(?:operations\s+)?forces\b|\bgolden\s+division\b",
        CTS,
        re.I,
    ),
    (r"\brapid\s+(?:response|reaction|intervention)\s+(?:forces?|units?|division)?\b", RRF, re.I),
    (r"\basayish\b|\basaish\b", ASAYISH, re.I),
    (r"\bpeshmerga\b|\bpesh\s+merga\b|\bkurdish\s+(?:forces|troops|fighters)\b", PESHMERGA, re.I),
    (
        r"\b(?:global|international|u\.?s\.?[-\s]led|us[-\s]led|american[-\s]led|anti[-\s]"
        r"(?:is|isis|daesh)|western)\s+(?:military\s+)?coalition\b|\bcoalition\s+(?:forces|"
        r"aircraft|warplanes|jets|planes|strikes?|air\s*strikes?|military\s+forces|"
        r"helicopters?)\b|\bcjtf[-\s]?oir\b|\bthe\s+coalition\b|\bcoalition\b",
        COALITION,
        re.I,
    ),
    (
        r"\bthe\s+united\s+states(?=\s+(?:military\s+)?(?:carried|launched|conducted|struck|"
        r"bombed|hit|killed|targeted)\b)|"
        r"\b(?:u\.?s\.?|us|american|united\s+states)\s+"
        r"(?:(?:apache|reaper|predator|black\s*hawk|f-\d+|b-\d+|mq-\d+)\s+)?"
        r"(?:special\s+(?:operations\s+)?forces|"
        r"(?:air\s*)?strikes?|forces|troops|military|army|"
        r"marines|warplanes|war\s*planes|jets|fighter\s+jets|aircraft|drones?|helicopters?|"
        r"soldiers)\b",
        COALITION,
        re.I,
    ),
    (
        r"\bturkish\s+(?:army|military|forces|troops|soldiers?|servicem[ae]n|commandos?|"
        r"warplanes|war\s*planes|jets|"
        r"aircraft|air\s+force|artillery|drones?|armed\s+forces|air\s*strikes?|shelling|shells|"
        r"rockets|bombardment|missiles?)\b|"
        r"\bturkey['’]s\s+(?:army|military|forces|air\s+force)\b|\bankara['’]s\s+forces\b",
        TURKEY,
        re.I,
    ),
    (
        r"\biranian\s+(?:army|military|forces|troops|soldiers?|artillery|missiles?|rockets?|"
        r"shelling|bombardment|warplanes|aircraft|revolutionary\s+guards?|"
        r"drones?)\b|\b(?:irgc|revolutionary\s+guards?(?:\s+corps)?)\b",
        IRAN,
        re.I,
    ),
    (
        r"\b(?:pkk|hpg|ybs)(?:\s+(?:militants?|fighters?|guerrillas?|rebels?|members?|"
        r"elements?))?\b|\bkurdistan\s+workers['’]?\s+party\b",
        PKK,
        re.I,
    ),
    (r"\bwhite\s+flags?\b|\brayat\s+al[-\s]bayda\b", WHITE_FLAGS, re.I),
    (
        r"\bislamic\s+state(?:\s+(?:group|of\s+iraq(?:\s+and\s+(?:the\s+)?(?:levant|syria))?|"
        r"militants?|fighters?|jihadists?|elements?|members?|cells?|gunmen|terrorists?|"
        r"operatives?|insurgents?|attackers?))?\b|\b(?:daesh|da['’]esh)"
        r"(?:\s+(?:militants?|fighters?|elements?|members?|terrorists?|gunmen|cells?))?\b|"
        r"\ba['’]?a?maq\b|\bsleeper\s+cells?\b|\bjihad(?:ist|i)s?\b|\bjihads\b|\btakfiris?\b",
        ISLAMIC_STATE,
        re.I,
    ),
    (
        r"(?:\bISIS|\bISIL|\bIS|\bI\.S\.)(?:\s+(?:[Mm]ilitants?|[Ff]ighters?|[Jj]ihadists?|"
        r"[Ee]lements?|[Mm]embers?|[Cc]ells?|[Gg]unmen|[Tt]errorists?|[Oo]peratives?|"
        r"[Ii]nsurgents?))?\b",
        ISLAMIC_STATE,
        0,
    ),
    (
        r"\bfederal\s+police\b|\blocal\s+police\b|\bpolice(?:\s+(?:forces?|officers?|patrols?|"
        r"chief|commandos?|units?))?\b|\bpolicem[ae]n\b|\btraffic\s+police\b|"
        r"\bemergency\s+(?:police|response)\b|\bswat\b|\bborder\s+guards?\b",
        IRAQ_POLICE,
        re.I,
    ),
    (
        r"\biraqi\s+(?:army|military|forces|troops|soldiers|security\s+forces|air\s+force|"
        r"(?:(?:f-16|su-25|l-159)s?\s+)?(?:warplanes|jets|aircraft|fighter\s+jets)|"
        r"f-16s?|su-25s?|helicopters?|armed\s+forces|government\s+forces|"
        r"defen[cs]e\s+ministry)\b|\bisf\b|\b(?:army|military|soldiers?|troops|servicem[ae]n|"
        r"security\s+forces|joint\s+(?:iraqi\s+)?forces|government\s+forces|federal\s+forces|"
        r"security\s+media\s+cell|joint\s+operations\s+command|"
        r"military\s+intelligence|air\s+force|operations\s+command|brigade|division|"
        r"regiment|battalion)\b",
        IRAQ_MILITARY,
        re.I,
    ),
    (r"\bprotesters?\b|\bdemonstrators?\b|\bprotestors?\b|\bactivists?\b", PROTESTERS, re.I),
    (
        r"\b(?:militants?|terrorists?|insurgents?|extremists?|jihads?)\b|"
        r"\b(?:would-be\s+)?suicide\s+(?:bombers?|attackers?)\b",
        MILITANTS,
        re.I,
    ),
    (r"\brioters?\b|\bmob\b", RIOTERS, re.I),
    (
        r"\b(?:tribal|clan)\s+(?:dispute|conflict|clash(?:es)?|feud|fighting)\b|"
        r"\b(?:clan|tribe)\s+members?\b|\btribesm[ae]n\b|\bclan\s+militia\b",
        COMMUNAL,
        re.I,
    ),
    (
        r"\b(?:unknown|unidentified|masked|armed|anonymous)\s+(?:gunm[ae]n|assailants?|"
        r"attackers?|men|group|persons?|individuals?|militants?|militias?|armed\s+(?:group|"
        r"men|man|militia))\b|\bgunm[ae]n\b|\barmed\s+group\b|\bassailants?\b|"
        r"\ban\s+armed\s+man\b",
        UNIDENTIFIED,
        re.I,
    ),
    (
        r"\bcivilians?\b|\bfarmers?\b|\bshepherds?\b|\bchildren\b|\bchild\b|\bresidents?\b|"
        r"\bvillagers?\b|\bworkers?\b|\bemployees?\b|\bstudents?\b|\bteachers?\b|"
        r"\bjournalists?\b|\breporters?\b|\bpilgrims?\b|\bworshipp?ers?\b|\bmourners?\b|"
        r"\bfamily\b|\bfamilies\b|\bmukhtar\b|\bmokhtar\b|\bsheikh\b|\bclerics?\b|\bimams?\b|"
        r"\bcandidates?\b|\blawyers?\b|\bjudges?\b|\bcontractors?\b|\bengineers?\b|"
        r"\bshop\s*(?:owners?|keepers?)\b|\bdrivers?\b|\bwom[ae]n\b|\bboys?\b|\bgirls?\b|"
        r"\byazidis?\b|\biranians\b|\binformants?\b|\bofficials?\b|\bdisplaced\b|\bpeople\b",
        CIVILIANS,
        re.I,
    ),
)
# case-insensitive aliases (written in lower case) run on the folded text, see _triggers
_ALIAS_RES = tuple(
    (FoldedPattern(p) if f & re.I else re.compile(p, f), name) for p, name, f in _ALIASES
)
# stems every match of an alias contains (see _triggers), per position in _ALIASES
_ALIAS_STEMS: tuple[tuple[str, ...], ...] = (
    ("mobili",),
    ("hashd", "hashed"),
    ("pmf", "pmu"),
    ("shi",),
    ("badr", "kata", "asa", "saraya"),
    ("tribal", "tmf"),
    ("terrorism", "cts", "special", "golden"),
    ("rapid",),
    ("asayish", "asaish"),
    ("peshmerga", "pesh", "kurdish"),
    ("coalition", "cjtf"),
    ("forces", "troops", "military", "army", "marines", "strike", "warplanes", "aircraft", "drone",
     "soldiers", "war", "jets", "helicopter", "united"),
    ("turk", "ankara"),
    ("iran", "irgc", "guard"),
    ("pkk", "workers", "hpg", "ybs"),
    ("white", "rayat"),
    ("islamic", "daesh", "da'esh", "da’esh", "amaq", "sleeper", "jihad", "takfir"),
    ("is", "i.s."),
    ("police", "swat", "border", "emergency"),
    ("iraqi", "isf", "army", "military", "soldier", "troops", "servicem", "security",
     "joint", "government", "federal", "intelligence", "force", "command", "brigade",
     "division", "regiment", "battalion"),
    ("protest", "demonstrat", "activist"),
    ("militant", "terrorist", "insurgent", "extremist", "jihad", "suicide"),
    ("riot", "mob"),
    ("tribal", "clan", "tribe", "tribesm"),
    ("gunm", "assailant", "attacker", "men", "group", "person", "individual", "militant",
     "militia", "armed"),
    ("civilian", "farmer", "shepherd", "child", "resident", "villager", "worker", "employee",
     "student", "teacher", "journalist", "reporter", "pilgrim", "worship", "mourner",
     "famil", "mukhtar", "mokhtar", "sheikh", "cleric", "imam", "candidate", "lawyer",
     "judge", "contractor", "engineer", "shop", "driver", "wom", "boy", "girl", "yazidi",
     "iranians", "informant", "official", "displaced", "people"),
)  # fmt: skip
_ALIAS_TRIGGERS = TriggerIndex({str(i): stems for i, stems in enumerate(_ALIAS_STEMS)})

# words that make an actor phrase a possessive or a description, not an actor
_NOT_ACTOR_AFTER = re.compile(r"^\s*(?:stronghold|-held|held|control|territory|caliphate)\b")


def find_actors(text: str) -> list[ActorMention]:
    """Return every actor mention in ``text``, in reading order, without overlaps.

    Examples
    --------
    >>> [(a.name, a.text) for a in find_actors("Hashd al-Shaabi and ISF units")]
    [('Military Forces of Iraq (2014-) Popular Mobilization Forces', 'Hashd al-Shaabi'), \
('Military Forces of Iraq (2014-)', 'ISF')]
    """
    return list(_actors(text))


@per_article
def _actors(text: str) -> tuple[ActorMention, ...]:
    present = _ALIAS_TRIGGERS.families(text)
    if not present:
        return ()
    folded = fold(text)
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for i, (rx, name) in enumerate(_ALIAS_RES):
        if str(i) not in present:
            continue
        if isinstance(rx, FoldedPattern):
            spans = rx.spans(text, folded)
        else:
            spans = [m.span() for m in rx.finditer(text)]
        for a, b in spans:
            if any(a < y and x < b for x, y in taken):
                continue
            if name == ISLAMIC_STATE and _NOT_ACTOR_AFTER.match(text[b:]):
                continue
            taken.append((a, b))
            found.append(ActorMention(name, a, b, text[a:b]))
    found.sort(key=lambda x: x.start)
    return tuple(_named_by_belief(text, found))


# "gunmen believed to be IS militants": who the gunmen were, in the teller's guess
_BELIEVED = re.compile(
    r",?\s*(?:(?:who|that)\s+(?:were|are|was|is)\s+)?(?:believed|thought|suspected|said|presumed|"
    r"reported)\s+to\s+(?:be|belong\s+to|have\s+been)\s+(?:from\s+|with\s+)?(?:the\s+)?"
    r"(?:[\w-]+\s+)?",
    re.IGNORECASE,
)
_UNNAMED = frozenset({UNIDENTIFIED, MILITANTS})


def _named_by_belief(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """Merge "gunmen believed to be IS" into one mention of IS where the gunmen stand."""
    if "to " not in text or len(found) < 2:
        return found
    out: list[ActorMention] = []
    skip = -1
    for i, m in enumerate(found):
        if i == skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            nxt is not None
            and m.name in _UNNAMED
            and nxt.name not in _UNNAMED
            and nxt.name != CIVILIANS
            and _BELIEVED.fullmatch(text, m.end, nxt.start)
        ):
            out.append(ActorMention(nxt.name, m.start, m.end, m.text))
            skip = i + 1
            continue
        out.append(m)
    return out


_ACTIVE_VERB = FoldedPattern(
    r"\b(?:attack(?:ed|s|ing)?|target(?:ed|s|ing)?|kill(?:ed|s|ing)?|ambush(?:ed|es)?|"
    r"shell(?:ed|s|ing)?|bomb(?:ed|s|ing)?|struck|strike|hit|raid(?:ed|s)?|storm(?:ed|s)?|"
    r"assassinat(?:ed|es)|execut(?:ed|es)|abduct(?:ed|s)|kidnapp(?:ed|s)|shot|opened\s+fire|"
    r"fired|launched|detonated|blew\s+up|blew\s+(?:himself|herself|themselves)\s+up|planted|clashed|repelled|thwarted|foiled|"
    r"arrested|detained|captured|seized|dismantled|defused|destroyed|discovered|found|recovered|retrieved|"
    r"protested|demonstrated|rallied|carried\s+out|conducted|engaged|wound(?:ed|ing)|"
    r"injur(?:ed|ing)|exploded|"
    r"infiltrated|threw|thrown|stormed|burned|torched|stole|abducted|liberated|recaptured|"
    r"regained|retook|advanced|moved|entered|deployed|arrived|withdrew|imposed|hanged|"
    r"beheaded|murdered|stabbed|released|freed|rescued|handed|took|assaulted|besieged|surrounded|"
    r"bombarded|subjected|harassed|beat|displaced|demolished|looted|damaged|"
    r"fought|battled|confronted|responded|staged|gathered|marched|blocked|closed)\b"
)
#: words that are nouns as often as verbs ("an attack", "IS attacks")
_NOUN_OR_VERB = frozenset({"attack", "attacks", "strike", "raid", "raids", "bomb", "bombs", "hit"})
_NOUN_BEFORE = re.compile(
    r"\b(?i:after|in|of|during|following|since|before|from)\s+(?i:(?:an?|the|its|their|this|that)\s+)?"
    r"(?:[A-Z][\w'’-]*\s+){0,2}$"
)
_PASSIVE_BY = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:\w+ed|shot|hit|struck|blown\s+up|"
    r"overrun|taken|stolen|beaten|slain|thrown|planted)\b[^.;]{0,80}?\bby\b",
    re.I,
)
_BY = re.compile(
    r"\bby\s+(?:presumed\s+|suspected\s+|likely\s+|the\s+)?$|\bby\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,6}$|\bclaimed\s+by\b|\bblamed\s+on\b|\b(?:remnant|remnants|left\s+"
    r"behind)\s+(?:\w+\s+){0,2}(?:of|by)\s+$|\blikely\s+(?:by\s+)?$|\bbelonging\s+to\s+$",
    re.I,
)
_BARE_PASSIVE = re.compile(
    r"(?:killed|wounded|injured|hurt|kidnapped|abducted|arrested|detained|executed|"
    r"assassinated|shot\s+dead|gunned\s+down|murdered|beheaded)\s+"
    r"(?:in|by|as|after|during|near|when|while)\b",
    re.IGNORECASE,
)
_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?(?:shot\s+and\s+)?$|"
    r"\b(?:came|come|comes|coming)\s+under\s+(?:an?\s+)?(?:[\w-]+\s+)?$",  # "came under attack"
    re.IGNORECASE,
)
_AGENT_HINTS = ("by", "of", "claimed", "blamed", "remnant", "behind", "likely", "belonging")


_WHEN_CLAUSE = FoldedPattern(r"\b(?:when|as|after)\s+", needles=("when", "as ", "after"))


def _clause_subjects(
    text: str,
    folded: str | None,
    pos: int,
    mentions: list[ActorMention],
    victim: ActorMention | None,
) -> list[ActorMention]:
    """Return the armed actor that opens a "when X attacked" clause after ``pos``."""
    clause = _WHEN_CLAUSE.search(text, folded, pos)
    if clause is None:
        return []
    end = text.find(".", clause.end())
    stop = end if end > 0 else len(text)
    verb = _ACTIVE_VERB.fast_search(text, folded, clause.end(), stop)
    if verb is None:
        return []
    return [
        m
        for m in mentions
        if clause.end() <= m.start
        and m.end <= verb.start()
        and m.name not in _VICTIMS_ONLY
        and (victim is None or m.name != victim.name)
    ][:1]


_CLAIMED = FoldedPattern(
    r"\b(?:claimed|claims|has\s+claimed|took|takes|admitted)\s+(?:(?:full|sole)\s+)?"
    r"(?:responsibility|credit)\b|\b(?:(?:was|were|is|are)\s+(?:\w+\s+){0,2}(?:to\s+be\s+)?)?"
    r"behind\s+(?:the|this|that|it)\b|" + CLAIMED_DEED + "|" + SAID_IT_DID,
    needles=(
        "responsib",
        "credit",
        "behind",
        "claim",
        "carried",
        "staged",
        "conducted",
        "executed",
    ),
)


def _claimants(text: str, folded: str | None, mentions: list[ActorMention]) -> list[ActorMention]:
    """Return the armed actor that claims the attack ("IS claimed responsibility")."""
    claim = _CLAIMED.search(text, folded)
    if claim is None:
        return []
    before = [
        m
        for m in mentions
        if m.end <= claim.start()
        and claim.start() - m.end <= 12  # "IS claimed", "IS later claimed"
        and m.name not in _VICTIMS_ONLY
    ]
    return before[-1:]


_FOUND_BODIES = re.compile(
    r"(?:found|discovered|recovered|retrieved)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:bodies|"
    r"corpses|body|remains)\b",
    re.IGNORECASE,
)
_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?", re.I)
_SUPPORT_STEMS = ("backed", "supported", "covered", "aided", "assisted", "helped", "support",
                  "cover", "backing", "help")  # fmt: skip
_UNIFORM_AFTER = re.compile(r"(?:['’]s)?\s+(?:military\s+)?uniforms?\b", re.IGNORECASE)
_UNIFORM_BEFORE = re.compile(
    r"\buniforms?\s+(?:of|like\s+those\s+of)\s+(?:the\s+)?$", re.IGNORECASE
)
_FROM_THE_AIR = re.compile(
    r"\bair\s*strikes?\b|\bair\s+(?:support|cover|power)\b|\baircraft\b|\bwarplanes?\b|\bjets\b|"
    r"\baviation\b|\bdrones?\b|\bhelicopters?\b",
    re.IGNORECASE,
)


def claimant(text: str, *, militants: str = UNIDENTIFIED) -> ActorMention | None:
    """Return the armed group that claims the attack in one sentence, if any.

    >>> claimant("The Islamic State group claimed the attack.").name
    'Islamic State (Iraq)'
    >>> claimant("No group has claimed responsibility.") is None
    True
    >>> claimant("IS has not claimed the attack.") is None
    True
    """
    mentions = [
        ActorMention(militants, m.start, m.end, m.text) if m.name == MILITANTS else m
        for m in find_actors(text)
    ]
    found = _claimants(text, fold(text), mentions)
    amaq = _AMAQ.search(text) if not found else None
    if amaq is not None:
        # "Amaq said IS fighters carried out the attack": the group's own agency
        named = [m for m in mentions if m.name == ISLAMIC_STATE]
        found = named[:1] or [ActorMention(ISLAMIC_STATE, amaq.start(), amaq.end(), amaq.group(0))]
    if not found or found[0].name in _STATE:
        return None
    if _NOT_CLAIMED.search(text, found[0].end, found[0].end + 14):
        return None  # "IS has not claimed responsibility"
    return found[0]


_AMAQ = re.compile(r"\ba['’]?a?maq\b", re.IGNORECASE)
_NOT_CLAIMED = re.compile(r"\b(?:not|never|yet\s+to|denied|denies)\b", re.IGNORECASE)


_ATTACK_NOUN_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:\w+\s+)?(?:attacks?|assaults?|raids?|ambush(?:es)?|bombs?|ieds?|mortars?|"
    r"rockets?|snipers?|shelling|fire|gunfire|blasts?|explosions?|suicide|drones?|"
    r"air\s*strikes?|strikes?|offensive)\b",
    re.IGNORECASE,
)
_OPPONENT_BEFORE = re.compile(
    r"\b(?:clash(?:es)?|fighting|fights?|battles?|engagements?|confrontations?|"
    r"firefights?|exchanges?\s+of\s+fire)\s+with\s+(?:the\s+)?(?:suspected\s+)?$",
    re.IGNORECASE,
)


def _attributive_agents(
    text: str, mentions: list[ActorMention], victim: ActorMention
) -> list[ActorMention]:
    """Return the armed actor named as the attack's owner or the victims' opponent."""
    for m in mentions:
        if m.name in _VICTIMS_ONLY or m.name == victim.name or m.start <= victim.start:
            continue
        if (
            _ATTACK_NOUN_AFTER.match(text, m.end)
            or _OPPONENT_BEFORE.search(text, max(0, m.start - 50), m.start)
            or _ATTACK_NOUN_END.search(m.text)  # "... killed in US strikes"
        ):
            return [m]
    return []


_ATTACK_NOUN_END = re.compile(r"(?:strikes?|attacks?|shelling|raids?|bombardment)$", re.I)


_BELONGING = re.compile(
    r"\s*,?\s*(?:(?:believed|said|thought|suspected|reported)\s+to\s+(?:belong\s+to|be\s+(?:from|"
    r"with|members\s+of))|belonging\s+to|affiliated\s+(?:with|to)|linked\s+to|loyal\s+to|"
    r"(?:who\s+)?(?:are|were)\s+members\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_BETWEEN = FoldedPattern(
    r"\b(?:clash(?:es|ed)?|fighting|fight|battles?|gun\s*battles?|fire\s*fights?|"
    r"exchanges?\s+of\s+fire|skirmish(?:es)?)\s+(?:\w+\s+){0,3}?between\s+",
    needles=("between",),
)


def _between_sides(
    text: str, folded: str | None, mentions: list[ActorMention]
) -> tuple[ActorMention, ActorMention] | None:
    """Return the two sides of "clashes between X and Y", when both are named actors."""
    m = _BETWEEN.fast_search(text, folded)
    if m is None:
        return None
    near = [
        a for a in mentions if m.end() <= a.start < m.end() + 80 and a.name not in _VICTIMS_ONLY
    ]
    if len(near) < 2 or near[0].name == near[1].name:
        return None
    if not re.fullmatch(r"\s*(?:and|&)\s+(?:the\s+)?", text[near[0].end : near[1].start]):
        return None
    return near[0], near[1]


def _drop_affiliated(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Drop "gunmen" when the text says whose they are ("gunmen belonging to IS")."""
    out: list[ActorMention] = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            m.name in {UNIDENTIFIED, ISLAMIC_STATE}
            and nxt is not None
            and nxt.name != m.name
            and nxt.name not in _VICTIMS_ONLY
            and _BELONGING.fullmatch(text, m.end, nxt.start)
        ):
            continue
        out.append(m)
    return out


# who tells of the event, not who took part: "..., the Iraqi military said."
_TAG_BEFORE = re.compile(
    r",\s*(?:(?:an?|the)\s+(?:\w+\s+)?(?:statement|spokesm[ae]n|spokesperson|source|official)s?\s+"
    r"(?:from|by|of|for)\s+)?(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$"
)
_TAG_AFTER = re.compile(
    r"(?:['’]s(?:\s+[\w-]+){1,4}?|(?:\s+[\w-]+){0,2}?)\s+(?:said|says|say|told|reported|"
    r"announced|stated|added)\b",
    re.IGNORECASE,
)
_TAG_END = re.compile(r"(?:\s+(?:in|on|at|to|late|earlier|later)\b[^.;,]{0,40})?\s*(?:[.;,]|$)")
_OPENING_BEFORE = re.compile(r"(?:^|[.!?]\s+)(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# "said it had carried out", "said on Saturday that its jets ...": the teller did it
_OWN_DEED = re.compile(
    r"\s*(?:(?:on|in|a|an|its|their|statement|late|early|earlier|later|today|yesterday|night|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}|january|february|march|"
    r"april|may|june|july|august|september|october|november|december)[\s,]+){0,4}"
    r"(?:(?:that\s+)?(?:they|it|its|their|he|his|she|her|we|our)\b|"
    # "the army announced the killing of 12 terrorists": its own deed
    r"the\s+(?:killing|deaths?|arrest|capture|destruction|liberation|recapture|"
    r"neutrali[sz]ation)\s+of\b)",
    re.I,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def _drop_speakers(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Drop actors named only as the source of the report ("..., the army said")."""
    out: list[ActorMention] = []
    for m in mentions:
        before = text[max(0, m.start - 40) : m.start]
        tag = _TAG_AFTER.match(text, m.end)
        if tag and _TAG_BEFORE.search(before) and _TAG_END.match(text, tag.end()):
            continue  # "..., the army said." / "..., the army said in a statement."
        if tag and _OPENING_BEFORE.search(before) and not _OWN_DEED.match(text, tag.end()):
            continue  # "The army said the rockets were fired from ..." (not "said it ...")
        if _ACCORDING.search(before):
            continue
        out.append(m)
    return out


def _after_by(window: str) -> bool:
    lower = window.lower()
    if not contains_any(lower, _AGENT_HINTS):
        return False
    return bool(_BY.search(window))


_STATE = frozenset(
    {IRAQ_MILITARY, IRAQ_POLICE, PMF, CTS, RRF, PESHMERGA, ASAYISH, TMF, COALITION, TURKEY,
     IRAN, USA}
)  # fmt: skip
_VICTIMS_ONLY = frozenset({CIVILIANS})


def assign_actors(
    text: str,
    *,
    sub_event_type: str | None = None,
    victim_group: str | None = None,
    militants: str = UNIDENTIFIED,
    found: list[ActorMention] | None = None,
) -> tuple[str | None, str | None, ActorMention | None, ActorMention | None]:
    """Pick ``actor1`` and ``actor2`` for one event.

    Parameters
    ----------
    text : str
        The sentences about the event, joined (offsets of the mentions index into it).
    sub_event_type : str, optional
        The event's ACLED sub-type, which sets defaults (protesters for protests, an
        unidentified armed group for a bomb nobody is named for, civilians as the
        victims of attacks on civilians).
    victim_group : str, optional
        ``"civilians"``, ``"a"`` (state forces) or ``"b"`` (non-state) when the
        casualty figures tell who was hit.
    militants : str
        Who bare "militants" or "terrorists" are: the Islamic State when the article
        names it elsewhere, an unidentified armed group otherwise.
    found : list of ActorMention, optional
        The text's actor mentions when the caller has them already.

    Returns
    -------
    (actor1, actor2, mention1, mention2)
        Names, and the mentions they come from (None for defaults).
    """
    mentions = [
        ActorMention(militants, m.start, m.end, m.text) if m.name == MILITANTS else m
        for m in (find_actors(text) if found is None else found)
    ]
    named = _drop_affiliated(text, mentions)
    mentions = _drop_speakers(text, named)
    tellers = [m for m in named if m not in mentions and m.name in _STATE]
    # "Iraqi forces, backed by coalition air strikes, retook ...": an ally, not a side
    lower = text.lower()
    if contains_any(lower, _SUPPORT_STEMS):
        mentions = [
            m
            for m in mentions
            if not (
                SUPPORT_BEFORE.search(text, max(0, m.start - 60), m.start)
                and _FROM_THE_AIR.search(text, max(0, m.start - 30), m.end + 25)
            )
        ]
    if "uniform" in lower:
        # "gunmen in army uniforms", "disguised in the uniforms of the PMF": a disguise
        mentions = [
            m
            for m in mentions
            if not _UNIFORM_AFTER.match(text, m.end)
            and not _UNIFORM_BEFORE.search(text, max(0, m.start - 30), m.start)
        ]
    cut = text.find(". ")
    folded = fold(text)  # only the verb's offsets are used
    first_verb = _ACTIVE_VERB.fast_search(text, folded, 0, cut if cut > 0 else len(text))
    if first_verb is None and cut > 0:
        first_verb = _ACTIVE_VERB.fast_search(text, folded, cut)
    while first_verb is not None:
        at = first_verb.start()
        inside = next((m for m in mentions if m.start <= at < m.end), None)
        if inside is not None:  # "Turkish shelling hit ...": the actor's name, not its verb
            first_verb = _ACTIVE_VERB.fast_search(text, folded, inside.end)
        elif first_verb.group(0).lower() in _NOUN_OR_VERB and _NOUN_BEFORE.search(
            text, max(0, at - 40), at
        ):  # "... after the Tarmiyah attack": a noun in a phrase, not the clause's verb
            first_verb = _ACTIVE_VERB.fast_search(text, folded, first_verb.end())
        else:
            break
    finders: list[ActorMention] = []
    if first_verb is not None and _FOUND_BODIES.match(text, first_verb.start()):
        # "Police found the bodies of three men": who found them did not kill them
        finders = [m for m in mentions if m.end <= first_verb.start()]
        mentions = [m for m in mentions if m not in finders]
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    # a passive clause names its agent after "by": "planted by IS militants"
    agents = [m for m in mentions if _after_by(text[max(0, m.start - 60) : m.start])]
    agents = [m for m in agents if m.name not in _VICTIMS_ONLY]
    subjects = [
        m
        for m in mentions
        if first_verb is not None and m.end <= first_verb.start() and m.name not in _VICTIMS_ONLY
    ]
    aux = (
        _PASSIVE_AUX.search(text, max(0, first_verb.start() - 30), first_verb.start())
        if first_verb is not None
        else None
    )
    passive = aux is not None and not aux.group(0).startswith("IS")  # "IS targeted": the group
    if first_verb is not None and _BARE_PASSIVE.match(text, first_verb.start()):
        passive = True  # a headline's "Five fighters killed in US strikes"
    victim: ActorMention | None = None
    hit = [m for m in mentions if first_verb is not None and m.end <= first_verb.start()]
    if passive and hit:
        # "Four soldiers were wounded by a bomb planted by IS": the subject was hit
        victim = hit[0]
        subjects = []
        agents = [m for m in agents if m.start > first_verb.start()] if first_verb else agents
        if not agents and first_verb is not None:
            # "... were killed when IS militants attacked their post": who did it
            agents = _clause_subjects(text, folded, first_verb.end(), mentions, victim)
        if not agents:
            # "... were wounded in an IS attack", "... killed in clashes with IS militants"
            agents = _attributive_agents(text, mentions, victim)
    elif passive and first_verb is not None and not agents:
        # "Twenty-five fighters were killed when the United States carried out strikes"
        agents = _clause_subjects(text, folded, first_verb.end(), mentions, None)
    if not subjects and not agents:
        # "IS claimed responsibility for the attack": who claims it did it
        agents = _claimants(text, folded, mentions)
    if not subjects and not agents and first_verb is not None and not passive:
        # "Drone strike kills three. A Turkish drone strike on a vehicle ...": the
        # strike's owner, told after a headline's verb
        agents = [
            m
            for m in mentions
            if m.start > first_verb.start()
            and m.name not in _VICTIMS_ONLY
            and (_ATTACK_NOUN_AFTER.match(text, m.end) or _ATTACK_NOUN_END.search(m.text))
        ][:1]
    if subjects:
        actor1 = subjects[0]
    elif agents:
        actor1 = agents[0]
    elif mentions:
        armed = [m for m in mentions if m.name not in _VICTIMS_ONLY]
        if armed and first_verb is None:
            actor1 = armed[0]
    if (
        actor1 is not None
        and actor1.name in {PROTESTERS}
        and sub_event_type
        and sub_event_type
        not in {"Peaceful protest", "Protest with intervention", "Violent demonstration"}
    ):
        actor1 = None
    rest = [m for m in mentions if actor1 is None or m.name != actor1.name]
    if actor1 is not None and len(subjects) > 1:
        # "federal police and army units took control of X": one side, not two
        joint = [
            b
            for a, b in itertools.pairwise(subjects)
            if _JOINT.fullmatch(text, a.end, b.start) and b.name in _STATE and actor1.name in _STATE
        ]
        rest = [m for m in rest if m not in joint]
    if victim is not None and (actor1 is None or victim.name != actor1.name):
        actor2 = victim
    elif actor1 is not None:
        after = [m for m in rest if m.start >= actor1.end]
        actor2 = after[0] if after else (rest[0] if rest else None)
    else:
        actor2 = rest[0] if rest else None
        if actor2 is not None and agents and agents[0].name != actor2.name:
            actor1 = agents[0]
    sides = _between_sides(text, folded, mentions)
    if sides is not None:  # "clashes between IS militants and PMF fighters"
        actor1, actor2 = sides
    name1 = actor1.name if actor1 else None
    name2 = actor2.name if actor2 else None
    # defaults by kind of event
    sub = sub_event_type or ""
    if sub in {"Peaceful protest", "Protest with intervention"}:
        actor1 = actor1 if name1 == PROTESTERS else None
        name1 = PROTESTERS
        if name2 in {PROTESTERS, CIVILIANS}:
            name2, actor2 = None, None
    elif sub == "Excessive force against protesters":
        # ACLED: the force that fired on the crowd is actor 1, the protesters actor 2
        if name1 in {None, PROTESTERS, CIVILIANS}:
            force = next((m for m in mentions if m.name in _STATE), None)
            actor1, name1 = force, force.name if force is not None else None
        name2, actor2 = PROTESTERS, None
    elif sub in {"Violent demonstration", "Mob violence"}:
        if name1 in _STATE:
            # "Police fired tear gas at protesters who torched the offices": the rioters
            # are actor 1, the force that met them actor 2
            name2, actor2 = name1, actor1
            name1, actor1 = RIOTERS, None
        name1 = RIOTERS if name1 in {None, PROTESTERS, CIVILIANS} else name1
        if name2 in {PROTESTERS, RIOTERS, CIVILIANS}:
            name2, actor2 = None, None
    elif sub == "Armed clash" and name1 in {None, UNIDENTIFIED} and TRIBAL_FIGHT.search(text):
        name1, actor1 = COMMUNAL, None  # tribes or clans fighting each other
        name2, actor2 = (
            (COMMUNAL, None) if name2 in {None, CIVILIANS, COMMUNAL} else (name2, actor2)
        )
    elif sub in {
        "Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Attack",
        "Abduction/forced disappearance", "Armed clash", "Shelling/artillery/missile attack",
        "Sexual violence",
    }:  # fmt: skip
        if name1 is None or name1 == CIVILIANS:
            if name2 is not None and name2 != CIVILIANS and name1 == CIVILIANS:
                name1, name2, actor1, actor2 = name2, name1, actor2, actor1
            elif (
                name1 is None
                and name2 is not None
                and name2 not in _STATE | {CIVILIANS, PROTESTERS}
                and actor2 is not None
                and _does(text, folded, actor2)
            ):
                # "Businessman kidnapped in Zubair. Gunmen kidnapped him ...": the armed
                # group is who did it, not whom it was done to
                name1, actor1, name2, actor2 = name2, actor2, None, None
            else:
                name1, actor1 = UNIDENTIFIED, None
        if victim_group == "civilians" and name2 in {None, name1}:
            name2, actor2 = CIVILIANS, None
        if sub in {"Attack", "Abduction/forced disappearance", "Sexual violence"}:
            if name2 is None or (name2 in _STATE and victim_group == "civilians"):
                name2, actor2 = CIVILIANS, None
    elif sub in {
        "Disrupted weapons use", "Arrests", "Change to group/activity", "Other",
        "Headquarters or base established",
    }:  # fmt: skip
        if sub != "Other" or name2 == name1:
            if name2 != CIVILIANS or sub != "Other":
                name2, actor2 = None, None
        if sub == "Arrests" and name1 not in _STATE:
            # "the arrest of a terrorist ... a force of the 8th division arrested him": the
            # state's force arrests, not the man arrested
            force = next((m for m in [*mentions, *tellers] if m.name in _STATE), None)
            if force is not None:
                actor1, name1 = force, force.name
        if name1 is None and tellers and sub in {"Arrests", "Disrupted weapons use"}:
            # "Police said the suspects were arrested": the force tells of its own arrest
            actor1, name1 = tellers[0], tellers[0].name
    if sub == "Armed clash" and name2 is None and name1 in _STATE:
        name2, actor2 = militants, None  # "police foiled an attack by two suicide bombers"
    if sub in _BATTLES and name2 == CIVILIANS:
        # a battle is fought between armed sides: not the civilians it was fought over
        side = next((m for m in mentions if m.name not in _VICTIMS_ONLY and m.name != name1), None)
        if side is not None:
            name2, actor2 = side.name, side
    blamed = _blamed(text, mentions) if contains_any(lower, _BLAME_STEMS) else None
    if blamed is not None and blamed.name != name1:
        # "Officials blamed remnants of IS for the assault", "The attackers were IS
        # fighters", "attributed to a Turkish drone": who did it, told after the deed
        if name1 in {None, UNIDENTIFIED}:
            name1, actor1 = blamed.name, blamed
            if name2 == name1:
                name2, actor2 = None, None
    if (
        name2 == PROTESTERS
        and actor2 is not None
        and actor2.text.lower().startswith("activist")
        and sub not in _PROTEST_KINDS
    ):
        name2 = CIVILIANS  # ACLED: an activist attacked away from a protest is a civilian
    if (
        name1 == COALITION
        and name2 in {PMF, IRAN}
        and actor1 is not None
        and _AMERICAN.match(actor1.text)
    ):
        # the coalition fights the Islamic State: American strikes on a PMF faction or on
        # Iran's forces are the United States' own
        name1 = USA
    if name1 is not None and name1 == name2:
        name2, actor2 = None, None
    return name1, name2, actor1, actor2


#: words that name who did it after the deed is told
_BLAME = re.compile(
    r"\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|held|holds?)\s+(?:the\s+(?:[\w-]+\s+){0,2}?on\s+)?"
    r"(?=(?:[\w-]+\s+){0,3}?(?:for|of)\b|[^.;]{0,60}?\bresponsible\b)|"
    r"\b(?:blamed|blames)\s+(?:[\w-]+\s+){0,3}?on\s+|"
    r"\battribut(?:ed|es)\s+(?:it\s+|them\s+|the\s+(?:[\w-]+\s+){1,2}?)?to\s+|"
    r"\b(?:attackers?|assailants?|gunm[ae]n|perpetrators|bombers?|culprits|kidnappers|killers)\s+"
    r"(?:(?:were|was|are|is)\s+(?:(?:believed|thought|said|suspected)\s+to\s+(?:be|belong\s+to)\s+|"
    r"identified\s+as\s+)?|belong(?:ed|s)?\s+to\s+)",
    re.IGNORECASE,
)
_BLAME_STEMS = ("blam", "accus", "responsible", "attribut", "attacker", "assailant", "gunm",
                "perpetrator", "bomber", "culprit", "kidnapper", "killer")  # fmt: skip


_OTHER_DEEDS = re.compile(
    r"\b(?:similar|previous|past|earlier|other|such|many|most|several)\b[^.;]*$", re.IGNORECASE
)
_DENIED = re.compile(r"\b(?:denied|denies|rejected|rejects)\b", re.IGNORECASE)
#: what may stand between the words of blame and the actor blamed
_BLAME_GAP = re.compile(
    r"(?:(?:an?|the|of|from|suspected|alleged|remnants?|members?|fighters?|elements?|"
    r"militants?|cells?|local)\s+)*",
    re.IGNORECASE,
)


def names_culprit(text: str) -> bool:
    """Whether ``text`` names who did a deed told before it.

    >>> names_culprit("Officials blamed remnants of the Islamic State for the assault.")
    True
    >>> names_culprit("The gunmen were driving a white car.")
    False
    """
    if not contains_any(text.lower(), _BLAME_STEMS):
        return False
    return _blamed(text, find_actors(text)) is not None


def _blamed(text: str, mentions: list[ActorMention]) -> ActorMention | None:
    """Return the armed actor a later clause names as the one who did it."""
    for b in _BLAME.finditer(text):
        if _OTHER_DEEDS.search(text, max(0, b.start() - 60), b.start()):
            continue  # "similar attacks in the past were blamed on militants"
        end = text.find(".", b.end())
        if _DENIED.search(text, b.end(), end if end > 0 else len(text)):
            continue  # "Ankara blamed the PKK for the attack, which the group denied"
        for m in mentions:
            if m.start < b.end():
                continue
            if m.name not in _VICTIMS_ONLY | {PROTESTERS, RIOTERS} and _BLAME_GAP.fullmatch(
                text, b.end(), m.start
            ):
                return m
            break
    return None


_PROTEST_KINDS = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
        "Mob violence",
    }
)
_AMERICAN = re.compile(r"(?:the\s+)?(?:u\.?s\.?\b|us\b|american|united\s+states)", re.IGNORECASE)


def _does(text: str, folded: str | None, m: ActorMention) -> bool:
    """Whether actor ``m`` is the subject of a verb right after it ("Gunmen kidnapped")."""
    v = _ACTIVE_VERB.fast_search(text, folded, m.end, min(len(text), m.end + 25))
    if v is None or _BARE_PASSIVE.match(text, v.start()):
        return False  # ("Activist assassinated in X": done to, not by)
    return re.fullmatch(r"\s+(?:\w+\s+)?", text[m.end : v.start()]) is not None


_BATTLES = frozenset(
    {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
)
