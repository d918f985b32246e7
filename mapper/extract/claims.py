"""How sure a report is: ``reported``, ``claimed`` or ``unconfirmed``.

* ``claimed``: a party to the conflict speaks for itself ("according to the group's
  Amaq news agency", "IS claimed responsibility", "in a statement claiming").
* ``unconfirmed``: the outlet says it could not check ("could not confirm", "could
  not independently verify", "unverified", "this could not be confirmed"), or the
  only source is anonymous ("an anonymous source", "a source who asked not to be
  named").
* ``reported``: anything else.

Unconfirmed beats claimed: a claim the outlet could not check is still unchecked.

Examples
--------
>>> claim_status("Amaq said the group's fighters killed ten soldiers.")
'claimed'
>>> claim_status("Reuters could not independently verify the report.")
'unconfirmed'
>>> claim_status("Police said two people were killed.")
'reported'
"""

from __future__ import annotations

import re

from mapper.extract._memo import per_article
from mapper.extract._triggers import FoldedPattern, contains_any, fold

__all__ = ["CLAIMED", "CLAIMED_DEED", "REPORTED", "UNCONFIRMED", "claim_span", "claim_status"]

REPORTED = "reported"
CLAIMED = "claimed"
UNCONFIRMED = "unconfirmed"

_UNCONFIRMED = FoldedPattern(
    r"\b(?:could\s+not|couldn['’]t|cannot|can['’]t|was\s+unable\s+to|were\s+unable\s+to|"
    r"(?:was|were|is|are)\s+not\s+able\s+to|"
    r"has\s+not\s+been\s+able\s+to|have\s+not\s+been\s+able\s+to|unable\s+to)\s+"
    r"(?:be\s+)?(?:independently\s+)?(?:confirm|verify|verified|confirmed|corroborate)\w*|"
    r"\b(?:unverified|unconfirmed|not\s+(?:been\s+)?(?:independently\s+)?(?:confirmed|"
    r"verified))\b|\b(?:an?\s+)?anonymous\s+(?:source|official|security\s+source)s?\b|"
    r"\bwho\s+(?:asked|spoke\s+on\s+condition)\s+(?:not\s+to\s+be\s+named|of\s+anonymity)\b|"
    r"\bon\s+condition\s+of\s+anonymity\b|\bunsubstantiated\b|\brumou?red\b",
    needles=("confirm", "verif", "corroborat", "anonym", "named", "unsubstantiated", "rumo"),
)
#: "claimed the Hilla bombing", "claims both attacks": a group owns a deed it names
CLAIMED_DEED = (
    r"\bclaim(?:ed|s)\s+(?:the|this|that|both|these)\s+(?:[\w'’-]+\s+){0,3}?(?:attacks?|bombings?|"
    r"blasts?|explosions?|assaults?|ambush|killings?|assassination|kidnapping|abduction)\b"
)
#: "... said in a statement that it had carried out the attack": a teller owns the deed
SAID_IT_DID = (
    r"\bsaid\b[^.;]{0,60}?\b(?:it|its\s+(?:fighters|militants|members|men))\s+(?:had\s+|has\s+)?"
    r"(?:carried\s+out|was\s+behind|were\s+behind|staged|conducted|executed)\b"
)
_CLAIMED = FoldedPattern(
    r"\ba['’]?a?maq\b|\b(?:was|were|been)\s+(?:later\s+|subsequently\s+|quickly\s+)?claimed\s+by\b|\bclaim(?:ed|s|ing)?\s+(?:responsibility|the\s+attack|credit)\b|"
    r"\bresponsibility\s+(?:was\s+)?claimed\b|\b(?:in\s+a\s+)?statement\s+claiming\b|"
    r"\b(?:the\s+)?(?:group|militants|organisation|organization)['’]s?\s+(?:own\s+)?"
    r"(?:news\s+agency|media\s+(?:wing|outlet|arm)|propaganda)\b|\bclaimed\s+that\s+(?:their|"
    r"its)\s+fighters\b|\bclaimed\s+(?:\w+\s+){1,3}?that\s+(?:their|its)\s+(?:fighters|militants|"
    r"members)\b|\b(?:is|isis|daesh)\s+claimed\b|" + CLAIMED_DEED + "|"
    r"\b(?:is|isis|isil|daesh|islamic\s+state(?:\s+group)?|the\s+(?:militant\s+|jihadist\s+)?"
    r"group)\s+" + SAID_IT_DID[2:],
    needles=(
        "amaq",
        "claim",
        "agency",
        "media",
        "propaganda",
        "carried",
        "behind",
        "staged",
        "conducted",
        "executed",
    ),
)


_STEMS = ("confirm", "verif", "corroborat", "anonym", "named", "unsubstantiated", "rumo",
          "amaq", "claim", "responsib", "statement", "agency", "media", "propaganda",
          "carried", "behind", "staged", "conducted", "executed")  # fmt: skip


_NO_CLAIM = re.compile(
    r"\b(?:no\s+(?:one|group|party|organi[sz]ation)|nobody|none|not|yet\s+to|has\s+not|"
    r"have\s+not|hasn['’]t|haven['’]t|did\s+not|didn['’]t)\b[^.;]{0,25}$",
    re.IGNORECASE,
)


@per_article
def claim_span(text: str) -> tuple[str, int, int] | None:
    """Return (status, start, end) of the words that decide the claim status, if any."""
    lower = text.lower()
    if not contains_any(lower, _STEMS):
        return None
    folded = fold(text)  # only the offsets of the matches are used
    m = _UNCONFIRMED.fast_search(text, folded)
    if m is not None:
        return UNCONFIRMED, m.start(), m.end()
    for m in _CLAIMED.fast_finditer(text, folded):
        if _NO_CLAIM.search(text, max(0, m.start() - 40), m.start()):
            continue  # "no group has claimed responsibility"
        return CLAIMED, m.start(), m.end()
    return None


def claim_status(text: str) -> str:
    """Return ``reported``, ``claimed`` or ``unconfirmed`` for the text of one event."""
    found = claim_span(text)
    return found[0] if found else REPORTED
