"""Fold the many transliterations of an Iraqi place name onto one matching key.

Reporters, GeoNames and the Kurdish and Arabic press spell the same place a dozen ways
(Hawija, Hawijah, Haweeja, Al-Hawija, Al Ḩawījah, الحويجة). :func:`normalize` maps all
of them to one key, so that a dictionary lookup finds the place whatever the spelling.
The key is for matching only: it is lossy on purpose and never shown to users.

What is folded, in order:

* Arabic script: tashkeel and tatweel are removed, alef forms (أ إ آ ٱ) become ا, ta
  marbuta ة becomes ه, alef maqsura ى becomes ي, the Kurdish and Persian letters (ی ک ە
  ێ ۆ ڵ ڕ ھ گ چ) their Arabic counterparts, and the article ال is dropped from each word.
* Latin script: case, diacritics (ā ḩ ş ţ ê î û), the marks that stand for hamza and ayn
  (' ʿ ʾ ‘ ’ `), Kurdish x (= kh) and ç (= ch).
* Definite articles (al-, el-, il-, ul-, and the assimilated ad-, adh-, ar-, as-, ash-,
  at-, ath-, az-, an- when the next word starts with that consonant), the prefixes
  Nahiyat / Qaryat / Qada / Qadaa / Qeza-i / Markaz, and the words written many ways:
  Tal / Tel / Tall / Tell, Albu / Al Bu, Ain / Ayn / Ein, Sheikh / Shaykh, Jabal / Jebel,
  Beit / Bayt, Deir / Dayr, Hay / Hayy, Abu / Abi.
* Letters: dh > d, th > t, kh and gh > k, ch > j, ph > f, q and g > k, e > i, y > i,
  o and ou > u, a final h after a vowel is dropped (-ah = -a), doubled letters collapse.
* Spaces and punctuation are removed, so "Tal Afar" and "Tall 'Afar" meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["is_arabic", "normalize", "skeleton"]

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f]")

_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ێ": "ي",
        "ک": "ك",
        "ە": "ه",
        "ھ": "ه",
        "ۆ": "و",
        "ۇ": "و",
        "ڵ": "ل",
        "ڕ": "ر",
        "ڤ": "ف",
        "گ": "ك",
        "چ": "ج",
        "پ": "ب",
        "ژ": "ز",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
    }
)

# Characters NFKD does not decompose but that stand for a plain letter or nothing.
_LATIN_MAP = str.maketrans(
    {
        "ı": "i",
        "ç": "ch",
        "ł": "l",
        "ß": "ss",
        "ø": "o",
        "æ": "ae",
        "đ": "d",
        "ħ": "h",
        "'": "",
        "’": "",
        "‘": "",
        "ʿ": "",
        "ʾ": "",
        "ʼ": "",
        "`": "",
        "´": "",
        "ʻ": "",
    }
)

_NON_WORD = re.compile(r"[\W_]+")
_ARTICLES = frozenset({"al", "el", "il", "ul"})
_SUN_ARTICLES = {
    "ad": ("d",),
    "adh": ("dh",),
    "ar": ("r",),
    "as": ("s",),
    "ash": ("sh",),
    "at": ("t",),
    "ath": ("th",),
    "az": ("z",),
    "an": ("n",),
}
_PREFIXES = frozenset(
    {
        "nahiyat",
        "nahiya",
        "nahiyah",
        "nahia",
        "nahiye",
        "qaryat",
        "qarya",
        "qaryah",
        "qariyat",
        "qariya",
        "qada",
        "qadaa",
        "qadha",
        "qaza",
        "qeza",
        "kaza",
        "markaz",
    }
)
# Whole words spelled many ways: one form for each.
_WORD_FORMS = {
    **dict.fromkeys(("tal", "tel", "tall", "tell", "til", "till"), "tal"),
    **dict.fromkeys(("albu", "albo"), "bu"),
    **dict.fromkeys(("ain", "ayn", "ein", "eyn", "aen", "ayin"), "ain"),
    **dict.fromkeys(("sheikh", "sheik", "shaykh", "shaikh", "shekh", "sheykh", "shaik"), "shaikh"),
    **dict.fromkeys(("jabal", "jebel", "jabel", "jebal", "jbel"), "jabal"),
    **dict.fromkeys(("beit", "bayt", "bait", "beyt"), "bait"),
    **dict.fromkeys(("deir", "dayr", "dair", "deyr"), "dair"),
    **dict.fromkeys(("hay", "hayy", "hai"), "hai"),
    # "Abu" after a preposition is "Abi" in Arabic ("near Abi Saida" = Abu Saida)
    **dict.fromkeys(("abu", "abi"), "abu"),
}

# Order matters: digraphs before single letters.
_DIGRAPHS = (
    ("x", "kh"),
    ("ç", "ch"),
    ("ph", "f"),
    ("dh", "d"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "k"),
    ("ch", "j"),
    ("dj", "j"),
    ("ou", "u"),
    ("oo", "u"),
)
_LETTERS = str.maketrans({"q": "k", "g": "k", "e": "i", "y": "i", "o": "u", "w": "w"})
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def is_arabic(text: str) -> bool:
    """Return whether ``text`` contains an Arabic-script letter.

    Examples
    --------
    >>> is_arabic("الحويجة")
    True
    >>> is_arabic("Hawija")
    False
    """
    return _ARABIC_LETTER.search(text) is not None


def _fold_arabic_word(word: str) -> str:
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word


def _fold_latin_word(word: str) -> str:
    for old, new in _DIGRAPHS:
        if old in word:
            word = word.replace(old, new)
    word = word.translate(_LETTERS)
    word = _FINAL_H.sub("", word)
    return word


def _drop_articles(words: list[str]) -> list[str]:
    out: list[str] = []
    n = len(words)
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < n else ""
        if nxt and word in _ARTICLES:
            continue
        if nxt and word in _SUN_ARTICLES and nxt.startswith(_SUN_ARTICLES[word]):
            continue
        out.append(word)
    if len(out) > 1 and out[0] in _PREFIXES:
        out = out[1:]
        if len(out) > 1 and out[0] == "i":  # Kurdish "Qeza-i X"
            out = out[1:]
    return [_WORD_FORMS.get(w, w) for w in out] or words


@functools.lru_cache(maxsize=131072)
def normalize(name: str) -> str:
    """Return the matching key of a place name.

    Parameters
    ----------
    name : str
        A place name in Latin or Arabic script, in any transliteration.

    Returns
    -------
    str
        The folded key; ``""`` when the name has no letters.

    Examples
    --------
    >>> normalize("Hawija") == normalize("Al-Hawijah") == normalize("Haweeja")
    True
    >>> normalize("Al Ḩawījah") == normalize("Hawija")
    True
    >>> normalize("Kirkuk") == normalize("Kerkuk") == normalize("KIRKUK")
    True
    >>> normalize("Tal Afar") == normalize("Tall ‘Afar") == normalize("Tel Afar")
    True
    >>> normalize("Baquba") == normalize("Ba'qubah") == normalize("Baqubah")
    True
    >>> normalize("Qayyarah") == normalize("Al-Qaiyara") == normalize("Gayara")
    True
    >>> normalize("Ash Sharqāt") == normalize("Sharqat")
    True
    >>> normalize("Nahiyat al Iskandariyah") == normalize("Iskandariya")
    True
    >>> normalize("Albu Nimr") == normalize("Al Bu Nimr") == normalize("Al-Bu Nimr")
    True
    >>> normalize("Sheikh Saad") == normalize("Shaykh Sa'd")
    True
    >>> normalize("Abi Saida") == normalize("Abu Sayda")
    True
    >>> normalize("Mexmur") == normalize("Makhmur")
    False
    >>> normalize("Mexmûr") == normalize("Mekhmur")
    True
    >>> normalize("الحويجة") == normalize("حويجه")
    True
    >>> normalize("أربيل") == normalize("اربيل")
    True
    >>> normalize("")
    ''
    >>> normalize("  --  ")
    ''
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    if is_arabic(text):
        text = _TASHKEEL.sub("", text).translate(_ARABIC_MAP)
    text = text.casefold().translate(_LATIN_MAP)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    words = [w for w in _NON_WORD.split(text) if w]
    if not words:
        return ""
    words = _drop_articles(words)
    folded = [
        _fold_arabic_word(w) if _ARABIC_LETTER.match(w) else _fold_latin_word(w) for w in words
    ]
    return _DOUBLE.sub(r"\1", "".join(folded))


_VOWELS = re.compile("[aiu]")


@functools.lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """Return the consonant skeleton of a :func:`normalize` key (a looser key).

    The first letter is kept; later vowels are dropped. Keys of Arabic script are
    returned unchanged. Skeletons shorter than three letters are not useful and come
    back as ``""``.

    Examples
    --------
    >>> skeleton(normalize("Huwayjah")) == skeleton(normalize("Hawija"))
    True
    >>> skeleton("abu")
    ''
    """
    if not key or _ARABIC_LETTER.match(key):
        return key
    sk = key[0] + _VOWELS.sub("", key[1:])
    sk = _DOUBLE.sub(r"\1", sk)
    return sk if len(sk) >= 3 else ""
