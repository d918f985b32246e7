"""Event type and sub-type in ACLED's current taxonomy, from the words of a report.

ACLED (2019 onwards) sorts events into 6 types and 25 sub-types; :data:`TAXONOMY`
lists them. :func:`find_cues` finds the words that signal each sub-type ("airstrike",
"IED", "clashes", "kidnapped", "protested", "dismantled", ...), and
:func:`classify` weighs them into one (type, sub-type) for an event, following the
codebook's precedence: a protest is a protest unless force is used against it; an
explosive or air attack is *Explosions/Remote violence* unless the report describes
an exchange of fire (then a battle); one-sided violence against civilians without
explosives is *Violence against civilians*; weapons seized or defused, arrests, troop
movements and finds of mass graves are *Strategic developments*.

Examples
--------
>>> classify("An IED exploded near a market, wounding three civilians.")
('Explosions/Remote violence', 'Remote explosive/landmine/IED')
>>> classify("Police dismantled two IEDs on the road.")
('Strategic developments', 'Disrupted weapons use')
>>> classify("Hundreds of teachers protested in front of the governorate building.")
('Protests', 'Peaceful protest')
>>> classify("")
(None, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapper.extract._memo import per_article
from mapper.extract._triggers import FoldedPattern, TriggerIndex, contains_any, fold
from mapper.extract.casualties import EARLIER_DEED, read_figures

__all__ = ["TAXONOMY", "Cue", "classify", "event_strength", "find_cues", "map_acled_type"]

#: ACLED's current event types and their sub-types.
TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

_TYPE_OF = {sub: etype for etype, subs in TAXONOMY.items() for sub in subs}


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase that signals an event sub-type, with its offsets in the text."""

    kind: str
    start: int
    end: int
    text: str


def _rx(pattern: str, *, needles: tuple[str, ...] = ()) -> FoldedPattern:
    return FoldedPattern(pattern, needles=needles)


# kind -> pattern; kinds are finer than sub-types and are weighed in classify()
_CUES: tuple[tuple[str, FoldedPattern], ...] = (
    (
        "suicide",
        _rx(
            r"\bsuicide[\s-]+(?:(?:car|truck|vehicle|motorcycle)\s+)?(?:bomb(?:er|ers|ing|ings|s)?|"
            r"attack(?:er|ers|s)?|vests?|belts?|trucks?|vehicles?|cars?)\b|\bblew\s+(?:himself|themselves|herself)\s+up\b|"
            r"\bblow(?:ing)?\s+(?:himself|themselves|herself)\s+up\b|\bdetonated\s+(?:his|her|"
            r"their)\s+(?:own\s+)?(?:explosive\s+)?(?:vests?|belts?)\b|\bexplosive\s+(?:vests?|"
            r"belts?)\b|\binghimasi\b|\bsvbied\b"
        ),
    ),
    (
        "air",
        _rx(
            r"\bair\s*strikes?\b|\bair\s*raids?\b|\bairstrikes?\b|\bair\s+attacks?\b|"
            r"\bdrone\s+(?:strikes?|attacks?)\b|\b(?:warplanes?|war\s*planes?|fighter\s+jets?|"
            r"jets|aircraft|helicopters?|drones?|f-16s?|gunships?)\b|\baerial\s+(?:bombardment|"
            r"attacks?|strikes?|bombing)\b|\bair\s+force\b(?!\s+(?:cadets?|academy|college|officers?|"
            r"personnel|pilots?|recruits?|base|commander|chief|colonel|general|officials?)\b)|"
            r"\bbombed\s+from\s+the\s+air\b|"
            r"\bstrikes?\s+by\s+the\s+(?:u\.?s\.?-led\s+)?coalition\b|\bcoalition\s+strikes?\b|"
            r"\b(?:conducted|carried\s+out|launched)\s+(?:an?\s+|\d+\s+|\w+\s+){0,2}?strikes?\b|"
            r"\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:coalition\s+)?"
            # a strike report ("Near X, a strike destroyed a headquarters")
            r"strikes?\s+(?:hit|destroyed|struck|targeted|engaged|killed|damaged)\b"
        ),
    ),
    (
        "shelling",
        _rx(
            r"\bshell(?:ing|ed|s)\b|\bmortars?\b|\bartillery\b|\brockets?\b|\bkatyushas?\b|"
            r"\bmissiles?\b|\bprojectiles?\b|\bhowitzers?\b|\bbombard(?:ed|ment|ing)\b"
        ),
    ),
    (
        "ied",
        _rx(
            r"\bieds?\b|\bvbieds?\b|\bexplosive\s+(?:devices?|charges?)\b|\b(?:roadside|car|"
            r"sticky|magnetic|parked|motorcycle|motorbike|truck)\s+bombs?\b|\bbooby[-\s]?trap"
            r"(?:ped|s)?\b|\blandmines?\b|\bland\s+mines?\b|\bmines?\b(?!\s+(?:of|and)\b)|"
            r"\bbomb(?:s|ing|ings)?\b|\bexplosions?\b|\bblasts?\b|\bexplod(?:ed|es|ing)\b|"
            r"\bdetonat(?:ed|ion|ions|ing)\b|\bblew\s+up\b|\bblown\s+up\b|\bremote\s+explosives?\b|"
            r"\bexplosives?[-\s](?:laden|attack)\b"
        ),
    ),
    ("grenade", _rx(r"\b(?:hand\s*)?gre(?:n|na)a?des?\b|\bhandgre\w+\b")),
    ("chemical", _rx(r"\bchemical\s+(?:weapons?|attack|agents?)\b|\bchlorine\b|\bmustard\s+gas\b")),
    (
        "clash",
        _rx(
            r"\bclash(?:es|ed|ing)?\b|\bfighting\b|\bfought\b|\bfire\s*fights?\b|"
            r"\bgun\s*(?:battles?|fights?)\b|\b(?:exchange(?:d)?|trad(?:ed|ing))\s+(?:of\s+)?"
            r"(?:gun)?fire\b|\bambush(?:ed|es|"
            r"ing)?\b|\brepel(?:led|s|ling)?\b|\brepuls(?:ed|e)\b|\bthwart(?:ed)?\b|\bfoil(?:ed)?\s+"
            r"(?:an?\s+)?(?:attack|attempt|infiltration)\b|\bbattles?\b|\bcombat\b|\bskirmish"
            r"(?:es)?\b|\bengaged\b|\binfiltrat(?:e|ed|ion)\b|\bstorm(?:ed|ing)\b|\braid(?:ed|s)?\b|"
            r"\bassault(?:ed|s)?\b|\boffensive\b|\bsniper\b|\bsniping\b|\bopened\s+fire\b|"
            r"\btarget(?:ed|ing)\b|\bshoot(?:ing|out)\b|\bshot\s+(?:dead|at|and|him|her|them|by|down|"
            r"an?|the|two|three|four|five|\d+|several|his|her)\b|\b(?:was|were)\s+shot\b|"
            r"\bgunfire\b|\battack(?:ed|s|ing)?\b|\bkill(?:ed|ing)\b|"
            # "wounded a policeman", "were wounded": the verb, not "the wounded" or a
            # "wounded soldier" taken to hospital
            r"\b(?:wound|injur)(?:ed|ing)\s+(?:an?|the|two|three|four|five|six|seven|eight|nine|"
            r"ten|\d+|several|his|her|their|him|them|at\s+least|dozens|scores|many|some|more)\b|"
            r"\b(?:was|were|been)\s+(?:\w+ly\s+)?(?:wounded|injured)\b"
        ),
    ),
    (
        "operation",
        _rx(
            r"\bhideouts?\b|\bsweep(?:ing)?\s+operations?\b|\bsearch\s+operations?\b|"
            r"\bmilitary\s+operations?\b|\boperations?\s+against\b|\bclearing\s+operations?\b|"
            r"\bsecurity\s+operations?\b"
        ),
    ),
    (
        "disposal",
        _rx(
            r"\b(?:forces|police|army|intelligence|mobili[sz]ation|units|troops|engineers?|pmf|"
            r"pmu|soldiers|squad|team)\b[^.;]{0,60}?\b(?:detonat(?:ed|ing)|destroy(?:ed|ing)|"
            r"bl(?:ew|owing)\s+up|exploded|remov(?:ed|ing)|clear(?:ed|ing)|found|finding|"
            r"discover(?:ed|ing))\s+(?:an?\s+|the\s+|\d+\s+|[\w-]+\s+){0,4}?"
            r"(?:car\s+bombs?|ieds?|booby[-\s]?trapped|explosives?|bombs?|mines?|vbieds?|"
            r"explosive\s+(?:devices?|belts?|vests?))\b"
        ),
    ),
    (
        "onesided",
        _rx(
            r"\bassassinat(?:ed|ion|ing)\b|\bexecut(?:ed|ion|ions|ing)\b|\bbehead(?:ed|ing)\b|"
            r"\bshot\s+dead\b|\bgunned\s+down\b|\bmurder(?:ed|s)?\b|\bstabb(?:ed|ing)\b|"
            r"\bmassacre(?:d|s)?\b|\btortur(?:ed|e)\b|\bhanged\b|\blynch(?:ed|ing)\b|"
            r"\bhuman\s+shields?\b|\bburned\s+alive\b|\b(?:bodies|corpses|body)\b[^.;]{0,60}?\b"
            r"(?:found|discovered|recovered|dumped|retrieved)\b|\b(?:found|discovered|recovered|"
            r"retrieved)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:bodies|corpses|body)\b"
        ),
    ),
    (
        "abduction",
        _rx(
            r"\b(?:abduct(?:ed|ion|ions|ing|s)?|kidnap(?:ped|ping|pings|s)?)\b"
            # (not "a kidnapping ring")
            r"(?!\s+(?:ring|gang|network|cell|racket)s?\b)|\bhostages?\b|"
            # "gunmen snatched two shepherds"
            r"\b(?:seized|snatched|grabbed)\s+(?:an?\s+|the\s+|two\s+|three\s+|four\s+|five\s+|"
            r"several\s+|\d+\s+)?(?:[\w-]+\s+)?(?:m[ae]n|wom[ae]n|civilians|shepherds?|workers?|"
            r"farmers?|drivers?|passengers|people|villagers|hunters|boys?|girls?|children|child|"
            r"businessm[ae]n|engineers?|employees?|students?|journalists?|activists?|"
            r"organi[sz]ers?|lawyers?|doctors?|clerics?|sheikhs?|officials?)\b"
        ),
    ),
    ("sexual", _rx(r"\brap(?:ed|e)\b|\bsexual(?:ly)?\s+(?:assault|violence|abuse)")),
    (
        "protest",
        _rx(
            # (not a diplomat's "protest note")
            # (nor a "protest activist" or "protest leader": a person, not the protest)
            r"(?<!\bin\s)\bprotest(?:ed|ers?|ors?|s|ing)?\b(?!\s+(?:notes?|letters?|memorandum|"
            r"activists?|leaders?|organi[sz]ers?|figures?|movement)\b)|"
            # "gathered outside the oil field, demanding jobs"
            r"\b(?:gathered|assembled|rallied)\b(?=[^.;]{0,80}?\b(?:demanding|to\s+demand|to\s+protest|"
            r"calling\s+for|chanting)\b)|"
            r"\bdemonstrat(?:ed|ion|ions|ors|ing)\b|\bsit-ins?\b|"
            r"\brall(?:y|ies|ied)\b|\bmarch(?:ed)\b|\bstrike\s+by\s+workers\b|\bon\s+strike\b"
        ),
    ),
    (
        "intervention",
        _rx(
            r"\bdispers(?:ed|e|ing)\b|\btear\s*gas\b|\bwater\s+cannons?\b|\brubber\s+bullets\b|"
            r"\bbaton(?:s|-charged)?\b|\barrested\s+(?:several\s+|some\s+|\w+\s+)?protesters\b"
        ),
    ),
    (
        "riot",
        _rx(
            r"\briot(?:s|ers|ing|ed)?\b|\b(?:set\s+fire\s+to|torched|burn(?:ed|t)|stormed)\b"
            r"[^.]{0,60}\b(?:offices?|buildings?|headquarters|consulate|embassy|hq)\b|"
            r"\bthrew\s+stones\b|\bstone[-\s]throwing\b|\bburn(?:ed|ing|t)\s+tires\b|\bmob\b"
        ),
    ),
    (
        "disrupted",
        _rx(
            r"\bdismant(?:l|le)(?:ed|ing|es)?\b(?!\s+(?:an?\s+|the\s+|\w+\s+){0,3}?(?:cells?|"
            r"networks?|gangs?|rings?|groups?)\b)|\bdismanlted\b|\bdefus(?:ed|al|ing|e)\b|"
            r"\bdisarm(?:ed|ing)\b|\bdefused\b|\bcontrolled\s+(?:detonation|explosion)\b|"
            # a bomb "neutralised", not people ("neutralised seven PKK militants", "12
            # terrorists were 'neutralised'": the Turkish army's word for killed)
            r"\bsafely\s+detonated\b|\bneutrali[sz]ed\s+(?:an?\s+|the\s+|\d+\s+|\w+\s+){0,3}?"
            r"(?:ieds?|bombs?|devices?|explosives?|mines?|charges?|vbieds?|belts?|vests?)\b|"
            r"\b(?:ieds?|bombs?|devices?|explosives?|mines?|charges?|belts?|vests?)\s+(?:\w+\s+){0,3}?"
            r"(?:were|was|had\s+been)\s+neutrali[sz]ed\b|\b(?:seiz(?:ed|ure|ing)|confiscat(?:ed|ion)|"
            r"recovered)\b(?!\s+(?:control|the\s+(?:\w+\s+)?(?:city|town|village|district|area|"
            r"base|airport|border|crossing|neighbou?rhood)))"  # (not "seized the city after ...")
            r"(?=[^.]{0,60}\b(?:weapons?|arms|ammunition|explosives?|caches?|ieds?|"
            r"rockets?|mortars?|shells|bombs?|grenades?|rifles?|belts?|vests?|depots?|munitions)\b)|"
            r"\b(?:weapons|arms|ammunition|explosives|belts|vests|ieds|rockets|mortars|grenades|"
            r"rifles|bombs?)\s+(?:\w+\s+){0,4}?(?:were|was|had\s+been)\s+(?:also\s+)?(?:seized|"
            r"confiscated|recovered|found|discovered)\b|\bcaches?\b|\bweapons?\s+depots?\b|\bexplosives\s+workshop\b|\bied\s+"
            r"(?:factory|workshop)\b|\bfound\s+(?:and\s+\w+\s+)?(?:an?\s+|\d+\s+|\w+\s+)?"
            r"(?:ieds?|explosive|bombs?|weapons)\b|\bdiscovered\s+(?:and\s+\w+\s+)?(?:an?\s+|"
            r"\d+\s+|\w+\s+)?(?:ieds?|explosive|bombs?|weapons|booby|car\s+bombs?|tunnels?|"
            r"containers?|mortar)\b|\bhandled\b"
        ),
    ),
    (
        "arrest",
        _rx(
            r"\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s|ing)?\b|\bapprehend(?:ed|s)?\b|"
            r"\bcaptured\b(?!\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:town|city|village|district|area|"
            r"airport|base|border|crossing|hills?|bridge|neighbou?rhoods?|cent(?:re|er)|dam|refinery|"
            r"road|highway|territory|positions?)\b)|\bin\s+custody\b|\brounded\s+up\b|"
            r"\bdetention\b"
        ),
    ),
    (
        "regain",
        _rx(
            r"\bre-?(?:captur(?:ed|e|ing)|took|take|taken|gain(?:ed)?(?:\s+full)?\s+control)\b|"
            r"\bliberat(?:ed|e|ing|ion)\b|\b(?:moved|advanced|pushed|entered|swept)\s+into\b|"
            r"\bretaken\b|\bregained\b|\bfreed\s+(?:the\s+)?(?:town|city|village|district)\b|"
            # "drove IS fighters out of the last neighbourhoods", "expelled the militants from"
            r"\b(?:drove|driven|forced|kicked|pushed|chased|flushed)\s+(?:[\w'’-]+\s+){1,4}?out\s+of\b|"
            r"\b(?:expelled|ousted|evicted)\s+(?:[\w'’-]+\s+){1,4}?from\b|"
            r"\b(?:took|taken|take)\s+back\b|\bcleared\s+(?:[\w'’-]+\s+){1,5}?of\s+(?:the\s+)?(?:is|"
            r"isis|isil|daesh|militants|jihadists|insurgents|islamic\s+state)\b|"
            r"\b(?:entered|stormed\s+into)\s+(?:the\s+)?(?:\w+\s+){0,3}?"
            r"(?:town|city|village|district|neighbou?rhood|centre|center)\b"
        ),
    ),
    (
        "overtake",
        _rx(
            r"\b(?:took|taken|take|seized|gained)\s+(?:full\s+|complete\s+|total\s+)?control\s+of\b|"
            r"\boverr(?:an|un)\b|"
            r"\b(?:seized|captured|took\s+over|overran)\s+(?:the\s+)?(?:\w+\s+)?(?:town|city|"
            r"village|district|area|base|airport|border\s+crossing)\b|"
            r"\bcaptured\s+(?:the\s+)?(?:town|city|village|district|area|neighbou?rhoods?)\b|"
            r"\bfell\s+to\b"
        ),
    ),
    (
        "movement",
        _rx(
            r"\breinforcements\b|\bdeploy(?:ed|ment|s)?\b|\b(?:troops|forces|units|fighters|"
            r"militants|convoys?|soldiers|battalions?|brigades?)\s+(?:\w+\s+){0,3}?arrived\s+in\b|"
            r"\bwithdr(?:ew|awn|awal)"
            r"\b|\bcurfew\b|\bsecurity\s+measures\b|\bclosed\s+(?:the\s+)?roads?\b|\bredeploy"
            r"(?:ed|ment)?\b|\btroops?\s+(?:movements?|build-?up)\b|\bmovement\s+of\s+forces\b|"
            r"\blaunch(?:ed|es)?\s+(?:an?\s+|the\s+)?(?:new\s+|large-scale\s+|major\s+|military\s+|"
            r"security\s+)*(?:operation|offensive|campaign)\b"
        ),
    ),
    (
        "property",
        _rx(
            r"\b(?:burn(?:ed|t)|torch(?:ed)?|set\s+(?:on\s+)?fire(?:\s+to)?|demolish(?:ed)?|"
            r"destroy(?:ed|ing)|loot(?:ed|ing)|stole|stolen|ransack(?:ed)?|vandali[sz]ed)\b"
            # the militants' own hideouts, tunnels or vehicles are no one's property destroyed
            r"(?!\s+(?:\w+\s+){0,3}?(?:hideouts?|hide-outs?|tunnels?|positions?|caches?|depots?|"
            r"vehicles?|car\s+bombs?|vbieds?|bases?|camps?|dens?|nests?|safe\s*houses?|"
            r"headquarters|launchers?|boats?|rafts?)\b)"
        ),
    ),
    (
        "grave",  # found or opened, not visited ("laid flowers at a mass grave")
        _rx(
            r"\bmass\s+graves?\b(?=[^.]{0,80}\b(?:found|discovered|uncovered|unearthed|"
            r"exhum\w*|excavat\w*|contain\w*|holding|with\s+the\s+(?:remains|bodies))\b)|"
            r"\b(?:found|discovered|uncovered|unearthed)\s+(?:\w+\s+){0,3}?mass\s+graves?\b|"
            r"\bremains\s+of\b|\bexhum(?:ed|ation)\b"
        ),
    ),
    (
        "agreement",
        _rx(
            r"\bagreement\b|\bcease-?fire\b|\btruce\b|\bsigned\s+(?:an?\s+)?(?:deal|accord)\b|"
            r"\bprisoner\s+(?:swap|exchange)\b|\bpeace\s+deal\b"
        ),
    ),
    (
        "base",
        _rx(
            r"\b(?:established|set\s+up|opened|built)\s+(?:an?\s+|the\s+|new\s+)*(?:military\s+)?"
            r"(?:base|headquarters|outpost|hq)\b"
        ),
    ),
    (
        "handover",
        _rx(
            r"\bhand(?:ed)?\s+over\s+(?:control|security)\b|\bhandover\s+of\b|"
            r"\btook\s+over\s+security\b"
        ),
    ),
)

_KILLS = _rx(
    r"\b(?:killed|killing|dead|died|wounded|wounding|injured|injuring|casualties|slain|"
    r"shot\s+dead|lost\s+their\s+lives)\b",
    needles=("kill", "dead", "died", "wound", "injur", "casualties", "slain", "lives"),
)
#: the quote marks a quoted sentence opens with
QUOTES = frozenset("\"“‘«'")
_HEDGE_STEMS = ("warn", "concern", "fear", "threat", "risk", "danger", "plan", "aim",
                "expect", "intend", "vow", "could", "would", "might", "called", "urged",
                "appeal", "condemn", "denounc", "deplor", "prepar", "continu", "ahead",
                "massing", "prais", "hail", "commend", "laud", "thank",
                "congratulat")  # fmt: skip
_HEDGE = _rx(
    r"\b(?:warned|warns|warning)\s+(?:\w+\s+){0,3}?(?:that|of|against)\b|"
    r"\b(?:raised|voiced|expressed)\s+(?:\w+\s+)?concerns?\b|\bconcerns?\s+that\b|"
    r"\bfears?\s+(?:that|of)\b|\bfearing\s+(?:\w+\s+){0,2}?(?:attacks?|bombardment|shelling|"
    r"strikes?|reprisals?|violence|raids?|clashes|fighting|arrest)\b|\bthreaten(?:ed|s)?\s+to\b|\b(?:plans?|planning|aims?|"
    r"intends?|vowed|vows|expected)\s+to\b|\bfraught\s+with\b|\bcould\s+(?:be|have)\b|"
    r"\bwould\s+(?:be|have)\b|\bmight\s+(?:be|have)\b|\brisk\s+of\b|"
    r"\bcalled\s+(?:on|upon)\b|\burged\b|\bappealed\s+(?:to|for)\b|"  # a call, not a deed
    r"\bprepar(?:ing|es)\s+(?:for|to|an?\s+(?:[\w-]+\s+)?(?:offensive|assault|attack|"
    r"operation|push)\b)|"  # an offensive to come
    r"(?<!\bof\s)(?<!\bwith\s)(?<!\bfor\s)\bplann(?:ing|ed)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|bombings?|operations?)\b|"  # (not "arrested ... suspected of planning")
    r"\bmassing\b|"
    # a diplomat summoned over a strike, troops praised for a battle: a reaction
    r"\b(?:praised|praises|hailed|hails|commended|lauded|thanked|congratulated)\b|"
    r"\bahead\s+of\s+(?:an?\s+|the\s+)?(?:expected|planned|anticipated|imminent|looming|"
    r"upcoming)\b|"
    r"\bcontinu(?:e|es|ing)\s+(?:their|its|the)\s+(?:\w+\s+)?(?:offensive|campaign|push|"
    r"advance|operations?)\b|"  # an offensive under way, told in passing
    r"\b(?:condemned|condemns|denounced|denounces|deplored|deplores)\b"  # a reaction
)
_CALL_TO_JOIN = re.compile(
    r"\b(?:called\s+(?:on|upon)|urged|appealed\s+to|invited|asked)\b[^.;]{0,60}?\bto\s+(?:take\s+part|"
    r"participate|join|attend|come\s+out|turn\s+out|demonstrate|protest|rally|march|gather)\b",
    re.IGNORECASE,
)
_KILL_STEMS = ("kill", "dead", "died", "wound", "injur", "casualt", "slain", "shot", "lives")
_CIVILIAN_WORDS = _rx(
    r"\b(?:civilians?|farmers?|shepherds?|children|child|boys?|girls?|women|woman|men|man|"
    r"workers?|employees?|residents?|villagers?|students?|teachers?|doctors?|journalists?|"
    r"reporters?|pilgrims?|worshipp?ers?|mourners?|famil(?:y|ies)|relatives?|brothers?|sons?|"
    r"wife|mukhtar|mokhtar|sheikhs?|elders?|clerics?|imams?|candidates?|officials?|lawyers?|judges?|"
    r"investigators?|photographers?|contractors?|engineers?|owners?|drivers?|vendors?|"
    r"shop(?:s|keepers?)|markets?|cafes?|mosques?|houses?|homes?|informants?|spy|notables?|"
    r"council|mps?|lawmakers?|individuals?|people|persons?|passers-by|crowds?)\b"
)
_ARMED_WORDS = _rx(
    r"\b(?:soldiers?|troops|army|police(?:men|man)?|forces|pmf|pmu|tmf|peshmerga|"
    r"checkpoints?|patrols?|convoys?|positions?|bases?|barracks|outposts?|"
    r"security|militiam[ae]n|officers?|commanders?|mobili[sz]ation|guards?|personnel|"
    r"tribal\s+fighters?|emirs?|militants?\s+(?:were|was)\s+killed|"
    r"(?:killed|killing|shot\s+dead|assassinated)\s+(?:\w+\s+){0,4}(?:militants?|"
    r"commanders?|leaders?|emirs?|fighters?|operatives?|members?(?!\s+of\s+(?:the\s+|an?\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:council|parliament|committee|family|board|union|syndicate|staff|"
    r"community)\b)))\b"
)
_ATTEMPT = _rx(r"\b(?:attempt(?:ed)?|tried|trying)\s+to\b", needles=("attempt", "tried", "trying"))


def victims_are_civilians(text: str, *, groups: set[str] | None = None) -> bool:
    """Guess whether the people hit in ``text`` are civilians (not armed forces).

    The casualty figures decide when there are any ("killing two farmers"); otherwise
    words for civilian targets with no word for an armed target.

    Examples
    --------
    >>> victims_are_civilians("Gunmen shot dead a shop owner in his store.")
    True
    >>> victims_are_civilians("Gunmen shot dead two soldiers at a checkpoint.")
    False
    """
    if groups is None:
        groups = {f.group for f in read_figures(text)}
    if groups & {"a", "b"}:
        return False
    if "civilians" in groups:
        return True
    folded = fold(text)
    if not _CIVILIAN_WORDS.test(text, folded):
        return False
    if contains_any(text if folded is None else folded, _TELLING) and _TELLER.search(text):
        text = _TELLER.sub(" ", text)  # "..., police said": who told it, not who was hit
        folded = fold(text)
    return not _ARMED_WORDS.test(text, folded)


_TELLING = ("said", "say", "told", "according", "report")
_TELLER = re.compile(
    r"\b(?:according\s+to\s+(?:the\s+|a\s+|local\s+|provincial\s+)*(?:police|army|military|"
    r"security)\b|(?:the\s+|a\s+|local\s+|provincial\s+)*(?:police|army|military|security)\s+"
    r"(?:sources?\s+|officials?\s+|officers?\s+|spokesm[ae]n\s+|chief\s+)?(?:said|say|says|"
    r"told|reported)\b)",
    re.IGNORECASE,
)


# stems every match of a cue kind contains (see _triggers): only those kinds are run
_STEMS: dict[str, tuple[str, ...]] = {
    "suicide": ("suicid", "blew", "blow", "detonated", "explosive", "inghimasi", "svbied"),
    "air": ("air", "drone", "plane", "jet", "aircraft", "helicopter", "f-16", "gunship",
            "aerial", "strike"),
    "shelling": ("shell", "mortar", "artiller", "rocket", "katyusha", "missile", "projectile",
                 "howitzer", "bombard"),
    "ied": ("ied", "explosi", "bomb", "booby", "mine", "blast", "explod", "detonat", "blew",
            "blown"),
    "grenade": ("gren", "handgre"),
    "chemical": ("chemical", "chlorine", "mustard"),
    "clash": ("clash", "fight", "fought", "fire", "gun", "exchange", "trad", "ambush", "repel",
              "repuls", "thwart", "foil", "battle", "combat", "skirmish", "engaged",
              "infiltrat", "storm", "raid", "assault", "offensive", "snip", "shoot", "shot",
              "attack", "kill", "target", "wound", "injur"),
    "operation": ("hideout", "operation"),
    "disposal": ("detonat", "destroy", "blew", "explod", "remov", "clear", "found",
                 "discover"),
    "onesided": ("assassin", "execut", "behead", "shot", "gunned", "murder", "stabb",
                 "massacr", "tortur", "hanged", "lynch", "shield", "alive", "bod", "corpse"),
    "abduction": ("abduct", "kidnap", "hostage", "seized", "snatched", "grabbed"),
    "sexual": ("rap", "sexual"),
    "protest": ("protest", "demonstrat", "sit-in", "rall", "march", "strike", "gathered",
                "assembled"),
    "intervention": ("dispers", "tear", "cannon", "rubber", "baton", "protester"),
    "riot": ("riot", "fire", "torch", "burn", "storm", "stone", "tires", "mob"),
    "disrupted": ("dismant", "dismanl", "defus", "disarm", "controlled", "safely", "neutrali",
                  "seiz", "confiscat", "recover", "cache", "depot", "workshop", "factory",
                  "found", "discover", "handled"),
    "arrest": ("arrest", "detain", "apprehend", "captur", "custody", "rounded", "detention"),
    "regain": ("captur", "took", "take", "gain", "liberat", "moved", "advanced", "pushed",
               "drove", "driven", "forced", "kicked", "expelled", "ousted", "evicted", "chased",
               "flushed",
               "entered", "swept", "freed", "cleared"),
    "overtake": ("control", "overr", "captured", "fell", "seiz", "took"),
    "movement": ("reinforcement", "deploy", "arrived", "withdr", "curfew", "measures",
                 "closed", "troop", "movement", "launch"),
    "property": ("burn", "torch", "fire", "demolish", "destroy", "loot", "stole", "ransack",
                 "vandal"),
    "grave": ("grave", "remains", "exhum"),
    "agreement": ("agreement", "cease", "truce", "signed", "prisoner", "peace"),
    "base": ("establish", "set up", "opened", "built"),
    "handover": ("hand", "took"),
}  # fmt: skip
_TRIGGERS = TriggerIndex(_STEMS)


@per_article
def _cues(text: str) -> tuple[Cue, ...]:
    present = _TRIGGERS.families(text)
    if not present:
        return ()
    folded = fold(text)
    out: list[Cue] = []
    for kind, rx in _CUES:
        if kind not in present:
            continue
        for a, b in rx.spans(text, folded):
            out.append(Cue(kind, a, b, text[a:b]))
    if not out:
        return ()
    if history := _history_spans(text) + _fled_spans(text) + _earlier_spans(text):
        out = [c for c in out if not any(x <= c.start < y for x, y in history)]
    found = {c.kind for c in out}
    if "protest" in found:
        # (nor a "memorandum of protest" handed to an envoy)
        out = [
            c
            for c in out
            if c.kind != "protest" or not _PROTEST_PAPER.search(text, max(0, c.start - 14), c.start)
        ]
        # "gathered to protest against the bombardment": what they protest, not an event
        against = [m.end() for m in _PROTEST_AGAINST.finditer(text)]
        out = [
            c
            for c in out
            if c.kind in {"protest", "intervention", "riot"}
            or not any(a <= c.start <= a + _OBJECT_SPAN for a in against)
        ]
    disarmed = (
        [(c.start, c.end) for c in out if c.kind in _DISARMING]
        if "ied" in found and found & _DISARMING
        else []
    )
    if disarmed and not _HURT_DISARMING.search(text):  # (killed defusing it: a blast)
        # "dismantled 12 explosive devices": bombs made safe, not a bomb attack
        out = [
            c
            for c in out
            if c.kind != "ied"
            or not any(a <= c.start <= b + _DISARMED_GAP for a, b in disarmed)
            or "." in text[max(a for a, _ in disarmed if a <= c.start) : c.start]
        ]
    if "overtake" in found:
        # "tried to overrun the town but were repelled": a failed assault, a battle
        out = [
            c
            for c in out
            if c.kind != "overtake" or not _TRIED_BEFORE.search(text, max(0, c.start - 30), c.start)
        ]
    kinds = {c.kind for c in out}
    if "air" in kinds and kinds & _GROUND:
        # "Iraqi forces, backed by coalition air strikes, retook the town": the ground
        # action is the event; the strikes only support it
        out = [
            c
            for c in out
            if c.kind != "air" or not SUPPORT_BEFORE.search(text, max(0, c.start - 60), c.start)
        ]
    out.sort(key=lambda c: (c.start, c.kind))
    return tuple(out)


_GROUND = frozenset({"regain", "overtake", "clash"})
_DISARMING = frozenset({"disrupted", "disposal"})
_TRIED_BEFORE = re.compile(
    r"\b(?:tried|attempted|attempting|trying|failed|sought|an\s+attempt)\s+to\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_PROTEST_PAPER = re.compile(r"\b(?:memorandum|note|letter)\s+of\s+$", re.IGNORECASE)
_PROTEST_AGAINST = re.compile(
    r"\bprotest(?:ed|ing|s)?\s+(?:against|over|at|the)\b|\bin\s+protest\s+(?:against|over|at)\b",
    re.IGNORECASE,
)
#: how far after "protest against" its object (the deed protested) may start
_OBJECT_SPAN = 40
_HURT_DISARMING = re.compile(
    r"\b(?:killed|died|wounded|injured|dead)\b[^.;]{0,60}?\b(?:while|when|as)\s+(?:\w+\s+){0,5}?"
    r"(?:dismantl|defus|disarm|plant|remov|handl)\w*",
    re.IGNORECASE,
)
#: how far after a disarming verb its object (the bombs) may start
_DISARMED_GAP = 30
#: "backed by", "with cover from": what follows supports the event's side
SUPPORT_BEFORE = re.compile(
    r"(?:backed|supported|covered|aided|assisted|helped)\s+by\s+(?:[\w.'’-]+\s+){0,4}$|"
    r"(?:with|under)\s+(?:the\s+)?(?:support|cover|backing|help)\s+(?:of|from)\s+"
    r"(?:[\w.'’-]+\s+){0,4}$|(?:with|under)\s+(?:[\w.'’-]+\s+){0,3}(?:cover|support)\s+"
    r"(?:from|of|by)\s+(?:[\w.'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def find_cues(text: str) -> list[Cue]:
    """Return every event cue in ``text`` in reading order.

    Examples
    --------
    >>> [c.kind for c in find_cues("Gunmen kidnapped a farmer after clashes.")]
    ['abduction', 'clash']
    """
    return list(_cues(text))


#: cues that make a sentence about an event rather than background
_STRONG = frozenset(
    {
        "suicide", "air", "shelling", "ied", "grenade", "chemical", "clash", "onesided",
        "abduction", "sexual", "protest", "riot", "disrupted", "arrest", "regain",
        "overtake", "grave",
    }
)  # fmt: skip


def has_weak_cue(text: str) -> bool:
    """Whether ``text`` names an event of a kind too weak to stand alone (a movement, damage).

    Examples
    --------
    >>> has_weak_cue("Militants set fire to crops near the village.")
    True
    >>> has_weak_cue("A bomb killed two soldiers.")
    False
    """
    return any(c.kind not in _STRONG for c in _cues(text))


#: a fight between tribes or clans ("clashes between two tribes", "a tribal feud")
TRIBAL_FIGHT = re.compile(
    r"\b(?:between|among)\s+(?:(?:two|three|rival|armed|local|members\s+of)\s+)*(?:tribes|clans|"
    r"tribal\s+groups|families)\b|\b(?:tribal|clan)\s+(?:disputes?|conflicts?|clash(?:es)?|"
    r"feuds?|fighting|fights?|gunfights?|gun\s+battles?|shoot-?outs?|disputes?)\b|\b(?:tribes|clans)\s+(?:clashed|fought|exchanged)\b|"
    r"\b(?:two|rival)\s+(?:tribes|clans)\b",
    re.IGNORECASE,
)


# the government's forces as the subject just before a territory verb
_STATE_SUBJECT = re.compile(
    r"\b(?:(?:iraqi|government|federal|security|pro-government)\s+(?:forces|troops|army|"
    r"police|units)|(?:army|military|police|peshmerga)\s+(?:units|forces|troops)|the\s+army|"
    r"troops|isf|counter[-\s]terrorism\s+(?:service|forces|units)|"
    r"popular\s+mobili[sz]ation\s+(?:forces|units)|pmf|pmu|hashd(?:\s+al-sha['’]?abi)?|"
    r"(?:kurdish\s+)?peshmerga(?:\s+forces)?)"
    r"(?:\s+(?:later|then|eventually|finally|subsequently|also))?"
    r"(?:\s+said\s+(?:that\s+)?(?:they|it)\s+(?:had|have|has))?\s+$",
    re.IGNORECASE,
)


@per_article
def event_strength(text: str) -> int:
    """Score how strongly ``text`` describes a concrete event (0 = not at all).

    Examples
    --------
    >>> event_strength("The city is the centre of the oil industry.")
    0
    >>> event_strength("A roadside bomb killed two soldiers.") > 1
    True
    """
    kinds = {c.kind for c in _cues(text)}
    score = len(kinds & _STRONG)
    if kinds == {"air"} and not _AIR_ACTION.search(text):
        return 0  # "a base that has hosted F-16 warplanes": aircraft, no strike
    folded = fold(text)
    lower = text.lower() if folded is None else folded
    if contains_any(lower, _KILL_STEMS):
        kill = _KILLS.search(text, folded)
        if kill is not None and not any(a <= kill.start() < b for a, b in _history_spans(text)):
            score += 1
    if score and (is_tally(text) or recalls_earlier(text)):
        return 0
    if (
        score
        and contains_any(lower, _BEGAN_STEMS)
        and _CAMPAIGN_BEGAN.search(text)
        and not read_figures(text)
    ):
        return 0  # "The offensive began on March 2, advancing from X": a campaign's start
    if score and _is_generic(text) and not read_figures(text):
        return 0  # "militias have been blamed for similar attacks": a pattern, not an event
    if score and _only_recalled(text):
        return 0  # "mourners gathered at a grave near X, where hundreds were shot dead"
    if score and text[:1] in QUOTES and not read_figures(text) and not kinds & _QUOTED_DEEDS:
        return 0  # a quoted opinion ("... because ISIS is collapsing in Mosul")
    if score and "summon" in lower and _SUMMONED.search(text) and not read_figures(text):
        return 0  # "summoned the Turkish ambassador to protest against air strikes"
    if score and contains_any(lower, _HEDGE_STEMS) and _HEDGE.test(text, folded):
        # a warning or a fear, not a report of an event (unless it gives figures)
        if ("protest" not in kinds or _CALL_TO_JOIN.search(text)) and not read_figures(text):
            score = 0  # (nor "called on his supporters to join a demonstration on Friday")
    return score


#: a diplomat summoned over a strike: a reaction, not the strike
_SUMMONED = re.compile(
    r"\bsummon(?:ed|s|ing)\s+(?:[\w'’-]+\s+){0,3}?(?:ambassador|envoy|charg[eé]|diplomat)s?\b",
    re.IGNORECASE,
)
_CAMPAIGN_BEGAN = re.compile(
    r"\b(?:the|an?|its|their)\s+(?:[\w-]+\s+){0,3}?(?:offensive|operation|campaign|battle|push)\b"
    r"[^.;]{0,60}?\b(?:began|begun|started|kicked\s+off|was\s+launched|got\s+under\s*way)\s+"
    r"(?:on|in)\b",
    re.IGNORECASE,
)
_BEGAN_STEMS = ("began", "begun", "started", "kicked", "launched", "under")
#: deeds a quote may report rather than opine on ('"A force ... arrested a terrorist in X"')
_QUOTED_DEEDS = frozenset({"arrest", "abduction", "disrupted", "onesided"})

_GENERIC = re.compile(
    r"\b(?:similar|such|previous|past|frequent|repeated)\s+(?:\w+\s+)?(?:attacks?|bombings?|"
    r"incidents?|strikes?|targets?|assaults?|raids?|killings?|kidnappings?|ambush(?:es)?)\b|"
    r"\b(?:attacks?|incidents?|bombings?)\s+of\s+(?:this|that|the\s+same)\s+(?:kind|sort|type)\b|"
    r"\b(?:borne|bear|bears|bore)\s+the\s+brunt\b|"
    # "a steady rate of car bomb attacks", "the majority of incidents were kidnappings"
    r"\b(?:rate|number|pace|frequency|tempo|level|majority|bulk)\s+of\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:attacks|bombings|incidents|kidnappings|assassinations|strikes|"
    r"cases)\b|"
    # a shipment of arms, not a missile fired
    r"\b(?:shipment|delivery|deliveries|consignment|batch|supply|supplies)\s+of\s+"
    r"(?:[\w-]+\s+){0,4}?(?:weapons|arms|ammunition|missiles|rockets|equipment)\b",
    re.IGNORECASE,
)


_AIR_ACTION = re.compile(
    r"\b(?:bomb(?:ed|ing|s)?|struck|strikes?|hit|hits|pounded|target(?:ed|ing|s)?|shell(?:ed|ing)|"
    r"fired|raid(?:ed|s)?|attack(?:ed|s)?|kill(?:ed|ing|s)?|destroy(?:ed|ing|s)?|launched|"
    r"carried\s+out|conducted|dropped|crashed|shot\s+down|downed|wound(?:ed|ing)|neutrali[sz]ed)\b",
    re.IGNORECASE,
)
_ORDINAL_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|last|\d+(?:st|nd|"
    r"rd|th))\s+$",
    re.IGNORECASE,
)


def _is_generic(text: str) -> bool:
    """Whether ``text`` speaks of attacks of a kind, not of one ("similar attacks").

    "the fourth such incident in a month" counts the one just told: still an event; so
    do operations "carried out" on a day the sentence tells ("On Feb 7, forces have
    carried out operations ...").
    """
    if any(
        not _ORDINAL_BEFORE.search(text, max(0, m.start() - 20), m.start())
        for m in _GENERIC.finditer(text)
    ):
        return True
    return _HABITUAL.search(text) is not None and _DAY_TOLD.search(text) is None


# "have since switched to hit-and-run attacks", "launching attacks on the roads": a way of
# fighting, not one fight
_HABITUAL = re.compile(
    r"\b(?:have|has)\s+(?:since\s+|also\s+|now\s+|long\s+)?(?:staged|launched|carried\s+out|"
    r"conducted|mounted|waged|switched\s+to|resorted\s+to|stepped\s+up|turned\s+to)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:attacks|ambushes|raids|bombings|assassinations|kidnappings|"
    r"operations|strikes)\b|"
    r"\b(?:launching|staging|carrying\s+out|mounting|waging)\s+(?:[\w-]+\s+){0,2}?(?:attacks|"
    r"ambushes|raids|bombings|kidnappings|insurgency)\b",
    re.IGNORECASE,
)
#: a day the sentence tells ("on Sunday", "on Feb 07", "on 7 February", "yesterday")
_DAY_TOLD = re.compile(
    r"\b(?:on\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|[a-z]{3,9}\.?\s+\d{1,2}\b|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9})|yesterday|today|overnight|last\s+night)\b",
    re.IGNORECASE,
)


# "in 2014", "since late 2015", "back in 2003": a year alone dates history, not news
HISTORY_YEAR = re.compile(
    r"\b(?:in|since|during|until|back\s+in)\s+(?:(?:early|late|mid)[-\s]?)?"
    r"(?P<year>19[5-9]\d|20[0-4]\d)\b(?!\s*[-/.]\s*\d)",
    re.IGNORECASE,
)
# "a 2016 truck bombing", "the July 2016 attacks": a year that names a past event; it
# dates what follows it in the sentence
_PAST_EVENT_YEAR = re.compile(
    r"\b(?:a|an|the|its|their)\s+(?:(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\s+)?(?:19[5-9]\d|20[0-4]\d)\s+(?=[a-z])",
    re.IGNORECASE,
)
# "to mark four years since IS overran Sinjar", "on the anniversary of": the past
_ANNIVERSARY = re.compile(
    r"\b(?:\w+\s+)(?:years?|decades?)\s+(?:since|after)\b|\banniversary\s+of\b",
    re.IGNORECASE,
)
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whom|where|when)\b", re.IGNORECASE)


# a running total over a period: "More than 20 mukhtars have been killed since January"
_TALLY_PERIOD = re.compile(
    r"\bsince\b|\bso\s+far\b|\bthis\s+year\b|\bin\s+recent\s+(?:days|weeks|months|years)\b|"
    r"\b(?:across|throughout|around)\s+the\s+country\b|\bnationwide\b|"
    r"\b(?:in|during|over)\s+(?:its|their|a|the)\s+(?:more\s+than\s+)?(?:\d+|\w+)[-\s]year\b|"
    r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:few\s+|\w+\s+)?"
    r"(?:days|weeks|months|years)\b",
    re.IGNORECASE,
)
_TALLY_VERB = re.compile(
    r"\b(?:have|has|had)\s+(?:now\s+|also\s+)?(?:been\s+)?(?:killed|died|wounded|injured|lost|"
    r"perished|kidnapped|abducted|executed|recorded|documented|counted|claimed|recaptured|"
    r"retaken|liberated|captured|seized|arrested|detained)\b|"
    r"\b(?:has|have|had)\s+been\s+responsible\s+for\s+the\s+deaths\b",
    re.IGNORECASE,
)
# "Basra has witnessed a wave of kidnappings over the past year": a trend
_TREND_VERB = re.compile(
    r"\b(?:have|has|had)\s+(?:also\s+)?(?:seen|witnessed|experienced|suffered|endured|borne)\b",
    re.IGNORECASE,
)
_LONG_PERIOD = re.compile(
    r"\bin\s+recent\s+(?:weeks|months|years)\b|\b(?:over|in|during)\s+the\s+(?:past|last)\s+"
    r"(?:few\s+|\w+\s+)?(?:weeks|months|years|year|month)\b|\bthis\s+(?:summer|spring|autumn|"
    r"winter|season|year)\b|\bsince\s+(?:the\s+(?:start|beginning)|(?:early\s+|late\s+)?(?:"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"20\d\d))\b",
    re.IGNORECASE,
)
# "struck the mountains three times this summer": how often, not one event
_TALLY_TIMES = re.compile(
    r"\b(?:two|three|four|five|six|several|many|multiple|\d+)\s+times\s+(?:this|last|since|in\s+the|"
    r"over\s+the|during)\b",
    re.IGNORECASE,
)


# "The killing comes days after 40 protesters were killed": an earlier event, not dated
_CAME_AFTER = re.compile(
    r"\b(?:came|comes|come|follows|followed)\s+(?:just\s+|only\s+|barely\s+|a\s+few\s+|"
    r"(?:less|more)\s+than\s+(?:a|an|one|two|three)\s+|a\s+(?=week|month|year)|"
    r"(?:two|three|four|several)\s+(?=weeks|months|years))?(?:days?|weeks?|months?|years?)\s+"
    r"(?:after|since)\b",
    re.IGNORECASE,
)


_TREND_STEMS = ("seen", "witnessed", "experienced", "suffered", "endured", "borne")
_HABIT = re.compile(
    r"\b(?:have|has)\s+(?:also\s+)?(?:been\s+)?(?:repeatedly|frequently|regularly|routinely|"
    r"often|increasingly|persistently)\b|\b(?:have|has)\s+been\s+(?:going\s+on|ongoing|"
    r"continuing)\b",
    re.IGNORECASE,
)
_HABIT_STEMS = ("repeatedly", "frequently", "regularly", "routinely", "often", "increasingly",
                "persistently", "ongoing", "going on", "continuing")  # fmt: skip


# "The killing is the latest in a wave of assassinations in A, B and C": the wave, not
# one more event
_LATEST_IN = re.compile(
    r"\b(?:the\s+)?(?:latest|most\s+recent|newest)\s+in\s+(?:a|the)\s+(?:[\w-]+\s+){0,2}?(?:wave|"
    r"series|string|spate|"
    r"spree|chain|line|run)\s+of\b",
    re.IGNORECASE,
)


def recalls_earlier(text: str) -> bool:
    """Whether a sentence sets the story after earlier events it does not date.

    Examples
    --------
    >>> recalls_earlier("The attack comes weeks after rockets hit two bases near Baghdad.")
    True
    >>> recalls_earlier("The raid came two days after a bomb killed a contractor.")
    False
    """
    lower = text.lower()
    if (
        ("latest" in lower or "recent" in lower)
        and _LATEST_IN.search(text)
        and not read_figures(text)
    ):
        return True
    if "after" not in lower and "since" not in lower:
        return False
    return bool(_CAME_AFTER.search(text))


def is_tally(text: str) -> bool:
    """Whether a sentence gives a running total over a period, not one event.

    Examples
    --------
    >>> is_tally("More than 20 village heads have been killed in the province since January.")
    True
    >>> is_tally("Gunmen killed a village head on Monday.")
    False
    >>> is_tally("The district has seen several kidnappings of shepherds in recent months.")
    True
    """
    lower = text.lower()
    if " times" in lower and _TALLY_TIMES.search(text):
        return True
    if contains_any(lower, _TREND_STEMS) and _TREND_VERB.search(text) and _LONG_PERIOD.search(text):
        return True
    if contains_any(lower, _HABIT_STEMS) and _HABIT.search(text) and not read_figures(text):
        return True  # "have repeatedly targeted the area", "protests have been ongoing"
    return bool(_TALLY_VERB.search(text)) and bool(_TALLY_PERIOD.search(text))


# (not "a wave of attacks on army positions south of X": one assault on one front)
_ROUNDUP = re.compile(
    r"\b(?:string|series|wave|spate|rash|flurry)\s+of\s+(?:[\w-]+\s+){0,3}?(?:bombings|"
    r"blasts|explosions|car\s+bombs)\b|\b(?:in\s+(?:(?:two|three|four|five|six|seven|\d+)\s+)?)?"
    r"(?:separate|several|multiple|"
    r"various)\s+(?:[\w-]+\s+){0,2}?(?:attacks|incidents|bombings|blasts|explosions|clashes)\b|"
    r"\b(?:across|throughout)\s+(?:iraq|the\s+country)\b|\bnationwide\b|\bin\s+all\b|"
    r"\bin\s+total\b|\baltogether\b|\b(?:over|in)\s+the\s+(?:past|last)\s+(?:two|three|four|"
    r"five|few|several|\d+)\s+days\b|\b(?:over|in)\s+the\s+(?:past|last)\s+(?:24|48|72)\s+hours\b",
    re.IGNORECASE,
)
# (words every match holds, specific enough to skip most sentences: " all", not "all")
_ROUNDUP_STEMS = ("string", "series", "wave", "spate", "rash", "flurry", "separate", "several",
                  "multiple", "various", "across", "throughout", "nationwide", " all", "total",
                  "altogether", "past", "last")  # fmt: skip


def is_roundup(text: str) -> bool:
    """Whether a sentence sums up several events ("a wave of bombings killed 30").

    Examples
    --------
    >>> is_roundup("Five people were killed in separate attacks across Iraq on Tuesday.")
    True
    >>> is_roundup("A series of bombings in and around Baghdad killed 11 people.")
    True
    >>> is_roundup("A car bomb killed 11 people in a Baghdad market.")
    False
    """
    lower = text.lower()
    if not contains_any(lower, _ROUNDUP_STEMS):
        return False
    # (not "stormed the compound after a wave of suicide car bombings": the means)
    return any(
        not _MEANS_BEFORE.search(text, max(0, m.start() - 16), m.start())
        for m in _ROUNDUP.finditer(text)
    )


_MEANS_BEFORE = re.compile(r"\b(?:after|following|with|using|amid)\s+(?:an?\s+|the\s+)?$", re.I)


_RECALLING = re.compile(r",\s*(?:where|which|who)\b", re.IGNORECASE)
_CLAUSE_TIME = re.compile(
    r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|"
    r"overnight|last\s+night|this\s+(?:morning|week)|earlier|later|then)\b|\b\d{1,2}\s+\w+",
    re.IGNORECASE,
)


def _only_recalled(text: str) -> bool:
    """Whether every event word of ``text`` sits in a relative clause that recalls the past.

    "... a grave near Kocho, where hundreds were shot dead in one day": the main clause
    tells no event, and the clause, undated, recalls one.
    """
    m = _RECALLING.search(text)
    if m is None:
        return False
    cues = _cues(text)
    if not cues or any(c.start < m.start() and c.kind in _STRONG for c in cues):
        return False
    return not _CLAUSE_TIME.search(text, m.end())


#: "people who fled the fighting": the fighting is what they left, not this event
_FLED = re.compile(
    r"\b(?:fled|flee(?:ing)?|escap(?:ed|ing)|displaced\s+by|driven\s+out\s+by)\s+(?:from\s+)?"
    r"(?:the\s+)?(?:recent\s+|heavy\s+|fierce\s+)?(?:fighting|clashes|violence|battles?|war|"
    r"offensive|combat|shelling|air\s*strikes|bombardment)\b",
    re.IGNORECASE,
)


def _fled_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of ``text`` that name a fight people fled (displacement, not an event).

    Examples
    --------
    >>> _fled_spans("Police held 25 men who had fled the fighting in Hawija.")
    [(27, 44)]
    >>> _fled_spans("Troops fought IS in Hawija.")
    []
    """
    if "fle" not in text and "escap" not in text and "displac" not in text and "driven" not in text:
        return []
    return [m.span() for m in _FLED.finditer(text)]


#: ", a day after gunmen shot dead a shopkeeper in the same town,": an earlier deed
_EARLIER_CLAUSE = re.compile(EARLIER_DEED + r"[^.;,]{4,}", re.IGNORECASE)


def _earlier_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of clauses that recall a deed days before or after this one."""
    if " after " not in text and " before " not in text:
        return []
    # (only beside a deed told before it: "The attack came a day after a rocket hit X"
    # tells nothing else, and what it recalls is the sentence's own news)
    folded = fold(text)
    return [
        m.span() for m in _EARLIER_CLAUSE.finditer(text) if _KILLS.test(text, folded, 0, m.start())
    ]


def _history_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of ``text`` that a bare year dates: background history.

    News of an event dates it by day ("on Monday", "21 October"); "Tikrit was retaken
    in 2015" recalls the past, and so does the whole sentence. A year inside a relative
    clause ("Mosul, which IS seized in 2014, ...") dates only that clause.

    Examples
    --------
    >>> text = "The town was retaken in 2015."
    >>> _history_spans(text) == [(0, len(text))]
    True
    >>> _history_spans("Troops entered Mosul, which IS seized in 2014, on Monday.")
    [(20, 45)]
    >>> _history_spans("Gunmen killed two farmers on 3 May 2018.")
    []
    >>> _history_spans("He was jailed for a 2016 bombing that killed 30.")
    [(18, 48)]
    """
    spans: list[tuple[int, int]] = []
    for m in _ANNIVERSARY.finditer(text) if ("year" in text or "anniversar" in text) else ():
        stop = text.find(". ", m.end())
        spans.append((m.start(), len(text) if stop < 0 else stop + 1))
    if "19" not in text and "20" not in text:  # every year the pattern reads has one
        return spans
    for m in HISTORY_YEAR.finditer(text):
        begin = text.rfind(". ", 0, m.start()) + 1  # the sentence (text may join several)
        clauses = list(_RELATIVE_CLAUSE.finditer(text, begin, m.start()))
        if clauses:
            spans.append((clauses[-1].start(), m.end()))
        else:
            stop = text.find(". ", m.end())
            spans.append((begin, len(text) if stop < 0 else stop + 1))
    for m in _PAST_EVENT_YEAR.finditer(text):
        stop = text.find(". ", m.end())
        spans.append((m.start(), len(text) if stop < 0 else stop + 1))
    return spans


def classify(
    text: str,
    *,
    killed: int = 0,
    civilians_hit: bool | None = None,
    cues: list[Cue] | None = None,
    killing: bool | None = None,
) -> tuple[str | None, str | None]:
    """Return ACLED's (event_type, sub_event_type) for the text of one event.

    Parameters
    ----------
    text : str
        The sentences about the event, joined.
    killed : int
        Fatalities read from the text, if known (a detail for ties).
    civilians_hit : bool, optional
        Whether the victims are civilians; guessed from the text when omitted.
    cues : list of Cue, optional
        The text's cues when the caller has them already (saves a pass).
    killing : bool, optional
        Whether the text reports someone killed (from casualty figures), if known.

    Returns
    -------
    (str, str) or (None, None)
        ``(None, None)`` when the text names no event.
    """
    if cues is None:
        cues = find_cues(text)
    if not cues:
        return None, None
    kinds = {c.kind for c in cues}
    counts: dict[str, int] = {}
    for c in cues:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    first: dict[str, int] = {}
    for c in cues:
        first.setdefault(c.kind, c.start)
    folded = fold(text)
    has_kills = _KILLS.test(text, folded) or killed > 0
    if civilians_hit is None:
        civilians_hit = victims_are_civilians(text)
    if killing is None:
        killing = any(f.kind == "killed" for f in read_figures(text))
    sub = _choose(
        kinds,
        counts,
        first,
        has_kills=has_kills,
        civilians=civilians_hit,
        text=text,
        folded=folded,
        killed=killed,
        killing=killing,
    )
    if sub is None:
        return None, None
    return _TYPE_OF[sub], sub


def _choose(
    kinds: set[str],
    counts: dict[str, int],
    first: dict[str, int],
    *,
    has_kills: bool,
    civilians: bool,
    text: str,
    folded: str | None,
    killed: int = 0,
    killing: bool = False,
) -> str | None:
    if (
        "suicide" in kinds
        and _SUICIDE_TARGETED.test(text, folded)
        and not _SUICIDE_ACT.test(text, folded)
    ):
        kinds = (kinds - {"suicide"}) | {"clash"}  # suicide bombers killed, not a bombing
    disarming = kinds & {"disrupted", "disposal"}
    if "suicide" in kinds and disarming and not _SUICIDE_USE.test(text, folded):
        kinds = kinds - {"suicide"}  # explosive belts seized or defused, not worn
    explosive = kinds & {"suicide", "air", "shelling", "ied", "grenade", "chemical"}
    firefight = _FIREFIGHT.test(text, folded)
    if firefight and (fled := _fled_spans(text)):
        firefight = any(
            not any(x <= a < y for x, y in fled) for a, _ in _FIREFIGHT.spans(text, folded)
        )
    hit = _HIT_PEOPLE.test(text, folded) and not _DISPOSAL_KILL.test(text, folded)
    # protests and riots
    if "protest" in kinds and not (
        explosive or ("onesided" in kinds and not _FORCES_ON_PROTESTERS.search(text))
    ):
        if has_kills and re.search(r"\b(?:protesters?|demonstrators?)\b", text, re.I):
            return "Excessive force against protesters"
        if "riot" in kinds:
            return "Violent demonstration"
        if "intervention" in kinds:
            return "Protest with intervention"
        return "Peaceful protest"
    if "riot" in kinds and not explosive and "clash" not in kinds:
        return "Mob violence" if re.search(r"\bmob\b", text, re.I) else "Violent demonstration"
    if "grave" in kinds and not killed:
        return "Other"
    if "chemical" in kinds:
        return "Chemical weapon"
    if (
        "air" in kinds
        and not (firefight and "clash" in kinds and first["clash"] < first["air"])
        and not (
            "shelling" in kinds and first["shelling"] < first["air"]
        )  # rockets hit an air base
    ):
        return "Air/drone strike"
    if (
        "regain" in kinds
        and disarming
        and not civilians
        and first["regain"] < min(first[k] for k in disarming)
    ):
        return "Government regains territory"  # a town retaken, then its bombs cleared
    if disarming and not hit and not (killing and not _DISPOSAL_KILL.test(text, folded)):
        if "arrest" in kinds and first["arrest"] < min(first[k] for k in disarming):
            return "Arrests"  # suspects arrested, then their weapons seized
        return "Disrupted weapons use"
    if "sexual" in kinds:
        return "Sexual violence"
    if "abduction" in kinds and _TAKEN_AND_KILLED.test(text, folded):
        return "Attack"  # "abducted and later killed four hunters": the killing is the event
    if "abduction" in kinds and (civilians or not has_kills) and not (explosive and hit):
        return "Abduction/forced disappearance"
    if (
        "regain" in kinds
        and explosive
        and not civilians
        and first["regain"] < (bang := min(first[k] for k in explosive))
        and ". " in text[first["regain"] : bang]
    ):
        # "Troops recaptured the town. Bulldozers cleared its streets of booby traps."
        return "Government regains territory"
    taken = kinds & {"regain", "overtake"}
    if taken and explosive and not civilians:
        won = min(first[k] for k in taken)
        bang = min(first[k] for k in explosive)
        if won < bang and _AFTER_MEANS.search(text, won, bang):
            # "IS seized Ramadi after a wave of suicide car bombs": the town changed hands
            if "regain" in taken:
                return "Government regains territory"
            return "Non-state actor overtakes territory"
    if "suicide" in kinds:
        if not civilians and _fought_at(text, folded, first, "suicide", firefight):
            return "Armed clash"  # suicide attackers among fighters in a battle
        return "Suicide bomb"
    if "shelling" in kinds and not _fought_at(text, folded, first, "shelling", firefight):
        return "Shelling/artillery/missile attack"
    if (
        "ied" in kinds
        and not _fought_at(text, folded, first, "ied", firefight)
        and not _ATTEMPT.test(text, folded)
    ):
        return "Remote explosive/landmine/IED"
    if "grenade" in kinds and not _fought_at(text, folded, first, "grenade", firefight):
        return "Grenade"
    if "regain" in kinds and not civilians:
        return "Government regains territory"
    if "overtake" in kinds and not civilians and "arrest" not in kinds:
        if _STATE_SUBJECT.search(text, max(0, first["overtake"] - 60), first["overtake"]):
            return "Government regains territory"  # "Iraqi forces took control of the town"
        return "Non-state actor overtakes territory"
    if "clash" in kinds and "onesided" not in kinds and TRIBAL_FIGHT.search(text):
        return "Armed clash"  # tribesmen fighting tribesmen: armed on both sides
    if (
        "onesided" in kinds
        and _BODIES_FOUND.test(text, folded)
        and not firefight
        and not _FIGHTERS_DEAD.test(text, folded)
    ):
        return "Attack"  # "Police found the bodies of three men": the dead, not the finders
    if "onesided" in kinds or ("clash" in kinds and civilians and (has_kills or hit)):
        return "Attack" if civilians or not _ARMED_WORDS.test(text, folded) else "Armed clash"
    if "clash" in kinds:
        if "arrest" in kinds and not has_kills and not firefight:
            return "Arrests"
        if civilians and not firefight:
            return "Attack"
        return "Armed clash"
    if explosive:
        return "Remote explosive/landmine/IED" if "ied" in kinds else "Armed clash"
    if "arrest" in kinds:
        return "Arrests"
    if "operation" in kinds and has_kills:
        return "Armed clash"
    if "agreement" in kinds:
        return "Agreement"
    if "base" in kinds:
        return "Headquarters or base established"
    if "handover" in kinds:
        return "Non-violent transfer of territory"
    if "property" in kinds:
        return "Looting/property destruction"
    if "movement" in kinds:
        return "Change to group/activity"
    if "operation" in kinds:
        return "Change to group/activity"
    return None


def _fought_at(
    text: str, folded: str | None, first: dict[str, int], kind: str, firefight: bool
) -> bool:
    """Whether the event's gunfight is told with its ``kind`` of weapon, not apart from it.

    A firefight told before the bomb or the shells, or in the same sentence, makes the
    event a battle; fighting named in a later sentence ("schools damaged in the
    fighting") does not.
    """
    if not firefight:
        return False
    fight = _FIREFIGHT.search(text, folded)
    if fight is not None and fight.start() < first[kind]:
        return True
    return _FIREFIGHT.test(*_sentence_around(text, folded, first[kind]))


def _sentence_around(text: str, folded: str | None, pos: int) -> tuple[str, str | None]:
    """Return the sentence of ``text`` around ``pos`` (and its folded form)."""
    start = text.rfind(". ", 0, pos) + 1
    end = text.find(". ", pos)
    end = len(text) if end < 0 else end + 1
    return text[start:end], None if folded is None else folded[start:end]


_BODIES_FOUND = _rx(
    r"\b(?:bodies|corpses|body)\b[^.;]{0,60}?\b(?:found|discovered|recovered|dumped|retrieved)\b|"
    r"\b(?:found|discovered|recovered|retrieved)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:bodies|corpses|body)\b"
)
# "killed and recovered the bodies of four militants": fighters dead in a fight
_FIGHTERS_DEAD = _rx(
    r"\bkill(?:ed|ing)\b[^.;]{0,100}\b(?:found|recovered|retrieved)\b|\bbodies\s+of\s+(?:\w+\s+){0,3}?"
    r"(?:militants|terrorists|fighters|jihadists|insurgents|attackers|gunmen|soldiers|policemen)\b"
)
_SUICIDE_TARGETED = _rx(
    r"\b(?:killed|killing|arrested|arresting|captured|capturing|shot|intercepted|foiled|"
    r"thwarted)\s+(?:\w+\s+){0,5}?suicide\s+(?:(?:car|truck)\s+)?(?:bombers?|attackers?)\b"
)
_SUICIDE_ACT = _rx(
    r"\bblew\s+(?:himself|themselves|herself)\s+up\b|\bdetonated\s+(?:his|her|their)\b|"
    r"\bsuicide\s+(?:(?:car|truck)\s+)?(?:bombers?|attackers?)\s+(?:\w+\s+){0,3}?"
    r"(?:targeted|struck|attacked|hit|"
    r"detonated|exploded|killed)\b"
)


_SUICIDE_USE = _rx(
    r"\bsuicide[\s-]+(?:(?:car|truck|vehicle|motorcycle)\s+)?(?:bomb(?:er|ers|ing|ings|s)?|"
    r"attack(?:er|ers|s)?|trucks?|vehicles?|cars?)\b|\bblew\s+(?:himself|themselves|herself)\s+up\b|\bdetonated\s+(?:his|her|"
    r"their)\b|\binghimasi\b|\bsvbied\b"
)


# "security forces shot dead 25 protesters": force against a protest, not a killing spree
_FORCES_ON_PROTESTERS = re.compile(
    r"\b(?:security\s+forces|police|troops|soldiers|riot\s+police|army)\b[^.;]{0,60}?\b(?:shot|"
    r"killed|opened\s+fire|fired)\b[^.;]{0,40}?\b(?:protesters|demonstrators)\b",
    re.IGNORECASE,
)
_AFTER_MEANS = re.compile(r"\b(?:after|following|with|using|backed\s+by)\b", re.IGNORECASE)
_TAKEN_AND_KILLED = _rx(
    r"\b(?:abducted|kidnapped|seized|snatched)\s+and\s+(?:later\s+|then\s+|subsequently\s+)?"
    r"(?:killed|executed|murdered|shot\s+dead|beheaded)\b|"
    r"\b(?:abducted|kidnapped|seized|snatched)\b[^.;]{0,80}?\band\s+(?:later\s+|then\s+|"
    r"subsequently\s+)?(?:killed|executed|murdered|shot\s+dead|beheaded)\s+(?:them|him|her|all|both)\b",
    needles=("abducted", "kidnapped", "seized", "snatched"),
)
_FIREFIGHT = _rx(
    r"\breturned\s+fire\b|\bresponded\s+to\s+the\s+fire\b|\bfired\s+back\b|"
    r"\b(?:surrounded|cornered|besieged)\s+by\b|\bclash(?:es|ed)?\b|\bfire\s*fights?\b|"
    r"\bgun\s*(?:battles?|fights?)\b|\b(?:exchange(?:d)?|trad(?:ed|ing))\s+"
    r"(?:of\s+)?(?:gun)?fire\b|\bambush(?:ed)?\b|\brepel(?:led)?\b|\brepuls(?:ed|e)\b|\bfighting\b|"
    r"\bcombat\b|\bskirmish(?:es)?\b|\bstormed\b|\bopened\s+fire\b|\bfought\b|\bbattl(?:ed|ing)\b|"
    r"\battacked\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:checkpoints?|positions?|posts?|bases?|barracks|outposts?|headquarters)\b",
    needles=("fire", "surrounded", "cornered", "besieged", "clash", "gun", "exchange", "trad",
             "ambush", "repel", "repuls", "fighting", "combat", "skirmish", "stormed", "attacked",
             "fought", "battl"),
)  # fmt: skip
_DISPOSAL_KILL = _rx(
    r"\b(?:killed|died|wounded|injured)\b[^.]{0,60}\b(?:while|when)\s+(?:planting|"
    r"dismantling|defusing|trying\s+to\s+(?:defuse|dismantle|plant))",
    needles=("planting", "dismantling", "defusing", "trying"),
)
_HIT_PEOPLE = _rx(
    r"\b(?:killed|killing|wounded|wounding|injured|injuring)\b[^.]{0,40}\b(?:civilians?|"
    r"soldiers?|policem[ae]n|members?|fighters?|people|others?|officers?|farmers?|children)\b|"
    r"\b(?:civilians?|soldiers?|policem[ae]n|members?|fighters?|people|others?|officers?|"
    r"farmers?|children)\b[^.]{0,30}\b(?:were|was)\s+(?:killed|wounded|injured)\b",
    needles=("kill", "wound", "injur"),
)


# ACLED's names before 2019 -> the current event types
_OLD_TYPES = {
    "remote violence": "Explosions/Remote violence",
    "battle-no change of territory": "Battles",
    "battle-government regains territory": "Battles",
    "battle-non-state actor overtakes territory": "Battles",
    "violence against civilians": "Violence against civilians",
    "riots/protests": "Protests",
    "protests": "Protests",
    "riots": "Riots",
    "strategic development": "Strategic developments",
    "strategic developments": "Strategic developments",
    "headquarters or base established": "Strategic developments",
    "non-violent transfer of territory": "Strategic developments",
    "non-violent activity by a conflict actor": "Strategic developments",
    "battles": "Battles",
    "explosions/remote violence": "Explosions/Remote violence",
}


def map_acled_type(event_type: str) -> str | None:
    """Map an ACLED event type (old or current name) to the current type.

    ``Riots/Protests`` maps to ``Protests``; scorers should also accept ``Riots``.

    Examples
    --------
    >>> map_acled_type("Remote violence")
    'Explosions/Remote violence'
    >>> map_acled_type("Battle-No change of territory")
    'Battles'
    >>> map_acled_type("nonsense") is None
    True
    """
    return _OLD_TYPES.get(event_type.strip().lower())
